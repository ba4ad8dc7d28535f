#include "app/options.hpp"

namespace jospar::app {

void AddStoreOptions(CLI::App* cmd, std::string& db_url) {
  db_url = kDefaultDb;
  cmd->add_option("--db", db_url, "Database: sqlite:PATH or postgresql://...")
      ->envname("JOSPAR_DB")
      ->capture_default_str();
  cmd->set_config("--config", "", "Config file (key = value lines)")->envname("JOSPAR_CONFIG");
}

}  // namespace jospar::app
