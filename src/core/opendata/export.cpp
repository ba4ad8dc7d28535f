#include "core/opendata/export.hpp"

#include "core/opendata/registry.hpp"
#include "core/plan/usecases/export_opensdg.hpp"

namespace jospar::usecases {

Result<OpenDataSnapshot> ReadOpenData(Store& store, bool tables, bool open_sdg) {
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  OpenDataSnapshot snap;
  if (tables) {
    for (const auto& spec : opendata::Datasets()) {
      auto t = opendata::BuildTable(**tx, spec);
      if (!t) return Fail(t.error());
      snap.tables.push_back(std::move(*t));
    }
  }
  if (open_sdg) {
    auto ds = ExportOpenSdg(**tx);
    if (!ds) return Fail(ds.error());
    snap.open_sdg = std::move(*ds);
  }
  return snap;
}

}  // namespace jospar::usecases
