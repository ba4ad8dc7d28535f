// Internal to the portal: route registration per area and helpers shared by the page handlers.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/paging.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/ledger/entry.hpp"
#include "core/plan/plan.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/vocabularies.hpp"
#include "web/http.hpp"
#include "web/pages/form.hpp"
#include "web/pages/view.hpp"

namespace jospar::web {

using PageHandler = std::function<Response(View&, Request&)>;

// Registers `handler` for "/kk" + path, "/ru" + path and "/en" + path.
void AddPage(Router& router, const std::shared_ptr<const PortalShared>& shared, const std::string& method,
             const std::string& path, PageHandler handler, RouteOptions options = {});

void RegisterHomePages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterDocumentPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterIndicatorPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterSdgPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterBodyPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterSearchPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterStaffPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterCoherencePages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterDuplicatePages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterLegacyPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterProgressPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterBurdenPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
// Person accounts (web/accounts/person_pages.cpp): register, confirm, password reset.
void RegisterPersonPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
// The account page and personal-data rights (web/accounts/account_pages.cpp).
void RegisterAccountPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterOpenDataPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
void RegisterLedgerPages(Router& router, const std::shared_ptr<const PortalShared>& shared);
// The signed-in user's notifications and their settings (web/accounts/notification_pages.cpp).
void RegisterNotificationPages(Router& router, const std::shared_ptr<const PortalShared>& shared);

// History entries as rows {at, actor, action (translated), changes}.
TemplateData HistoryList(const View& v, const std::vector<HistoryEntry>& entries);
// The same rows, each with {verify_href, verify_label} linking to the transparency log's entry of that
// decision: the entry the row was written with (HistoryEntry::ledger_index); for a row without one, the
// entry of `log` (Tx::ListLogEntriesFor of the object) with the same action and time, only when exactly
// one row and one entry match; else the row has no link.
TemplateData HistoryList(const View& v, const std::vector<HistoryEntry>& entries,
                         const std::vector<ledger::LogEntry>& log);

// The indicator page; `report` is the "report a value" form coming back invalid, or null.
Response IndicatorPage(View& v, Request& req, const FormState* report);

// Parses a positive decimal id; nullopt for anything else.
std::optional<Id> ParseId(std::string_view s);
// Parses a whole number (years); nullopt for anything else.
std::optional<int> ParseInt(std::string_view s);
// Parses a decimal number ("12.5", "-3", also "12,5"); nullopt for anything else.
std::optional<double> ParseNumber(std::string_view s);

// Labels of enum values in the page's language.
std::string TierLabel(const View& v, Tier tier);
std::string StatusLabel(const View& v, DocStatus status);
std::string DocTypeLabel(const View& v, const std::string& type);
std::string BodyKindLabel(const View& v, BodyKind kind);
std::string DirectionLabel(const View& v, Direction d);
// "2024–2030", "2024–", "" ...
std::string Horizon(const Document& d);

// A page of every matching row: loops over cursor pages (at most `max_rows`).
Result<std::vector<Document>> ListAllDocuments(Tx& tx, const DocumentFilter& f, PageRequest p,
                                               int max_rows = 5000);
Result<std::vector<StateBody>> ListAllBodies(Tx& tx, const BodyFilter& f, Lang lang);
Result<std::vector<Indicator>> ListAllIndicators(Tx& tx, const IndicatorFilter& f, PageRequest p,
                                                 int max_rows = 5000);

// The latest total (no disaggregation) observation: the one with the greatest period among those of the
// first series/unit that has a total; nullopt when there is none.
std::optional<Observation> LatestTotal(const std::vector<Observation>& obs);

// Parses an observation period into a fractional year ("2020" -> 2020, "2020-Q2" -> 2020.25,
// "2020-07" -> 2020.5); nullopt when it is none of these.
std::optional<double> PeriodToYear(std::string_view period);

}  // namespace jospar::web
