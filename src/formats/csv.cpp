#include "formats/csv.hpp"

#include "analytics/normalize.hpp"

namespace jospar::formats {

std::string Located(std::string_view file_name, int line, int column, std::string_view what) {
  std::string s(file_name);
  s += ':';
  s += std::to_string(line);
  s += ':';
  s += std::to_string(column);
  s += ": ";
  s += what;
  return s;
}

namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

class Parser {
 public:
  Parser(std::string_view text, std::string_view file_name, const CsvOptions& options)
      : text_(text), file_(file_name), options_(options) {}

  Result<CsvTable> Run() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
    if (size_t bad = analytics::FirstInvalidUtf8(text_); bad != std::string_view::npos) {
      int line = 1, col = 1;
      for (size_t i = 0; i < bad; ++i) {
        if (text_[i] == '\n') {
          ++line;
          col = 1;
        } else if (!IsContinuation(text_[i])) {
          ++col;
        }
      }
      return Error(line, col, "invalid UTF-8");
    }
    while (i_ < text_.size()) {
      if (auto s = Field(); !s) return tl::unexpected(s.error());
    }
    if (!record_.empty()) {
      if (auto s = EndRecord(); !s) return tl::unexpected(s.error());
    }
    if (table_.header.empty()) return Error(1, 1, "expected a header row");
    return std::move(table_);
  }

 private:
  tl::unexpected<jospar::Error> Error(int line, int col, std::string_view what) const {
    return Fail(ErrorCode::kInvalidInput, "error.import.malformed", Located(file_, line, col, what));
  }

  // Reads one field and the separator after it (',' or a line end or the end of the text).
  Status Field() {
    if (record_.empty()) record_line_ = line_;
    CsvPos pos{line_, col_};
    std::string field;
    bool quoted = false;
    if (text_[i_] == '"') {
      quoted = true;
      Advance();
      for (;;) {
        if (i_ >= text_.size()) return Error(pos.line, pos.column, "unterminated quoted field");
        char c = text_[i_];
        if (c == '"') {
          if (i_ + 1 < text_.size() && text_[i_ + 1] == '"') {
            field.push_back('"');
            Advance();
            Advance();
            continue;
          }
          Advance();
          break;
        }
        field.push_back(c);
        Advance();
      }
      if (i_ < text_.size() && text_[i_] != ',' && text_[i_] != '\n' && text_[i_] != '\r')
        return Error(line_, col_, "expected ',' or end of line after a closing quote");
    } else {
      size_t start = i_;
      while (i_ < text_.size()) {
        char c = text_[i_];
        if (c == ',' || c == '\n' || c == '\r') break;
        if (c == '"') return Error(line_, col_, "unexpected '\"' inside an unquoted field");
        if (!IsContinuation(c)) ++col_;
        ++i_;
      }
      field.assign(text_.substr(start, i_ - start));
    }
    record_.push_back(std::move(field));
    positions_.push_back(pos);
    any_quoted_ = any_quoted_ || quoted;
    if (i_ >= text_.size()) return {};  // end of text ends the record (handled by Run)
    char sep = text_[i_];
    if (sep == ',') {
      Advance();
      if (i_ >= text_.size()) {  // a trailing ',' at the very end: one more empty field
        record_.emplace_back();
        positions_.push_back({line_, col_});
      }
      return {};
    }
    // Line end.
    if (sep == '\r' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n') ++i_;
    ++i_;
    auto s = EndRecord();
    ++line_;
    col_ = 1;
    return s;
  }

  void Advance() {
    if (text_[i_] == '\n') {
      ++line_;
      col_ = 1;
    } else if (!IsContinuation(text_[i_])) {
      ++col_;
    }
    ++i_;
  }

  Status EndRecord() {
    bool blank = record_.size() == 1 && record_[0].empty() && !any_quoted_;
    if (blank) {
      // A blank line.
    } else if (table_.header.empty()) {
      table_.header = std::move(record_);
    } else if (record_.size() != table_.header.size()) {
      if (!options_.skip_ragged_rows) {
        return Error(record_line_, 1,
                     "expected " + std::to_string(table_.header.size()) + " fields, found " +
                         std::to_string(record_.size()));
      }
      table_.skipped.push_back({record_line_, record_.size()});
    } else {
      table_.rows.push_back(std::move(record_));
      table_.row_lines.push_back(record_line_);
      table_.positions.insert(table_.positions.end(), positions_.begin(), positions_.end());
    }
    record_.clear();
    positions_.clear();
    any_quoted_ = false;
    return {};
  }

  std::string_view text_;
  std::string_view file_;
  const CsvOptions& options_;
  CsvTable table_;
  std::vector<std::string> record_;
  std::vector<CsvPos> positions_;
  bool any_quoted_ = false;
  size_t i_ = 0;
  int line_ = 1, col_ = 1, record_line_ = 1;
};

}  // namespace

Result<CsvTable> ParseCsv(std::string_view text, std::string_view file_name, const CsvOptions& options) {
  return Parser(text, file_name, options).Run();
}

}  // namespace jospar::formats
