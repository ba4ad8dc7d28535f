#include "web/opendata/open_data.hpp"

#include <filesystem>

#include "core/opendata/export.hpp"
#include "web/context.hpp"
#include "web/dispatch.hpp"

namespace jospar::web {

const formats::ExportFile* OpenDataState::Find(std::string_view name) const {
  for (const auto& f : files)
    if (f.name == name) return &f;
  return nullptr;
}

OpenDataExports::OpenDataExports(Store& store, std::string data_dir, std::function<std::int64_t()> clock,
                                 int ttl_seconds, bool background_refresh)
    : store_(store),
      data_dir_(std::move(data_dir)),
      clock_(std::move(clock)),
      ttl_(ttl_seconds),
      background_(background_refresh) {}

OpenDataExports::~OpenDataExports() {
  std::lock_guard lock(worker_mu_);
  if (worker_.joinable()) worker_.join();
}

void OpenDataExports::SetRecorder(ExportRecorder recorder) {
  std::lock_guard lock(mu_);
  recorder_ = std::move(recorder);
}

Result<std::shared_ptr<const OpenDataState>> OpenDataExports::Current() {
  std::shared_ptr<const OpenDataState> current;
  {
    std::lock_guard lock(mu_);
    current = state_;
  }
  const auto fresh = [this](const std::shared_ptr<const OpenDataState>& s) {
    return s && ttl_ > 0 && clock_() - s->built_at < ttl_;
  };
  if (fresh(current)) return current;
  if (current && background_) {
    if (!refreshing_.exchange(true)) {
      // The previous worker has cleared refreshing_ (its last step), but its starter may still be storing
      // it in worker_: wait for that, then join it (it is finished or about to be).
      std::lock_guard lock(worker_mu_);
      if (worker_.joinable()) worker_.join();
      worker_ = std::thread([this] {
        {
          std::lock_guard build(build_mu_);
          if (auto st = Build(); !st) LogEvent(3, "open data not rebuilt", {{"detail", st.error().detail}});
        }
        refreshing_ = false;
      });
    }
    return current;
  }
  std::unique_lock build(build_mu_, std::defer_lock);
  if (current) {
    if (!build.try_lock()) return current;  // someone is building: the previous files meanwhile
  } else {
    build.lock();
  }
  {
    std::lock_guard lock(mu_);
    if (state_ != current && fresh(state_)) return state_;  // built while we waited
  }
  return Build();
}

Result<std::shared_ptr<const OpenDataState>> OpenDataExports::Build() {
  auto snapshot = usecases::ReadOpenData(store_);
  if (!snapshot) return Fail(snapshot.error());
  auto bundle = formats::SerializeOpenData(
      *snapshot,
      {formats::ExportFormat::kCsv, formats::ExportFormat::kJson, formats::ExportFormat::kOpenSdg});
  if (!bundle) return Fail(bundle.error());
  auto state = std::make_shared<OpenDataState>();
  state->built_at = clock_();
  state->generated_at = IsoTime(state->built_at);
  state->files = std::move(bundle->files);
  state->warnings = std::move(bundle->warnings);
  if (!data_dir_.empty()) {
    const auto dir = std::filesystem::path(data_dir_) / "open-data";
    for (const auto& f : state->files) {
      if (auto st = formats::WriteFileAtomically((dir / f.name).string(), *f.bytes); !st)
        LogEvent(3, "open data file not written", {{"detail", st.error().detail}});
    }
    if (auto st =
            formats::WriteFileAtomically((dir / "SHA256SUMS").string(), formats::Sha256Sums(state->files));
        !st)
      LogEvent(3, "open data file not written", {{"detail", st.error().detail}});
  }
  ExportRecorder recorder;
  std::vector<formats::ExportFile> changed;
  {
    std::lock_guard lock(mu_);
    recorder = recorder_;
    for (const auto& f : state->files)
      if (!recorded_.count({f.name, f.sha256})) changed.push_back(f);
  }
  if (recorder && !changed.empty()) {
    if (auto st = recorder(changed, state->generated_at); !st) {
      LogEvent(3, "open data hashes not recorded", {{"detail", st.error().detail}});
    } else {
      std::lock_guard lock(mu_);
      for (const auto& f : changed) recorded_.insert({f.name, f.sha256});
    }
  }
  std::lock_guard lock(mu_);
  state_ = state;
  return std::shared_ptr<const OpenDataState>(state);
}

}  // namespace jospar::web
