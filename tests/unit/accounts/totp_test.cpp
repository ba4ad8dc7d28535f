// TOTP (RFC 6238): the RFC's test vectors, the drift window, replay, base32 and the otpauth URI.
#include "core/accounts/totp.hpp"

#include <gtest/gtest.h>

namespace jospar::accounts {
namespace {

const std::string kRfcSecret = "12345678901234567890";  // RFC 6238 Appendix B, SHA-1

TEST(Totp, RfcAppendixBVectorsSha1EightDigits) {
  const std::pair<std::int64_t, const char*> vectors[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [t, code] : vectors) EXPECT_EQ(TotpCode(kRfcSecret, t, 8), code) << "T=" << t;
}

TEST(Totp, SixDigitCodesAreTheLastSixOfTheRfcValue) {
  EXPECT_EQ(TotpCode(kRfcSecret, 59), "287082");
  EXPECT_EQ(TotpCode(kRfcSecret, 1111111109), "081804");
}

TEST(Totp, AcceptsOneStepOfDriftEitherWayAndNoMore) {
  const std::int64_t now = 1111111109;  // step 37037036
  const std::int64_t step = TotpStep(now);
  for (int d : {-1, 0, 1}) {
    auto r = CheckTotp(kRfcSecret, TotpCode(kRfcSecret, now + d * 30), now, 0);
    EXPECT_EQ(r.outcome, TotpCheck::Outcome::kAccepted) << d;
    EXPECT_EQ(r.step, step + d);
  }
  for (int d : {-2, 2})
    EXPECT_EQ(CheckTotp(kRfcSecret, TotpCode(kRfcSecret, now + d * 30), now, 0).outcome,
              TotpCheck::Outcome::kWrong)
        << d;
}

TEST(Totp, ACodeOfAnAlreadyAcceptedStepIsAReplay) {
  const std::int64_t now = 1234567890;
  const std::string code = TotpCode(kRfcSecret, now);
  auto first = CheckTotp(kRfcSecret, code, now, 0);
  ASSERT_EQ(first.outcome, TotpCheck::Outcome::kAccepted);
  EXPECT_EQ(CheckTotp(kRfcSecret, code, now, first.step).outcome, TotpCheck::Outcome::kReplayed);
  EXPECT_EQ(CheckTotp(kRfcSecret, code, now + 20, first.step).outcome, TotpCheck::Outcome::kReplayed);
  // An older step's code after a newer one was used is a replay too.
  EXPECT_EQ(CheckTotp(kRfcSecret, TotpCode(kRfcSecret, now - 30), now, first.step).outcome,
            TotpCheck::Outcome::kReplayed);
  // The next step's code is fine.
  EXPECT_EQ(CheckTotp(kRfcSecret, TotpCode(kRfcSecret, now + 30), now + 30, first.step).outcome,
            TotpCheck::Outcome::kAccepted);
}

TEST(Totp, MalformedCodesAreWrong) {
  for (const char* c : {"", "12345", "1234567", "12a456", "------"})
    EXPECT_EQ(CheckTotp(kRfcSecret, c, 59, 0).outcome, TotpCheck::Outcome::kWrong) << c;
  EXPECT_EQ(CheckTotp(kRfcSecret, "287 082", 59, 0).outcome, TotpCheck::Outcome::kAccepted);
}

TEST(Totp, Base32RoundTripsAndMatchesRfc4648) {
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(Base32Encode(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(Base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"), kRfcSecret);
  EXPECT_EQ(Base32Decode("MZXW6YTBOI======"), "foobar");
  EXPECT_FALSE(Base32Decode("MZXW1"));
}

TEST(Totp, OtpAuthUriNamesTheIssuerAndEscapesTheName) {
  EXPECT_EQ(OtpAuthUri("aigerim", "ABC"), "otpauth://totp/Jospar:aigerim?secret=ABC&issuer=Jospar");
  EXPECT_EQ(OtpAuthUri("a b", "ABC"), "otpauth://totp/Jospar:a%20b?secret=ABC&issuer=Jospar");
}

TEST(Totp, OnlyAdminsMustHaveASecondFactorForNow) {
  EXPECT_TRUE(RequiresSecondFactor(Role::kAdmin));
  EXPECT_FALSE(RequiresSecondFactor(Role::kPlanner));
  EXPECT_FALSE(RequiresSecondFactor(Role::kExecutor));
  EXPECT_FALSE(RequiresSecondFactor(Role::kAnonymous));
}

TEST(Totp, RecoveryCodesAreReadWithoutCaseSpacesOrDashes) {
  EXPECT_EQ(NormalizeRecoveryCode("AB12-cd34 EF"), "ab12cd34ef");
}

}  // namespace
}  // namespace jospar::accounts
