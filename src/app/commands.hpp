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
// `demo generate`, added under the `demo` subcommand.
void AddDemoGenerateCommand(CLI::App& demo, int& exit_code);
// `check plan`: the coherence checks (exit code 2 when errors exist).
void AddCheckCommand(CLI::App& cli, int& exit_code);
// `check duplicates`, under the `check` subcommand (created when no other check added it first).
void AddCheckDuplicatesCommand(CLI::App& cli, int& exit_code);
// `import legacy` (under the import command, which must be added first) and `template legacy`.
void AddLegacyCommands(CLI::App& cli, int& exit_code);
void AddExportCommand(CLI::App& cli, int& exit_code);
// `report progress|burden|simplification`.
void AddReportCommand(CLI::App& cli, int& exit_code);
// `ledger verify|export|check`: the transparency log (exit code 2 when a check finds a difference).
void AddLedgerCommand(CLI::App& cli, int& exit_code);
// `mail send-pending|list`: the mail outbox.
void AddMailCommand(CLI::App& cli, int& exit_code);
// `persons rotate-key|reseal|retention`: the sealing keys of persons' IINs, and the erasure of the person
// accounts that retention makes due.
void AddPersonsCommand(CLI::App& cli, int& exit_code);

}  // namespace jospar::app
