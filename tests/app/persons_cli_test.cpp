// `jospar persons rotate-key` as an operator runs it: persons registered under the first IIN sealing key
// are re-sealed under a new one, their IINs still open with the keys in the data folder, the old key line
// can then be removed, and a later rotation after that removal still gives a key id of its own.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/app_fixture.hpp"
#include "core/accounts/registration.hpp"
#include "store/open.hpp"
#include "web/accounts/person_vault.hpp"

namespace jospar {
namespace {

using testing::ReadAll;
using testing::RunJospar;
using testing::TempDir;

class PersonsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_url_ = "sqlite:" + dir_.path() + "/persons.db";
    data_dir_ = dir_.path() + "/data";
    auto store = store::OpenStore(db_url_);
    ASSERT_TRUE(store) << store.error().detail;
    store_ = std::move(*store);
  }

  std::shared_ptr<const web::PersonKeys> Keys() {
    auto keys = web::PersonKeys::Load(data_dir_);
    EXPECT_TRUE(keys) << (keys ? "" : keys.error().detail);
    return keys ? *keys : nullptr;
  }

  // Registers a person through the use case the portal calls, with the keys of the data folder.
  Id Register(const std::string& iin, const std::string& email) {
    auto keys = Keys();
    static const accounts::BreachedPasswords kNone;
    accounts::RegistrationKit kit;
    kit.hash_password = [](std::string_view) -> Result<std::string> { return std::string("$test$hash"); };
    kit.vault = keys->Vault();
    kit.breached = &kNone;
    kit.confirm_mail = [](const User& to, Lang, const std::string& token) {
      MailMessage m;
      m.to = to.email;
      m.subject = "Confirm";
      m.text = "token " + token + "\n";
      m.purpose = "account.confirm";
      return m;
    };
    accounts::NewPerson p;
    p.full_name = "Test Person";
    p.email = email;
    p.iin = iin;
    p.password = "a-long-enough-password";
    p.consent = true;
    p.consent_text = "I agree";
    auto u = accounts::RegisterPerson(*store_, p, kit, {"p-" + email.substr(0, 1), "token-" + email},
                                      {"2026-12-08T00:00:00Z", 1796688000});
    EXPECT_TRUE(u) << (u ? "" : u.error().message_key + " " + u.error().detail);
    return u ? u->id : 0;
  }

  Person Get(Id id) {
    auto tx = store_->Begin(TxMode::kRead);
    EXPECT_TRUE(tx);
    auto p = (*tx)->persons().GetPerson(id);
    EXPECT_TRUE(p);
    return p.value_or(Person{});
  }

  // The IIN of the person as the keys now in the data folder open it ("" when they cannot).
  std::string Open(Id id) {
    const Person p = Get(id);
    auto keys = Keys();
    auto iin = keys->Vault().open(p.iin_sealed, p.iin_key_id);
    return iin.value_or("");
  }

  std::vector<std::string> SealKeyLines() {
    std::vector<std::string> lines;
    std::istringstream in(ReadAll(data_dir_ + "/iin-seal.keys"));
    for (std::string l; std::getline(in, l);)
      if (!l.empty()) lines.push_back(l);
    return lines;
  }

  testing::RunResult Rotate() {
    return RunJospar({"persons", "rotate-key", "--data-dir", data_dir_, "--db", db_url_});
  }

  TempDir dir_;
  std::string db_url_, data_dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(PersonsCliTest, RotateKeyResealsEveryIinAndTheOldKeyCanThenBeRemoved) {
  const Id a = Register("900101300811", "a@example.kz");
  const Id b = Register("791028302728", "b@example.kz");
  ASSERT_NE(a, 0);
  ASSERT_NE(b, 0);
  EXPECT_EQ(Get(a).iin_key_id, "k0001");
  ASSERT_EQ(SealKeyLines().size(), 1u);

  auto r = Rotate();
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("new sealing key k0002"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("re-sealed 2 IIN(s) with key k0002"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("900101300811"), std::string::npos) << "an IIN in the output";
  EXPECT_EQ(Get(a).iin_key_id, "k0002");
  EXPECT_EQ(Get(b).iin_key_id, "k0002");
  EXPECT_EQ(Open(a), "900101300811");
  EXPECT_EQ(Open(b), "791028302728");

  // `reseal` with no new key finds nothing left to do.
  r = RunJospar({"persons", "reseal", "--data-dir", data_dir_, "--db", db_url_});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("re-sealed 0 IIN(s)"), std::string::npos) << r.output;

  // The operator removes the old key's line: every IIN still opens.
  auto lines = SealKeyLines();
  ASSERT_EQ(lines.size(), 2u);
  ASSERT_EQ(lines[0].rfind("k0001 ", 0), 0u);
  {
    std::ofstream out(data_dir_ + "/iin-seal.keys", std::ios::trunc);
    out << lines[1] << "\n";
  }
  EXPECT_EQ(Open(a), "900101300811");
  EXPECT_EQ(Open(b), "791028302728");

  // The next rotation after the removal gets an id of its own (not the count of lines plus one, which
  // would repeat k0002 and lose the key the IINs are sealed with).
  r = Rotate();
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("new sealing key k0003"), std::string::npos) << r.output;
  EXPECT_EQ(Get(a).iin_key_id, "k0003");
  EXPECT_EQ(Open(a), "900101300811");
  EXPECT_EQ(Open(b), "791028302728");
}

TEST_F(PersonsCliTest, RotateKeyRefusesAFolderWithoutTheIinKeys) {
  auto r = RunJospar({"persons", "rotate-key", "--data-dir", dir_.path() + "/elsewhere", "--db", db_url_});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("iin-hash.key is missing"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/elsewhere/iin-seal.keys"));
}

TEST_F(PersonsCliTest, RotateKeyStopsWhenASealCannotBeOpened) {
  const Id a = Register("061211600012", "c@example.kz");
  ASSERT_NE(a, 0);
  ASSERT_EQ(Rotate().exit_code, 0);
  // Mark the IIN as sealed under k0001 again, then remove that key's line.
  const std::string sealed = Get(a).iin_sealed;
  {
    auto tx = store_->Begin(TxMode::kWrite);
    ASSERT_TRUE(tx);
    ASSERT_TRUE((*tx)->persons().ResealIin(a, sealed, "k0001"));
    ASSERT_TRUE((*tx)->Commit());
  }
  const std::string newest = SealKeyLines().back();
  {
    std::ofstream out(data_dir_ + "/iin-seal.keys", std::ios::trunc);
    out << newest << "\n";
  }
  auto r = Rotate();
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("error.iin_key_missing"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace jospar
