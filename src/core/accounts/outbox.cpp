#include "core/accounts/outbox.hpp"

#include <array>

namespace jospar {
namespace {

// Whether `s` is well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
bool ValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(n) >= s.size()) return false;
    for (int k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr std::array<std::uint32_t, 4> kMin = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

// A control character other than TAB (CR and LF above all: header injection).
bool HasControl(std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t') || c == 0x7F) return true;
  }
  return false;
}

// One bare address: local@domain, printable ASCII or UTF-8, no spaces, list separators, brackets or quotes.
bool ValidAddress(std::string_view a) {
  if (a.empty() || a.size() > kMailMaxAddress || HasControl(a)) return false;
  const auto at = a.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == a.size() || a.find('@', at + 1) != a.npos) {
    return false;
  }
  for (char c : a) {
    if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '<' || c == '>' || c == '"' || c == '(' ||
        c == ')' || c == '[' || c == ']' || c == '\\' || c == ':') {
      return false;
    }
  }
  const std::string_view domain = a.substr(at + 1);
  return domain.front() != '.' && domain.back() != '.' && domain.find("..") == domain.npos;
}

}  // namespace

Status ValidateMail(const MailMessage& m) {
  std::vector<FieldError> fields;
  if (!ValidUtf8(m.to) || !ValidAddress(m.to)) {
    fields.push_back({"to", "error.mail_address", "one address local@domain, no list or display name"});
  }
  if (m.subject.empty() || m.subject.size() > kMailMaxSubject || HasControl(m.subject) ||
      !ValidUtf8(m.subject)) {
    fields.push_back({"subject", "error.mail_subject", "one line of UTF-8, 1-998 bytes"});
  }
  if (m.text.size() > kMailMaxText || !ValidUtf8(m.text) || m.text.find('\0') != std::string::npos) {
    fields.push_back({"text", "error.mail_text", "UTF-8, at most 1 MiB"});
  }
  bool purpose_ok = !m.purpose.empty() && m.purpose.size() <= kMailMaxPurpose;
  for (char c : m.purpose) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
      purpose_ok = false;
    }
  }
  if (!purpose_ok) fields.push_back({"purpose", "error.mail_purpose", "[a-z0-9._-], 1-64 characters"});
  if (fields.empty()) return {};
  std::string detail;
  for (const auto& f : fields) detail += (detail.empty() ? "" : ", ") + f.field;
  return Fail(ErrorCode::kInvalidInput, "error.mail_invalid", "invalid mail field: " + detail,
              std::move(fields));
}

const char* ToString(OutboxState s) {
  switch (s) {
    case OutboxState::kPending:
      return "pending";
    case OutboxState::kSent:
      return "sent";
    case OutboxState::kDead:
      return "dead";
  }
  return "pending";
}

std::optional<OutboxState> ParseOutboxState(std::string_view s) {
  if (s == "pending") return OutboxState::kPending;
  if (s == "sent") return OutboxState::kSent;
  if (s == "dead") return OutboxState::kDead;
  return std::nullopt;
}

std::optional<std::int64_t> MailRetryDelay(int failed_attempts) {
  static constexpr std::array<std::int64_t, kMailMaxAttempts - 1> kDelays = {60, 5 * 60, 30 * 60, 2 * 3600,
                                                                             12 * 3600};
  if (failed_attempts < 1) return kDelays[0];
  if (failed_attempts >= kMailMaxAttempts) return std::nullopt;
  return kDelays[static_cast<std::size_t>(failed_attempts - 1)];
}

}  // namespace jospar
