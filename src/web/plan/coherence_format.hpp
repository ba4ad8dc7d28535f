// The coherence findings as JSON (API, `jospar check plan --format json`), CSV and text lines, with the
// rule's explanation and fix hint in the caller's language (locales/*/coherence.json).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "web/i18n.hpp"
#include "web/plan/coherence_service.hpp"

namespace jospar::web {

// The portal page of a finding's subject: the document page (at the goal or measure), the indicator page.
std::string CoherenceHref(Lang lang, const CoherenceItem& item);

// {"rule", "severity", "title", "hint", "subject": {"kind", "id", "label", "href"}, "related": {...} or
// null, "detail"}
nlohmann::json CoherenceItemJson(const CoherenceItem& item, const Locales& locales, Lang lang);
// {"errors", "warnings", "infos", "total", "by_rule": [{"rule", "severity", "title", "count"}]}
nlohmann::json CoherenceCountsJson(const coherence::Counts& counts, const Locales& locales, Lang lang);

std::vector<std::string> CoherenceCsvHeader();
std::vector<std::string> CoherenceCsvRow(const CoherenceItem& item, const Locales& locales, Lang lang);

// "error    document.no_parent    document GEN-4-000001    <detail>  — <title>"
std::string CoherenceTextLine(const CoherenceItem& item, const Locales& locales, Lang lang);

}  // namespace jospar::web
