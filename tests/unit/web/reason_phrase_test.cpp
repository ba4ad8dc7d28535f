// The reason phrase of every status the server sends, for the status line ("HTTP/1.1 422 Unprocessable
// Entity", never a placeholder).
#include <gtest/gtest.h>

#include "web/http.hpp"

namespace jospar::web {
namespace {

TEST(ReasonPhrase, NamesEveryStatusTheServerSends) {
  EXPECT_EQ(ReasonPhrase(200), "OK");
  EXPECT_EQ(ReasonPhrase(206), "Partial Content");
  EXPECT_EQ(ReasonPhrase(303), "See Other");
  EXPECT_EQ(ReasonPhrase(404), "Not Found");
  EXPECT_EQ(ReasonPhrase(405), "Method Not Allowed");
  EXPECT_EQ(ReasonPhrase(410), "Gone");
  EXPECT_EQ(ReasonPhrase(412), "Precondition Failed");
  EXPECT_EQ(ReasonPhrase(416), "Range Not Satisfiable");
  EXPECT_EQ(ReasonPhrase(422), "Unprocessable Entity");
  EXPECT_EQ(ReasonPhrase(428), "Precondition Required");
  EXPECT_EQ(ReasonPhrase(429), "Too Many Requests");
  EXPECT_EQ(ReasonPhrase(503), "Service Unavailable");
}

}  // namespace
}  // namespace jospar::web
