// The outbox's rules: ValidateMail (one address, no header injection, UTF-8, lengths), the back-off
// schedule, and the message BuildMessage writes (RFC 2047 subject, base64 body, CRLF).
#include <gtest/gtest.h>

#include "app/mail_delivery.hpp"
#include "core/accounts/outbox.hpp"

namespace jospar {
namespace {

MailMessage Ok() { return {"a@example.kz", "Subject", "Body\n", "account.confirm"}; }

std::string BadField(const MailMessage& m) {
  auto r = ValidateMail(m);
  if (r) return "";
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  return r.error().fields.empty() ? "?" : r.error().fields[0].field;
}

TEST(OutboxRules, ValidateMailRefusesInjectionListsAndBadText) {
  EXPECT_EQ(BadField(Ok()), "");
  for (const char* to : {"", "a", "@example.kz", "a@", "a@b@c", "a@example.kz\r\nBcc: x@y.z",
                         "a@example.kz\n", "a@example.kz, b@example.kz", "a@example.kz;b@example.kz",
                         "Name <a@example.kz>", "a b@example.kz", "a@example..kz", "a@.example.kz"}) {
    MailMessage m = Ok();
    m.to = to;
    EXPECT_EQ(BadField(m), "to") << to;
  }
  MailMessage m = Ok();
  m.to = std::string(250, 'a') + "@b.kz";
  EXPECT_EQ(BadField(m), "to");
  for (const char* subject : {"", "Hi\r\nBcc: x@y.z", "Hi\nX: y", "Hi\rX", "\xff\xfe"}) {
    m = Ok();
    m.subject = subject;
    EXPECT_EQ(BadField(m), "subject") << subject;
  }
  m = Ok();
  m.subject = "Тіркеуді растаңыз";
  EXPECT_EQ(BadField(m), "");
  m.text = "\xc3\x28";
  EXPECT_EQ(BadField(m), "text");
  m = Ok();
  m.text = std::string(kMailMaxText + 1, 'x');
  EXPECT_EQ(BadField(m), "text");
  m = Ok();
  m.purpose = "Account Confirm";
  EXPECT_EQ(BadField(m), "purpose");
  m.purpose = "";
  EXPECT_EQ(BadField(m), "purpose");
}

TEST(OutboxRules, BackOffScheduleThenGiveUp) {
  EXPECT_EQ(MailRetryDelay(1), 60);
  EXPECT_EQ(MailRetryDelay(2), 5 * 60);
  EXPECT_EQ(MailRetryDelay(3), 30 * 60);
  EXPECT_EQ(MailRetryDelay(4), 2 * 3600);
  EXPECT_EQ(MailRetryDelay(5), 12 * 3600);
  EXPECT_FALSE(MailRetryDelay(kMailMaxAttempts));
  EXPECT_FALSE(MailRetryDelay(kMailMaxAttempts + 1));
}

TEST(OutboxRules, BuildMessageEncodesSubjectAndBody) {
  OutboxItem item;
  item.id = 7;
  item.created_at = 1'700'000'000;
  item.message = {"a@example.kz", "Сәлем", "Привет\nмир\n", "account.confirm"};
  auto msg = app::BuildMessage(item, "noreply@jospar.kz", 1'700'000'000).value();
  EXPECT_NE(msg.find("Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"), std::string::npos) << msg;
  EXPECT_NE(msg.find("Message-ID: <jospar.7.1700000000@jospar.kz>\r\n"), std::string::npos);
  // "Сәлем" in UTF-8, base64.
  EXPECT_NE(msg.find("Subject: =?UTF-8?B?0KHTmdC70LXQvA==?=\r\n"), std::string::npos) << msg;
  EXPECT_NE(msg.find("Content-Transfer-Encoding: base64\r\n\r\n0J/RgNC40LLQtdGCDQrQvNC40YANCg==\r\n"),
            std::string::npos)
      << msg;
  // A long subject becomes several encoded-words on folded lines, none split inside a character.
  item.message.subject = std::string(40, 'x') + "ә" + std::string(40, 'y');
  msg = app::BuildMessage(item, "noreply@jospar.kz", 0).value();
  EXPECT_NE(msg.find("?=\r\n =?UTF-8?B?"), std::string::npos) << msg;
  item.message.to = "a@example.kz\r\nBcc: b@example.kz";
  EXPECT_FALSE(app::BuildMessage(item, "noreply@jospar.kz", 0));
}

}  // namespace
}  // namespace jospar
