// `jospar mail send-pending`: sends what is due in the outbox once; `jospar mail list`: the outbox for
// operators (id, state, attempts, times, purpose and the last error; no address, subject or body).
#include <iostream>
#include <memory>
#include <string>

#include "app/commands.hpp"
#include "app/mail_delivery.hpp"
#include "app/options.hpp"
#include "core/base/clock.hpp"
#include "store/open.hpp"

namespace jospar::app {
namespace {

struct MailCommandSettings {
  std::string db_url;
  MailSettings mail;
  std::string state;
  int limit = 50;
};

int SendPending(const MailCommandSettings& s) {
  auto store = store::OpenStore(s.db_url);
  if (!store) {
    std::cerr << "jospar mail: " << ErrorCodeName(store.error().code) << ": " << store.error().detail << "\n";
    return 1;
  }
  std::string what;
  auto sender = MakeMailSender(s.mail, what);
  if (!sender) {
    std::cerr << "jospar mail: " << sender.error().detail << "\n";
    return 2;
  }
  MailDelivery delivery(**store, **sender);
  auto report = delivery.RunOnce(SystemClock());
  if (!report) {
    std::cerr << "jospar mail: " << ErrorCodeName(report.error().code) << ": " << report.error().detail
              << "\n";
    return 1;
  }
  std::cout << "sent " << report->sent << ", failed " << report->failed << " (will retry), given up "
            << report->dead << " (" << what << ")\n";
  return report->failed + report->dead > 0 ? 3 : 0;
}

int List(const MailCommandSettings& s) {
  std::optional<OutboxState> state;
  if (!s.state.empty()) {
    state = ParseOutboxState(s.state);
    if (!state) {
      std::cerr << "jospar mail list: --state must be pending, sent or dead\n";
      return 2;
    }
  }
  auto store = store::OpenStore(s.db_url);
  if (!store) {
    std::cerr << "jospar mail: " << ErrorCodeName(store.error().code) << ": " << store.error().detail << "\n";
    return 1;
  }
  auto tx = (*store)->Begin(TxMode::kRead);
  if (!tx) {
    std::cerr << "jospar mail: " << tx.error().detail << "\n";
    return 1;
  }
  auto items = (*tx)->outbox().List(state, s.limit);
  if (!items) {
    std::cerr << "jospar mail: " << items.error().detail << "\n";
    return 1;
  }
  std::cout << "id\tstate\tattempts\tcreated\tnext_attempt\tsent\tpurpose\tlast_error\n";
  for (const auto& it : *items) {
    std::cout << it.id << "\t" << ToString(it.state) << "\t" << it.attempts << "\t" << IsoTime(it.created_at)
              << "\t" << (it.state == OutboxState::kPending ? IsoTime(it.next_attempt_at) : "-") << "\t"
              << (it.sent_at ? IsoTime(*it.sent_at) : "-") << "\t" << it.message.purpose << "\t"
              << it.last_error << "\n";
  }
  return 0;
}

}  // namespace

void AddMailCommand(CLI::App& cli, int& exit_code) {
  auto* mail = cli.add_subcommand("mail", "The mail outbox");
  mail->require_subcommand(1);
  auto s = std::make_shared<MailCommandSettings>();
  auto* send = mail->add_subcommand(
      "send-pending", "Send the mail that is due now (exit code 3 when some could not be sent)");
  AddStoreOptions(send, s->db_url);
  send->add_option("--data-dir", s->mail.data_dir, "Folder for state; mail files go to DATA-DIR/mail")
      ->envname("JOSPAR_DATA_DIR")
      ->capture_default_str();
  AddMailOptions(send, s->mail);
  send->callback([s, &exit_code] { exit_code = SendPending(*s); });
  auto* list = mail->add_subcommand("list", "List the outbox, newest first (no addresses or contents)");
  AddStoreOptions(list, s->db_url);
  list->add_option("--state", s->state, "pending, sent or dead (default: all)");
  list->add_option("--limit", s->limit, "At most this many")->capture_default_str();
  list->callback([s, &exit_code] { exit_code = List(*s); });
}

}  // namespace jospar::app
