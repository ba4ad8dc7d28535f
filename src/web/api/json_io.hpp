// JSON request parsing with located errors, and the JSON form of Jospar's objects.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/accounts/accounts.hpp"
#include "core/base/error.hpp"
#include "core/plan/plan.hpp"
#include "web/http.hpp"

namespace jospar::web::api {

using nlohmann::json;

// Parses the request body as a JSON object. kInvalidInput "error.malformed_json" with the field "body"
// and the parser's position as detail when it is not.
Result<json> ParseObject(const std::string& body);

// Reads the fields of a JSON object into typed values, collecting every problem as a FieldError named
// by its path ("title.kk", "planned[2].year"). Every field read or skipped is "known"; Finish() adds
// "error.field.unknown" for the others.
class Reader {
 public:
  explicit Reader(const json& obj, std::string prefix = "");

  void Str(const char* name, std::string& out, bool required);
  void Txt(const char* name, Text& out, bool required);
  void Int(const char* name, std::optional<int>& out);
  void Int(const char* name, int& out, bool required);
  void OptId(const char* name, std::optional<Id>& out);
  void ReqId(const char* name, Id& out);
  void Num(const char* name, std::optional<double>& out);
  void Num(const char* name, double& out, bool required);
  void Bool(const char* name, bool& out);
  void YearValues(const char* name, std::vector<YearValue>& out);
  void Act(const char* name, LegalAct& out, bool required);
  void Ref(const char* name, ObjectRef& out);
  // An enum given as a string; `parse` returns nullopt for an unknown value ("error.field.enum" with the
  // allowed values `allowed` as detail).
  template <class E, class P>
  void Enum(const char* name, E& out, bool required, P parse, const char* allowed) {
    const json* v = Field(name, required);
    if (!v) return;
    if (!v->is_string()) return Bad(name, "error.field.type_string");
    auto e = parse(v->get<std::string>());
    if (!e) return Bad(name, "error.field.enum", allowed);
    out = *e;
  }
  // Marks a field as known without reading it (e.g. "id", "version", read-only fields).
  void Skip(const char* name) { known_.insert(name); }
  // A read-only field: allowed only when absent or equal to `current`.
  void ReadOnly(const char* name, const json& current);

  void Bad(const std::string& name, const char* key, std::string detail = {});
  // Unknown fields become errors; returns every error (kInvalidInput) or success.
  Status Finish();
  std::vector<FieldError>& errors() { return errors_; }

 private:
  // The value of `name` when present and not null; a missing required field is an error.
  const json* Field(const char* name, bool required);
  std::string Path(const std::string& name) const { return prefix_ + name; }

  const json& obj_;
  std::string prefix_;
  std::set<std::string> known_;
  std::vector<FieldError> errors_;
};

json ToJson(const Text& t);
json ToJson(const StateBody& b);
json ToJson(const Document& d);
json ToJson(const Goal& g);
json ToJson(const Indicator& i);
json ToJson(const Measure& m);
json ToJson(const Observation& o);
json ToJson(const SdgNode& n);
json ToJson(const CodeName& c);
json ToJson(const Link& l);
json ToJson(const HistoryEntry& h);
json ToJson(const User& u);
json ToJson(const LegalAct& a);

// Reads the writable fields of each object (PUT semantics: required fields must be present).
void Read(Reader& r, StateBody& b);
void Read(Reader& r, Document& d);
void Read(Reader& r, Goal& g);
void Read(Reader& r, Indicator& i);
void Read(Reader& r, Measure& m);

// Names of the read-only fields of each object (id, version and lifecycle fields).
std::vector<const char*> ReadOnlyFields(const StateBody&);
std::vector<const char*> ReadOnlyFields(const Document&);
std::vector<const char*> ReadOnlyFields(const Goal&);
std::vector<const char*> ReadOnlyFields(const Indicator&);
std::vector<const char*> ReadOnlyFields(const Measure&);

}  // namespace jospar::web::api
