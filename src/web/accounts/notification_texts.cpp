#include "web/accounts/notification_texts.hpp"

namespace jospar::web {

std::string NotificationTitle(const Locales& locales, Lang lang, const Notification& n) {
  return locales.Format(lang, "notify." + n.kind + ".title", n.params);
}

std::string NotificationBody(const Locales& locales, Lang lang, const Notification& n) {
  return locales.Format(lang, "notify." + n.kind + ".body", n.params);
}

std::string NotificationKindLabel(const Locales& locales, Lang lang, std::string_view kind) {
  return locales.Get(lang, "notify." + std::string(kind) + ".setting");
}

NotificationMailRenderer MakeNotificationMailRenderer(std::shared_ptr<const Locales> locales) {
  return [locales](const Notification& n, std::optional<Lang> lang) {
    auto one = [&](Lang l) {
      const std::string code(LangCode(l));
      std::string text = NotificationBody(*locales, l, n) + "\n\n";
      if (!n.link.empty()) text += locales->Get(l, "notify.mail.open") + " /" + code + n.link + "\n";
      text += locales->Get(l, "notify.mail.settings") + " /" + code + "/notifications/settings\n";
      return text;
    };
    RenderedMail m;
    if (lang) {
      m.subject = NotificationTitle(*locales, *lang, n);
      m.text = one(*lang);
      return m;
    }
    m.subject = NotificationTitle(*locales, Lang::kKk, n) + " / " + NotificationTitle(*locales, Lang::kRu, n);
    for (Lang l : kLangs) m.text += (m.text.empty() ? "" : "\n----\n\n") + one(l);
    return m;
  };
}

}  // namespace jospar::web
