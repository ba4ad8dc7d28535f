#include "app/ledger_tools.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "core/ledger/repository.hpp"
#include "formats/ledger_state.hpp"
#include "formats/opendata_export.hpp"

namespace jospar::app {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kChunk = 1000;  // entries per store read and per API page (the API's maximum)

tl::unexpected<Error> BadExport(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.export", std::move(detail));
}

Result<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "error.not_found", p.string() + ": cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Writes entries.jsonl through a temporary file, a flush to disk and a rename.
Status WriteEntries(Store& store, std::uint64_t count, const fs::path& path) {
  const fs::path tmp = path.string() + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return Fail(ErrorCode::kInternal, "error.internal", tmp.string() + ": cannot be written");
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  std::string buf;
  for (std::uint64_t begin = 0; begin < count; begin += kChunk) {
    const std::uint64_t end = std::min(count, begin + kChunk);
    auto bytes = (*tx)->ledger().ListLogEntryBytes(begin, end);
    if (!bytes) return Fail(bytes.error());
    if (bytes->size() != end - begin)
      return Fail(ErrorCode::kInternal, "error.internal",
                  "entry " + std::to_string(begin + bytes->size()) + " is missing from the store");
    buf.clear();
    for (std::size_t i = 0; i < bytes->size(); ++i) formats::AppendEntryLine(buf, begin + i, (*bytes)[i]);
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  }
  out.flush();
  if (!out) return Fail(ErrorCode::kInternal, "error.internal", tmp.string() + ": cannot be written");
  out.close();
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Fail(ErrorCode::kInternal, "error.internal", path.string() + ": cannot be written");
  return {};
}

size_t CollectBody(char* data, size_t size, size_t n, void* user) {
  auto* body = static_cast<std::string*>(user);
  constexpr std::size_t kMaxBody = 256u << 20;  // no response of the API comes near this
  if (body->size() + size * n > kMaxBody) return 0;
  body->append(data, size * n);
  return size * n;
}

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// Indexes 0 and n-1 and up to `count` in all, evenly spread over [0, n).
std::vector<std::uint64_t> Spread(std::uint64_t n, std::uint64_t count) {
  std::vector<std::uint64_t> out;
  if (n == 0 || count == 0) return out;
  if (count >= n) {
    for (std::uint64_t i = 0; i < n; ++i) out.push_back(i);
    return out;
  }
  if (count == 1) return {n - 1};
  for (std::uint64_t k = 0; k < count; ++k) out.push_back(k * (n - 1) / (count - 1));
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

tl::unexpected<Error> BadProof(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.proof", std::move(detail));
}

// Fetches the public data from a server: the key, the checkpoints and the entries from `first` to the
// largest checkpoint (log.entries[0] is entry `first`).
Result<formats::PublicLog> FetchPublicLog(const std::string& base, std::uint64_t first = 0) {
  formats::PublicLog log;
  auto key_body = HttpGet(base + "/api/v1/ledger/key");
  if (!key_body) return Fail(key_body.error());
  auto key = formats::ParseKeyResponse(*key_body);
  if (!key) return Fail(key.error());
  log.verifier_key = std::move(*key);
  auto cps_body = HttpGet(base + "/api/v1/ledger/checkpoints");
  if (!cps_body) return Fail(cps_body.error());
  auto cps = formats::ParseCheckpointsResponse(*cps_body);
  if (!cps) return Fail(cps.error());
  std::uint64_t largest = 0;
  for (auto& c : *cps) {
    largest = std::max(largest, c.size);
    log.checkpoints.push_back(std::move(c.note));
  }
  for (std::uint64_t start = first; start < largest; start += kChunk) {
    const std::uint64_t end = std::min(largest, start + kChunk);
    auto body = HttpGet(base + "/api/v1/ledger/entries?start=" + std::to_string(start) +
                        "&end=" + std::to_string(end));
    if (!body) return Fail(body.error());
    auto items = formats::ParseEntriesResponse(*body, start);
    if (!items) return Fail(items.error());
    if (items->size() != end - start)
      return Fail(ErrorCode::kInvalidInput, "error.ledger.response",
                  "/api/v1/ledger/entries?start=" + std::to_string(start) + ": " +
                      std::to_string(items->size()) + " entries where " + std::to_string(end - start) +
                      " are signed");
    for (auto& e : *items) log.entries.push_back(std::move(e));
  }
  return log;
}

// Verifies the server's inclusion proofs of a spread of entries and its consistency proofs from older
// checkpoints, all against the latest checkpoint.
Status CheckServerProofs(const std::string& base, const formats::PublicLog& log, const ledger::Verifier& v,
                         std::uint64_t count, LedgerCheckReport& report) {
  std::map<std::uint64_t, ledger::Hash> roots;
  for (const auto& note : log.checkpoints) {
    auto c = ledger::OpenCheckpoint(note, v);
    if (!c) return Fail(c.error());  // CheckPublicLog has accepted them: cannot happen
    roots[c->size] = c->root;
  }
  if (roots.empty()) return {};
  const auto [n, root] = *roots.rbegin();
  for (std::uint64_t i : Spread(n, count)) {
    const std::string where =
        "inclusion proof of entry " + std::to_string(i) + " in size " + std::to_string(n);
    auto body = HttpGet(base + "/api/v1/ledger/entries/" + std::to_string(i) +
                        "/proof?tree_size=" + std::to_string(n));
    if (!body) return Fail(body.error());
    auto p = formats::ParseInclusionProofResponse(*body);
    if (!p) return Fail(p.error());
    if (p->index != i || p->tree_size != n)
      return BadProof(where + ": the server answered for another entry");
    if (p->entry != log.entries[i]) return BadProof(where + ": the entry differs from the one the log lists");
    if (p->leaf_hash != ledger::LeafHash(p->entry)) return BadProof(where + ": wrong leaf hash");
    if (auto ok = ledger::VerifyInclusion(i, n, p->leaf_hash, p->proof, root); !ok)
      return BadProof(where + ": " + ok.error().detail);
    ++report.inclusion_proofs;
  }
  std::vector<std::uint64_t> older;
  for (const auto& [size, r] : roots)
    if (size < n) older.push_back(size);
  for (std::uint64_t k : Spread(older.size(), count)) {
    const std::uint64_t m = older[k];
    const std::string where = "consistency proof " + std::to_string(m) + " -> " + std::to_string(n);
    auto body = HttpGet(base + "/api/v1/ledger/consistency?first=" + std::to_string(m) +
                        "&second=" + std::to_string(n));
    if (!body) return Fail(body.error());
    auto p = formats::ParseConsistencyResponse(*body, m, n);
    if (!p) return Fail(p.error());
    if (auto ok = ledger::VerifyConsistency(m, n, roots[m], root, *p); !ok)
      return Fail(ErrorCode::kInvalidInput, "error.ledger.split_view",
                  "split view: " + where + " does not verify: " + ok.error().detail);
    ++report.consistency_proofs;
  }
  return {};
}

// Checkpoints the user obtained elsewhere: each must be signed by the log's key and agree with the log.
// One of a size the log covers must name the root of the entries; a larger one needs the server's
// consistency proof from the log's largest checkpoint. A disagreement is a split view: the log showed
// two different histories under one key.
Status CheckExtraCheckpoints(const std::string& base, const formats::PublicLog& log,
                             const ledger::Verifier& v, const usecases::PublicLogReport& checked,
                             const std::vector<std::string>& notes) {
  ledger::MemoryTree tree;
  for (const auto& e : log.entries) tree.Append(ledger::LeafHash(e));
  const std::uint64_t n = checked.largest_checkpoint;
  auto root_n = ledger::TreeHead(n, tree.Reader());
  if (!root_n) return Fail(root_n.error());
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const std::string where = "--checkpoint number " + std::to_string(i + 1);
    auto c = ledger::OpenCheckpoint(notes[i], v);
    if (!c) {
      Error e = c.error();
      e.detail = where + ": " + e.detail;
      return Fail(std::move(e));
    }
    const std::string split = "split view: " + where + " (size " + std::to_string(c->size) + ") ";
    if (c->size <= n) {
      auto head = ledger::TreeHead(c->size, tree.Reader());
      if (!head) return Fail(head.error());
      if (*head != c->root)
        return Fail(ErrorCode::kInvalidInput, "error.ledger.split_view",
                    split +
                        "is signed by the log's key but its root differs from the root of the log's first " +
                        std::to_string(c->size) + " entries, which the log's checkpoint of size " +
                        std::to_string(n) + " includes");
      continue;
    }
    if (base.empty())
      return Fail(ErrorCode::kNotFound, "error.not_found",
                  where + " signs size " + std::to_string(c->size) + ", beyond the " + std::to_string(n) +
                      " signed entries of the export: check it against a newer export or the server");
    auto body = HttpGet(base + "/api/v1/ledger/consistency?first=" + std::to_string(n) +
                        "&second=" + std::to_string(c->size));
    if (!body)
      return Fail(ErrorCode::kInvalidInput, "error.ledger.split_view",
                  split +
                      "is signed by the log's key, but the server cannot prove it consistent with its "
                      "latest checkpoint of size " +
                      std::to_string(n) + ": " + body.error().detail);
    auto proof = formats::ParseConsistencyResponse(*body, n, c->size);
    if (!proof) return Fail(proof.error());
    if (auto ok = ledger::VerifyConsistency(n, c->size, *root_n, c->root, *proof); !ok)
      return Fail(ErrorCode::kInvalidInput, "error.ledger.split_view",
                  split + "is not consistent with the log's checkpoint of size " + std::to_string(n) + ": " +
                      ok.error().detail);
  }
  return {};
}

// The size a signed note names, without checking its signature (that is done by the check itself).
std::optional<std::uint64_t> NoteSize(const std::string& note) {
  auto n = ledger::ParseSignedNote(note);
  if (!n) return std::nullopt;
  auto c = ledger::ParseCheckpointText(n->text);
  if (!c) return std::nullopt;
  return c->size;
}

// `jospar ledger check --state FILE` (see LedgerCheckOptions::state_file).
Result<LedgerCheckReport> ResumeLedgerCheck(const LedgerCheckOptions& o, bool remote,
                                            const std::string& base) {
  if (!o.extra_checkpoints.empty())
    return Fail(ErrorCode::kInvalidInput, "error.ledger.state",
                "--checkpoint cannot be combined with --state: check the saved checkpoints without --state");
  std::optional<usecases::TrustedLogState> state;
  {
    std::error_code ec;
    if (fs::exists(o.state_file, ec)) {
      auto bytes = ReadFile(o.state_file);
      if (!bytes) return Fail(bytes.error());
      auto parsed = formats::ParseLedgerCheckState(*bytes);
      if (!parsed) {
        Error e = parsed.error();
        e.detail = o.state_file + ": " + e.detail;
        return Fail(std::move(e));
      }
      state = std::move(*parsed);
    }
  }
  const std::uint64_t m = state ? state->frontier.size() : 0;

  // The source's key and checkpoints, and the entries from m on.
  formats::PublicLog log;
  std::optional<std::vector<ledger::Hash>> consistency;
  if (remote) {
    auto fetched = FetchPublicLog(base, m);
    if (!fetched) return Fail(fetched.error());
    log = std::move(*fetched);
  } else {
    auto read = ReadLedgerExport(o.from);
    if (!read) return Fail(read.error());
    log = std::move(*read);
  }
  auto verifier = ledger::ParseVerifierKey(log.verifier_key);
  if (!verifier) {
    Error e = verifier.error();
    e.detail = (remote ? "/api/v1/ledger/key: " : "verifier.key: ") + e.detail;
    return Fail(std::move(e));
  }
  if (!o.expected_key.empty() && o.expected_key != log.verifier_key)
    return Fail(ErrorCode::kInvalidInput, "error.ledger.key",
                "the log's verifier key " + log.verifier_key + " is not the expected " + o.expected_key);
  if (state && state->verifier_key != log.verifier_key)
    return Fail(ErrorCode::kInvalidInput, "error.ledger.key",
                "the log's verifier key " + log.verifier_key + " is not the key of the trusted state " +
                    state->verifier_key);
  if (!state) state = usecases::EmptyLogState(log.verifier_key);
  if (auto trusted = usecases::OpenLogState(*state, *verifier); !trusted) {
    Error e = trusted.error();
    e.detail = o.state_file + ": " + e.detail;
    return Fail(std::move(e));
  }

  std::uint64_t n = 0;
  for (const auto& note : log.checkpoints)
    if (auto size = NoteSize(note)) n = std::max(n, *size);
  std::vector<std::string> new_entries;
  if (remote) {
    new_entries = std::move(log.entries);
    consistency.emplace();
    if (m > 0 && n > m) {
      auto body = HttpGet(base + "/api/v1/ledger/consistency?first=" + std::to_string(m) +
                          "&second=" + std::to_string(n));
      if (!body)
        return Fail(ErrorCode::kInvalidInput, "error.ledger.split_view",
                    "split view: the server cannot prove its checkpoint of size " + std::to_string(n) +
                        " consistent with the trusted checkpoint of size " + std::to_string(m) + ": " +
                        body.error().detail);
      auto proof = formats::ParseConsistencyResponse(*body, m, n);
      if (!proof) return Fail(proof.error());
      consistency = std::move(*proof);
    }
  } else {
    if (log.entries.size() != n)
      return Fail(ErrorCode::kInvalidInput, "error.ledger.corrupt",
                  "entries.jsonl holds " + std::to_string(log.entries.size()) +
                      " entries where the newest checkpoint signs " + std::to_string(n));
    // An export carries no proofs: its entries before the trusted size are hashed (not parsed) and must
    // give the trusted tree's right edge; the new ones, appended to it, must give the newer roots.
    if (m > 0 && m <= n) {
      ledger::Frontier prefix;
      for (std::uint64_t i = 0; i < m; ++i) prefix.Append(ledger::LeafHash(log.entries[i]));
      if (prefix.subtrees() != state->frontier.subtrees())
        return Fail(ErrorCode::kInvalidInput, "error.ledger.split_view",
                    "split view: the export's first " + std::to_string(m) +
                        " entries are not consistent with the trusted checkpoint of size " +
                        std::to_string(m) + " (an entry before " + std::to_string(m) +
                        " was changed, or another history)");
    }
    if (m < log.entries.size())
      new_entries.assign(std::make_move_iterator(log.entries.begin() + static_cast<std::ptrdiff_t>(m)),
                         std::make_move_iterator(log.entries.end()));
  }
  auto resumed = usecases::ResumePublicLogCheck(*state, new_entries, log.checkpoints, consistency, *verifier);
  if (!resumed) return Fail(resumed.error());
  if (auto st = formats::WriteFileAtomically(o.state_file, formats::WriteLedgerCheckState(*state)); !st)
    return Fail(ErrorCode::kUnavailable, "error.unavailable",
                o.state_file + ": the state cannot be written: " + st.error().detail);
  LedgerCheckReport report;
  report.origin = verifier->name;
  report.resumed = true;
  report.resume = *resumed;
  report.log.entries = n;
  report.log.checkpoints = resumed->checkpoints;
  report.log.largest_checkpoint = resumed->largest_checkpoint;
  if (remote && m > 0 && n > m) report.consistency_proofs = 1;
  return report;
}

}  // namespace

Result<LedgerExportReport> ExportLedger(Store& store, const ledger::SigningKey& key, const std::string& now,
                                        const std::string& out_dir) {
  auto latest = usecases::CurrentCheckpoint(store, key, now);
  if (!latest) return Fail(latest.error());
  std::vector<StoredCheckpoint> cps;
  {
    auto tx = store.Begin(TxMode::kRead);
    if (!tx) return Fail(tx.error());
    auto list = (*tx)->ledger().ListCheckpoints();
    if (!list) return Fail(list.error());
    cps = std::move(*list);
  }
  formats::PublicLog log;
  log.verifier_key = ledger::VerifierKeyText(key);
  std::vector<std::uint64_t> sizes;
  for (auto& c : cps) {
    sizes.push_back(c.size);
    log.checkpoints.push_back(std::move(c.note));
  }
  const fs::path root(out_dir);
  std::error_code ec;
  fs::create_directories(root / "checkpoints", ec);
  if (ec) return Fail(ErrorCode::kInternal, "error.internal", out_dir + ": cannot be created");
  if (auto st = WriteEntries(store, latest->size, root / "entries.jsonl"); !st) return Fail(st.error());
  std::set<std::string> written;
  for (const auto& f : formats::LedgerExportFiles(log, sizes)) {
    if (auto st = formats::WriteFileAtomically((root / f.name).string(), f.bytes); !st)
      return Fail(st.error());
    written.insert(f.name);
  }
  std::vector<fs::path> stale;
  for (const auto& it : fs::directory_iterator(root / "checkpoints", ec))
    if (!written.count("checkpoints/" + it.path().filename().string())) stale.push_back(it.path());
  for (const auto& p : stale) fs::remove(p, ec);
  return LedgerExportReport{latest->size, cps.size()};
}

Result<formats::PublicLog> ReadLedgerExport(const std::string& dir) {
  const fs::path root(dir);
  std::error_code ec;
  if (!fs::is_directory(root, ec))
    return Fail(ErrorCode::kNotFound, "error.not_found", dir + ": not a folder");
  for (const auto& it : fs::directory_iterator(root, ec)) {
    const std::string name = it.path().filename().string();
    if (name != "FORMAT" && name != "verifier.key" && name != "entries.jsonl" && name != "checkpoints")
      return BadExport(name +
                       ": not part of a ledger export (FORMAT, verifier.key, entries.jsonl, checkpoints/)");
  }
  auto format = ReadFile(root / "FORMAT");
  if (!format) return BadExport("FORMAT: missing; is " + dir + " a ledger export?");
  if (auto st = formats::ParseFormatFile(*format); !st) return Fail(st.error());
  formats::PublicLog log;
  auto key_file = ReadFile(root / "verifier.key");
  if (!key_file) return BadExport("verifier.key: missing");
  auto key = formats::ParseVerifierKeyFile(*key_file);
  if (!key) return Fail(key.error());
  log.verifier_key = std::move(*key);
  std::map<std::uint64_t, std::string> notes;
  if (!fs::is_directory(root / "checkpoints", ec)) return BadExport("checkpoints/: missing");
  for (const auto& it : fs::directory_iterator(root / "checkpoints", ec)) {
    const std::string name = it.path().filename().string();
    auto size = formats::CheckpointFileSize(name);
    if (!size) return BadExport("checkpoints/" + name + ": not named SIZE.note");
    auto note = ReadFile(it.path());
    if (!note) return Fail(note.error());
    auto signed_note = ledger::ParseSignedNote(*note);
    if (!signed_note) return BadExport("checkpoints/" + name + ": " + signed_note.error().detail);
    auto c = ledger::ParseCheckpointText(signed_note->text);
    if (!c) return BadExport("checkpoints/" + name + ": " + c.error().detail);
    if (c->size != *size)
      return BadExport("checkpoints/" + name + ": the note signs size " + std::to_string(c->size));
    notes[*size] = std::move(*note);
  }
  for (auto& [size, note] : notes) log.checkpoints.push_back(std::move(note));
  auto entries = ReadFile(root / "entries.jsonl");
  if (!entries) return BadExport("entries.jsonl: missing");
  auto parsed = formats::ParseEntryLines(*entries, "entries.jsonl");
  if (!parsed) return Fail(parsed.error());
  log.entries = std::move(*parsed);
  return log;
}

Result<std::string> HttpGet(const std::string& url) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Fail(ErrorCode::kInternal, "error.internal", "libcurl failed to start");
  std::string body;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &CollectBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "jospar-ledger-check");
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK)
    return Fail(ErrorCode::kUnavailable, "error.unavailable", url + ": " + curl_easy_strerror(rc));
  if (status != 200)
    return Fail(ErrorCode::kUnavailable, "error.unavailable",
                url + ": HTTP status " + std::to_string(status));
  return body;
}

Result<LedgerCheckReport> CheckLedger(const LedgerCheckOptions& o) {
  const bool remote = o.from.rfind("http://", 0) == 0 || o.from.rfind("https://", 0) == 0;
  const std::string base = TrimSlash(o.from);
  if (!o.state_file.empty()) return ResumeLedgerCheck(o, remote, base);
  auto log = remote ? FetchPublicLog(base) : ReadLedgerExport(o.from);
  if (!log) return Fail(log.error());
  auto verifier = ledger::ParseVerifierKey(log->verifier_key);
  if (!verifier) {
    Error e = verifier.error();
    e.detail = (remote ? "/api/v1/ledger/key: " : "verifier.key: ") + e.detail;
    return Fail(std::move(e));
  }
  if (!o.expected_key.empty() && o.expected_key != log->verifier_key)
    return Fail(ErrorCode::kInvalidInput, "error.ledger.key",
                "the log's verifier key " + log->verifier_key + " is not the expected " + o.expected_key);
  auto checked = usecases::CheckPublicLog(log->entries, log->checkpoints, *verifier);
  if (!checked) return Fail(checked.error());
  if (!o.extra_checkpoints.empty())
    if (auto st = CheckExtraCheckpoints(remote ? base : "", *log, *verifier, *checked, o.extra_checkpoints);
        !st)
      return Fail(st.error());
  LedgerCheckReport report;
  report.log = *checked;
  report.origin = verifier->name;
  if (remote)
    if (auto st = CheckServerProofs(base, *log, *verifier, o.proofs, report); !st) return Fail(st.error());
  return report;
}

}  // namespace jospar::app
