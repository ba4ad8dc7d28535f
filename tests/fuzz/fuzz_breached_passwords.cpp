// Fuzzes BreachedPasswords::Parse: no crash on any bytes; every line that is neither empty nor a comment
// (its CR before LF removed) is then refused, whatever its ASCII case, and nothing else is in the list.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "core/accounts/passwords.hpp"
#include "core/base/text.hpp"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

std::string AsciiUpper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jospar;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto list = accounts::BreachedPasswords::Parse(text);
  std::set<std::string> expected;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] != '#') {
      Check(list.Contains(line));
      Check(list.Contains(AsciiUpper(line)));
      expected.insert(AsciiLower(line));
    }
    start = end + 1;
  }
  Check(list.size() == expected.size());
  return 0;
}
