#include "web/accounts/person_links.hpp"

#include "core/base/clock.hpp"
#include "web/accounts/person_vault.hpp"
#include "web/auth.hpp"
#include "web/html.hpp"
#include "web/i18n.hpp"

namespace jospar::web {
namespace {

std::string BaseUrl(const AppContext& ctx) {
  std::string u = ctx.config.public_url.empty() ? std::string("http://localhost") : ctx.config.public_url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  return u;
}

accounts::LinkMail LinkMailOf(const AppContext& ctx, std::string prefix, std::string path) {
  return [&ctx, prefix = std::move(prefix), path = std::move(path)](const User& to, Lang lang,
                                                                    const std::string& token) {
    const std::string link = BaseUrl(ctx) + "/" + std::string(LangCode(lang)) + path + "?token=" + token;
    MailMessage m;
    m.to = to.email;
    m.purpose = "account." + prefix;
    if (ctx.locales) {
      m.subject = ctx.locales->Get(lang, "mail." + prefix + ".subject");
      m.text = ctx.locales->Format(lang, "mail." + prefix + ".text", {{"link", link}});
    } else {
      m.subject = "Jospar: " + prefix;
      m.text = link + "\n";
    }
    return m;
  };
}

}  // namespace

accounts::LinkMail ConfirmMail(const AppContext& ctx) { return LinkMailOf(ctx, "confirm", "/confirm-email"); }
accounts::LinkMail ResetMail(const AppContext& ctx) {
  return LinkMailOf(ctx, "reset", "/password-reset/new");
}

accounts::RegistrationKit RegistrationKitOf(const AppContext& ctx) {
  accounts::RegistrationKit kit;
  kit.hash_password = [&ctx](std::string_view password) { return ctx.auth->HashPassword(password); };
  static const accounts::BreachedPasswords kNone;
  kit.breached = ctx.breached_passwords ? ctx.breached_passwords.get() : &kNone;
  kit.vault = ctx.person_keys->Vault();
  kit.confirm_mail = ConfirmMail(ctx);
  return kit;
}

accounts::Clocked ClockedNow(const AppContext& ctx) {
  const std::int64_t now = ctx.clock();
  return {IsoTime(now), now};
}

accounts::Fresh FreshValues() { return {"p-" + RandomHex(6), FreshToken()}; }
std::string FreshToken() { return RandomHex(32); }

}  // namespace jospar::web
