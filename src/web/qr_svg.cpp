#include "web/qr_svg.hpp"

#include <qrencode.h>

#include <memory>

#include "web/html.hpp"

namespace jospar::web {

std::optional<std::vector<std::vector<bool>>> QrModules(std::string_view text) {
  const std::string s(text);
  std::unique_ptr<QRcode, void (*)(QRcode*)> qr(
      QRcode_encodeData(static_cast<int>(s.size()), reinterpret_cast<const unsigned char*>(s.data()), 0,
                        QR_ECLEVEL_M),
      QRcode_free);
  if (!qr) return std::nullopt;
  const int n = qr->width;
  std::vector<std::vector<bool>> m(static_cast<std::size_t>(n),
                                   std::vector<bool>(static_cast<std::size_t>(n)));
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) m[y][x] = (qr->data[y * n + x] & 1) != 0;
  return m;
}

std::string QrSvg(std::string_view text, const std::string& label, int px) {
  auto m = QrModules(text);
  if (!m) return {};
  constexpr int kQuiet = 4;
  const int n = static_cast<int>(m->size());
  const int size = n + 2 * kQuiet;
  std::string path;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if ((*m)[y][x])
        path += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h1v1h-1z";
  const std::string s = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" + HtmlEscape(label) +
         "\" width=\"" + std::to_string(px) + "\" height=\"" + std::to_string(px) + "\" viewBox=\"0 0 " + s +
         " " + s + "\" shape-rendering=\"crispEdges\"><rect width=\"" + s + "\" height=\"" + s +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace jospar::web
