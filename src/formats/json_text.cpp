#include "formats/json_text.hpp"

#include "core/base/text.hpp"

namespace jospar::formats {

void AppendJsonString(std::string& out, std::string_view s, JsonControlEscapes controls) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  // Bytes that need nothing are copied in runs: [run, i) is pending.
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const Utf8Step step = NextUtf8(s, i);
      if (!step.valid) {
        out.append(s.data() + run, i - run);
        out += kReplacementCharacter;
        run = i + step.length;
      }
      i += step.length;
      continue;
    }
    out.append(s.data() + run, i - run);
    run = ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += controls == JsonControlEscapes::kShort ? "\\b" : "\\u0008";
        break;
      case '\f':
        out += controls == JsonControlEscapes::kShort ? "\\f" : "\\u000c";
        break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(esc, 6);
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

std::string JsonString(std::string_view s, JsonControlEscapes controls) {
  std::string out;
  out.reserve(s.size() + 2);
  AppendJsonString(out, s, controls);
  return out;
}

}  // namespace jospar::formats
