// What every handler can reach: the store port, configuration and the shared services of the web layer.
// Built once by app/ (which wires the concrete store) and shared read-only by all worker threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "core/store.hpp"

namespace jospar::web {

struct WebConfig {
  std::string static_dir;     // CSS, JS, images (served under /static/)
  std::string templates_dir;  // mustache templates
  std::string locales_dir;    // kk.json, ru.json, en.json
  std::string data_dir;       // keys and other state files
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  bool secure_cookies = false;               // set when served over TLS (or behind a TLS proxy)
  std::size_t json_body_limit = 1 << 20;     // 1 MiB
  std::size_t upload_body_limit = 50 << 20;  // 50 MiB
};

class Locales;
class Templates;

struct AppContext {
  Store& store;
  WebConfig config;
  std::shared_ptr<const Locales> locales;      // loaded once at start; may be null in tests
  std::shared_ptr<const Templates> templates;  // may be null in tests
};

}  // namespace jospar::web
