// Reads Kazakhstan's working-day calendar at run time, so that a new Government decree needs an edit of
// the data file and a restart, not a rebuild.
#pragma once

#include <string>

#include "core/base/error.hpp"
#include "core/base/workdays.hpp"

namespace jospar::app {

// data/calendar/kz-workdays.csv under the "data" resource folder (DefaultResourceDir("data"): from
// $JOSPAR_SOURCE_DIR, the source tree, or next to the binary).
std::string DefaultWorkCalendarPath();

// Reads and parses the calendar file at `path`. kNotFound ("error.not_found") when the file cannot be
// read; otherwise ParseWorkCalendar's errors, located as "<path> line N: ...".
Result<WorkCalendar> LoadWorkCalendar(const std::string& path);

}  // namespace jospar::app
