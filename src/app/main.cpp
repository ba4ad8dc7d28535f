// jospar: the state plan, the civil service and citizens' voice in one transparent system.
#include <CLI/CLI.hpp>

#include "app/commands.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"Jospar - a people-centred public administration platform"};
  cli.require_subcommand(1);
  int exit_code = 0;
  jospar::app::AddServeCommand(cli, exit_code);
  jospar::app::AddMigrateCommand(cli, exit_code);
  jospar::app::AddImportCommand(cli, exit_code);
  jospar::app::AddUserCommand(cli, exit_code);
  jospar::app::AddDemoCommand(cli, exit_code);
  jospar::app::AddCheckCommand(cli, exit_code);
  jospar::app::AddCheckDuplicatesCommand(cli, exit_code);
  jospar::app::AddLegacyCommands(cli, exit_code);
  jospar::app::AddExportCommand(cli, exit_code);
  jospar::app::AddReportCommand(cli, exit_code);
  jospar::app::AddLedgerCommand(cli, exit_code);
  jospar::app::AddMailCommand(cli, exit_code);
  jospar::app::AddPersonsCommand(cli, exit_code);
  CLI11_PARSE(cli, argc, argv);
  return exit_code;
}
