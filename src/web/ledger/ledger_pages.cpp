// The "Transparency log" pages: /{lang}/ledger (the latest signed checkpoint with its note text, the
// verifier key, the entries newest first with paging, how to verify in plain words with the exact
// commands) and /{lang}/ledger/entries/{index} (one entry, its inclusion proof against the latest
// checkpoint, and whether the proof verifies, computed here with the published key).
#include <algorithm>
#include <set>

#include "core/ledger/repository.hpp"
#include "core/ledger/usecases.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {
namespace {

constexpr std::uint64_t kPageSize = 50;

std::optional<std::uint64_t> ParseIndex(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// The portal page of an object a decision is about, when there is one.
std::string ObjectHref(const View& v, const ledger::Decision& d) {
  if (d.object_kind == "document") return v.Href("/documents/" + d.object_id);
  if (d.object_kind == "indicator") return v.Href("/indicators/" + d.object_id);
  if (d.object_kind == "body") return v.Href("/bodies/" + d.object_id);
  if (d.object_kind == "dataset") return v.Href("/open-data");
  return {};
}

std::string ActionLabel(const View& v, const std::string& action) {
  std::string key = "history.action." + action;
  for (char& c : key)
    if (c == ':') c = '_';
  return v.shared().locales->Has(v.lang(), key) ? v.T(key) : action;
}

TemplateData EntryData(const View& v, const ledger::LogEntry& e) {
  TemplateData o{TemplateData::type::object};
  o.set("index", std::to_string(e.index));
  o.set("href", v.Href("/ledger/entries/" + std::to_string(e.index)));
  o.set("time", e.decision.time);
  o.set("action", ActionLabel(v, e.decision.action));
  o.set("action_code", e.decision.action);
  o.set("object", e.decision.object_kind + " " + e.decision.object_id);
  const std::string obj = ObjectHref(v, e.decision);
  if (!obj.empty()) o.set("object_href", obj);
  o.set("role", e.decision.actor_role);
  o.set("content", ledger::ToHex(e.decision.content_hash));
  return o;
}

// The site's own address as the client reached it, for the commands shown.
std::string BaseUrl(const View& v) {
  std::string host(v.req().Header("Host"));
  bool ok = !host.empty() && host.size() < 256;
  for (char c : host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' ||
          c == ']'))
      ok = false;
  if (!ok) host = "HOST";
  return std::string(v.shared().ctx.config.secure_cookies ? "https://" : "http://") + host;
}

struct Latest {
  StoredCheckpoint stored;
  ledger::Checkpoint checkpoint;
};

Result<Latest> LatestCheckpoint(const View& v) {
  const auto& ctx = v.shared().ctx;
  if (!ctx.ledger_key) return Fail(ErrorCode::kUnavailable, "error.unavailable", "no ledger signing key");
  auto c = usecases::CurrentCheckpoint(ctx.store, *ctx.ledger_key, IsoTime(ctx.clock()));
  if (!c) return Fail(c.error());
  auto verifier = ledger::ParseVerifierKey(ledger::VerifierKeyText(*ctx.ledger_key));
  if (!verifier) return Fail(verifier.error());
  auto opened = ledger::OpenCheckpoint(c->note, *verifier);
  if (!opened) return Fail(opened.error());
  return Latest{*c, *opened};
}

void SetCheckpoint(const View& v, TemplateData& data, const Latest& latest) {
  data.set("size", std::to_string(latest.checkpoint.size));
  data.set("root", ledger::ToBase64(latest.checkpoint.root));
  data.set("checkpoint_time", latest.checkpoint.time);
  data.set("note", latest.stored.note);
  data.set("verifier_key", ledger::VerifierKeyText(*v.shared().ctx.ledger_key));
  data.set("origin", latest.checkpoint.origin);
}

Response LedgerPage(View& v, Request& req) {
  auto latest = LatestCheckpoint(v);
  if (!latest) return v.ErrorPage(latest.error());
  const std::uint64_t size = latest->checkpoint.size;
  const std::uint64_t pages = size == 0 ? 1 : (size + kPageSize - 1) / kPageSize;
  std::uint64_t page = 1;
  if (auto p = req.Query("page")) {
    auto parsed = ParseIndex(*p);
    if (!parsed || *parsed == 0 || *parsed > pages)
      return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "page", {}});
    page = *parsed;
  }
  // Newest first: page 1 holds the last kPageSize entries of the signed tree.
  const std::uint64_t end = size - std::min(size, (page - 1) * kPageSize);
  const std::uint64_t begin = end - std::min(end, kPageSize);
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  auto entries = (*tx)->ledger().ListLogEntries(begin, end);
  if (!entries) return v.ErrorPage(entries.error());
  TemplateData list{TemplateData::type::list};
  for (auto it = entries->rbegin(); it != entries->rend(); ++it) list.push_back(EntryData(v, *it));

  TemplateData data{TemplateData::type::object};
  SetCheckpoint(v, data, *latest);
  data.set("entries", list);
  data.set("has_entries", !list.is_empty_list());
  data.set("entries_caption",
           v.Format("ledger.page.entries_caption",
                    {{"first", std::to_string(end == 0 ? 0 : end - 1)}, {"last", std::to_string(begin)}}));
  data.set("page_status", v.Format("ledger.page.page_of",
                                   {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}}));
  if (page > 1) data.set("newer_href", v.Href("/ledger?page=" + std::to_string(page - 1)));
  if (page < pages) data.set("older_href", v.Href("/ledger?page=" + std::to_string(page + 1)));
  const std::string base = BaseUrl(v);
  const std::string key = ledger::VerifierKeyText(*v.shared().ctx.ledger_key);
  data.set("cmd_check", "jospar ledger check --from " + base + " --key '" + key + "'");
  data.set("cmd_export", "jospar ledger export --out ledger-export");
  data.set("cmd_check_export", "jospar ledger check --from ledger-export --key '" + key + "'");
  data.set("cmd_keep", "curl -s " + base + "/api/v1/ledger/checkpoint");
  data.set("cmd_split", "jospar ledger check --from " + base + " --checkpoint saved.note");
  data.set("cmd_resume", "jospar ledger check --from " + base + " --key '" + key + "' --state ledger.state");
  data.set("api_checkpoint", "/api/v1/ledger/checkpoint");
  data.set("api_key", "/api/v1/ledger/key");
  const std::string title = v.T("ledger.page.title");
  return v.Page(200, "ledger", std::move(data), title, {{v.T("nav.home"), v.Href("/")}, {title, ""}});
}

Response LedgerEntryPage(View& v, Request& req) {
  auto index = ParseIndex(req.params["index"]);
  if (!index) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "index", {}});
  auto latest = LatestCheckpoint(v);
  if (!latest) return v.ErrorPage(latest.error());
  if (*index >= latest->checkpoint.size)
    return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "entry", {}});
  std::optional<ledger::LogEntry> entry;
  {
    auto tx = v.store().Begin(TxMode::kRead);
    if (!tx) return v.ErrorPage(tx.error());
    auto list = (*tx)->ledger().ListLogEntries(*index, *index + 1);
    if (!list) return v.ErrorPage(list.error());
    if (list->empty()) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "entry", {}});
    entry = list->front();
  }
  auto proof = usecases::ProveEntry(v.store(), *index, latest->checkpoint.size);
  if (!proof) return v.ErrorPage(proof.error());
  const auto verified = ledger::VerifyInclusion(*index, proof->tree_size, proof->leaf_hash, proof->proof,
                                                latest->checkpoint.root);

  TemplateData data = EntryData(v, *entry);
  SetCheckpoint(v, data, *latest);
  data.set("entry_text", proof->entry);
  data.set("leaf_hash", ledger::ToBase64(proof->leaf_hash));
  TemplateData hashes{TemplateData::type::list};
  for (std::size_t i = 0; i < proof->proof.size(); ++i) {
    TemplateData h{TemplateData::type::object};
    h.set("n", std::to_string(i + 1));
    h.set("hash", ledger::ToBase64(proof->proof[i]));
    hashes.push_back(h);
  }
  data.set("proof", hashes);
  data.set("has_proof", !hashes.is_empty_list());
  data.set("verified", static_cast<bool>(verified));
  data.set("verify_result",
           verified ? v.Format("ledger.entry.verified", {{"size", std::to_string(proof->tree_size)}})
                    : v.T("ledger.entry.not_verified") + " " + verified.error().detail);
  data.set("proof_api", "/api/v1/ledger/entries/" + std::to_string(*index) +
                            "/proof?tree_size=" + std::to_string(proof->tree_size));
  data.set("entry_api", "/api/v1/ledger/entries/" + std::to_string(*index));
  data.set("cmd_check", "jospar ledger check --from " + BaseUrl(v) + " --key '" +
                            ledger::VerifierKeyText(*v.shared().ctx.ledger_key) + "'");
  const std::string title = v.Format("ledger.entry.title", {{"index", std::to_string(*index)}});
  return v.Page(200, "ledger_entry", std::move(data), title,
                {{v.T("nav.home"), v.Href("/")}, {v.T("ledger.page.title"), v.Href("/ledger")}, {title, ""}});
}

}  // namespace

TemplateData HistoryList(const View& v, const std::vector<HistoryEntry>& entries,
                         const std::vector<ledger::LogEntry>& log) {
  // A row written with its log entry (HistoryEntry::ledger_index, every decision since migration 010 and
  // the older ones it could pair) links to exactly that entry. A row without one links only when the match
  // by action and time is unambiguous: one such row among `entries` and one such entry among the entries
  // of `log` that no row names, so that two decisions within one second are never linked crosswise.
  std::set<std::uint64_t> named;
  for (const auto& e : entries)
    if (e.ledger_index) named.insert(*e.ledger_index);
  auto same = [](const HistoryEntry& h, const ledger::Decision& d) {
    return d.action == h.action && d.time == h.at;
  };
  TemplateData list{TemplateData::type::list};
  TemplateData plain = HistoryList(v, entries);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    TemplateData row = plain.list_value()[i];
    const HistoryEntry& h = entries[i];
    std::optional<std::uint64_t> index = h.ledger_index;
    if (!index) {
      const auto rows = std::count_if(entries.begin(), entries.end(), [&](const HistoryEntry& o) {
        return !o.ledger_index && o.action == h.action && o.at == h.at;
      });
      std::vector<std::uint64_t> found;
      for (const auto& e : log)
        if (!named.contains(e.index) && same(h, e.decision)) found.push_back(e.index);
      if (rows == 1 && found.size() == 1) index = found.front();
    }
    if (index) {
      row.set("verify_href", v.Href("/ledger/entries/" + std::to_string(*index)));
      row.set("verify_label", v.Format("ledger.history.verify_label", {{"index", std::to_string(*index)}}));
    }
    list.push_back(row);
  }
  return list;
}

void RegisterLedgerPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(
      router, shared, "GET", "/ledger", LedgerPage,
      {.summary = "The Transparency log page: latest signed checkpoint, verifier key, entries, how to verify",
       .tag = "portal"});
  AddPage(router, shared, "GET", "/ledger/entries/{index}", LedgerEntryPage,
          {.summary = "One entry of the transparency log with its inclusion proof and whether it verifies",
           .tag = "portal"});
}

}  // namespace jospar::web
