#include <iostream>

#include "app/commands.hpp"

namespace jospar::app {

// Placeholder replaced by the implementation of this command.
void AddMigrateCommand(CLI::App& cli, int& exit_code) {
  auto* cmd = cli.add_subcommand("migrate", "not built yet");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    std::cerr << "jospar migrate: not built yet\n";
    exit_code = 2;
  });
}

}  // namespace jospar::app
