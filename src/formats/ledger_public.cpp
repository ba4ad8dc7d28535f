#include "formats/ledger_public.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

namespace jospar::formats {
namespace {

using nlohmann::json;

tl::unexpected<Error> BadExport(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.export", std::move(detail));
}
tl::unexpected<Error> BadResponse(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.response", std::move(detail));
}

std::optional<json> ParseJson(std::string_view body) {
  json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

// The field `name` of object `j` as T; nullopt when missing or of another type.
std::optional<std::uint64_t> U64(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_number_unsigned()) return std::nullopt;
  return it->get<std::uint64_t>();
}
std::optional<std::string> Str(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

Result<std::vector<ledger::Hash>> HashList(const json& j, const char* name, std::string_view where) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_array())
    return BadResponse(std::string(where) + ": \"" + name + "\" must be an array of base64 hashes");
  std::vector<ledger::Hash> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& h = (*it)[i];
    std::optional<std::string> raw;
    if (h.is_string()) raw = ledger::FromBase64(h.get<std::string>());
    if (!raw || raw->size() != 32)
      return BadResponse(std::string(where) + ": " + name + "[" + std::to_string(i) +
                         "] is not a base64 SHA-256 hash");
    ledger::Hash hash{};
    std::copy(raw->begin(), raw->end(), hash.begin());
    out.push_back(hash);
  }
  return out;
}

}  // namespace

void AppendEntryLine(std::string& out, std::uint64_t index, std::string_view entry) {
  out += "{\"index\":";
  out += std::to_string(index);
  out += ",\"entry\":";
  out += json(std::string(entry)).dump(-1, ' ', true);
  out += "}\n";
}

std::vector<NamedFile> LedgerExportFiles(const PublicLog& log,
                                         const std::vector<std::uint64_t>& checkpoint_sizes) {
  std::vector<NamedFile> files;
  files.push_back({"FORMAT", std::string(kLedgerExportFormat) + "\n"});
  files.push_back({"verifier.key", log.verifier_key + "\n"});
  for (std::size_t i = 0; i < log.checkpoints.size() && i < checkpoint_sizes.size(); ++i)
    files.push_back({"checkpoints/" + std::to_string(checkpoint_sizes[i]) + ".note", log.checkpoints[i]});
  return files;
}

Result<std::vector<std::string>> ParseEntryLines(std::string_view bytes, std::string_view file_name,
                                                 std::uint64_t first) {
  std::vector<std::string> entries;
  std::size_t pos = 0;
  std::uint64_t line_no = 1;
  std::string again;
  while (pos < bytes.size()) {
    const std::size_t nl = bytes.find('\n', pos);
    const std::string where = std::string(file_name) + " line " + std::to_string(line_no) + ": ";
    if (nl == std::string_view::npos) return BadExport(where + "the last line does not end with a newline");
    const std::string_view line = bytes.substr(pos, nl - pos);
    auto j = ParseJson(line);
    if (!j || !j->is_object()) return BadExport(where + "not a JSON object");
    const std::uint64_t expected = first + entries.size();
    auto index = U64(*j, "index");
    if (!index) return BadExport(where + "\"index\" must be a non-negative integer");
    if (*index != expected)
      return BadExport(where + "index " + std::to_string(*index) + " where " + std::to_string(expected) +
                       " was expected");
    auto entry = Str(*j, "entry");
    if (!entry) return BadExport(where + "\"entry\" must be a string");
    again.clear();
    AppendEntryLine(again, *index, *entry);
    if (std::string_view(again).substr(0, again.size() - 1) != line)
      return BadExport(where +
                       "not in the canonical form {\"index\":N,\"entry\":\"...\"} (extra fields, "
                       "spaces or escapes)");
    entries.push_back(std::move(*entry));
    pos = nl + 1;
    ++line_no;
  }
  return entries;
}

Status ParseFormatFile(std::string_view bytes) {
  if (bytes != std::string(kLedgerExportFormat) + "\n")
    return BadExport(std::string("FORMAT: expected the line \"") + kLedgerExportFormat + "\"");
  return {};
}

Result<std::string> ParseVerifierKeyFile(std::string_view bytes) {
  if (bytes.empty() || bytes.back() != '\n' || bytes.find('\n') != bytes.size() - 1)
    return BadExport("verifier.key: expected one line ending with a newline");
  return std::string(bytes.substr(0, bytes.size() - 1));
}

std::optional<std::uint64_t> CheckpointFileSize(std::string_view file_name) {
  constexpr std::string_view kExt = ".note";
  if (file_name.size() <= kExt.size() || file_name.substr(file_name.size() - kExt.size()) != kExt)
    return std::nullopt;
  const std::string_view digits = file_name.substr(0, file_name.size() - kExt.size());
  if (digits.size() > 1 && digits[0] == '0') return std::nullopt;
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
  return v;
}

Result<std::string> ParseKeyResponse(std::string_view body) {
  auto j = ParseJson(body);
  if (!j || !j->is_object()) return BadResponse("/api/v1/ledger/key: not a JSON object");
  auto key = Str(*j, "verifier_key");
  if (!key) return BadResponse("/api/v1/ledger/key: \"verifier_key\" must be a string");
  return *key;
}

Result<std::vector<CheckpointItem>> ParseCheckpointsResponse(std::string_view body) {
  auto j = ParseJson(body);
  const std::string where = "/api/v1/ledger/checkpoints";
  if (!j || !j->is_object()) return BadResponse(where + ": not a JSON object");
  auto items = j->find("items");
  if (items == j->end() || !items->is_array()) return BadResponse(where + ": \"items\" must be an array");
  std::vector<CheckpointItem> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const json& it = (*items)[i];
    const std::string at = where + ": items[" + std::to_string(i) + "]";
    if (!it.is_object()) return BadResponse(at + " is not an object");
    auto size = U64(it, "size");
    auto note = Str(it, "note");
    if (!size) return BadResponse(at + ".size must be a non-negative integer");
    if (!note) return BadResponse(at + ".note must be a string");
    out.push_back({*size, std::move(*note)});
  }
  return out;
}

Result<std::vector<std::string>> ParseEntriesResponse(std::string_view body, std::uint64_t start) {
  auto j = ParseJson(body);
  const std::string where = "/api/v1/ledger/entries?start=" + std::to_string(start);
  if (!j || !j->is_object()) return BadResponse(where + ": not a JSON object");
  auto items = j->find("items");
  if (items == j->end() || !items->is_array()) return BadResponse(where + ": \"items\" must be an array");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const json& it = (*items)[i];
    const std::string at = where + ": items[" + std::to_string(i) + "]";
    if (!it.is_object()) return BadResponse(at + " is not an object");
    auto index = U64(it, "index");
    auto entry = Str(it, "entry");
    if (!index || *index != start + i) return BadResponse(at + ".index must be " + std::to_string(start + i));
    if (!entry) return BadResponse(at + ".entry must be a string");
    out.push_back(std::move(*entry));
  }
  return out;
}

Result<InclusionProofResponse> ParseInclusionProofResponse(std::string_view body) {
  auto j = ParseJson(body);
  const std::string where = "inclusion proof";
  if (!j || !j->is_object()) return BadResponse(where + ": not a JSON object");
  InclusionProofResponse r;
  auto index = U64(*j, "index");
  auto size = U64(*j, "tree_size");
  auto entry = Str(*j, "entry");
  auto leaf = Str(*j, "leaf_hash");
  if (!index) return BadResponse(where + ": \"index\" must be a non-negative integer");
  if (!size) return BadResponse(where + ": \"tree_size\" must be a non-negative integer");
  if (!entry) return BadResponse(where + ": \"entry\" must be a string");
  std::optional<std::string> leaf_raw;
  if (leaf) leaf_raw = ledger::FromBase64(*leaf);
  if (!leaf_raw || leaf_raw->size() != 32)
    return BadResponse(where + ": \"leaf_hash\" must be a base64 SHA-256 hash");
  auto proof = HashList(*j, "proof", where);
  if (!proof) return Fail(proof.error());
  r.index = *index;
  r.tree_size = *size;
  r.entry = std::move(*entry);
  std::copy(leaf_raw->begin(), leaf_raw->end(), r.leaf_hash.begin());
  r.proof = std::move(*proof);
  if (j->contains("checkpoint")) {
    auto note = Str(*j, "checkpoint");
    if (!note) return BadResponse(where + ": \"checkpoint\" must be a string");
    r.checkpoint = std::move(*note);
  }
  return r;
}

Result<std::vector<ledger::Hash>> ParseConsistencyResponse(std::string_view body, std::uint64_t first,
                                                           std::uint64_t second) {
  auto j = ParseJson(body);
  const std::string where = "consistency proof " + std::to_string(first) + " -> " + std::to_string(second);
  if (!j || !j->is_object()) return BadResponse(where + ": not a JSON object");
  if (U64(*j, "first") != first || U64(*j, "second") != second)
    return BadResponse(where + ": \"first\" and \"second\" must repeat the sizes asked for");
  return HashList(*j, "proof", where);
}

}  // namespace jospar::formats
