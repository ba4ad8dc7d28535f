// The "Open data" page: every dataset of the registry with its downloads (size, records, SHA-256) and its
// data dictionary, and the Open SDG archive. The files come from ctx.open_data (web/open_data.hpp); each
// links ("verify") to the transparency-log entry that records its SHA-256.
#include "core/ledger/repository.hpp"
#include "core/opendata/registry.hpp"
#include "web/opendata/open_data.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {
namespace {

// "4 812 345 байт": the exact size, digits grouped by three.
std::string Size(const View& v, std::size_t bytes) {
  std::string digits = std::to_string(bytes), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\xC2\xA0";  // no-break space
    out += digits[i];
  }
  return out + " " + v.T("opendata.page.bytes");
}

// The log entry that records this file's bytes: the newest "publish dataset NAME" entry, when it holds
// the file's SHA-256 (an entry of earlier bytes is not this file's).
std::optional<std::uint64_t> PublishedEntry(Tx& tx, const formats::ExportFile& f) {
  auto logged = tx.ledger().ListLogEntriesFor("dataset", f.name, 1);
  if (!logged || logged->empty()) return std::nullopt;
  const auto& e = logged->front();
  if (e.decision.action != "publish" || ledger::ToHex(e.decision.content_hash) != f.sha256)
    return std::nullopt;
  return e.index;
}

TemplateData FileData(const View& v, const formats::ExportFile& f, Tx* tx) {
  TemplateData o{TemplateData::type::object};
  o.set("name", f.name);
  o.set("href", "/open-data/" + f.name);
  o.set("format", f.format == formats::ExportFormat::kOpenSdg ? std::string("Open SDG (tar)")
                                                              : std::string(formats::ToString(f.format)));
  o.set("size", Size(v, f.bytes->size()));
  o.set("rows", f.rows >= 0 ? std::to_string(f.rows) : std::string());
  o.set("sha256", f.sha256);
  if (auto index = tx ? PublishedEntry(*tx, f) : std::nullopt) {
    o.set("verify_href", v.Href("/ledger/entries/" + std::to_string(*index)));
    o.set("verify_label", v.Format("ledger.history.verify_label", {{"index", std::to_string(*index)}}));
  }
  return o;
}

Response OpenDataPage(View& v, Request&) {
  auto state = v.shared().ctx.open_data->Current();
  if (!state) return v.ErrorPage(state.error());
  // Each file links to the log entry of its SHA-256 (without the links when the store cannot be read).
  auto read = v.store().Begin(TxMode::kRead);
  Tx* tx = read ? read->get() : nullptr;
  TemplateData datasets{TemplateData::type::list};
  for (const auto& spec : opendata::Datasets()) {
    TemplateData d{TemplateData::type::object};
    const std::string title = v.T(opendata::TitleKey(spec.id));
    d.set("id", spec.id);
    d.set("title", title);
    d.set("description", v.T(opendata::DescriptionKey(spec.id)));
    d.set("columns_caption", v.Format("opendata.page.columns_of", {{"dataset", title}}));
    TemplateData files{TemplateData::type::list};
    for (const auto& f : (*state)->files)
      if (f.dataset == spec.id) files.push_back(FileData(v, f, tx));
    d.set("files", files);
    TemplateData cols{TemplateData::type::list};
    for (const auto& c : spec.columns) {
      TemplateData col{TemplateData::type::object};
      col.set("name", c.name);
      col.set("type", v.T("opendata.type." + std::string(opendata::ToString(c.type))));
      col.set("nullable", c.nullable);
      col.set("meaning", v.T(opendata::ColumnKey(spec.id, c.name)));
      cols.push_back(col);
    }
    d.set("columns", cols);
    datasets.push_back(d);
  }
  TemplateData data{TemplateData::type::object};
  data.set("datasets", datasets);
  data.set("generated_at", (*state)->generated_at);
  data.set("catalogue_href", "/api/v1/open-data");
  if (const auto* f = (*state)->Find(formats::kOpenSdgArchive)) data.set("open_sdg", FileData(v, *f, tx));
  const std::string title = v.T("opendata.page.title");
  Response r = v.Page(200, "opendata", std::move(data), title, {{v.T("nav.home"), v.Href("/")}, {title, ""}});
  return r;
}

}  // namespace

void RegisterOpenDataPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(router, shared, "GET", "/open-data", OpenDataPage,
          {.summary = "The Open data page: every public dataset with downloads, SHA-256 and data dictionary",
           .tag = "portal"});
}

}  // namespace jospar::web
