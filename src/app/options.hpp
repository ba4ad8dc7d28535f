// Options shared by the subcommands. Every option can also come from the environment (JOSPAR_DB,
// JOSPAR_DATA_DIR, JOSPAR_LISTEN, JOSPAR_THREADS, ...) and from a config file given by --config or
// JOSPAR_CONFIG ("key = value" lines, keys as the long option names: db, data-dir, listen, threads).
// Precedence: command line, then environment, then config file, then the default.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace jospar::app {

inline constexpr const char* kDefaultDb = "sqlite:var/jospar.db";

// Adds --db (default kDefaultDb, env JOSPAR_DB) and --config to `cmd`.
void AddStoreOptions(CLI::App* cmd, std::string& db_url);

// The default folder of a resource of the source tree ("static", "templates", "locales"): the first of
// $JOSPAR_SOURCE_DIR/NAME (at run time), NAME in the source tree the binary was built from, NAME next
// to the binary, ../share/jospar/NAME next to the binary, that exists; else "NAME".
std::string DefaultResourceDir(const std::string& name);

// Splits "host:port" ("[::1]:8080" for IPv6, ":8080" for 127.0.0.1). False when malformed.
bool ParseListen(const std::string& listen, std::string& host, int& port);

}  // namespace jospar::app
