#include "formats/ledger_state.hpp"

#include <charconv>
#include <vector>

namespace jospar::formats {
namespace {

tl::unexpected<Error> Bad(int line, std::string what) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.state",
              "state file line " + std::to_string(line) + ": " + std::move(what));
}

}  // namespace

std::string WriteLedgerCheckState(const usecases::TrustedLogState& state) {
  std::string out = std::string(kLedgerCheckStateFormat) + "\n";
  out += "key " + state.verifier_key + "\n";
  out += "size " + std::to_string(state.frontier.size()) + "\n";
  for (const auto& h : state.frontier.subtrees()) out += "subtree " + ledger::ToBase64(h) + "\n";
  out += "checkpoint\n";
  out += state.note;
  return out;
}

Result<usecases::TrustedLogState> ParseLedgerCheckState(std::string_view bytes) {
  usecases::TrustedLogState state;
  int line_no = 0;
  auto next_line = [&](std::string_view& line) {
    const auto nl = bytes.find('\n');
    if (nl == std::string_view::npos) return false;
    line = bytes.substr(0, nl);
    bytes.remove_prefix(nl + 1);
    ++line_no;
    return true;
  };
  std::string_view line;
  if (!next_line(line) || line != kLedgerCheckStateFormat)
    return Bad(1, std::string("expected \"") + kLedgerCheckStateFormat + "\" (is this a state file?)");
  if (!next_line(line) || line.substr(0, 4) != "key " || line.size() == 4)
    return Bad(line_no, "expected \"key NAME+KEYID+BASE64\"");
  state.verifier_key = std::string(line.substr(4));
  std::uint64_t size = 0;
  if (!next_line(line) || line.substr(0, 5) != "size ") return Bad(line_no, "expected \"size N\"");
  {
    const std::string_view digits = line.substr(5);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), size);
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() ||
        (digits.size() > 1 && digits[0] == '0'))
      return Bad(line_no, "expected \"size N\" with N a whole number");
  }
  std::vector<ledger::Hash> subtrees;
  while (true) {
    if (!next_line(line)) return Bad(line_no + 1, "expected \"subtree BASE64\" or \"checkpoint\"");
    if (line == "checkpoint") break;
    if (line.substr(0, 8) != "subtree ") return Bad(line_no, "expected \"subtree BASE64\" or \"checkpoint\"");
    auto raw = ledger::FromBase64(line.substr(8));
    if (!raw || raw->size() != 32 || ledger::ToBase64(*raw) != line.substr(8))
      return Bad(line_no, "not the base64 of a SHA-256 hash");
    ledger::Hash h{};
    for (std::size_t i = 0; i < 32; ++i) h[i] = static_cast<std::uint8_t>((*raw)[i]);
    subtrees.push_back(h);
  }
  auto frontier = ledger::Frontier::FromHashes(size, std::move(subtrees));
  if (!frontier) return Bad(line_no, frontier.error().detail);
  state.frontier = std::move(*frontier);
  if (bytes.empty()) return Bad(line_no + 1, "expected the signed checkpoint note");
  state.note = std::string(bytes);
  return state;
}

}  // namespace jospar::formats
