// What the personal-data API (routes_personal_data.cpp) and the account page (account_pages.cpp) share.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/accounts/personal_data.hpp"
#include "web/context.hpp"

namespace jospar::web {

nlohmann::json MyDataJson(const accounts::MyData& d);
nlohmann::json DataAccessJson(const DataAccess& a);
accounts::Me MeOf(const AppContext& ctx, const Request& req);
// The consent text of `purpose` in `lang` (locales `consent.<purpose>.text`).
std::string ConsentText(const AppContext& ctx, Lang lang, std::string_view purpose);
// EraseMe with a fresh anonymous name.
Status EraseAndScrub(AppContext& ctx, const Request& req, std::string_view password);
// "erased-" and 12 random hex digits.
std::string FreshAnonymousName();

}  // namespace jospar::web
