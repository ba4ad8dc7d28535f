#include "core/plan/synthetic_plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace jospar {
namespace {

struct Name3 {
  const char* kk;
  const char* ru;
  const char* en;
};

Text T(const Name3& n) { return Text{n.kk, n.ru, n.en}; }

constexpr Name3 kGovernment = {"Қазақстан Республикасының Үкіметі", "Правительство Республики Казахстан",
                               "Government of the Republic of Kazakhstan"};

constexpr Name3 kMinistries[] = {
    {"Оқу-ағарту министрлігі", "Министерство просвещения", "Ministry of Education"},
    {"Ғылым және жоғары білім министрлігі", "Министерство науки и высшего образования",
     "Ministry of Science and Higher Education"},
    {"Денсаулық сақтау министрлігі", "Министерство здравоохранения", "Ministry of Health"},
    {"Еңбек және халықты әлеуметтік қорғау министрлігі", "Министерство труда и социальной защиты населения",
     "Ministry of Labour and Social Protection"},
    {"Ұлттық экономика министрлігі", "Министерство национальной экономики", "Ministry of National Economy"},
    {"Қаржы министрлігі", "Министерство финансов", "Ministry of Finance"},
    {"Энергетика министрлігі", "Министерство энергетики", "Ministry of Energy"},
    {"Ауыл шаруашылығы министрлігі", "Министерство сельского хозяйства", "Ministry of Agriculture"},
    {"Экология және табиғи ресурстар министрлігі", "Министерство экологии и природных ресурсов",
     "Ministry of Ecology and Natural Resources"},
    {"Көлік министрлігі", "Министерство транспорта", "Ministry of Transport"},
    {"Өнеркәсіп және құрылыс министрлігі", "Министерство промышленности и строительства",
     "Ministry of Industry and Construction"},
    {"Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі",
     "Министерство цифрового развития, инноваций и аэрокосмической промышленности",
     "Ministry of Digital Development, Innovation and Aerospace Industry"},
    {"Мәдениет және ақпарат министрлігі", "Министерство культуры и информации",
     "Ministry of Culture and Information"},
    {"Әділет министрлігі", "Министерство юстиции", "Ministry of Justice"},
    {"Ішкі істер министрлігі", "Министерство внутренних дел", "Ministry of Internal Affairs"},
    {"Туризм және спорт министрлігі", "Министерство туризма и спорта", "Ministry of Tourism and Sports"},
    {"Су ресурстары және ирригация министрлігі", "Министерство водных ресурсов и ирригации",
     "Ministry of Water Resources and Irrigation"},
    {"Төтенше жағдайлар министрлігі", "Министерство по чрезвычайным ситуациям",
     "Ministry of Emergency Situations"},
};

constexpr Name3 kRegions[] = {
    {"Абай облысы", "Абайская область", "Abai Region"},
    {"Ақмола облысы", "Акмолинская область", "Akmola Region"},
    {"Ақтөбе облысы", "Актюбинская область", "Aktobe Region"},
    {"Алматы облысы", "Алматинская область", "Almaty Region"},
    {"Атырау облысы", "Атырауская область", "Atyrau Region"},
    {"Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"},
    {"Жамбыл облысы", "Жамбылская область", "Jambyl Region"},
    {"Жетісу облысы", "Область Жетісу", "Jetisu Region"},
    {"Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"},
    {"Қарағанды облысы", "Карагандинская область", "Karaganda Region"},
    {"Қостанай облысы", "Костанайская область", "Kostanay Region"},
    {"Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"},
    {"Маңғыстау облысы", "Мангистауская область", "Mangystau Region"},
    {"Павлодар облысы", "Павлодарская область", "Pavlodar Region"},
    {"Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"},
    {"Түркістан облысы", "Туркестанская область", "Turkistan Region"},
    {"Ұлытау облысы", "Область Улытау", "Ulytau Region"},
    {"Астана қаласы", "Город Астана", "Astana city"},
    {"Алматы қаласы", "Город Алматы", "Almaty city"},
    {"Шымкент қаласы", "Город Шымкент", "Shymkent city"},
};
constexpr int kRegionCount = static_cast<int>(sizeof(kRegions) / sizeof(kRegions[0]));
constexpr int kMinistryCount = static_cast<int>(sizeof(kMinistries) / sizeof(kMinistries[0]));

std::uint64_t SplitMix(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t Mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t x = a * 0x9e3779b97f4a7c15ULL + b;
  return SplitMix(x);
}

std::string Pad(std::int64_t n, int width) {
  std::string s = std::to_string(n);
  if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<size_t>(width) - s.size(), '0');
  return s;
}

std::string Replace(std::string s, std::string_view key, const std::string& value) {
  for (size_t at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size()))
    s.replace(at, key.size(), value);
  return s;
}

// Fills a title template of three languages: {theme}, {body}, {region}, {start}, {end}, {n}.
Text Fill(const Name3& tpl, const Text& theme, const Text& body, const Text& region, int start, int end,
          std::int64_t n) {
  Text out;
  for (Lang l : kLangs) {
    const char* t = l == Lang::kKk ? tpl.kk : l == Lang::kRu ? tpl.ru : tpl.en;
    std::string s = t;
    s = Replace(s, "{theme}", theme.Pick(l).text);
    s = Replace(s, "{body}", body.Pick(l).text);
    s = Replace(s, "{region}", region.Pick(l).text);
    s = Replace(s, "{start}", std::to_string(start));
    s = Replace(s, "{end}", std::to_string(end));
    s = Replace(s, "{n}", std::to_string(n));
    out.Get(l) = std::move(s);
  }
  return out;
}

constexpr Name3 kStrategyTitle = {"Қазақстанның {end} жылға дейінгі даму стратегиясы",
                                  "Стратегия развития Казахстана до {end} года",
                                  "Development Strategy of Kazakhstan to {end}"};
constexpr Name3 kNationalPlanTitle = {"{start}–{end} жылдарға арналған ұлттық даму жоспары: {theme}",
                                      "Национальный план развития на {start}–{end} годы: {theme}",
                                      "National Development Plan {start}–{end}: {theme}"};
constexpr Name3 kConceptTitle = {"Тұжырымдама: {theme}, {start}–{end}", "Концепция: {theme}, {start}–{end}",
                                 "Concept: {theme}, {start}–{end}"};
constexpr Name3 kProjectTitle = {"Ұлттық жоба: {theme}, {start}–{end}",
                                 "Национальный проект: {theme}, {start}–{end}",
                                 "National project: {theme}, {start}–{end}"};
constexpr Name3 kBodyPlanTitle = {"Даму жоспары: {body}, {start}–{end}",
                                  "План развития: {body}, {start}–{end}",
                                  "Development plan: {body}, {start}–{end}"};
constexpr Name3 kRegionPlanTitle = {"Аумақты дамыту жоспары: {region}, {start}–{end}",
                                    "План развития территории: {region}, {start}–{end}",
                                    "Territorial development plan: {region}, {start}–{end}"};
constexpr Name3 kOperationalTitle = {"№ {n} операциялық жоспар: {theme}", "Операционный план № {n}: {theme}",
                                     "Operational plan No. {n}: {theme}"};
constexpr Name3 kMeasureTitle = {"Іс-шаралар кешені: {theme}", "Комплекс мероприятий: {theme}",
                                 "Set of measures: {theme}"};
constexpr Name3 kAkimatTitle = {"{region} әкімдігі", "Акимат: {region}", "Akimat of {region}"};

// Variations of an indicator title so that repeated texts are not byte-identical everywhere.
Text Vary(const Text& title, int region, int variant) {
  Text out = title;
  if (variant == 1) {
    out.kk += ", барлығы";
    out.ru += ", всего";
    out.en += ", total";
  } else if (variant == 2) {
    out.kk += " (жыл сайын)";
    out.ru += " (ежегодно)";
    out.en += " (annual)";
  }
  if (region >= 0) {
    out.kk += std::string(" — ") + kRegions[region].kk;
    out.ru += std::string(" — ") + kRegions[region].ru;
    out.en += std::string(" — ") + kRegions[region].en;
  }
  return out;
}

// A plausible value of an indicator: the same for the same (text, region, year), so that a repeated
// indicator has the same baseline and target in every document unless a conflict is made on purpose.
double ValueFor(std::uint64_t identity, int year, const Text& unit) {
  const double base = 10.0 + static_cast<double>(Mix(identity, 0) % 9000) / 100.0;  // 10 .. 100
  const double growth = 0.5 + static_cast<double>(Mix(identity, 1) % 300) / 100.0;  // per year
  const bool percent = unit.en.find('%') != std::string::npos || unit.en.find("ercent") != std::string::npos;
  double v = base + growth * (year - 2015);
  if (percent) v = std::min(v, 100.0);
  return std::round(v * 10.0) / 10.0;
}

}  // namespace

SyntheticTexts SyntheticTextsFrom(const OpenSdgDataset& dataset) {
  SyntheticTexts out;
  std::map<std::string, size_t> theme_of_goal;
  for (const auto& g : dataset.goals) {
    SyntheticTheme theme;
    theme.goal = g.short_title.Empty() ? g.title : g.short_title;
    theme_of_goal[g.code] = out.themes.size();
    out.themes.push_back(std::move(theme));
  }
  for (const auto& t : dataset.targets) {
    auto it = theme_of_goal.find(t.goal_code);
    if (it != theme_of_goal.end() && !t.title.Empty()) out.themes[it->second].targets.push_back(t.title);
  }
  for (const auto& ind : dataset.indicators) {
    auto it = theme_of_goal.find(ind.target_code.substr(0, ind.target_code.find('.')));
    if (it != theme_of_goal.end() && !ind.title.Empty())
      out.themes[it->second].indicators.push_back({ind.title, ind.unit, ind.source});
  }
  std::erase_if(out.themes,
                [](const SyntheticTheme& t) { return t.targets.empty() || t.indicators.empty(); });
  return out;
}

Status ValidateSyntheticSpec(const SyntheticPlanSpec& spec, const SyntheticTexts& texts) {
  std::vector<FieldError> errors;
  if (spec.documents < 1 || spec.documents > 10'000'000)
    errors.push_back({"documents", "error.field.out_of_range", "1..10000000"});
  if (spec.indicators < 0 || spec.indicators > 100'000'000)
    errors.push_back({"indicators", "error.field.out_of_range", "0..100000000"});
  if (spec.current_year < 2000 || spec.current_year > 2100)
    errors.push_back({"current_year", "error.field.out_of_range", "2000..2100"});
  if (texts.themes.empty())
    errors.push_back({"texts", "error.field.required", "SDG goals with targets and indicators"});
  for (const auto& t : texts.themes)
    if (t.indicators.size() >= 65536)
      errors.push_back({"texts", "error.field.out_of_range", "< 65536 per goal"});
  if (errors.empty()) return {};
  return Fail(ErrorCode::kInvalidInput, "error.invalid_input", "synthetic plan spec", std::move(errors));
}

SyntheticPlanGenerator::SyntheticPlanGenerator(SyntheticPlanSpec spec, SyntheticTexts texts)
    : spec_(std::move(spec)), texts_(std::move(texts)) {
  std::uint64_t x = spec_.seed;
  for (auto& s : state_) s = SplitMix(x);
  const std::int64_t n = spec_.documents;
  // Tier sizes: one long-term strategy per 100,000 documents, a national plan per 2,000, a concept or
  // national project per 200, a body or regional plan per 10; the rest are operational plans.
  std::int64_t sizes[5] = {std::max<std::int64_t>(1, n / 100000), std::max<std::int64_t>(1, n / 2000),
                           std::max<std::int64_t>(1, n / 200), std::max<std::int64_t>(1, n / 10), 0};
  std::int64_t left = n;
  for (int t = 0; t < 4; ++t) {
    sizes[t] = std::min(sizes[t], std::max<std::int64_t>(0, left));
    left -= sizes[t];
  }
  sizes[4] = std::max<std::int64_t>(0, left);
  std::int64_t end = 0;
  for (int t = 0; t < 5; ++t) {
    end += sizes[t];
    tier_end_[t] = end;
  }
  docs_.reserve(static_cast<size_t>(n));
  indicator_text_.reserve(static_cast<size_t>(spec_.indicators));
}

std::uint64_t SyntheticPlanGenerator::Rand() {  // xoshiro256**
  auto rotl = [](std::uint64_t v, int k) { return (v << k) | (v >> (64 - k)); };
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

std::uint64_t SyntheticPlanGenerator::Below(std::uint64_t n) { return n == 0 ? 0 : Rand() % n; }

bool SyntheticPlanGenerator::Chance(double p) {
  return static_cast<double>(Rand() >> 11) * (1.0 / 9007199254740992.0) < p;
}

int SyntheticPlanGenerator::TierOf(std::int64_t index) const {
  for (int t = 0; t < 5; ++t)
    if (index < tier_end_[t]) return t + 1;
  return 5;
}

void SyntheticPlanGenerator::EmitBodies(PlanBatch& batch) {
  Id id = spec_.ids.body;
  const std::string p = spec_.code_prefix + "-";
  government_ = ++id;
  batch.bodies.push_back({government_, p + "GOV", BodyKind::kGovernment, std::nullopt, T(kGovernment), 1});
  first_ministry_ = id + 1;
  for (int i = 0; i < kMinistryCount; ++i)
    batch.bodies.push_back(
        {++id, p + "MIN-" + Pad(i + 1, 2), BodyKind::kMinistry, government_, T(kMinistries[i]), 1});
  ministries_ = kMinistryCount;
  first_akimat_ = id + 1;
  for (int i = 0; i < kRegionCount; ++i)
    batch.bodies.push_back({++id, p + "AKIMAT-" + Pad(i + 1, 2), BodyKind::kAkimat, government_,
                            Fill(kAkimatTitle, {}, {}, T(kRegions[i]), 0, 0, 0), 1});
  next_goal_ = spec_.ids.goal;
  next_indicator_ = spec_.ids.indicator;
  next_measure_ = spec_.ids.measure;
  next_link_ = spec_.ids.link;
}

bool SyntheticPlanGenerator::Next(PlanBatch& batch, std::int64_t max_documents) {
  if (!bodies_done_) {
    EmitBodies(batch);
    bodies_done_ = true;
  }
  if (next_doc_ >= spec_.documents) return false;
  const std::int64_t stop = std::min(spec_.documents, next_doc_ + std::max<std::int64_t>(1, max_documents));
  while (next_doc_ < stop) EmitDocument(next_doc_++, batch);
  return true;
}

void SyntheticPlanGenerator::EmitDocument(std::int64_t index, PlanBatch& batch) {
  const int now = spec_.current_year;
  const int tier = TierOf(index);
  DocInfo info;
  info.tier = tier;
  info.theme = static_cast<int>(Below(texts_.themes.size()));
  const SyntheticTheme& theme = texts_.themes[static_cast<size_t>(info.theme)];

  Document d;
  d.id = spec_.ids.document + index + 1;
  d.code = spec_.code_prefix + "-" + std::to_string(tier) + "-" + Pad(index + 1, 6);
  d.tier = static_cast<Tier>(tier);

  // Parent: a document of the tier above, nearly always a live one; a few have none (a fault).
  std::optional<std::int64_t> parent;
  if (tier > 1 && !Chance(0.003)) {
    const auto& live = live_by_tier_[tier - 2];
    const auto& all = all_by_tier_[tier - 2];
    if (!live.empty() && !Chance(0.03)) {
      parent = live[Below(live.size())];
    } else if (!all.empty()) {
      parent = all[Below(all.size())];
    }
  }
  const DocInfo* up = parent ? &docs_[static_cast<size_t>(*parent)] : nullptr;
  if (parent) d.parent_id = spec_.ids.document + *parent + 1;

  // Owner and region.
  Text region_name;
  if (tier <= 2) {
    info.owner = government_;
  } else if (tier == 3) {
    info.owner = first_ministry_ + static_cast<Id>(Below(static_cast<std::uint64_t>(ministries_)));
  } else if (tier == 4) {
    if (Chance(0.5)) {
      info.region = static_cast<int>(Below(kRegionCount));
      info.owner = first_akimat_ + info.region;
    } else {
      info.owner = first_ministry_ + static_cast<Id>(Below(static_cast<std::uint64_t>(ministries_)));
    }
  } else {
    if (up != nullptr && up->tier == 4) {
      info.owner = up->owner;
      info.region = up->region;
    } else {
      info.owner = first_ministry_ + static_cast<Id>(Below(static_cast<std::uint64_t>(ministries_)));
    }
  }
  if (info.region >= 0) region_name = T(kRegions[info.region]);
  d.owner_body_id = info.owner;

  // Horizon and status.
  int length = tier == 1   ? 38
               : tier == 2 ? 8
               : tier == 3 ? 5 + static_cast<int>(Below(6))
               : tier == 4 ? 5
                           : 1 + static_cast<int>(Below(3));
  int start = tier == 1 ? 2012 : now - static_cast<int>(Below(static_cast<std::uint64_t>(length + 3))) + 1;
  int end = start + length - 1;
  d.start_year = start;
  d.end_year = end;
  if (tier == 1) {
    d.status = DocStatus::kInForce;
  } else if (start > now) {
    d.status = Chance(0.5) ? DocStatus::kDraft : DocStatus::kApproved;
  } else if (end < now) {
    const double r = static_cast<double>(Below(100)) / 100.0;
    d.status = r < 0.88 ? DocStatus::kExpired : r < 0.94 ? DocStatus::kRepealed : DocStatus::kMerged;
  } else {
    d.status = Chance(0.02) ? DocStatus::kRepealed : DocStatus::kInForce;
  }
  if (d.status == DocStatus::kMerged) {
    const auto& same = live_by_tier_[tier - 1];
    if (same.empty()) {
      d.status = DocStatus::kExpired;
    } else {
      d.merged_into_id = spec_.ids.document + same[Below(same.size())] + 1;
    }
  }
  info.live = d.status == DocStatus::kInForce || d.status == DocStatus::kApproved;

  // Type, titles, act.
  Text owner_title;
  if (info.owner >= first_akimat_) {
    owner_title = Fill(kAkimatTitle, {}, {}, region_name, 0, 0, 0);
  } else if (info.owner >= first_ministry_) {
    owner_title = T(kMinistries[info.owner - first_ministry_]);
  } else {
    owner_title = T(kGovernment);
  }
  const Name3* tpl = &kOperationalTitle;
  switch (tier) {
    case 1:
      d.type = "strategy";
      tpl = &kStrategyTitle;
      break;
    case 2:
      d.type = "national_plan";
      tpl = &kNationalPlanTitle;
      break;
    case 3:
      d.type = Chance(0.5) ? "concept" : "national_project";
      tpl = d.type == "concept" ? &kConceptTitle : &kProjectTitle;
      break;
    case 4:
      d.type = info.region >= 0 ? "regional_plan" : "body_plan";
      tpl = info.region >= 0 ? &kRegionPlanTitle : &kBodyPlanTitle;
      break;
    default:
      d.type = "operational_plan";
      break;
  }
  d.title = Fill(*tpl, theme.goal, owner_title, region_name, start, end, index + 1);
  d.summary = theme.targets[Below(theme.targets.size())];
  if (d.status != DocStatus::kDraft) {
    d.act.kind = tier <= 2 ? "decree" : tier == 3 ? "resolution" : "order";
    d.act.number = std::to_string(1 + Below(999));
    d.act.date = std::to_string(start - 1) + "-" + Pad(1 + static_cast<std::int64_t>(Below(12)), 2) + "-" +
                 Pad(1 + static_cast<std::int64_t>(Below(28)), 2);
  }
  d.demo = true;
  batch.documents.push_back(d);

  // Goals and tasks.
  const int goal_count = tier == 1 ? 5 : 1 + static_cast<int>(Below(3));
  info.first_goal = next_goal_ + 1;
  info.top_goals = goal_count;
  std::vector<Id> holders;  // goals and tasks that hold indicators and measures
  std::vector<std::pair<Id, int>> tasks_to_emit;
  // A live document often continues an ended one of its tier: its goals carry the predecessor's goals.
  const DocInfo* predecessor = nullptr;
  if (info.live && !ended_by_tier_[tier - 1].empty() && Chance(0.7)) {
    auto& ended = ended_by_tier_[tier - 1];  // each ended document is continued at most once
    const size_t k = Below(ended.size());
    predecessor = &docs_[static_cast<size_t>(ended[k])];
    ended[k] = ended.back();
    ended.pop_back();
  }
  for (int g = 0; g < goal_count; ++g) {
    Goal goal;
    goal.id = ++next_goal_;
    goal.document_id = d.id;
    goal.code = std::to_string(g + 1);
    goal.title = theme.targets[Below(theme.targets.size())];
    goal.demo = true;
    batch.goals.push_back(goal);
    holders.push_back(goal.id);
    // Contributes to a goal of the parent document (most), or to nothing above (a fault).
    if (up != nullptr && up->top_goals > 0 && !Chance(0.02)) {
      Id to = up->first_goal + static_cast<Id>(Below(static_cast<std::uint64_t>(up->top_goals)));
      batch.links.push_back({++next_link_, {ObjectKind::kGoal, goal.id}, {ObjectKind::kGoal, to}});
      if (Chance(0.0001))  // a cycle: the goal above is made to contribute back to this one
        batch.links.push_back({++next_link_, {ObjectKind::kGoal, to}, {ObjectKind::kGoal, goal.id}});
    }
    if (predecessor != nullptr && g < predecessor->top_goals && Chance(0.9))
      batch.links.push_back(
          {++next_link_, {ObjectKind::kGoal, goal.id}, {ObjectKind::kGoal, predecessor->first_goal + g}});
    if (tier <= 3 && !spec_.sdg_target_ids.empty() && Chance(0.5)) {
      Id sdg = spec_.sdg_target_ids[Below(spec_.sdg_target_ids.size())];
      batch.links.push_back({++next_link_, {ObjectKind::kGoal, goal.id}, {ObjectKind::kSdgTarget, sdg}});
    }
    if (Chance(0.00005))  // a broken link: the goal it names does not exist
      batch.links.push_back({++next_link_,
                             {ObjectKind::kGoal, goal.id},
                             {ObjectKind::kGoal, spec_.ids.goal + 4'000'000'000LL + goal.id}});
    const int tasks = tier == 1 ? 0 : static_cast<int>(Below(3));
    for (int k = 0; k < tasks; ++k) tasks_to_emit.push_back({goal.id, g * 10 + k});
  }
  for (auto [goal_id, code] : tasks_to_emit) {
    Goal task;
    task.id = ++next_goal_;
    task.document_id = d.id;
    task.parent_id = goal_id;
    task.code = std::to_string(code / 10 + 1) + "." + std::to_string(code % 10 + 1);
    task.title = theme.targets[Below(theme.targets.size())];
    task.demo = true;
    batch.goals.push_back(task);
    holders.push_back(task.id);
  }

  // Indicators: an even share of the total, spread over the goals and tasks.
  const std::int64_t n = spec_.documents;
  const std::int64_t m = spec_.indicators;
  const std::int64_t share = (index + 1) * m / n - index * m / n;
  info.first_indicator = next_indicator_ + 1;
  info.indicators = share;
  const int actual_from = std::max(start, now - 3);
  const int actual_to = std::min(end, now - 1);
  const bool reports = d.status == DocStatus::kInForce || d.status == DocStatus::kExpired ||
                       d.status == DocStatus::kRepealed || d.status == DocStatus::kMerged;
  for (std::int64_t k = 0; k < share; ++k) {
    Indicator ind;
    ind.id = ++next_indicator_;
    ind.code = d.code + "-" + std::to_string(k + 1);
    ind.goal_id = holders[static_cast<size_t>(k) % holders.size()];
    ind.kind = tier <= 3 ? IndicatorKind::kTarget : IndicatorKind::kResult;
    // A cascaded indicator repeats one of the parent document's indicators and contributes to it.
    int theme_index = info.theme;
    int text_index = 0;
    std::optional<Id> cascade_to;
    if (up != nullptr && up->indicators > 0 && Chance(0.2)) {
      cascade_to = up->first_indicator + static_cast<Id>(Below(static_cast<std::uint64_t>(up->indicators)));
      const std::int32_t packed = indicator_text_[static_cast<size_t>(*cascade_to - spec_.ids.indicator - 1)];
      theme_index = packed >> 16;
      text_index = packed & 0xffff;
    } else {
      text_index = static_cast<int>(Below(theme.indicators.size()));
    }
    indicator_text_.push_back((theme_index << 16) | text_index);
    const auto& text =
        texts_.themes[static_cast<size_t>(theme_index)].indicators[static_cast<size_t>(text_index)];
    const int roll = cascade_to ? 0 : static_cast<int>(Below(8));
    const int variant = roll > 2 ? 0 : roll;  // most titles are kept as published
    ind.title = Vary(text.title, info.region, variant);
    ind.unit = text.unit;
    if (cascade_to && Chance(0.01)) {  // a unit that disagrees with the indicator it contributes to
      ind.unit = Text{"мың адам", "тыс. человек", "thousand people"};
    }
    if (Chance(0.01)) ind.unit = {};
    ind.direction = Chance(0.85)  ? Direction::kIncrease
                    : Chance(0.7) ? Direction::kDecrease
                                  : Direction::kKeep;
    const std::uint64_t identity =
        Mix(static_cast<std::uint64_t>(theme_index) * 65536 + static_cast<std::uint64_t>(text_index),
            static_cast<std::uint64_t>(info.region + 1 + variant * 100));
    if (!Chance(0.03)) {
      ind.baseline_year = start - 1;
      ind.baseline_value = ValueFor(identity, start - 1, ind.unit);
    }
    if (!Chance(0.02)) {
      ind.target_year = Chance(0.01) ? end + 1 + static_cast<int>(Below(5)) : end;
      double target = ValueFor(identity, *ind.target_year, ind.unit);
      if (Chance(0.002)) target = std::round(target * 11.0) / 10.0;  // disagrees with its repeats
      ind.target_value = target;
    }
    if (length > 2) {
      const int mid = start + length / 2;
      ind.planned.push_back({mid, ValueFor(identity, mid, ind.unit)});
    }
    if (!Chance(0.02)) ind.responsible_body_id = info.owner;
    if (!Chance(0.02)) ind.source = text.source;
    ind.demo = true;
    batch.indicators.push_back(ind);
    if (cascade_to)
      batch.links.push_back(
          {++next_link_, {ObjectKind::kIndicator, ind.id}, {ObjectKind::kIndicator, *cascade_to}});

    // Actual values of the last three years, with gaps; some indicators report nothing (lost).
    if (reports && !Chance(0.05)) {
      for (int year = actual_from; year <= actual_to; ++year) {
        if (Chance(0.15)) continue;
        const double noise = (static_cast<double>(Below(200)) - 100.0) / 1000.0;
        batch.observations.push_back(
            {ind.id, "", "", std::to_string(year), "",
             std::round(ValueFor(identity, year, ind.unit) * (1.0 + noise) * 10.0) / 10.0, true});
      }
    }
  }

  // Measures: about one per goal or task, with a deadline inside the horizon.
  for (Id holder : holders) {
    if (Chance(0.3)) continue;
    Measure ms;
    ms.id = ++next_measure_;
    ms.goal_id = holder;
    ms.title = Fill(kMeasureTitle, Text{theme.targets[Below(theme.targets.size())]}, {}, {}, 0, 0, 0);
    const int year = start + static_cast<int>(Below(static_cast<std::uint64_t>(length)));
    ms.deadline = std::to_string(year) + "-12-31";
    ms.responsible_body_id = info.owner;
    ms.budget_programme = Pad(1 + static_cast<std::int64_t>(Below(120)), 3);
    ms.amounts.push_back({year, static_cast<double>(1000 + Below(500000))});
    ms.demo = true;
    batch.measures.push_back(ms);
  }

  all_by_tier_[tier - 1].push_back(index);
  if (info.live) live_by_tier_[tier - 1].push_back(index);
  if (d.status == DocStatus::kExpired || d.status == DocStatus::kRepealed)
    ended_by_tier_[tier - 1].push_back(index);
  docs_.push_back(info);
}

}  // namespace jospar
