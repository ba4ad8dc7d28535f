// The keys of an indicator's texts that the coherence rules compare, stored in `indicator_keys` beside the
// indicator (migration 009) so that loading the plan's snapshot does not read the texts themselves.
// Contract: every insert and update of an indicator writes its row in the same transaction
// (InsertIndicator, UpdateIndicator, BulkInsertPlan); deleting the indicator deletes the row (ON DELETE
// CASCADE). The values are exactly those of coherence::NodeOf on the same indicator.
#pragma once

#include <cstdint>

#include "core/base/error.hpp"
#include "core/plan/plan.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

struct IndicatorKeys {
  std::uint64_t identity = 0;  // coherence::TextKey(title, unit); 0 without a title
  std::uint64_t unit = 0;      // coherence::TextKey(unit); 0 without a unit
  bool has_source = false;
};

IndicatorKeys KeysOf(const Indicator& i);

// Inserts or replaces the row of indicator `id`.
Status WriteIndicatorKeys(Connection& c, Id id, const IndicatorKeys& keys);

// Writes the row of every indicator that has none, from its texts (the migration that made the table
// calls it for the indicators already there). Returns the number of rows written.
Result<std::int64_t> FillIndicatorKeys(Connection& c);

// The keys of indicator `id` computed from its texts (kNotFound when it does not exist): for a row that
// lacks its keys (written around the store, e.g. with the sqlite3 shell).
Result<IndicatorKeys> KeysFromTexts(Connection& c, Id id);

}  // namespace jospar::store::sql
