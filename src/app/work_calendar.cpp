#include "app/work_calendar.hpp"

#include <fstream>
#include <sstream>

#include "app/options.hpp"

namespace jospar::app {

std::string DefaultWorkCalendarPath() { return DefaultResourceDir("data") + "/calendar/kz-workdays.csv"; }

Result<WorkCalendar> LoadWorkCalendar(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "error.not_found", path + ": cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Fail(ErrorCode::kNotFound, "error.not_found", path + ": cannot be read");
  return ParseWorkCalendar(ss.str(), path);
}

}  // namespace jospar::app
