// The server's log lines go through the logger the program installs: a test (or the server) that sets
// spdlog's default logger receives what the web layer logs. This needs the tests and the libraries to use
// the one compiled spdlog (a header-only copy in the test binary has a registry of its own), and is run in
// the release build too (scripts/test.sh).
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "web/dispatch.hpp"

namespace jospar::web {
namespace {

TEST(LogEvent, WritesOneJsonLineThroughTheDefaultLogger) {
  std::ostringstream out;
  auto previous = spdlog::default_logger();
  auto logger =
      std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::info);
  spdlog::set_default_logger(logger);
  LogEvent(spdlog::level::warn, "open data not rebuilt", {{"detail", "disk \"full\""}});
  spdlog::set_default_logger(previous);
  const std::string line = out.str();
  EXPECT_NE(line.find(R"("msg":"open data not rebuilt")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("detail":"disk \"full\"")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("level":"warning")"), std::string::npos) << line;
}

}  // namespace
}  // namespace jospar::web
