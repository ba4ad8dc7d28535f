// JSON string literals (RFC 8259): the one escaping behind every JSON text Jospar writes by hand — the
// API's bodies, the structured log lines and the open-data files.
#pragma once

#include <string>
#include <string_view>

namespace jospar::formats {

// How the two control characters that have both a short and a \u escape are written.
enum class JsonControlEscapes {
  kShort,    // \b and \f, as nlohmann::json's dump() writes them (API bodies, log lines)
  kUnicode,  // \u0008 and \u000c, as the open-data files have always been published
};

// Appends `s` as a JSON string literal, quotes included. The result is always valid JSON and valid UTF-8:
// `"` and `\` are escaped, \n \r \t (and \b \f, see above) by their short escapes, every other byte below
// 0x20 as \u00xx (lower-case hex); well-formed UTF-8 is copied unchanged (no \u escapes for non-ASCII
// text, 0x7F kept); each maximal ill-formed subsequence is replaced by U+FFFD (see ValidUtf8 in
// core/base/text.hpp), which is also what nlohmann::json's error_handler_t::replace does.
void AppendJsonString(std::string& out, std::string_view s,
                      JsonControlEscapes controls = JsonControlEscapes::kShort);

// The same, as a new string.
std::string JsonString(std::string_view s, JsonControlEscapes controls = JsonControlEscapes::kShort);

}  // namespace jospar::formats
