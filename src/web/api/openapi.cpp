// The OpenAPI 3.0 document, generated from the router's routes and their metadata, so that every
// registered route is documented (tests/http checks it).
#include <cctype>
#include <map>

#include "core/base/text.hpp"
#include "web/api/api.hpp"
#include "web/api/json_io.hpp"

namespace jospar::web::api {

namespace {

// Component schemas of the request and response bodies. Lists ("XList") and pages ("XPage") of a
// schema X are generated.
const char* kSchemas = R"JSON({
  "Text": {"type": "object", "description": "A text in Kazakh, Russian and English; empty when not translated",
           "properties": {"kk": {"type": "string"}, "ru": {"type": "string"}, "en": {"type": "string"}}},
  "LegalAct": {"type": "object", "properties": {"kind": {"type": "string"}, "number": {"type": "string"},
               "date": {"type": "string", "description": "yyyy-mm-dd or empty"}}},
  "YearValue": {"type": "object", "required": ["year", "value"],
                "properties": {"year": {"type": "integer"}, "value": {"type": "number"}}},
  "Body": {"type": "object", "required": ["code", "title"], "properties": {
    "id": {"type": "integer", "readOnly": true}, "code": {"type": "string"},
    "kind": {"type": "string", "enum": ["government", "ministry", "agency", "akimat", "other"]},
    "parent_id": {"type": "integer", "nullable": true}, "title": {"$ref": "#/components/schemas/Text"},
    "version": {"type": "integer", "description": "row version; send it back (or If-Match) when updating"}}},
  "Document": {"type": "object", "required": ["code", "tier", "type", "title"], "properties": {
    "id": {"type": "integer", "readOnly": true}, "code": {"type": "string"},
    "tier": {"type": "integer", "minimum": 1, "maximum": 5}, "type": {"type": "string"},
    "title": {"$ref": "#/components/schemas/Text"}, "summary": {"$ref": "#/components/schemas/Text"},
    "act": {"$ref": "#/components/schemas/LegalAct"}, "owner_body_id": {"type": "integer", "nullable": true},
    "start_year": {"type": "integer", "nullable": true}, "end_year": {"type": "integer", "nullable": true},
    "status": {"type": "string", "readOnly": true,
               "enum": ["draft", "approved", "in_force", "expired", "repealed", "merged"]},
    "merged_into_id": {"type": "integer", "nullable": true, "readOnly": true},
    "parent_id": {"type": "integer", "nullable": true}, "edition": {"type": "integer", "readOnly": true},
    "demo": {"type": "boolean"}, "version": {"type": "integer"}}},
  "Goal": {"type": "object", "required": ["document_id", "code", "title"], "properties": {
    "id": {"type": "integer", "readOnly": true}, "document_id": {"type": "integer"},
    "parent_id": {"type": "integer", "nullable": true, "description": "set for a task: the goal it belongs to"},
    "code": {"type": "string"}, "title": {"$ref": "#/components/schemas/Text"}, "demo": {"type": "boolean"},
    "version": {"type": "integer"}}},
  "Indicator": {"type": "object", "required": ["code", "title"], "properties": {
    "id": {"type": "integer", "readOnly": true}, "code": {"type": "string"},
    "goal_id": {"type": "integer", "nullable": true}, "sdg_target_id": {"type": "integer", "nullable": true},
    "kind": {"type": "string", "enum": ["target", "result"]}, "title": {"$ref": "#/components/schemas/Text"},
    "unit": {"$ref": "#/components/schemas/Text"},
    "direction": {"type": "string", "enum": ["increase", "decrease", "keep"]},
    "baseline_year": {"type": "integer", "nullable": true}, "baseline_value": {"type": "number", "nullable": true},
    "target_year": {"type": "integer", "nullable": true}, "target_value": {"type": "number", "nullable": true},
    "planned": {"type": "array", "items": {"$ref": "#/components/schemas/YearValue"}},
    "responsible_body_id": {"type": "integer", "nullable": true}, "source": {"$ref": "#/components/schemas/Text"},
    "demo": {"type": "boolean"}, "version": {"type": "integer"}}},
  "Measure": {"type": "object", "required": ["goal_id", "title"], "properties": {
    "id": {"type": "integer", "readOnly": true}, "goal_id": {"type": "integer"},
    "title": {"$ref": "#/components/schemas/Text"}, "deadline": {"type": "string", "description": "yyyy-mm-dd"},
    "responsible_body_id": {"type": "integer", "nullable": true}, "budget_programme": {"type": "string"},
    "amounts": {"type": "array", "items": {"$ref": "#/components/schemas/YearValue"}},
    "demo": {"type": "boolean"}, "version": {"type": "integer"}}},
  "Observation": {"type": "object", "properties": {
    "indicator_id": {"type": "integer"}, "series": {"type": "string"}, "unit": {"type": "string"},
    "period": {"type": "string", "description": "yyyy, yyyy-Qn or yyyy-mm"},
    "disaggregation": {"type": "string", "description": "DIM=CODE pairs sorted by DIM, joined by |"},
    "value": {"type": "number"}, "demo": {"type": "boolean"}}},
  "Report": {"type": "object", "required": ["period", "value"], "properties": {
    "period": {"type": "string"}, "value": {"type": "number"}, "series": {"type": "string"},
    "unit": {"type": "string"}, "disaggregation": {"type": "string"}}},
  "ReportResult": {"type": "object", "properties": {
    "outcome": {"type": "string", "enum": ["inserted", "updated", "unchanged"]},
    "previous_value": {"type": "number", "nullable": true},
    "observation": {"$ref": "#/components/schemas/Observation"}}},
  "Transition": {"type": "object", "required": ["status"], "properties": {
    "status": {"type": "string", "enum": ["approved", "in_force", "expired", "repealed", "merged"]},
    "merged_into_id": {"type": "integer", "nullable": true}, "version": {"type": "integer"}}},
  "Amendment": {"type": "object", "required": ["act", "changes"], "properties": {
    "act": {"$ref": "#/components/schemas/LegalAct"},
    "changes": {"type": "object", "description": "JSON merge patch of the document's content fields"},
    "version": {"type": "integer"}}},
  "SdgNode": {"type": "object", "properties": {
    "id": {"type": "integer"}, "code": {"type": "string"}, "kind": {"type": "string", "enum": ["goal", "target"]},
    "parent_id": {"type": "integer", "nullable": true}, "title": {"$ref": "#/components/schemas/Text"}}},
  "Code": {"type": "object", "properties": {"dimension": {"type": "string"}, "code": {"type": "string"},
           "title": {"$ref": "#/components/schemas/Text"}}},
  "ObjectRef": {"type": "object", "required": ["kind", "id"], "properties": {
    "kind": {"type": "string", "enum": ["goal", "indicator", "sdg_goal", "sdg_target"]}, "id": {"type": "integer"}}},
  "Link": {"type": "object", "properties": {"id": {"type": "integer"},
           "from": {"$ref": "#/components/schemas/ObjectRef"}, "to": {"$ref": "#/components/schemas/ObjectRef"}}},
  "LinkInput": {"type": "object", "required": ["from", "to"], "properties": {
    "from": {"$ref": "#/components/schemas/ObjectRef"}, "to": {"$ref": "#/components/schemas/ObjectRef"}}},
  "History": {"type": "object", "properties": {
    "id": {"type": "integer"}, "object": {"type": "object"}, "actor": {"type": "string"},
    "at": {"type": "string", "format": "date-time"}, "action": {"type": "string"},
    "changes": {"type": "array", "items": {"type": "object", "properties": {
      "field": {"type": "string"}, "before": {"type": "string"}, "after": {"type": "string"}}}},
    "ledger_index": {"type": "integer", "nullable": true,
      "description": "The transparency-log entry recorded with this decision (/api/v1/ledger/entries/{index}); null when none"}}},
  "User": {"type": "object", "properties": {
    "id": {"type": "integer"}, "name": {"type": "string"},
    "role": {"type": "string", "enum": ["admin", "planner", "executor"]},
    "body_id": {"type": "integer", "nullable": true}, "disabled": {"type": "boolean"},
    "created_at": {"type": "string"}, "password": {"type": "string", "description": "only when generated"}}},
  "UserInput": {"type": "object", "required": ["name", "role"], "properties": {
    "name": {"type": "string"}, "role": {"type": "string", "enum": ["admin", "planner", "executor"]},
    "body_id": {"type": "integer", "nullable": true},
    "password": {"type": "string", "minLength": 12, "description": "generated when absent"}}},
  "UserPatch": {"type": "object", "properties": {
    "role": {"type": "string", "enum": ["admin", "planner", "executor"]},
    "body_id": {"type": "integer", "nullable": true}, "disabled": {"type": "boolean"},
    "password": {"type": "string", "minLength": 12}}},
  "Token": {"type": "object", "properties": {"token": {"type": "string"}, "user_id": {"type": "integer"},
            "name": {"type": "string"}, "id": {"type": "integer"}}},
  "TokenInput": {"type": "object", "required": ["user_id", "name"],
                 "properties": {"user_id": {"type": "integer"}, "name": {"type": "string"}}},
  "Credentials": {"type": "object", "required": ["name", "password"],
                  "properties": {"name": {"type": "string"}, "password": {"type": "string"}}},
  "OpenDataFile": {"type": "object", "properties": {"name": {"type": "string"},
    "format": {"type": "string", "enum": ["csv", "json", "open-sdg"]}, "media_type": {"type": "string"},
    "url": {"type": "string"}, "size": {"type": "integer"}, "sha256": {"type": "string"},
    "records": {"type": "integer"}}},
  "OpenDataCatalogue": {"type": "object", "properties": {"generated_at": {"type": "string"},
    "datasets": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"},
      "title": {"$ref": "#/components/schemas/Text"}, "description": {"$ref": "#/components/schemas/Text"},
      "columns": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"},
        "type": {"type": "string", "enum": ["string", "integer", "number", "boolean"]},
        "nullable": {"type": "boolean"}, "meaning": {"$ref": "#/components/schemas/Text"}}}},
      "files": {"type": "array", "items": {"$ref": "#/components/schemas/OpenDataFile"}}}}},
    "open_sdg": {"$ref": "#/components/schemas/OpenDataFile"},
    "warnings": {"type": "array", "items": {"type": "string"}}}},
  "Registration": {"type": "object", "required": ["full_name", "email", "iin", "password", "consent"],
    "properties": {"full_name": {"type": "string", "maxLength": 200}, "email": {"type": "string"},
      "iin": {"type": "string", "pattern": "^[0-9]{12}$"}, "password": {"type": "string", "minLength": 12},
      "consent": {"type": "boolean", "description": "consent to the purpose 'account' (its text: GET /api/v1/persons/consent-text)"},
      "lang": {"type": "string", "enum": ["kk", "ru", "en"]}}},
  "PersonAccount": {"type": "object", "properties": {"id": {"type": "integer"}, "role": {"type": "string"},
    "email": {"type": "string"}, "email_confirmed": {"type": "boolean"},
    "person": {"type": "object", "nullable": true, "properties": {"full_name": {"type": "string"},
      "iin_last4": {"type": "string"}, "birth_date": {"type": "string"}, "sex": {"type": "string"}}}}},
  "LinkToken": {"type": "object", "required": ["token"], "properties": {"token": {"type": "string"}}},
  "MyData": {"type": "object", "description": "everything held about the signed-in user (Content-Disposition: attachment)",
    "properties": {"account": {"type": "object"}, "person": {"type": "object", "nullable": true,
      "description": "full_name, iin (in full: the person's own), birth_date, sex, created_at"},
    "consents": {"type": "array", "items": {"type": "object"}}, "history": {"type": "array", "items": {"type": "object"}},
    "sessions": {"type": "array", "items": {"type": "object", "properties": {"created_at": {"type": "string"},
      "last_seen_at": {"type": "string"}}}},
    "second_factor": {"type": "object", "properties": {"enabled": {"type": "boolean"}, "recovery_codes_left": {"type": "integer"}}},
    "mail": {"type": "array", "items": {"type": "object"}},
    "access_log": {"type": "array", "items": {"$ref": "#/components/schemas/DataAccess"}},
    "modules": {"type": "object", "description": "other modules' data by section name"}}},
  "DataAccess": {"type": "object", "properties": {"at": {"type": "string"}, "viewer_user_id": {"type": "integer"},
    "viewer_role": {"type": "string"}, "what": {"type": "string"}, "purpose": {"type": "string"}, "reason": {"type": "string"}}},
  "AccessLog": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/DataAccess"}}}},
  "ConsentInput": {"type": "object", "properties": {"lang": {"type": "string", "enum": ["kk", "ru", "en"]}}},
  "ConsentState": {"type": "object", "properties": {"purpose": {"type": "string"}, "in_force": {"type": "boolean"}}},
  "EraseInput": {"type": "object", "required": ["password"], "properties": {"password": {"type": "string"}}},
  "Erased": {"type": "object", "properties": {"status": {"type": "string", "enum": ["erased"]}}},
  "StaffPerson": {"type": "object", "properties": {"id": {"type": "integer"}, "email": {"type": "string"},
    "email_confirmed": {"type": "boolean"}, "disabled": {"type": "boolean"}, "full_name": {"type": "string"},
    "birth_date": {"type": "string"}, "sex": {"type": "string"},
    "iin": {"type": "string", "description": "only with ?reveal=iin and a reason"}}},
  "EmailOnly": {"type": "object", "required": ["email"], "properties": {"email": {"type": "string"},
    "lang": {"type": "string", "enum": ["kk", "ru", "en"]}}},
  "PasswordResetInput": {"type": "object", "required": ["token", "password"],
    "properties": {"token": {"type": "string"}, "password": {"type": "string", "minLength": 12}}},
  "ConsentText": {"type": "object", "properties": {"purpose": {"type": "string"}, "lang": {"type": "string"},
    "text": {"type": "string"}}},
  "SessionInfo": {"type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"},
                  "csrf_token": {"type": "string", "nullable": true}}},
  "CoherenceRef": {"type": "object", "properties": {"kind": {"type": "string"}, "id": {"type": "integer"},
                "label": {"type": "string"}, "href": {"type": "string", "nullable": true}}},
  "CoherenceFinding": {"type": "object", "properties": {
    "rule": {"type": "string", "description": "stable rule id, e.g. document.no_parent"},
    "severity": {"type": "string", "enum": ["error", "warning", "info"]},
    "title": {"type": "string"}, "hint": {"type": "string"},
    "subject": {"$ref": "#/components/schemas/CoherenceRef"},
    "related": {"allOf": [{"$ref": "#/components/schemas/CoherenceRef"}], "nullable": true},
    "detail": {"type": "string"}}},
  "CoherenceSummary": {"type": "object", "properties": {
    "errors": {"type": "integer"}, "warnings": {"type": "integer"}, "infos": {"type": "integer"},
    "total": {"type": "integer"}, "objects": {"type": "integer"},
    "by_rule": {"type": "array", "items": {"type": "object", "properties": {
      "rule": {"type": "string"}, "severity": {"type": "string"}, "title": {"type": "string"},
      "count": {"type": "integer"}}}}}},
  "CoherenceFindings": {"type": "object", "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/CoherenceFinding"}},
    "total": {"type": "integer"}, "next_cursor": {"type": "string", "nullable": true},
    "counts": {"$ref": "#/components/schemas/CoherenceSummary"}}},
  "LedgerCheckpoint": {"type": "object", "properties": {"size": {"type": "integer"},
    "note": {"type": "string", "description": "C2SP signed note (tlog-checkpoint), Ed25519"},
    "origin": {"type": "string"}, "root_hash": {"type": "string", "format": "byte"},
    "time": {"type": "string"}, "verifier_key": {"type": "string"}}},
  "LedgerKey": {"type": "object", "properties": {"verifier_key": {"type": "string"}, "origin": {"type": "string"}}},
  "LedgerEntry": {"type": "object", "properties": {"index": {"type": "integer"},
    "entry": {"type": "string", "description": "canonical entry bytes; leaf = SHA-256(0x00 || entry)"},
    "leaf_hash": {"type": "string", "format": "byte"}, "action": {"type": "string"},
    "object_kind": {"type": "string"}, "object_id": {"type": "string"}, "content_sha256": {"type": "string"},
    "actor_role": {"type": "string"}, "time": {"type": "string"}}},
  "LedgerInclusionProof": {"type": "object", "properties": {"index": {"type": "integer"},
    "tree_size": {"type": "integer"}, "entry": {"type": "string"}, "leaf_hash": {"type": "string"},
    "proof": {"type": "array", "items": {"type": "string", "format": "byte"}},
    "checkpoint": {"type": "string"}}},
  "LedgerConsistencyProof": {"type": "object", "properties": {"first": {"type": "integer"},
    "second": {"type": "integer"}, "proof": {"type": "array", "items": {"type": "string", "format": "byte"}}}},
  "StatusCounts": {"type": "object", "properties": {"id": {"type": "integer"},
    "counts": {"type": "object", "additionalProperties": {"type": "integer"},
               "description": "target_met, on_track, needs_acceleration, limited_progress, deteriorating, no_data"},
    "total": {"type": "integer"},
    "index": {"type": "number", "nullable": true, "description": "weighted summary 0-100 (see method.weights)"}}},
  "ProgressSummary": {"type": "object", "properties": {"method": {"type": "object"},
    "overall": {"$ref": "#/components/schemas/StatusCounts"},
    "sdg_goals": {"type": "array", "items": {"$ref": "#/components/schemas/StatusCounts"}},
    "bodies": {"type": "array", "items": {"$ref": "#/components/schemas/StatusCounts"}},
    "documents": {"type": "array", "items": {"$ref": "#/components/schemas/StatusCounts"}},
    "goals": {"type": "array", "items": {"$ref": "#/components/schemas/StatusCounts"}}}},
  "ProgressIndicator": {"type": "object", "properties": {"id": {"type": "integer"}, "code": {"type": "string"},
    "status": {"type": "string", "enum": ["target_met", "on_track", "needs_acceleration", "limited_progress",
                                          "deteriorating", "no_data"]},
    "no_data_reason": {"type": "string", "nullable": true}, "direction": {"type": "string"},
    "baseline_year": {"type": "integer", "nullable": true}, "baseline_value": {"type": "number", "nullable": true},
    "latest_year": {"type": "integer", "nullable": true}, "latest_value": {"type": "number", "nullable": true},
    "target_year": {"type": "integer", "nullable": true}, "target_value": {"type": "number", "nullable": true},
    "needed_rate": {"type": "number", "nullable": true}, "actual_rate": {"type": "number", "nullable": true},
    "ratio": {"type": "number", "nullable": true}, "target_year_passed": {"type": "boolean"},
    "values_of": {"type": "integer", "nullable": true, "description": "the indicator whose values feed this one"},
    "responsible_body_id": {"type": "integer", "nullable": true}}},
  "Burden": {"type": "object", "properties": {"body_id": {"type": "integer"}, "indicators": {"type": "integer"},
    "fed_indicators": {"type": "integer"}, "measures": {"type": "integer"}, "reports_due": {"type": "integer"},
    "due_dates": {"type": "array", "items": {"type": "string"}},
    "repeats": {"type": "array", "items": {"type": "object"}}}},
  "BodyDue": {"type": "object", "properties": {"body_id": {"type": "integer"}, "year": {"type": "integer"},
    "reports_due": {"type": "integer"}, "due": {"type": "array", "items": {"type": "object", "properties": {
      "kind": {"type": "string", "enum": ["indicator", "measure"]}, "id": {"type": "integer"},
      "due": {"type": "string"}, "period": {"type": "string", "nullable": true},
      "document_ids": {"type": "array", "items": {"type": "integer"}}}}},
    "repeats": {"type": "array", "items": {"type": "object"}}}},
  "Simplification": {"type": "object", "properties": {
    "kind": {"type": "string", "enum": ["duplicate", "unused_indicator", "document_no_active_goals"]},
    "object": {"$ref": "#/components/schemas/ObjectRef"}, "keep_id": {"type": "integer", "nullable": true},
    "reports_saved": {"type": "integer"}}},
  "Notification": {"type": "object", "properties": {"id": {"type": "integer"},
    "module": {"type": "string", "description": "accounts, plan, people, voice, ..."},
    "kind": {"type": "string", "description": "stable key, e.g. accounts.second_factor_reset"},
    "title": {"type": "string", "description": "in the request's language"},
    "body": {"type": "string", "description": "in the request's language"},
    "params": {"type": "object", "additionalProperties": {"type": "string"}},
    "link": {"type": "string", "nullable": true, "description": "same-site path in the request's language"},
    "created_at": {"type": "string", "format": "date-time"},
    "read_at": {"type": "string", "format": "date-time", "nullable": true}}},
  "NotificationPage": {"type": "object", "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Notification"}},
    "next_cursor": {"type": "string", "nullable": true}, "total": {"type": "integer"},
    "unread": {"type": "integer"}}},
  "NotificationsMarked": {"type": "object", "properties": {"marked": {"type": "integer"}}},
  "NotificationSettings": {"type": "object", "required": ["settings"], "properties": {
    "settings": {"type": "array", "items": {"type": "object", "required": ["kind", "in_app", "email"],
      "properties": {"kind": {"type": "string"}, "in_app": {"type": "boolean"}, "email": {"type": "boolean"},
        "important": {"type": "boolean", "readOnly": true}, "label": {"type": "string", "readOnly": true}}}}}},
  "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
    "code": {"type": "string"}, "message": {"type": "string", "description": "in the request's language"},
    "detail": {"type": "string"},
    "fields": {"type": "array", "items": {"type": "object", "properties": {
      "field": {"type": "string"}, "message": {"type": "string"}, "code": {"type": "string"}}}},
    "request_id": {"type": "string"}}}}}
})JSON";

json Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

}  // namespace

std::string OpenApiDocument(const Router& router) {
  json schemas = json::parse(kSchemas);
  const std::map<std::string, std::string> item_of = {
      {"Body", "Body"},       {"Document", "Document"},       {"Goal", "Goal"},   {"Indicator", "Indicator"},
      {"Measure", "Measure"}, {"Observation", "Observation"}, {"Sdg", "SdgNode"}, {"Code", "Code"},
      {"Link", "Link"},       {"History", "History"},         {"User", "User"}};
  json paths = json::object();
  for (const auto& r : router.Routes()) {
    std::string path;
    json params = json::array();
    std::size_t pos = 0;
    while (pos < r.pattern.size()) {
      std::size_t open = r.pattern.find('{', pos);
      if (open == std::string::npos) {
        path += r.pattern.substr(pos);
        break;
      }
      std::size_t close = r.pattern.find('}', open);
      std::string name = r.pattern.substr(open + 1, close - open - 1);
      if (name.size() > 3 && name.compare(name.size() - 3, 3, "...") == 0) name.resize(name.size() - 3);
      path += r.pattern.substr(pos, open - pos) + "{" + name + "}";
      json p{{"name", name}, {"in", "path"}, {"required", true}};
      p["schema"] = name == "id" ? json{{"type", "integer"}} : json{{"type", "string"}};
      if (name == "lang") p["schema"]["enum"] = {"kk", "ru", "en"};
      params.push_back(std::move(p));
      pos = close + 1;
    }
    json op;
    op["summary"] = r.options.summary.empty() ? r.method + " " + r.pattern : r.options.summary;
    op["tags"] = {r.options.tag.empty() ? std::string("other") : r.options.tag};
    op["operationId"] = AsciiLower(r.method) + path;
    if (!params.empty()) op["parameters"] = params;
    if (!r.options.request_schema.empty())
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", Ref(r.options.request_schema)}}}}}};
    const bool is_post = r.method == "POST";
    const std::string ok = r.method == "DELETE" ? "204" : (is_post && r.options.api ? "201" : "200");
    json responses;
    if (ok == "204") {
      responses[ok] = {{"description", "Done"}};
    } else if (!r.options.response_schema.empty()) {
      const std::string& s = r.options.response_schema;
      for (const char* suffix : {"Page", "List"}) {
        const std::size_t n = std::string_view(suffix).size();
        if (s.size() > n && s.compare(s.size() - n, n, suffix) == 0 && !schemas.contains(s)) {
          const std::string base = s.substr(0, s.size() - n);
          auto it = item_of.find(base);
          json list{
              {"type", "object"},
              {"properties",
               {{"items", {{"type", "array"}, {"items", Ref(it != item_of.end() ? it->second : base)}}}}}};
          if (std::string_view(suffix) == "Page") {
            list["properties"]["next_cursor"] = {{"type", "string"}, {"nullable", true}};
            list["properties"]["total"] = {{"type", "integer"}};
          }
          schemas[s] = list;
        }
      }
      responses[ok] = {{"description", "OK"}, {"content", {{"application/json", {{"schema", Ref(s)}}}}}};
    } else {
      responses[ok] = {{"description", "OK"}};
    }
    if (r.options.api)
      responses["default"] = {{"description", "Error (4xx, 5xx) in the request's language"},
                              {"content", {{"application/json", {{"schema", Ref("Error")}}}}}};
    op["responses"] = responses;
    paths[path][AsciiLower(r.method)] = op;
  }
  json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {
      {"title", "Jospar API"},
      {"version", "1"},
      {"description",
       "The state planning registry of Jospar. Reads are public. Writes need a session cookie (with the "
       "X-CSRF-Token header) or an API token (Authorization: Bearer). Updates need the version read "
       "(ETag W/\"n\") in If-Match or a version field."}};
  doc["paths"] = std::move(paths);
  doc["components"]["schemas"] = std::move(schemas);
  doc["components"]["securitySchemes"] = {
      {"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
      {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "jospar_session"}}}};
  return doc.dump(1);
}

}  // namespace jospar::web::api
