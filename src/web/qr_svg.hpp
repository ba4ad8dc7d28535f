// QR codes drawn on the server as SVG (libqrencode), for the otpauth URI of a TOTP enrolment: the
// authenticator app scans it instead of the person typing the secret. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jospar::web {

// The QR code of `text` (8-bit mode, error correction level M) as a square of modules, row by row:
// true = dark. nullopt when the text is too long for any QR version.
std::optional<std::vector<std::vector<bool>>> QrModules(std::string_view text);

// An <svg> element (role="img", the accessible name `label`) of the QR code of `text`, with the four-module
// quiet zone the standard asks for, one <path> of dark modules, `px` pixels wide. Empty when the text is too
// long. `label` is escaped here.
std::string QrSvg(std::string_view text, const std::string& label, int px = 240);

}  // namespace jospar::web
