// Page-level HTTP tests of the portal: a temporary SQLite store with a small plan (bodies, a document
// tree, goals, tasks, indicators with values and disaggregations, SDG goals and targets, links), the
// portal's routes registered on a Router, and requests sent straight to the handlers (the server's
// middleware is covered by its own tests; here the language comes from the URL and the principal is set).
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/base/unit_of_work.hpp"
#include "web/context.hpp"
#include "web/http.hpp"

namespace jospar::testing {

struct PortalSeed {
  Id ministry = 0, akimat = 0;
  Id strategy = 0, plan = 0, draft = 0, ru_only = 0, approved = 0;
  Id goal = 0, task = 0;
  Id plan_indicator = 0, sdg_indicator = 0, other_indicator = 0;
  Id sdg_goal = 0, sdg_target = 0;
};

class PortalTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Sends a request to the portal; `target` may carry a query string. POST bodies are form-encoded.
  web::Response Send(const std::string& method, const std::string& target, const std::string& body = "",
                     const Principal& who = {});
  web::Response Get(const std::string& target, const Principal& who = {}) {
    return Send("GET", target, "", who);
  }
  web::Response Post(const std::string& target, const std::string& body, const Principal& who) {
    return Send("POST", target, body, who);
  }

  static Principal Planner() { return Principal{1, "planner", Role::kPlanner, std::nullopt}; }
  Principal Executor(Id body) const { return Principal{2, "executor", Role::kExecutor, body}; }

  web::Headers extra_headers_;  // sent with every request, e.g. a Cookie
  std::string dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<web::AppContext> ctx_;
  web::Router router_;
  PortalSeed seed_;
};

// Number of non-overlapping occurrences of `needle`.
int Count(const std::string& haystack, const std::string& needle);

}  // namespace jospar::testing
