// The TOTP second factor and recovery codes of an account, on every backend.
#include "core/accounts/repository.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

Id AddUser(Tx& tx, const std::string& name) {
  User u;
  u.name = name;
  u.role = Role::kAdmin;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = "2025-03-01T09:00:00Z";
  return tx.accounts().InsertUser(u).value();
}

TEST_P(StoreContract, SecondFactorEnrolConfirmAndRefuseAReplayedStep) {
  auto tx = Write();
  const Id id = AddUser(*tx, "admin");
  EXPECT_EQ(tx->accounts().GetSecondFactor(id).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->accounts().PutSecondFactor({id, "sealed-1", "", 0}));
  auto pending = tx->accounts().GetSecondFactor(id).value();
  EXPECT_EQ(pending.secret_sealed, "sealed-1");
  EXPECT_EQ(pending.enabled_at, "");
  // A new enrolment replaces the pending one; confirming switches it on.
  ASSERT_TRUE(tx->accounts().PutSecondFactor({id, "sealed-2", "", 0}));
  ASSERT_TRUE(tx->accounts().PutSecondFactor({id, "sealed-2", "2025-03-01T09:01:00Z", 100}));
  auto on = tx->accounts().GetSecondFactor(id).value();
  EXPECT_EQ(on.secret_sealed, "sealed-2");
  EXPECT_EQ(on.enabled_at, "2025-03-01T09:01:00Z");
  EXPECT_EQ(on.last_step, 100);

  ASSERT_TRUE(tx->accounts().AdvanceSecondFactorStep(id, 101));
  EXPECT_EQ(tx->accounts().AdvanceSecondFactorStep(id, 101).error().code, ErrorCode::kConflict);
  EXPECT_EQ(tx->accounts().AdvanceSecondFactorStep(id, 99).error().code, ErrorCode::kConflict);
  EXPECT_EQ(tx->accounts().GetSecondFactor(id).value().last_step, 101);
  EXPECT_EQ(tx->accounts().AdvanceSecondFactorStep(id + 1000, 5).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->Commit());
  auto tx2 = Read();
  EXPECT_EQ(tx2->accounts().GetSecondFactor(id).value().last_step, 101);
}

TEST_P(StoreContract, RecoveryCodesAreSingleUseAndGoWithTheSecondFactor) {
  auto tx = Write();
  const Id id = AddUser(*tx, "admin");
  const Id other = AddUser(*tx, "other");
  ASSERT_TRUE(tx->accounts().PutSecondFactor({id, "sealed", "2025-03-01T09:01:00Z", 0}));
  ASSERT_TRUE(tx->accounts().ReplaceRecoveryCodes(id, {"h1", "h2", "h3"}));
  ASSERT_TRUE(tx->accounts().ReplaceRecoveryCodes(other, {"h1"}));
  EXPECT_EQ(tx->accounts().CountUnusedRecoveryCodes(id).value(), 3);
  ASSERT_TRUE(tx->accounts().UseRecoveryCode(id, "h2", "2025-03-02T10:00:00Z"));
  EXPECT_EQ(tx->accounts().UseRecoveryCode(id, "h2", "2025-03-02T10:01:00Z").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(tx->accounts().UseRecoveryCode(id, "nope", "2025-03-02T10:01:00Z").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(tx->accounts().CountUnusedRecoveryCodes(id).value(), 2);
  EXPECT_EQ(tx->accounts().CountUnusedRecoveryCodes(other).value(), 1);
  // New codes replace the old ones.
  ASSERT_TRUE(tx->accounts().ReplaceRecoveryCodes(id, {"h4", "h5"}));
  EXPECT_EQ(tx->accounts().UseRecoveryCode(id, "h1", "2025-03-02T10:02:00Z").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(tx->accounts().CountUnusedRecoveryCodes(id).value(), 2);
  // A reset removes the factor and the codes, not another user's.
  ASSERT_TRUE(tx->accounts().DeleteSecondFactor(id));
  EXPECT_EQ(tx->accounts().GetSecondFactor(id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->accounts().CountUnusedRecoveryCodes(id).value(), 0);
  EXPECT_EQ(tx->accounts().CountUnusedRecoveryCodes(other).value(), 1);
  ASSERT_TRUE(tx->Commit());
}

}  // namespace
}  // namespace jospar::testing
