// The texts of a notification in a language, from the locales: "notify.<kind>.title" and ".body" with
// the notification's "{name}" parameters (plain text: escape for HTML), and the mail renderer that
// core's Notify() uses (installed by Wire()).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/accounts/notifications.hpp"
#include "web/i18n.hpp"

namespace jospar::web {

std::string NotificationTitle(const Locales& locales, Lang lang, const Notification& n);
std::string NotificationBody(const Locales& locales, Lang lang, const Notification& n);
// The label of a kind on the settings page ("notify.<kind>.setting").
std::string NotificationKindLabel(const Locales& locales, Lang lang, std::string_view kind);

// The mail of a notification: in `lang`, or, when the recipient's language is unknown, in kk, ru and en
// (subject "kk / ru", body in the three languages one after another). The text ends with the path of the
// notification's page and of the settings, so the recipient can switch such mail off.
NotificationMailRenderer MakeNotificationMailRenderer(std::shared_ptr<const Locales> locales);

}  // namespace jospar::web
