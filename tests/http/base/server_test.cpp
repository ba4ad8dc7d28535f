// The real server on a loopback socket: a request end to end, and graceful shutdown on SIGTERM (the
// request in progress finishes, new connections are refused).
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <future>
#include <thread>

#include "http/http_fixture.hpp"
#include "web/auth.hpp"
#include "web/server.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;

int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

// Sends one request with Connection: close and returns the whole response ("" when it cannot connect).
std::string Exchange(int port, const std::string& request) {
  int fd = Connect(port);
  if (fd < 0) return "";
  (void)!write(fd, request.data(), request.size());
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  close(fd);
  return out;
}

class ServerTest : public HttpTest {};

// The workers share the port with SO_REUSEPORT; a second server must still be refused the port, not
// silently given half of its connections.
TEST_F(ServerTest, EveryWorkerServesAndASecondServerCannotTakeThePort) {
  web::ServerOptions options;
  options.port = 0;
  options.threads = 4;
  options.handle_signals = false;
  web::Server server(*ctx_, *router_, options);
  ASSERT_TRUE(server.Start());
  for (int i = 0; i < 16; ++i) {
    EXPECT_THAT(Exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                HasSubstr("HTTP/1.1 200 OK"));
  }
  web::ServerOptions same = options;
  same.port = server.port();
  web::Server second(*ctx_, *router_, same);
  auto st = second.Start();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(st.error().detail, HasSubstr("cannot listen"));
}

TEST_F(ServerTest, StatusLineCarriesTheReasonPhrase) {
  web::ServerOptions options;
  options.port = 0;
  options.threads = 1;
  options.handle_signals = false;
  web::Server server(*ctx_, *router_, options);
  ASSERT_TRUE(server.Start());
  EXPECT_THAT(Exchange(server.port(), "GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
              ::testing::StartsWith("HTTP/1.1 404 Not Found\r\n"));
  EXPECT_THAT(
      Exchange(server.port(), "DELETE /api/v1/bodies HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
      ::testing::StartsWith("HTTP/1.1 405 Method Not Allowed\r\n"));
  // A staff form with an invalid field is shown again with 422.
  std::string csrf;
  const std::string cookie = LoginCookie("planner", &csrf);
  const std::string form =
      "code=bad%20code&tier=3&type=concept&title_en=New&start_year=20x5&csrf_token=" + csrf;
  EXPECT_THAT(Exchange(server.port(),
                       "POST /en/staff/documents/new HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                       "Content-Type: application/x-www-form-urlencoded\r\nCookie: " +
                           std::string(web::kSessionCookie) + "=" + cookie +
                           "\r\nContent-Length: " + std::to_string(form.size()) + "\r\n\r\n" + form),
              ::testing::StartsWith("HTTP/1.1 422 Unprocessable Entity\r\n"));
}

TEST_F(ServerTest, ServesARequestOverTcp) {
  web::ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.handle_signals = false;
  web::Server server(*ctx_, *router_, options);
  ASSERT_TRUE(server.Start());
  ASSERT_GT(server.port(), 0);
  const std::string r = Exchange(
      server.port(), "GET /api/v1/bodies?sort=code HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_THAT(r, HasSubstr("HTTP/1.1 200 OK"));
  EXPECT_THAT(r, HasSubstr("X-Request-Id: "));
  EXPECT_THAT(r, HasSubstr("\"code\":\"BODY-A\""));
  const std::string body = R"({"code":"TCP","title":{"en":"Over TCP"}})";
  const std::string post = Exchange(
      server.port(),
      "POST /api/v1/bodies HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
      "Content-Type: application/json\r\nAuthorization: Bearer " +
          seed_.admin_token + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_THAT(post, HasSubstr("HTTP/1.1 201 Created"));
  EXPECT_THAT(post, HasSubstr("Location: /api/v1/bodies/"));
  const std::string encoded = Exchange(
      server.port(), "GET /static/%2e%2e/outside.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_THAT(encoded, HasSubstr("HTTP/1.1 404"));
  server.Stop();
}

TEST_F(ServerTest, SigtermLetsTheRequestInProgressFinishAndStopsAccepting) {
  std::promise<void> entered;
  auto entered_future = entered.get_future();
  router_->Add("GET", "/slow", [&entered](web::Request&) {
    entered.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    return web::Response::Text(200, "finished\n");
  });
  web::ServerOptions options;
  options.port = 0;
  options.threads = 2;
  web::Server server(*ctx_, *router_, options);
  ASSERT_TRUE(server.Start());
  const int port = server.port();
  auto slow = std::async(std::launch::async, [port] {
    return Exchange(port, "GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  });
  ASSERT_EQ(entered_future.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(server.InFlight(), 1);
  ASSERT_EQ(kill(getpid(), SIGTERM), 0);
  server.RunUntilSignal();  // returns after the graceful stop
  const std::string r = slow.get();
  EXPECT_THAT(r, HasSubstr("HTTP/1.1 200 OK"));
  EXPECT_THAT(r, HasSubstr("finished"));
  EXPECT_EQ(Connect(port), -1) << "still accepting after shutdown";
}

}  // namespace
}  // namespace jospar::testing
