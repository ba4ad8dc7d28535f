#include "core/ledger/entry.hpp"

#include <array>
#include <string>
#include <vector>

namespace jospar::ledger {
namespace {

constexpr std::string_view kMagic = "jospar-ledger/v1";

bool TokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == ':' || c == '/' || c == '@' || c == '=' || c == '+' || c == '-';
}

bool ValidToken(std::string_view s) {
  if (s.empty() || s.size() > 200) return false;
  for (char c : s)
    if (!TokenChar(c)) return false;
  return true;
}

bool Digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool ValidTime(std::string_view t) {
  // yyyy-mm-ddThh:mm:ssZ
  if (t.size() != 20) return false;
  return Digits(t.substr(0, 4)) && t[4] == '-' && Digits(t.substr(5, 2)) && t[7] == '-' &&
         Digits(t.substr(8, 2)) && t[10] == 'T' && Digits(t.substr(11, 2)) && t[13] == ':' &&
         Digits(t.substr(14, 2)) && t[16] == ':' && Digits(t.substr(17, 2)) && t[19] == 'Z';
}

tl::unexpected<Error> EntryError(std::string detail, std::string field = {}) {
  std::vector<FieldError> fields;
  if (!field.empty()) fields.push_back({field, "error.ledger.entry", detail});
  return Fail(ErrorCode::kInvalidInput, "error.ledger.entry", std::move(detail), std::move(fields));
}

}  // namespace

Status ValidateDecision(const Decision& d) {
  const std::array<std::pair<const char*, const std::string*>, 4> tokens = {{{"action", &d.action},
                                                                             {"object_kind", &d.object_kind},
                                                                             {"object_id", &d.object_id},
                                                                             {"actor_role", &d.actor_role}}};
  for (const auto& [name, value] : tokens) {
    if (!ValidToken(*value))
      return EntryError(std::string(name) + ": 1 to 200 characters of A-Z a-z 0-9 . _ : / @ = + -", name);
  }
  if (!ValidTime(d.time)) return EntryError("time: expected yyyy-mm-ddThh:mm:ssZ", "time");
  return {};
}

std::string EncodeEntry(const Decision& d) {
  std::string out;
  out.reserve(160 + d.action.size() + d.object_kind.size() + d.object_id.size());
  out.append(kMagic).append("\naction ").append(d.action);
  out.append("\nobject ").append(d.object_kind).append(" ").append(d.object_id);
  out.append("\ncontent sha256:").append(ToHex(d.content_hash));
  out.append("\nrole ").append(d.actor_role);
  out.append("\ntime ").append(d.time).append("\n");
  return out;
}

Result<Decision> ParseEntry(std::string_view bytes) {
  std::vector<std::string_view> lines;
  std::size_t at = 0;
  while (at < bytes.size()) {
    const std::size_t nl = bytes.find('\n', at);
    if (nl == std::string_view::npos)
      return EntryError("line " + std::to_string(lines.size() + 1) + ": missing the final newline");
    lines.push_back(bytes.substr(at, nl - at));
    at = nl + 1;
  }
  if (lines.size() != 6) return EntryError("expected 6 lines, found " + std::to_string(lines.size()));
  if (lines[0] != kMagic) return EntryError("line 1: expected \"jospar-ledger/v1\"");
  auto field = [&](int i, std::string_view key) -> std::optional<std::string_view> {
    std::string_view l = lines[i];
    if (l.size() <= key.size() + 1 || l.substr(0, key.size()) != key || l[key.size()] != ' ')
      return std::nullopt;
    return l.substr(key.size() + 1);
  };
  Decision d;
  auto action = field(1, "action");
  if (!action) return EntryError("line 2: expected \"action ACTION\"");
  d.action = *action;
  auto object = field(2, "object");
  const std::size_t space = object ? object->find(' ') : std::string_view::npos;
  if (!object || space == std::string_view::npos) return EntryError("line 3: expected \"object KIND ID\"");
  d.object_kind = object->substr(0, space);
  d.object_id = object->substr(space + 1);
  auto content = field(3, "content");
  if (!content || content->substr(0, 7) != "sha256:")
    return EntryError("line 4: expected \"content sha256:HEX\"");
  const std::string_view hex = content->substr(7);
  auto hash = HashFromHex(hex);
  if (!hash || ToHex(*hash) != hex) return EntryError("line 4: expected 64 lower-case hex digits");
  d.content_hash = *hash;
  auto role = field(4, "role");
  if (!role) return EntryError("line 5: expected \"role ROLE\"");
  d.actor_role = *role;
  auto time = field(5, "time");
  if (!time) return EntryError("line 6: expected \"time yyyy-mm-ddThh:mm:ssZ\"");
  d.time = *time;
  if (auto ok = ValidateDecision(d); !ok) return Fail(ok.error());
  return d;
}

}  // namespace jospar::ledger
