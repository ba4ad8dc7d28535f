#include "web/pages/page_cache.hpp"

#include "web/pages/view.hpp"

namespace jospar::web {

std::optional<Response> PageCache::Get(const std::string& key, Clock::time_point now) const {
  if (ttl_.count() <= 0) return std::nullopt;
  std::shared_lock lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || now - it->second.stored >= ttl_) return std::nullopt;
  return it->second.response;
}

void PageCache::Put(const std::string& key, const Response& response, Clock::time_point rendering_began) {
  if (ttl_.count() <= 0 || response.status != 200) return;
  for (const auto& [name, value] : response.headers)
    if (name == "Set-Cookie") return;  // never share a response that sets a cookie
  const Clock::time_point now = rendering_began;
  std::unique_lock lock(mu_);
  // A write invalidated the cache while (or after) this page was rendered: it may show the data before it.
  if (rendering_began <= invalidated_) return;
  if (entries_.size() >= max_entries_) {
    // Drop what has expired; if that is not enough, start afresh (cheap, and rare).
    for (auto it = entries_.begin(); it != entries_.end();)
      it = now - it->second.stored >= ttl_ ? entries_.erase(it) : std::next(it);
    if (entries_.size() >= max_entries_) entries_.clear();
  }
  entries_.insert_or_assign(key, Entry{response, now});
}

void PageCache::Invalidate() {
  std::unique_lock lock(mu_);
  // Taken under the lock, after the write committed: a render that began before it may have read the data
  // before the write, one that begins after it reads them after.
  invalidated_ = Clock::now();
  entries_.clear();
}

bool PageCache::Cacheable(const Request& req) {
  if (req.method != "GET" && req.method != "HEAD") return false;
  if (req.principal.IsSignedIn() || req.session) return false;
  if (req.Cookie(kFlashCookie)) return false;
  return true;
}

}  // namespace jospar::web
