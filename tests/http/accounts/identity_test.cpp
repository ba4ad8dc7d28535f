// Sign-in through the identity-provider registry: a second, in-process test provider (standing in for
// the eGov IDP) signs an identity in to the account linked to it, and only to it; an unlinked identity is
// refused and no account is created; a bad assertion, an unknown provider and an account that needs two
// factors from a one-factor identity are refused; the built-in "local" provider signs in with a password.
#include <gmock/gmock.h>

#include "core/accounts/identity.hpp"
#include "core/accounts/repository.hpp"
#include "core/audit/history.hpp"
#include "http/http_fixture.hpp"
#include "web/auth.hpp"
#include "web/identity.hpp"

namespace jospar::testing {
namespace {

// Vouches for the subject named in "assertion" when "signature" is "valid-<subject>"; claims are verified.
class TestProvider final : public IdentityProvider {
 public:
  explicit TestProvider(bool multi_factor = false) : multi_factor_(multi_factor) {}
  std::string_view Name() const override { return "test-idp"; }
  Result<ExternalIdentity> Verify(const SignInAttempt& a) override {
    const std::string subject = a.Field("assertion");
    if (subject.empty() || a.Field("signature") != "valid-" + subject)
      return Fail(ErrorCode::kUnauthenticated, "error.login_failed");
    ExternalIdentity id;
    id.provider = "test-idp";
    id.subject = subject;
    id.iin = "900101300123";
    id.name = "Айгерім Сейітқызы";
    id.multi_factor = multi_factor_;
    return id;
  }

 private:
  bool multi_factor_;
};

class IdentityTest : public HttpTest {
 protected:
  void Register(bool multi_factor = false) {
    ctx_->sign_in->Add(std::make_shared<TestProvider>(multi_factor));
  }
  web::Response SignIn(const std::string& provider, const json& fields) {
    return Do({"POST",
               "/api/v1/session/identity/" + provider,
               fields.dump(),
               {{"Content-Type", "application/json"}}});
  }
  void Link(const std::string& subject, Id user) {
    auto tx = Write();
    ASSERT_TRUE(tx->identity_links().Insert({"test-idp", subject, user, "2026-01-01T00:00:00Z"}));
    ASSERT_TRUE(tx->Commit());
  }
  std::size_t Users() { return Read()->accounts().ListUsers().value().size(); }
};

TEST_F(IdentityTest, ALinkedExternalIdentitySignsInToItsAccount) {
  Register();
  Link("SUBJ-42", seed_.planner);
  auto r = SignIn("test-idp", {{"assertion", "SUBJ-42"}, {"signature", "valid-SUBJ-42"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["user"]["name"], "planner");
  const std::string cookie = CookieValue(SetCookie(r, web::kSessionCookie));
  ASSERT_FALSE(cookie.empty());
  auto me = Get("/api/v1/session", {{"Cookie", std::string(web::kSessionCookie) + "=" + cookie}});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(Body(me)["user"]["id"], seed_.planner);
}

TEST_F(IdentityTest, AnUnlinkedIdentityIsRefusedAndNoAccountIsCreated) {
  Register();
  Link("SUBJ-42", seed_.planner);
  const std::size_t users = Users();
  const std::string before = Fingerprint();
  auto r = SignIn("test-idp", {{"assertion", "SUBJ-43"}, {"signature", "valid-SUBJ-43"}});
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(Body(r)["error"]["code"], "unauthenticated");
  EXPECT_EQ(SetCookie(r, web::kSessionCookie), "");
  EXPECT_EQ(Users(), users);
  EXPECT_EQ(Fingerprint(), before);
  // In the reader's language.
  auto kk = SignIn("test-idp", {{"assertion", "SUBJ-43"}, {"signature", "valid-SUBJ-43"}});
  EXPECT_THAT(Body(kk)["error"]["message"].get<std::string>(), ::testing::HasSubstr("байланыстырылмаған"));
}

TEST_F(IdentityTest, BadAssertionsUnknownProvidersAndMalformedBodiesAreRefused) {
  Register();
  Link("SUBJ-42", seed_.planner);
  EXPECT_EQ(SignIn("test-idp", {{"assertion", "SUBJ-42"}, {"signature", "forged"}}).status, 401);
  EXPECT_EQ(SignIn("no-such-idp", {{"assertion", "SUBJ-42"}, {"signature", "valid-SUBJ-42"}}).status, 404);
  EXPECT_EQ(SignIn("test-idp", {{"assertion", 42}}).status, 400);
  EXPECT_EQ(
      Do({"POST", "/api/v1/session/identity/test-idp", "[", {{"Content-Type", "application/json"}}}).status,
      400);
  EXPECT_THROW(ctx_->sign_in->Add(std::make_shared<TestProvider>()), std::invalid_argument);  // name taken
}

TEST_F(IdentityTest, AnAccountThatNeedsTwoFactorsTakesOnlyAMultiFactorIdentity) {
  Register(/*multi_factor=*/false);
  Link("ADMIN-1", seed_.admin);  // admins must sign in with a second factor
  auto one = SignIn("test-idp", {{"assertion", "ADMIN-1"}, {"signature", "valid-ADMIN-1"}});
  EXPECT_EQ(one.status, 401) << one.body;
  EXPECT_EQ(SetCookie(one, web::kSessionCookie), "");

  Rebuild();
  Register(/*multi_factor=*/true);
  auto two = SignIn("test-idp", {{"assertion", "ADMIN-1"}, {"signature", "valid-ADMIN-1"}});
  EXPECT_EQ(two.status, 200) << two.body;
  EXPECT_EQ(Body(two)["user"]["name"], "admin");
}

TEST_F(IdentityTest, ADisabledLinkedAccountIsRefused) {
  Register();
  Link("SUBJ-7", seed_.exec_a);
  {
    auto tx = Write();
    User u = tx->accounts().GetUser(seed_.exec_a).value();
    u.disabled = true;
    ASSERT_TRUE(tx->accounts().UpdateUser(u));
    ASSERT_TRUE(tx->Commit());
  }
  EXPECT_EQ(SignIn("test-idp", {{"assertion", "SUBJ-7"}, {"signature", "valid-SUBJ-7"}}).status, 401);
}

TEST_F(IdentityTest, TheLocalProviderIsTheBuiltInPasswordSignIn) {
  EXPECT_EQ(ctx_->sign_in->Names(), (std::vector<std::string>{"local"}));
  auto ok = SignIn("local", {{"name", "planner"}, {"password", kPassword}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["user"]["name"], "planner");
  EXPECT_EQ(SignIn("local", {{"name", "planner"}, {"password", "wrong password!"}}).status, 401);
  // An account with a second factor is sent to /api/v1/session, which takes the code.
  auto admin = SignIn("local", {{"name", "admin"}, {"password", kPassword}});
  EXPECT_EQ(admin.status, 401);
  EXPECT_EQ(SetCookie(admin, web::kSessionCookie), "");
}

TEST_F(IdentityTest, AnAdminLinksAnIdentityOnceAndItIsInTheHistory) {
  accounts::AccountCaller admin{{seed_.admin, "admin", Role::kAdmin, std::nullopt}, "2026-01-01T00:00:00Z"};
  accounts::AccountCaller planner{{seed_.planner, "planner", Role::kPlanner, std::nullopt},
                                  "2026-01-01T00:00:00Z"};
  EXPECT_EQ(accounts::LinkIdentity(*store_, planner, seed_.planner, "test-idp", "S").error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(accounts::LinkIdentity(*store_, admin, seed_.planner, "Bad Name", "S").error().code,
            ErrorCode::kInvalidInput);
  ASSERT_TRUE(accounts::LinkIdentity(*store_, admin, seed_.planner, "test-idp", "S"));
  EXPECT_EQ(accounts::LinkIdentity(*store_, admin, seed_.exec_a, "test-idp", "S").error().code,
            ErrorCode::kConflict);
  auto history = Read()->audit().ListHistory({ObjectKind::kUser, seed_.planner}, 10).value();
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history[0].action, "link_identity");
  Register();
  EXPECT_EQ(SignIn("test-idp", {{"assertion", "S"}, {"signature", "valid-S"}}).status, 200);
}

}  // namespace
}  // namespace jospar::testing
