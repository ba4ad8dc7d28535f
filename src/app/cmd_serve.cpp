#include <iostream>

#include "app/commands.hpp"

namespace jospar::app {

// Placeholder replaced by the implementation of this command.
void AddServeCommand(CLI::App& cli, int& exit_code) {
  auto* cmd = cli.add_subcommand("serve", "not built yet");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    std::cerr << "jospar serve: not built yet\n";
    exit_code = 2;
  });
}

}  // namespace jospar::app
