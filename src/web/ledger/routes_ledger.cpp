// JSON API of the transparency log (core/ledger): the current signed checkpoint, every checkpoint, the
// verifier key, entries by index and range, inclusion proofs and consistency proofs. Public, read-only.
// Hashes are standard base64, as in the checkpoint.
#include "core/ledger/repository.hpp"
#include "core/ledger/usecases.hpp"
#include "web/api/api.hpp"
#include "web/api/handlers.hpp"

namespace jospar::web::api {

namespace uc = usecases;

namespace {

constexpr std::uint64_t kMaxRange = 1000;

RouteOptions Opt(const std::string& summary, const std::string& response) {
  RouteOptions o{.api = true, .summary = summary, .tag = "ledger"};
  o.response_schema = response;
  return o;
}

json EntryJson(const ledger::LogEntry& e) {
  const std::string bytes = ledger::EncodeEntry(e.decision);
  return {{"index", e.index},
          {"entry", bytes},
          {"leaf_hash", ledger::ToBase64(ledger::LeafHash(bytes))},
          {"action", e.decision.action},
          {"object_kind", e.decision.object_kind},
          {"object_id", e.decision.object_id},
          {"content_sha256", ledger::ToHex(e.decision.content_hash)},
          {"actor_role", e.decision.actor_role},
          {"time", e.decision.time}};
}

json Hashes(const std::vector<ledger::Hash>& hs) {
  json out = json::array();
  for (const auto& h : hs) out.push_back(ledger::ToBase64(h));
  return out;
}

// A non-negative integer query parameter or path segment.
std::optional<std::uint64_t> ParseIndex(const std::string& s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

Result<std::uint64_t> IndexParam(QueryReader& q, const char* name, std::optional<std::uint64_t> fallback) {
  auto s = q.Str(name);
  if (!s) {
    if (fallback) return *fallback;
    q.Bad(name, "error.field.required");
    return std::uint64_t{0};
  }
  auto v = ParseIndex(*s);
  if (!v) q.Bad(name, "error.field.integer", "a non-negative integer");
  return v.value_or(0);
}

Result<StoredCheckpoint> Current(AppContext& ctx) {
  if (!ctx.ledger_key) return Fail(ErrorCode::kUnavailable, "error.unavailable", "no ledger signing key");
  return uc::CurrentCheckpoint(ctx.store, *ctx.ledger_key, IsoTime(ctx.clock()));
}

json CheckpointJson(const StoredCheckpoint& c, const std::string& verifier_key) {
  json j{{"size", c.size}, {"note", c.note}, {"verifier_key", verifier_key}};
  auto parsed = ledger::ParseSignedNote(c.note);
  if (parsed) {
    if (auto cp = ledger::ParseCheckpointText(parsed->text)) {
      j["origin"] = cp->origin;
      j["root_hash"] = ledger::ToBase64(cp->root);
      j["time"] = cp->time;
    }
  }
  return j;
}

}  // namespace

void RegisterLedgerApi(Router& router, AppContext& ctx) {
  router.Add(
      "GET", "/api/v1/ledger/checkpoint",
      [&ctx](Request& req) {
        QueryReader q(req, {});
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto c = Current(ctx);
        if (!c) return ErrorOf(ctx, req, c.error());
        return JsonResponse(200, CheckpointJson(*c, ledger::VerifierKeyText(*ctx.ledger_key)));
      },
      Opt("The latest signed checkpoint (C2SP tlog-checkpoint note, Ed25519)", "LedgerCheckpoint"));
  router.Add(
      "GET", "/api/v1/ledger/checkpoints",
      [&ctx](Request& req) {
        QueryReader q(req, {});
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        if (auto c = Current(ctx); !c) return ErrorOf(ctx, req, c.error());
        auto list = WithRead(ctx, [&](Tx& tx) { return tx.ledger().ListCheckpoints(); });
        if (!list) return ErrorOf(ctx, req, list.error());
        json items = json::array();
        const std::string key = ledger::VerifierKeyText(*ctx.ledger_key);
        for (const auto& c : *list) items.push_back(CheckpointJson(c, key));
        return JsonResponse(200, json{{"items", std::move(items)}});
      },
      Opt("Every checkpoint the log has signed, by size", "LedgerCheckpointList"));
  router.Add(
      "GET", "/api/v1/ledger/key",
      [&ctx](Request& req) {
        if (!ctx.ledger_key)
          return ErrorOf(ctx, req, Error{ErrorCode::kUnavailable, "error.unavailable", "no ledger key", {}});
        return JsonResponse(200, json{{"verifier_key", ledger::VerifierKeyText(*ctx.ledger_key)},
                                      {"origin", ctx.ledger_key->name}});
      },
      Opt("The log's public key in the signed-note verifier key format", "LedgerKey"));
  router.Add(
      "GET", "/api/v1/ledger/entries",
      [&ctx](Request& req) {
        QueryReader q(req, {"start", "end"});
        auto start = IndexParam(q, "start", 0);
        auto end = IndexParam(q, "end", std::nullopt);
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        if (*end < *start || *end - *start > kMaxRange)
          return ErrorOf(ctx, req,
                         Error{ErrorCode::kInvalidInput,
                               "error.invalid_input",
                               "start <= end <= start + 1000",
                               {{"end", "error.field.range", "start <= end <= start + 1000"}}});
        auto list = WithRead(ctx, [&](Tx& tx) { return tx.ledger().ListLogEntries(*start, *end); });
        if (!list) return ErrorOf(ctx, req, list.error());
        json items = json::array();
        for (const auto& e : *list) items.push_back(EntryJson(e));
        return JsonResponse(200, json{{"items", std::move(items)}});
      },
      Opt("Entries [start, end) of the log, at most 1000", "LedgerEntryList"));
  router.Add(
      "GET", "/api/v1/ledger/entries/{index}",
      [&ctx](Request& req) {
        auto index = ParseIndex(req.params["index"]);
        if (!index) return ErrorOf(ctx, req, Error{ErrorCode::kNotFound, "error.not_found", "index", {}});
        auto list = WithRead(ctx, [&](Tx& tx) { return tx.ledger().ListLogEntries(*index, *index + 1); });
        if (!list) return ErrorOf(ctx, req, list.error());
        if (list->empty())
          return ErrorOf(ctx, req, Error{ErrorCode::kNotFound, "error.not_found", "entry", {}});
        return JsonResponse(200, EntryJson(list->front()));
      },
      Opt("One entry of the log", "LedgerEntry"));
  router.Add(
      "GET", "/api/v1/ledger/entries/{index}/proof",
      [&ctx](Request& req) {
        auto index = ParseIndex(req.params["index"]);
        if (!index) return ErrorOf(ctx, req, Error{ErrorCode::kNotFound, "error.not_found", "index", {}});
        QueryReader q(req, {"tree_size"});
        auto size_param = q.Str("tree_size");
        std::optional<std::uint64_t> size;
        if (size_param) {
          size = ParseIndex(*size_param);
          if (!size) q.Bad("tree_size", "error.field.integer", "a non-negative integer");
        }
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        std::optional<StoredCheckpoint> checkpoint;
        if (!size) {  // against the latest checkpoint, which is returned with the proof
          auto c = Current(ctx);
          if (!c) return ErrorOf(ctx, req, c.error());
          checkpoint = *c;
          size = c->size;
        }
        auto proof = uc::ProveEntry(ctx.store, *index, *size);
        if (!proof) return ErrorOf(ctx, req, proof.error());
        json j{{"index", proof->index},
               {"tree_size", proof->tree_size},
               {"entry", proof->entry},
               {"leaf_hash", ledger::ToBase64(proof->leaf_hash)},
               {"proof", Hashes(proof->proof)}};
        if (checkpoint) j["checkpoint"] = checkpoint->note;
        return JsonResponse(200, j);
      },
      Opt("RFC 9162 inclusion proof of an entry (against the latest checkpoint unless tree_size is given)",
          "LedgerInclusionProof"));
  router.Add(
      "GET", "/api/v1/ledger/consistency",
      [&ctx](Request& req) {
        QueryReader q(req, {"first", "second"});
        auto first = IndexParam(q, "first", std::nullopt);
        auto second = IndexParam(q, "second", std::nullopt);
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto proof = uc::ProveLogConsistency(ctx.store, *first, *second);
        if (!proof) return ErrorOf(ctx, req, proof.error());
        return JsonResponse(200, json{{"first", *first}, {"second", *second}, {"proof", Hashes(*proof)}});
      },
      Opt("RFC 9162 consistency proof between two tree sizes", "LedgerConsistencyProof"));
}

}  // namespace jospar::web::api
