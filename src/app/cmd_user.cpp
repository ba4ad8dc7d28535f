// `jospar user add|token|list|reset-2fa`: accounts from the command line.
#include <iostream>
#include <memory>
#include <string>

#include "app/clock.hpp"
#include "app/commands.hpp"
#include "app/options.hpp"
#include "core/accounts/access.hpp"
#include "core/accounts/repository.hpp"
#include "core/accounts/second_factor.hpp"
#include "core/accounts/usecases.hpp"
#include "core/plan/repository.hpp"
#include "store/open.hpp"
#include "web/auth.hpp"
#include "web/dispatch.hpp"

namespace jospar::app {

namespace {

struct UserSettings {
  std::string db_url;
  std::string name;
  std::string role;
  std::string body;
  bool password_stdin = false;
  std::string token_name = "cli";
};

int Report(const char* what, const Error& e) {
  std::cerr << "jospar user " << what << ": " << ErrorCodeName(e.code) << ": " << e.message_key;
  if (!e.detail.empty()) std::cerr << " (" << e.detail << ")";
  for (const auto& f : e.fields)
    std::cerr << "\n  " << f.field << ": " << f.message_key << (f.detail.empty() ? "" : " " + f.detail);
  std::cerr << "\n";
  return e.code == ErrorCode::kInvalidInput || e.code == ErrorCode::kConflict ? 2 : 1;
}

int Add(const UserSettings& s) {
  auto role = ParseRole(s.role);
  if (!role) {
    std::cerr << "jospar user add: --role must be admin, planner or executor\n";
    return 2;
  }
  auto store = store::OpenStore(s.db_url);
  if (!store) return Report("add", store.error());
  std::optional<Id> body_id;
  if (!s.body.empty()) {
    auto tx = (*store)->Begin(TxMode::kRead);
    if (!tx) return Report("add", tx.error());
    auto body = (*tx)->plan().GetBodyByCode(s.body);
    if (!body) {
      std::cerr << "jospar user add: no state body with code " << s.body << "\n";
      return 2;
    }
    body_id = body->id;
  }
  std::string password;
  const bool generated = !s.password_stdin;
  if (s.password_stdin) {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
  } else {
    password = web::Auth::GeneratePassword();
  }
  web::WebConfig config;
  web::Auth auth(config, "");
  // The command line acts with the operator's full rights; its history entries name "cli".
  const accounts::AccountCaller caller{Principal{0, "cli", Role::kAdmin, std::nullopt}, UtcNow()};
  auto user = accounts::CreateUser(**store, caller, {s.name, *role, body_id, password},
                                   [&auth](std::string_view p) { return auth.HashPassword(p); });
  if (!user) return Report("add", user.error());
  std::cout << "created user " << user->name << " (" << ToString(user->role) << ", id " << user->id << ")\n";
  if (generated) std::cout << "password: " << password << "\n(shown once; store it safely)\n";
  return 0;
}

int Token(const UserSettings& s) {
  auto store = store::OpenStore(s.db_url);
  if (!store) return Report("token", store.error());
  Id user_id = 0;
  {
    auto tx = (*store)->Begin(TxMode::kRead);
    if (!tx) return Report("token", tx.error());
    auto user = (*tx)->accounts().GetUserByName(s.name);
    if (!user) {
      std::cerr << "jospar user token: no user named " << s.name << "\n";
      return 2;
    }
    user_id = user->id;
  }
  web::WebConfig config;
  web::Auth auth(config, "");
  auto token = auth.CreateToken(**store, user_id, s.token_name, SystemClock());
  if (!token) return Report("token", token.error());
  std::cout << token->token << "\n";
  std::cerr << "API token " << token->id << " for " << s.name
            << " (shown once; send it as Authorization: Bearer)\n";
  return 0;
}

int List(const UserSettings& s) {
  auto store = store::OpenStore(s.db_url);
  if (!store) return Report("list", store.error());
  auto tx = (*store)->Begin(TxMode::kRead);
  if (!tx) return Report("list", tx.error());
  auto users = (*tx)->accounts().ListUsers();
  if (!users) return Report("list", users.error());
  for (const auto& u : *users)
    std::cout << u.id << "\t" << u.name << "\t" << ToString(u.role) << (u.disabled ? "\tdisabled" : "")
              << "\n";
  return 0;
}

// A lost device: removes the user's second factor and recovery codes and ends their sessions; a role that
// requires one enrols again at the next sign-in. Recorded in the history by "cli".
int ResetSecondFactor(const UserSettings& s) {
  auto store = store::OpenStore(s.db_url);
  if (!store) return Report("reset-2fa", store.error());
  Id user_id = 0;
  {
    auto tx = (*store)->Begin(TxMode::kRead);
    if (!tx) return Report("reset-2fa", tx.error());
    auto user = (*tx)->accounts().GetUserByName(s.name);
    if (!user) {
      std::cerr << "jospar user reset-2fa: no user named " << s.name << "\n";
      return 2;
    }
    user_id = user->id;
  }
  const accounts::AccountCaller caller{Principal{0, "cli", Role::kAdmin, std::nullopt}, UtcNow()};
  if (auto st = accounts::ResetSecondFactor(**store, caller, user_id); !st)
    return Report("reset-2fa", st.error());
  std::cout << "second factor of " << s.name << " reset; their sessions ended\n";
  return 0;
}

}  // namespace

void AddUserCommand(CLI::App& cli, int& exit_code) {
  auto* cmd = cli.add_subcommand("user", "Manage accounts");
  cmd->require_subcommand(1);
  auto s = std::make_shared<UserSettings>();

  auto* add =
      cmd->add_subcommand("add", "Create an account; prints a generated password unless --password-stdin");
  AddStoreOptions(add, s->db_url);
  add->add_option("name", s->name, "User name")->required();
  add->add_option("--role", s->role, "admin, planner or executor")->required();
  add->add_option("--body", s->body, "Code of the state body (executors)");
  add->add_flag("--password-stdin", s->password_stdin,
                "Read the password from the first line of standard input");
  add->callback([s, &exit_code] { exit_code = Add(*s); });

  auto* token = cmd->add_subcommand("token", "Create an API token for a user and print it (once)");
  AddStoreOptions(token, s->db_url);
  token->add_option("name", s->name, "User name")->required();
  token->add_option("--token-name", s->token_name, "A label for the token")->capture_default_str();
  token->callback([s, &exit_code] { exit_code = Token(*s); });

  auto* list = cmd->add_subcommand("list", "List accounts");
  AddStoreOptions(list, s->db_url);
  list->callback([s, &exit_code] { exit_code = List(*s); });

  auto* reset = cmd->add_subcommand(
      "reset-2fa", "Reset a user's second factor (lost device): ends their sessions; they enrol again");
  AddStoreOptions(reset, s->db_url);
  reset->add_option("name", s->name, "User name")->required();
  reset->callback([s, &exit_code] { exit_code = ResetSecondFactor(*s); });
}

}  // namespace jospar::app
