// The open-data files the server offers: built from the store on demand (every public dataset as CSV and
// JSON, the Open SDG archive), kept in memory, copied to data_dir/open-data/ when a data folder is
// configured, and rebuilt when older than a time to live, so that downloads follow the store within that
// time while a burst of downloads costs one build. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"
#include "formats/opendata_export.hpp"

namespace jospar::web {

struct OpenDataState {
  std::vector<formats::ExportFile> files;  // see formats::SerializeOpenData
  std::string generated_at;                // UTC ISO 8601
  std::int64_t built_at = 0;               // Unix seconds
  std::vector<std::string> warnings;       // what the Open SDG format could not carry

  // The file with this name, or null.
  const formats::ExportFile* Find(std::string_view name) const;
};

// Records the hashes of files that are new or changed since the last build (e.g. in the transparency
// log); called once per such build with those files and the build's time. A failure is logged and the
// files are offered all the same; they are passed again with the next build.
using ExportRecorder =
    std::function<Status(const std::vector<formats::ExportFile>& changed, const std::string& time)>;

struct AppContext;
class Router;

// GET /open-data/{name} (a file, with ETag = its SHA-256, Content-Disposition, 304 on If-None-Match; the
// server adds Content-Length) and GET /api/v1/open-data (the catalogue: datasets, dictionary in kk/ru/en,
// files with size and SHA-256).
void RegisterOpenDataRoutes(Router& router, AppContext& ctx);

class OpenDataExports {
 public:
  // `clock` gives Unix seconds. ttl_seconds 0 rebuilds on every call. With `background_refresh`, files
  // older than the time to live are rebuilt on a worker thread while callers get the previous ones (the
  // server); without, the caller that finds them stale waits for the new ones (tests, tools).
  OpenDataExports(Store& store, std::string data_dir, std::function<std::int64_t()> clock,
                  int ttl_seconds = 60, bool background_refresh = false);
  ~OpenDataExports();  // waits for a background build to finish
  OpenDataExports(const OpenDataExports&) = delete;
  OpenDataExports& operator=(const OpenDataExports&) = delete;

  // The current files: built now when there are none yet; when they are older than the time to live,
  // rebuilt (see background_refresh; other callers get the previous ones while one builds). Store errors
  // as they come.
  Result<std::shared_ptr<const OpenDataState>> Current();

  void SetRecorder(ExportRecorder recorder);

 private:
  Result<std::shared_ptr<const OpenDataState>> Build();

  Store& store_;
  std::string data_dir_;
  std::function<std::int64_t()> clock_;
  int ttl_;
  bool background_;
  // Set by the caller that starts a background rebuild, cleared by the worker as its last step: so the
  // next rebuild may be started while the previous worker is still being stored in worker_ by the caller
  // that started it; worker_mu_ makes joining and replacing it one step at a time.
  std::atomic<bool> refreshing_{false};
  std::mutex worker_mu_;  // guards worker_
  std::thread worker_;
  std::mutex mu_;        // guards state_, recorded_, recorder_
  std::mutex build_mu_;  // one build at a time
  std::shared_ptr<const OpenDataState> state_;
  std::set<std::pair<std::string, std::string>> recorded_;  // (name, sha256) recorded so far
  ExportRecorder recorder_;
};

}  // namespace jospar::web
