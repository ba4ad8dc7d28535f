#include <iostream>

#include "app/commands.hpp"

namespace jospar::app {

// Placeholder replaced by the implementation of this command.
void AddUserCommand(CLI::App& cli, int& exit_code) {
  auto* cmd = cli.add_subcommand("user", "not built yet");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    std::cerr << "jospar user: not built yet\n";
    exit_code = 2;
  });
}

}  // namespace jospar::app
