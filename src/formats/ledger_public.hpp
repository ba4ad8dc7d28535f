// The transparency log's public data as files and as the JSON the API serves, for `jospar ledger export`
// and `jospar ledger check` (which never touches a database). Bytes in, values out, located errors; no
// I/O.
//
// Export folder layout (version "jospar-ledger-export/v1"):
//   FORMAT                    the line "jospar-ledger-export/v1"
//   verifier.key              the log's verifier key "NAME+KEYID+BASE64" and a newline
//   checkpoints/SIZE.note     every signed checkpoint (C2SP signed note), SIZE in decimal without zeros
//   entries.jsonl             one line per entry, in index order from 0:
//                             {"index":N,"entry":"<canonical entry text, JSON-escaped>"}
// Every byte is checked by `jospar ledger check --from DIR`: nothing else is allowed in the folder's files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/error.hpp"
#include "core/ledger/hash.hpp"

namespace jospar::formats {

inline constexpr const char* kLedgerExportFormat = "jospar-ledger-export/v1";

struct PublicLog {
  std::string verifier_key;              // "NAME+KEYID+BASE64", without a newline
  std::vector<std::string> checkpoints;  // signed checkpoint notes
  std::vector<std::string> entries;      // canonical entry bytes, index order from 0
};

struct NamedFile {
  std::string name;  // relative path with '/'
  std::string bytes;
};

// The small files of the export folder: FORMAT, verifier.key and one file per checkpoint
// (`checkpoint_sizes` gives the size of each note, same order). entries.jsonl is written by the caller,
// line by line with AppendEntryLine, so that a large log is never held in memory twice.
std::vector<NamedFile> LedgerExportFiles(const PublicLog& log,
                                         const std::vector<std::uint64_t>& checkpoint_sizes);

// One line of entries.jsonl / the entries file: appends "{"index":N,"entry":"..."}\n" to `out`.
void AppendEntryLine(std::string& out, std::uint64_t index, std::string_view entry);
// Parses entries.jsonl: each line must be exactly what AppendEntryLine writes for index `first`,
// `first`+1, .... kInvalidInput ("error.ledger.export") "FILE line N: what was wrong".
Result<std::vector<std::string>> ParseEntryLines(std::string_view bytes, std::string_view file_name,
                                                 std::uint64_t first = 0);
// FORMAT and verifier.key: the exact text with its final newline; returns the key without the newline.
Status ParseFormatFile(std::string_view bytes);
Result<std::string> ParseVerifierKeyFile(std::string_view bytes);
// A checkpoint file name "SIZE.note"; nullopt otherwise.
std::optional<std::uint64_t> CheckpointFileSize(std::string_view file_name);

// The API's JSON (src/web/ledger/routes_ledger.cpp). kInvalidInput ("error.ledger.response") naming the
// endpoint and the field that is missing or of the wrong type.
Result<std::string> ParseKeyResponse(std::string_view body);  // GET /api/v1/ledger/key
struct CheckpointItem {
  std::uint64_t size = 0;
  std::string note;
};
Result<std::vector<CheckpointItem>> ParseCheckpointsResponse(std::string_view body);  // /checkpoints
// GET /api/v1/ledger/entries?start=&end=: the entry texts, which must carry indexes start, start+1, ...
Result<std::vector<std::string>> ParseEntriesResponse(std::string_view body, std::uint64_t start);
struct InclusionProofResponse {
  std::uint64_t index = 0;
  std::uint64_t tree_size = 0;
  std::string entry;
  ledger::Hash leaf_hash{};
  std::vector<ledger::Hash> proof;
  std::string checkpoint;  // the signed note, when the proof is against the latest checkpoint
};
Result<InclusionProofResponse> ParseInclusionProofResponse(std::string_view body);  // /entries/{i}/proof
Result<std::vector<ledger::Hash>> ParseConsistencyResponse(std::string_view body, std::uint64_t first,
                                                           std::uint64_t second);  // /consistency

}  // namespace jospar::formats
