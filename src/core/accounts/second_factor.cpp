#include "core/accounts/second_factor.hpp"

#include "core/accounts/notifications.hpp"
#include "core/accounts/repository.hpp"
#include "core/accounts/totp.hpp"
#include "core/audit/audit.hpp"
#include "core/base/clock.hpp"
#include "core/ledger/hash.hpp"

namespace jospar::accounts {
namespace {

audit::Actor ActorOf(const AccountCaller& caller) {
  return {caller.principal.name, ActorRole(caller.principal), caller.now};
}

Status WrongCode(const char* key) {
  return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {}, {{"code", key, {}}});
}

// Checks a TOTP code against the stored factor and stores its step. The error keys are
// error.totp_wrong / error.totp_replayed (code kUnauthenticated); the caller maps them to its form.
Status AcceptCode(Tx& tx, const SecondFactor& f, std::string_view code, const SecretBox& box,
                  std::int64_t now) {
  auto secret = box.open(f.secret_sealed);
  if (!secret) return Fail(ErrorCode::kInternal, "error.internal", "the TOTP secret cannot be opened");
  const TotpCheck check = CheckTotp(*secret, code, now, f.last_step);
  if (check.outcome == TotpCheck::Outcome::kReplayed)
    return Fail(ErrorCode::kUnauthenticated, "error.totp_replayed");
  if (check.outcome != TotpCheck::Outcome::kAccepted)
    return Fail(ErrorCode::kUnauthenticated, "error.totp_wrong");
  auto st = tx.accounts().AdvanceSecondFactorStep(f.user_id, check.step);
  if (!st && st.error().code == ErrorCode::kConflict)
    return Fail(ErrorCode::kUnauthenticated, "error.totp_replayed");
  return st;
}

}  // namespace

Result<bool> SecondFactorEnabled(Tx& tx, Id user_id) {
  auto f = tx.accounts().GetSecondFactor(user_id);
  if (!f) {
    if (f.error().code == ErrorCode::kNotFound) return false;
    return Fail(f.error());
  }
  return !f->enabled_at.empty();
}

Status StartEnrolment(Store& store, const Principal& caller, std::string_view secret, const SecretBox& box) {
  if (!caller.IsSignedIn()) return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated");
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto on = SecondFactorEnabled(tx, caller.user_id);
    if (!on) return Fail(on.error());
    if (*on) return Fail(ErrorCode::kConflict, "error.totp_already_on");
    return tx.accounts().PutSecondFactor({caller.user_id, box.seal(secret), "", 0});
  });
}

Status ConfirmEnrolment(Store& store, const AccountCaller& caller, std::string_view code,
                        const std::vector<std::string>& recovery_codes, const SecretBox& box,
                        std::int64_t now) {
  if (!caller.principal.IsSignedIn()) return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated");
  const Id id = caller.principal.user_id;
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto f = tx.accounts().GetSecondFactor(id);
    if (!f && f.error().code != ErrorCode::kNotFound) return Fail(f.error());
    if (!f || !f->enabled_at.empty()) return Fail(ErrorCode::kNotFound, "error.totp_not_pending");
    auto secret = box.open(f->secret_sealed);
    if (!secret) return Fail(ErrorCode::kInternal, "error.internal", "the TOTP secret cannot be opened");
    const TotpCheck check = CheckTotp(*secret, code, now, 0);
    if (check.outcome != TotpCheck::Outcome::kAccepted) return WrongCode("error.totp_wrong");
    SecondFactor on = *f;
    on.enabled_at = caller.now;
    on.last_step = check.step;
    if (auto st = tx.accounts().PutSecondFactor(on); !st) return st;
    std::vector<std::string> hashes;
    for (const auto& c : recovery_codes) hashes.push_back(ledger::Sha256Hex(NormalizeRecoveryCode(c)));
    if (auto st = tx.accounts().ReplaceRecoveryCodes(id, hashes); !st) return st;
    return audit::RecordHistory(tx, ActorOf(caller), {ObjectKind::kUser, id}, "second_factor_on",
                                {{"second_factor", "", "on"}});
  });
}

Status CheckSecondStep(Store& store, Id user_id, std::string_view answer, const SecretBox& box,
                       std::int64_t now) {
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto f = tx.accounts().GetSecondFactor(user_id);
    if (!f) return Fail(f.error());
    if (f->enabled_at.empty()) return Fail(ErrorCode::kNotFound, "error.totp_not_pending");
    std::string digits;
    for (char c : answer)
      if (c != ' ') digits.push_back(c);
    if (digits.size() == static_cast<std::size_t>(kTotpDigits)) return AcceptCode(tx, *f, digits, box, now);
    const std::string normal = NormalizeRecoveryCode(answer);
    if (normal.empty()) return Fail(ErrorCode::kUnauthenticated, "error.totp_wrong");
    auto st = tx.accounts().UseRecoveryCode(user_id, ledger::Sha256Hex(normal), IsoTime(now));
    if (!st && st.error().code == ErrorCode::kNotFound)
      return Fail(ErrorCode::kUnauthenticated, "error.totp_wrong");
    return st;
  });
}

Status DisableSecondFactor(Store& store, const AccountCaller& caller, std::string_view code,
                           const SecretBox& box, std::int64_t now) {
  if (!caller.principal.IsSignedIn()) return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated");
  if (RequiresSecondFactor(caller.principal.role)) return Fail(ErrorCode::kForbidden, "error.totp_required");
  const Id id = caller.principal.user_id;
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto f = tx.accounts().GetSecondFactor(id);
    if (!f) return Fail(f.error());
    if (f->enabled_at.empty()) return Fail(ErrorCode::kNotFound, "error.totp_not_pending");
    if (auto st = AcceptCode(tx, *f, code, box, now); !st) {
      if (st.error().code != ErrorCode::kUnauthenticated) return st;
      return WrongCode(st.error().message_key.c_str());
    }
    if (auto st = tx.accounts().DeleteSecondFactor(id); !st) return st;
    return audit::RecordHistory(tx, ActorOf(caller), {ObjectKind::kUser, id}, "second_factor_off",
                                {{"second_factor", "on", ""}});
  });
}

Status ResetSecondFactor(Store& store, const AccountCaller& caller, Id id) {
  if (auto ok = RequireAdmin(caller.principal); !ok) return ok;
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto user = tx.accounts().GetUser(id);
    if (!user) return Fail(user.error());
    auto on = SecondFactorEnabled(tx, id);
    if (!on) return Fail(on.error());
    if (auto st = tx.accounts().DeleteSecondFactor(id); !st) return st;
    if (auto st = tx.accounts().DeleteSessionsOfUser(id); !st) return st;
    // The user hears of it (by email too: the kind is important), in case the reset was not their wish.
    auto told = Notify(tx, {id,
                            "accounts.second_factor_reset",
                            {{"admin", caller.principal.name}},
                            "/account/second-factor",
                            ParseIsoTime(caller.now).value_or(0)});
    if (!told) return Fail(told.error());
    return audit::RecordHistory(tx, ActorOf(caller), {ObjectKind::kUser, id}, "reset_second_factor",
                                {{"second_factor", *on ? "on" : "", "reset"}});
  });
}

}  // namespace jospar::accounts
