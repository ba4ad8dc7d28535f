// The subcommands of the `jospar` binary. Each returns the process exit code.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace jospar::app {

// Adds the subcommand and its options to `cli`; the callback runs it and stores the exit code.
void AddServeCommand(CLI::App& cli, int& exit_code);
void AddMigrateCommand(CLI::App& cli, int& exit_code);
void AddImportCommand(CLI::App& cli, int& exit_code);
void AddUserCommand(CLI::App& cli, int& exit_code);
void AddDemoCommand(CLI::App& cli, int& exit_code);
void AddExportCommand(CLI::App& cli, int& exit_code);

}  // namespace jospar::app
