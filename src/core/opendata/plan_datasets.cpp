// The public datasets of the state plan registry (see registry.hpp). Every table is ordered by id (or by
// the key named in its description), so that the same store gives the same rows.
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "core/opendata/registry.hpp"
#include "core/plan/opensdg.hpp"
#include "core/plan/repository.hpp"

namespace jospar::opendata {
namespace {

using CT = ColumnType;

Column Str(std::string name, bool nullable = false) { return {std::move(name), CT::kString, nullable}; }
Column Int(std::string name, bool nullable = false) { return {std::move(name), CT::kInteger, nullable}; }
Column Num(std::string name, bool nullable = false) { return {std::move(name), CT::kNumber, nullable}; }
Column Bool(std::string name) { return {std::move(name), CT::kBoolean, false}; }

// name_kk, name_ru, name_en.
void TextColumns(std::vector<Column>& cols, const std::string& name) {
  for (Lang l : kLangs) cols.push_back(Str(name + "_" + std::string(LangCode(l))));
}
void TextCells(Row& row, const Text& t) {
  for (Lang l : kLangs) row.emplace_back(t.Get(l));
}

Cell OptId(std::optional<Id> id) { return id ? Cell(std::int64_t{*id}) : Cell(); }
Cell OptInt(std::optional<int> v) { return v ? Cell(std::int64_t{*v}) : Cell(); }
Cell OptNum(std::optional<double> v) { return v ? Cell(*v) : Cell(); }
Cell OptStr(const std::string& s) { return s.empty() ? Cell() : Cell(s); }

// Every row of a paged list, in id order.
template <class T, class F, class List>
Result<std::vector<T>> ListAll(const F& filter, List list) {
  std::vector<T> all;
  PageRequest p;
  p.sort = "id";
  p.limit = 500;
  for (;;) {
    auto page = list(filter, p);
    if (!page) return Fail(page.error());
    for (auto& x : page->items) all.push_back(std::move(x));
    if (page->next_cursor.empty()) break;
    p.cursor = page->next_cursor;
  }
  std::sort(all.begin(), all.end(), [](const T& a, const T& b) { return a.id < b.id; });
  return all;
}

Result<std::vector<StateBody>> AllBodies(Tx& tx) {
  return ListAll<StateBody>(
      BodyFilter{}, [&tx](const BodyFilter& f, const PageRequest& p) { return tx.plan().ListBodies(f, p); });
}
Result<std::vector<Document>> AllDocuments(Tx& tx) {
  return ListAll<Document>(DocumentFilter{}, [&tx](const DocumentFilter& f, const PageRequest& p) {
    return tx.plan().ListDocuments(f, p);
  });
}
Result<std::vector<Goal>> AllGoals(Tx& tx) {
  return ListAll<Goal>(
      GoalFilter{}, [&tx](const GoalFilter& f, const PageRequest& p) { return tx.plan().ListGoals(f, p); });
}
Result<std::vector<Indicator>> AllIndicators(Tx& tx) {
  return ListAll<Indicator>(IndicatorFilter{}, [&tx](const IndicatorFilter& f, const PageRequest& p) {
    return tx.plan().ListIndicators(f, p);
  });
}

// id -> code of every object of a list.
template <class T>
std::map<Id, std::string> Codes(const std::vector<T>& list) {
  std::map<Id, std::string> out;
  for (const auto& x : list) out.emplace(x.id, x.code);
  return out;
}

Cell CodeOf(const std::map<Id, std::string>& codes, std::optional<Id> id) {
  if (!id) return {};
  auto it = codes.find(*id);
  return it == codes.end() ? Cell() : Cell(it->second);
}

// The SDG framework: goals in natural order, each followed by its targets in natural order.
Result<std::vector<SdgNode>> AllSdgNodes(Tx& tx) {
  auto goals = tx.plan().ListSdgNodes(std::nullopt);
  if (!goals) return Fail(goals.error());
  std::vector<SdgNode> out;
  for (const auto& g : *goals) {
    out.push_back(g);
    auto targets = tx.plan().ListSdgNodes(g.id);
    if (!targets) return Fail(targets.error());
    for (const auto& t : *targets) out.push_back(t);
  }
  return out;
}

DatasetSpec Bodies() {
  DatasetSpec d{
      "bodies", {Int("id"), Str("code"), Str("kind"), Int("parent_id", true), Str("parent_code", true)}, {}};
  TextColumns(d.columns, "title");
  d.rows = [](Tx& tx) -> Result<std::vector<Row>> {
    auto bodies = AllBodies(tx);
    if (!bodies) return Fail(bodies.error());
    auto codes = Codes(*bodies);
    std::vector<Row> rows;
    for (const auto& b : *bodies) {
      Row r{std::int64_t{b.id}, b.code, std::string(ToString(b.kind)), OptId(b.parent_id),
            CodeOf(codes, b.parent_id)};
      TextCells(r, b.title);
      rows.push_back(std::move(r));
    }
    return rows;
  };
  return d;
}

DatasetSpec Documents() {
  DatasetSpec d{"documents", {Int("id"), Str("code"), Int("tier"), Str("type"), Str("status")}, {}};
  TextColumns(d.columns, "title");
  TextColumns(d.columns, "summary");
  for (Column c : {Str("act_kind", true), Str("act_number", true), Str("act_date", true),
                   Int("owner_body_id", true), Str("owner_body_code", true), Int("start_year", true),
                   Int("end_year", true), Int("parent_id", true), Str("parent_code", true),
                   Int("merged_into_id", true), Str("merged_into_code", true), Int("edition"), Bool("demo")})
    d.columns.push_back(std::move(c));
  d.rows = [](Tx& tx) -> Result<std::vector<Row>> {
    auto bodies = AllBodies(tx);
    if (!bodies) return Fail(bodies.error());
    auto docs = AllDocuments(tx);
    if (!docs) return Fail(docs.error());
    auto body_codes = Codes(*bodies);
    auto doc_codes = Codes(*docs);
    std::vector<Row> rows;
    for (const auto& x : *docs) {
      Row r{std::int64_t{x.id}, x.code, std::int64_t{static_cast<int>(x.tier)}, x.type,
            std::string(ToString(x.status))};
      TextCells(r, x.title);
      TextCells(r, x.summary);
      for (Cell c : {OptStr(x.act.kind), OptStr(x.act.number), OptStr(x.act.date), OptId(x.owner_body_id),
                     CodeOf(body_codes, x.owner_body_id), OptInt(x.start_year), OptInt(x.end_year),
                     OptId(x.parent_id), CodeOf(doc_codes, x.parent_id), OptId(x.merged_into_id),
                     CodeOf(doc_codes, x.merged_into_id), Cell(std::int64_t{x.edition}), Cell(x.demo)})
        r.push_back(std::move(c));
      rows.push_back(std::move(r));
    }
    return rows;
  };
  return d;
}

DatasetSpec Goals() {
  DatasetSpec d{"goals",
                {Int("id"), Int("document_id"), Str("document_code"), Int("parent_id", true), Str("level"),
                 Str("code")},
                {}};
  TextColumns(d.columns, "title");
  d.columns.push_back(Bool("demo"));
  d.rows = [](Tx& tx) -> Result<std::vector<Row>> {
    auto docs = AllDocuments(tx);
    if (!docs) return Fail(docs.error());
    auto goals = AllGoals(tx);
    if (!goals) return Fail(goals.error());
    auto doc_codes = Codes(*docs);
    std::vector<Row> rows;
    for (const auto& g : *goals) {
      Row r{std::int64_t{g.id},
            std::int64_t{g.document_id},
            CodeOf(doc_codes, g.document_id),
            OptId(g.parent_id),
            std::string(g.parent_id ? "task" : "goal"),
            g.code};
      TextCells(r, g.title);
      r.emplace_back(g.demo);
      rows.push_back(std::move(r));
    }
    return rows;
  };
  return d;
}

DatasetSpec Indicators() {
  DatasetSpec d{"indicators",
                {Int("id"), Str("code"), Str("kind"), Int("goal_id", true), Int("sdg_target_id", true),
                 Str("sdg_target_code", true)},
                {}};
  TextColumns(d.columns, "title");
  TextColumns(d.columns, "unit");
  for (Column c :
       {Str("direction"), Int("baseline_year", true), Num("baseline_value", true), Int("target_year", true),
        Num("target_value", true), Int("responsible_body_id", true), Str("responsible_body_code", true)})
    d.columns.push_back(std::move(c));
  TextColumns(d.columns, "source");
  d.columns.push_back(Bool("demo"));
  d.rows = [](Tx& tx) -> Result<std::vector<Row>> {
    auto bodies = AllBodies(tx);
    if (!bodies) return Fail(bodies.error());
    auto sdg = AllSdgNodes(tx);
    if (!sdg) return Fail(sdg.error());
    auto inds = AllIndicators(tx);
    if (!inds) return Fail(inds.error());
    auto body_codes = Codes(*bodies);
    auto sdg_codes = Codes(*sdg);
    std::vector<Row> rows;
    for (const auto& i : *inds) {
      Row r{std::int64_t{i.id},
            i.code,
            std::string(ToString(i.kind)),
            OptId(i.goal_id),
            OptId(i.sdg_target_id),
            CodeOf(sdg_codes, i.sdg_target_id)};
      TextCells(r, i.title);
      TextCells(r, i.unit);
      for (Cell c : {Cell(std::string(ToString(i.direction))), OptInt(i.baseline_year),
                     OptNum(i.baseline_value), OptInt(i.target_year), OptNum(i.target_value),
                     OptId(i.responsible_body_id), CodeOf(body_codes, i.responsible_body_id)})
        r.push_back(std::move(c));
      TextCells(r, i.source);
      r.emplace_back(i.demo);
      rows.push_back(std::move(r));
    }
    return rows;
  };
  return d;
}

DatasetSpec PlannedValues() {
  DatasetSpec d{
      "planned_values", {Int("indicator_id"), Str("indicator_code"), Int("year"), Num("value")}, {}};
  d.rows = [](Tx& tx) -> Result<std::vector<Row>> {
    auto inds = AllIndicators(tx);
    if (!inds) return Fail(inds.error());
    std::vector<Row> rows;
    for (const auto& i : *inds) {
      auto planned = i.planned;
      std::sort(planned.begin(), planned.end(),
                [](const YearValue& a, const YearValue& b) { return a.year < b.year; });
      for (const auto& p : planned)
        rows.push_back(Row{std::int64_t{i.id}, i.code, std::int64_t{p.year}, p.value});
    }
    return rows;
  };
  return d;
}

DatasetSpec Values() {
  DatasetSpec d{"values",
                {Int("indicator_id"), Str("indicator_code"), Str("series", true), Str("unit", true),
                 Str("period"), Str("disaggregation", true), Num("value"), Bool("demo")},
                {}};
  d.rows = [](Tx& tx) -> Result<std::vector<Row>> {
    auto inds = AllIndicators(tx);
    if (!inds) return Fail(inds.error());
    std::vector<Row> rows;
    for (const auto& i : *inds) {
      auto obs = tx.plan().ListObservations(i.id);
      if (!obs) return Fail(obs.error());
      std::sort(obs->begin(), obs->end(), [](const Observation& a, const Observation& b) {
        return std::tie(a.series, a.unit, a.period, a.disaggregation) <
               std::tie(b.series, b.unit, b.period, b.disaggregation);
      });
      for (const auto& o : *obs)
        rows.push_back(Row{std::int64_t{i.id}, i.code, OptStr(o.series), OptStr(o.unit), o.period,
                           OptStr(o.disaggregation), o.value, o.demo});
    }
    return rows;
  };
  return d;
}

DatasetSpec DisaggregationCodes() {
  DatasetSpec d{"disaggregation_codes", {Str("dimension"), Str("code")}, {}};
  TextColumns(d.columns, "name");
  d.rows = [](Tx& tx) -> Result<std::vector<Row>> {
    auto names = tx.plan().ListCodeNames("");
    if (!names) return Fail(names.error());
    std::sort(names->begin(), names->end(), [](const CodeName& a, const CodeName& b) {
      return std::tie(a.dimension, a.code) < std::tie(b.dimension, b.code);
    });
    std::vector<Row> rows;
    for (const auto& c : *names) {
      Row r{c.dimension, c.code};
      TextCells(r, c.title);
      rows.push_back(std::move(r));
    }
    return rows;
  };
  return d;
}

DatasetSpec Sdg() {
  DatasetSpec d{
      "sdg", {Int("id"), Str("code"), Str("kind"), Int("parent_id", true), Str("parent_code", true)}, {}};
  TextColumns(d.columns, "title");
  d.rows = [](Tx& tx) -> Result<std::vector<Row>> {
    auto nodes = AllSdgNodes(tx);
    if (!nodes) return Fail(nodes.error());
    auto codes = Codes(*nodes);
    std::vector<Row> rows;
    for (const auto& n : *nodes) {
      Row r{std::int64_t{n.id}, n.code, std::string(ToString(n.kind)), OptId(n.parent_id),
            CodeOf(codes, n.parent_id)};
      TextCells(r, n.title);
      rows.push_back(std::move(r));
    }
    return rows;
  };
  return d;
}

}  // namespace

std::vector<DatasetSpec> PlanDatasets() {
  return {Bodies(), Documents(),           Goals(), Indicators(), PlannedValues(),
          Values(), DisaggregationCodes(), Sdg()};
}

}  // namespace jospar::opendata
