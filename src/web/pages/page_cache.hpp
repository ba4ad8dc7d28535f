// A micro-cache of public pages: a page rendered for the anonymous public is kept for a short time
// (default one second) and served again to anyone asking for the same URL. Under load this turns many
// identical requests into one render; a reader sees data at most `ttl` old. Every write through the
// portal calls Invalidate(), so staff see their own changes at once; writes by other processes (the CLI
// import, another app instance) show after at most `ttl`. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "web/http.hpp"

namespace jospar::web {

class PageCache {
 public:
  using Clock = std::chrono::steady_clock;

  explicit PageCache(std::chrono::milliseconds ttl = std::chrono::milliseconds(1000),
                     std::size_t max_entries = 4096)
      : ttl_(ttl), max_entries_(max_entries) {}

  // The cached response for `key` when it is younger than the ttl and no Invalidate() came after the
  // rendering of it began.
  std::optional<Response> Get(const std::string& key, Clock::time_point now = Clock::now()) const;
  // Keeps `response` for `key`, rendered from data read at or after `rendering_began` (take it before the
  // first read). Ignored when an Invalidate() came at or after that time (the page may predate the write),
  // and for responses other than 200 or that set a cookie. The page's age counts from `rendering_began`.
  void Put(const std::string& key, const Response& response, Clock::time_point rendering_began);
  // Forgets everything, and refuses pages whose rendering began before now (after a write).
  void Invalidate();

  // True when a request may be answered from, or stored in, the cache: a GET by the anonymous public
  // without cookies that change the page (flash message, session).
  static bool Cacheable(const Request& req);

 private:
  struct Entry {
    Response response;
    Clock::time_point stored;
  };
  std::chrono::milliseconds ttl_;
  std::size_t max_entries_;
  mutable std::shared_mutex mu_;  // guards entries_ and invalidated_
  std::unordered_map<std::string, Entry> entries_;
  Clock::time_point invalidated_ = Clock::time_point::min();  // the last Invalidate()
};

}  // namespace jospar::web
