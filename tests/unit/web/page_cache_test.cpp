// The micro-cache of public pages: short-lived, shared only for the anonymous public, never with cookies,
// emptied by writes.
#include "web/pages/page_cache.hpp"

#include <gtest/gtest.h>

namespace jospar::web {
namespace {

using namespace std::chrono_literals;

Response Page(std::string body, int status = 200) { return Response::Html(status, std::move(body)); }

TEST(PageCache, ServesAPageUntilItExpires) {
  PageCache cache(1000ms);
  const auto t0 = PageCache::Clock::now();
  EXPECT_FALSE(cache.Get("/en/", t0));
  cache.Put("/en/", Page("home"), t0);
  ASSERT_TRUE(cache.Get("/en/", t0 + 999ms));
  EXPECT_EQ(cache.Get("/en/", t0 + 999ms)->body, "home");
  EXPECT_FALSE(cache.Get("/en/", t0 + 1000ms));
  EXPECT_FALSE(cache.Get("/ru/", t0));
}

TEST(PageCache, WritesEmptyIt) {
  PageCache cache;
  cache.Put("/en/indicators/1?", Page("old"), PageCache::Clock::now());
  cache.Invalidate();
  EXPECT_FALSE(cache.Get("/en/indicators/1?"));
}

TEST(PageCache, APageRenderedBeforeAWriteIsNotKeptAfterIt) {
  PageCache cache;
  // A reader starts rendering from the data as they are; a write lands and empties the cache before the
  // reader stores its (now stale) page.
  const auto rendering_began = PageCache::Clock::now();
  cache.Invalidate();
  cache.Put("/en/indicators/1?", Page("before the write"), rendering_began);
  EXPECT_FALSE(cache.Get("/en/indicators/1?")) << "a page older than the last write was served";
  // A render that began after the write is kept.
  const auto later = PageCache::Clock::now();
  cache.Put("/en/indicators/1?", Page("after the write"), later);
  ASSERT_TRUE(cache.Get("/en/indicators/1?", later));
  EXPECT_EQ(cache.Get("/en/indicators/1?", later)->body, "after the write");
}

TEST(PageCache, KeepsOnlySharableSuccesses) {
  PageCache cache;
  cache.Put("/en/documents/9?", Page("missing", 404), PageCache::Clock::now());
  EXPECT_FALSE(cache.Get("/en/documents/9?"));
  Response with_cookie = Page("flash");
  with_cookie.headers.emplace_back("Set-Cookie", "jospar_flash=; Max-Age=0");
  cache.Put("/en/?", with_cookie, PageCache::Clock::now());
  EXPECT_FALSE(cache.Get("/en/?"));
  PageCache off(0ms);
  off.Put("/en/?", Page("x"), PageCache::Clock::now());
  EXPECT_FALSE(off.Get("/en/?"));
}

TEST(PageCache, StaysBoundedInSize) {
  PageCache cache(1000ms, 3);
  const auto t0 = PageCache::Clock::now();
  for (int i = 0; i < 10; ++i) cache.Put("/p" + std::to_string(i), Page("x"), t0);
  EXPECT_TRUE(cache.Get("/p9", t0));
  int kept = 0;
  for (int i = 0; i < 10; ++i) kept += cache.Get("/p" + std::to_string(i), t0).has_value();
  EXPECT_LE(kept, 3);
}

TEST(PageCache, OnlyAnonymousReadsWithoutFlashAreCacheable) {
  Request anon;
  anon.method = "GET";
  EXPECT_TRUE(PageCache::Cacheable(anon));
  Request post = anon;
  post.method = "POST";
  EXPECT_FALSE(PageCache::Cacheable(post));
  Request staff = anon;
  staff.principal.role = Role::kPlanner;
  EXPECT_FALSE(PageCache::Cacheable(staff));
  Request flash = anon;
  flash.headers.emplace_back("Cookie", "a=b; jospar_flash=flash.document_saved");
  EXPECT_FALSE(PageCache::Cacheable(flash));
}

}  // namespace
}  // namespace jospar::web
