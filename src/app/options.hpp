// Options shared by the subcommands. Every option can also come from the environment (JOSPAR_DB,
// JOSPAR_DATA_DIR, JOSPAR_LISTEN, JOSPAR_THREADS) and from a config file given by --config or
// JOSPAR_CONFIG ("key = value" lines, keys as the long option names: db, data-dir, listen, threads).
// Precedence: command line, then environment, then config file, then the default.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace jospar::app {

inline constexpr const char* kDefaultDb = "sqlite:var/jospar.db";

// Adds --db (default kDefaultDb, env JOSPAR_DB) and --config to `cmd`.
void AddStoreOptions(CLI::App* cmd, std::string& db_url);

}  // namespace jospar::app
