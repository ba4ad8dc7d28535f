#include <iostream>
#include <memory>
#include <string>

#include "app/commands.hpp"
#include "app/options.hpp"
#include "store/open.hpp"

namespace jospar::app {

// `jospar migrate [--db URL]`: applies the pending schema migrations and prints the schema version.
void AddMigrateCommand(CLI::App& cli, int& exit_code) {
  auto* cmd = cli.add_subcommand("migrate", "Apply pending database migrations and print the schema version");
  auto db_url = std::make_shared<std::string>();
  AddStoreOptions(cmd, *db_url);
  cmd->callback([db_url, &exit_code] {
    auto version = store::Migrate(*db_url);
    if (!version) {
      std::cerr << "jospar migrate: " << ErrorCodeName(version.error().code) << ": " << version.error().detail
                << "\n";
      exit_code = version.error().code == ErrorCode::kInvalidInput ? 2 : 1;
      return;
    }
    std::cout << "schema version " << *version << "\n";
    exit_code = 0;
  });
}

}  // namespace jospar::app
