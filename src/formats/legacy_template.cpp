// The empty legacy programme template: XLSX written with libxlsxwriter, and CSV per sheet.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

#include "formats/csv_write.hpp"
#include "formats/legacy.hpp"

namespace jospar::formats {
namespace {}  // namespace

std::vector<std::string> LegacyInstructions(std::string_view lang) {
  if (lang == "kk")
    return {
        "Jospar: бұрынғы бағдарламаларды импорттау үлгісі",
        "1. Деректерді documents, goals, indicators және values парақтарына енгізіңіз. Бірінші жолдағы баған "
        "атауларын өзгертпеңіз; бағандардың реті маңызды емес.",
        "2. documents: әр жол — бір құжат (бағдарлама, жоспар, тұжырымдама). code, tier (1-5) және type "
        "міндетті; атауы кемінде бір тілде болуы керек.",
        "3. goals: әр жол — құжаттың мақсаты немесе міндеті. Міндет үшін parent бағанына сол құжаттағы "
        "мақсаттың кодын жазыңыз.",
        "4. indicators: әр жол — бір көрсеткіш; document және goal оның мақсатын көрсетеді.",
        "5. values: нақты (actual) немесе жоспарлы (planned) мәндер; кезең: жыл (2020), тоқсан (2020-Q1) "
        "немесе ай (2020-06).",
        "6. Мемлекеттік органдар мен басқа құжаттар Jospar-да бұрыннан бар кодтарымен көрсетіледі.",
        "7. Импорт бәрін немесе ештеңені жазбайды: бір қате болса, ештеңе өзгермейді және әр қатенің орны "
        "(файл, парақ, жол, баған) көрсетіледі. Алдымен «тексеру» режимін қолданыңыз.",
        "8. Сол файлды қайта импорттау ештеңені өзгертпейді; өзгерген мәндер ғана жаңартылады және "
        "тарихқа жазылады.",
        "9. CSV: әр параққа бір файл (UTF-8), атауы парақ атауымен аяқталады: documents.csv, goals.csv, "
        "indicators.csv, values.csv.",
    };
  if (lang == "ru")
    return {
        "Jospar: шаблон импорта прежних программ",
        "1. Заполните листы documents, goals, indicators и values. Не меняйте названия столбцов в первой "
        "строке; порядок столбцов не важен.",
        "2. documents: каждая строка — один документ (программа, план, концепция). Обязательны code, tier "
        "(1-5) "
        "и type; название — хотя бы на одном языке.",
        "3. goals: каждая строка — цель или задача документа. Для задачи укажите в столбце parent код цели "
        "того же документа.",
        "4. indicators: каждая строка — один показатель; document и goal указывают его цель.",
        "5. values: фактические (actual) или плановые (planned) значения; период: год (2020), квартал "
        "(2020-Q1) или месяц (2020-06).",
        "6. Государственные органы и другие документы указываются кодами, которые уже есть в Jospar.",
        "7. Импорт записывает всё или ничего: при любой ошибке ничего не меняется, а у каждой ошибки указано "
        "место (файл, лист, строка, столбец). Сначала используйте режим «проверка».",
        "8. Повторный импорт того же файла ничего не меняет; изменённые значения обновляются и попадают в "
        "историю.",
        "9. CSV: по одному файлу на лист (UTF-8), имя оканчивается названием листа: documents.csv, "
        "goals.csv, "
        "indicators.csv, values.csv.",
    };
  return {
      "Jospar: template for importing legacy programmes",
      "1. Fill in the sheets documents, goals, indicators and values. Do not change the column names in the "
      "first row; the order of the columns does not matter.",
      "2. documents: one row per document (programme, plan, concept). code, tier (1-5) and type are "
      "required; "
      "the title in at least one language.",
      "3. goals: one row per goal or task of a document. For a task, put the code of its goal in the same "
      "document in the parent column.",
      "4. indicators: one row per indicator; document and goal name the goal it measures.",
      "5. values: actual or planned values; the period is a year (2020), a quarter (2020-Q1) or a month "
      "(2020-06).",
      "6. State bodies and other documents are named by the codes they already have in Jospar.",
      "7. The import writes everything or nothing: on any error nothing changes, and each error shows its "
      "place (file, sheet, row, column). Use the dry run first.",
      "8. Importing the same file again changes nothing; changed values are updated and recorded in the "
      "history.",
      "9. CSV: one file per sheet (UTF-8) whose name ends with the sheet's name: documents.csv, goals.csv, "
      "indicators.csv, values.csv.",
  };
}

Status WriteLegacyTemplateXlsx(const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Fail(ErrorCode::kInternal, "error.internal", "cannot create " + path);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");  // codes such as "1.10" stay text

  lxw_worksheet* info = workbook_add_worksheet(wb, "instructions");
  worksheet_set_column(info, 0, 0, 110, wrap);
  worksheet_set_column(info, 1, 3, 24, nullptr);
  lxw_row_t row = 0;
  for (const char* lang : {"kk", "ru", "en"}) {
    bool first = true;
    for (const auto& line : LegacyInstructions(lang)) {
      worksheet_write_string(info, row++, 0, line.c_str(), first ? bold : nullptr);
      first = false;
    }
    ++row;
  }
  worksheet_write_string(info, row, 0, "sheet / column: expected content", bold);
  worksheet_write_string(info, row, 1, "required", bold);
  ++row;
  for (const auto& spec : LegacySheets()) {
    for (const auto& col : spec.columns) {
      std::string line = spec.name + " / " + col.name + ": " + col.expected;
      worksheet_write_string(info, row, 0, line.c_str(), nullptr);
      worksheet_write_string(info, row, 1, col.required ? "yes" : "", nullptr);
      ++row;
    }
  }

  for (const auto& spec : LegacySheets()) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, spec.name.c_str());
    worksheet_freeze_panes(ws, 1, 0);
    for (lxw_col_t c = 0; c < spec.columns.size(); ++c) {
      const auto& col = spec.columns[c];
      bool is_text = col.name.find("year") == std::string::npos &&
                     col.name.find("value") == std::string::npos && col.name != "tier" &&
                     col.name != "act_date";
      worksheet_set_column(ws, c, c, col.name.rfind("title", 0) == 0 ? 40 : 16, is_text ? text : nullptr);
      worksheet_write_string(ws, 0, c, col.name.c_str(), bold);
    }
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    return Fail(ErrorCode::kInternal, "error.internal", std::string("xlsx: ") + lxw_strerror(err));
  return {};
}

Result<std::string> LegacyTemplateXlsxBytes() {
  static std::mutex mu;
  static std::string cached;
  std::lock_guard<std::mutex> lock(mu);
  if (!cached.empty()) return cached;
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/jospar-template-XXXXXX";
  int fd = mkstemp(pattern.data());
  if (fd < 0) return Fail(ErrorCode::kInternal, "error.internal", "cannot create a temporary file");
  close(fd);
  auto st = WriteLegacyTemplateXlsx(pattern);
  std::string bytes;
  if (st) {
    std::ifstream in(pattern, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  }
  std::remove(pattern.c_str());
  if (!st) return Fail(st.error());
  if (bytes.empty())
    return Fail(ErrorCode::kInternal, "error.internal", "the template could not be read back");
  cached = std::move(bytes);
  return cached;
}

std::string LegacyTemplateCsv(std::string_view sheet) {
  if (sheet == "instructions") {
    std::string out = "lang,text\r\n";
    for (const char* lang : {"kk", "ru", "en"})
      for (const auto& line : LegacyInstructions(lang))
        out += std::string(lang) + "," + CsvField(line, kSpreadsheetCsv) + "\r\n";
    for (const auto& spec : LegacySheets())
      for (const auto& col : spec.columns)
        out +=
            "columns," +
            CsvField(spec.name + " / " + col.name + (col.required ? " (required)" : "") + ": " + col.expected,
                     kSpreadsheetCsv) +
            "\r\n";
    return out;
  }
  for (const auto& spec : LegacySheets()) {
    if (spec.name != sheet) continue;
    std::string out;
    for (std::size_t i = 0; i < spec.columns.size(); ++i) out += (i ? "," : "") + spec.columns[i].name;
    return out + "\r\n";
  }
  return {};
}

}  // namespace jospar::formats
