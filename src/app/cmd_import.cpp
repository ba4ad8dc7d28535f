#include <iostream>

#include "app/commands.hpp"

namespace jospar::app {

// Placeholder replaced by the implementation of this command.
void AddImportCommand(CLI::App& cli, int& exit_code) {
  auto* cmd = cli.add_subcommand("import", "not built yet");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    std::cerr << "jospar import: not built yet\n";
    exit_code = 2;
  });
}

}  // namespace jospar::app
