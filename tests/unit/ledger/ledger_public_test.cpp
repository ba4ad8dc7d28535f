// The export files and API responses `jospar ledger check` reads: accepted exactly as written, anything
// else rejected with the file and line (or endpoint and field) named.
#include <gtest/gtest.h>

#include "formats/ledger_public.hpp"

namespace jospar::formats {
namespace {

TEST(LedgerPublic, EntryLinesRoundTripAndErrorsAreLocated) {
  std::string text;
  AppendEntryLine(text, 0, "jospar-ledger/v1\naction create\n");
  AppendEntryLine(text, 1, "second \"quoted\"\n");
  EXPECT_EQ(text,
            "{\"index\":0,\"entry\":\"jospar-ledger/v1\\naction create\\n\"}\n"
            "{\"index\":1,\"entry\":\"second \\\"quoted\\\"\\n\"}\n");
  auto parsed = ParseEntryLines(text, "entries.jsonl");
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[1], "second \"quoted\"\n");

  auto error = [](std::string_view bytes) {
    auto r = ParseEntryLines(bytes, "entries.jsonl");
    return r ? std::string("accepted") : r.error().detail;
  };
  EXPECT_EQ(error("{\"index\":0,\"entry\":\"a\"}"),
            "entries.jsonl line 1: the last line does not end with a newline");
  EXPECT_EQ(error("{\"index\":0,\"entry\":\"a\"}\n{\"index\":2,\"entry\":\"b\"}\n"),
            "entries.jsonl line 2: index 2 where 1 was expected");
  EXPECT_EQ(
      error("{\"index\":0, \"entry\":\"a\"}\n").rfind("entries.jsonl line 1: not in the canonical form", 0),
      0u);
  EXPECT_EQ(
      error("{\"index\":0,\"entry\":\"a\",\"x\":1}\n").rfind("entries.jsonl line 1: not in the canonical", 0),
      0u);
  EXPECT_EQ(error("[1]\n"), "entries.jsonl line 1: not a JSON object");
  EXPECT_EQ(error("{\"index\":-1,\"entry\":\"a\"}\n"),
            "entries.jsonl line 1: \"index\" must be a non-negative integer");
  EXPECT_EQ(error(""), "accepted");
}

TEST(LedgerPublic, SmallFilesAreExact) {
  EXPECT_TRUE(ParseFormatFile("jospar-ledger-export/v1\n"));
  EXPECT_FALSE(ParseFormatFile("jospar-ledger-export/v1"));
  EXPECT_FALSE(ParseFormatFile("jospar-ledger-export/v2\n"));
  EXPECT_EQ(ParseVerifierKeyFile("a+01020304+AQ==\n").value(), "a+01020304+AQ==");
  EXPECT_FALSE(ParseVerifierKeyFile("a+01020304+AQ==\n\n"));
  EXPECT_FALSE(ParseVerifierKeyFile("a+01020304+AQ=="));
  EXPECT_EQ(CheckpointFileSize("42.note"), 42u);
  EXPECT_EQ(CheckpointFileSize("0.note"), 0u);
  EXPECT_FALSE(CheckpointFileSize("042.note"));
  EXPECT_FALSE(CheckpointFileSize("42.notes"));
  EXPECT_FALSE(CheckpointFileSize(".note"));
  EXPECT_FALSE(CheckpointFileSize("4x.note"));
}

TEST(LedgerPublic, ApiResponsesNameTheFieldThatIsWrong) {
  auto detail = [](auto r) { return r ? std::string("accepted") : r.error().detail; };
  EXPECT_EQ(detail(ParseKeyResponse("{}")), "/api/v1/ledger/key: \"verifier_key\" must be a string");
  EXPECT_EQ(detail(ParseCheckpointsResponse("{\"items\":[{\"size\":1}]}")),
            "/api/v1/ledger/checkpoints: items[0].note must be a string");
  EXPECT_EQ(detail(ParseEntriesResponse("{\"items\":[{\"index\":4,\"entry\":\"e\"}]}", 5)),
            "/api/v1/ledger/entries?start=5: items[0].index must be 5");
  EXPECT_EQ(detail(ParseInclusionProofResponse(
                "{\"index\":1,\"tree_size\":2,\"entry\":\"e\",\"leaf_hash\":\"AA==\",\"proof\":[]}")),
            "inclusion proof: \"leaf_hash\" must be a base64 SHA-256 hash");
  const std::string h = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  EXPECT_EQ(
      detail(ParseConsistencyResponse("{\"first\":1,\"second\":3,\"proof\":[\"" + h + "\",\"x\"]}", 1, 3)),
      "consistency proof 1 -> 3: proof[1] is not a base64 SHA-256 hash");
  EXPECT_EQ(detail(ParseConsistencyResponse("{\"first\":1,\"second\":4,\"proof\":[]}", 1, 3)),
            "consistency proof 1 -> 3: \"first\" and \"second\" must repeat the sizes asked for");
  auto ok = ParseConsistencyResponse("{\"first\":1,\"second\":3,\"proof\":[\"" + h + "\"]}", 1, 3);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->size(), 1u);
  EXPECT_EQ(detail(ParseCheckpointsResponse("not json")), "/api/v1/ledger/checkpoints: not a JSON object");
}

}  // namespace
}  // namespace jospar::formats
