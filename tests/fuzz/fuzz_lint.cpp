// libFuzzer harness: lint's rules on hostile SQL, split as each dialect splits it (SQLite without a
// replayed schema, PostgreSQL through libpg_query's parse tree, MySQL from its tokens, blocks
// changing now and then). Every finding names a rule of the
// catalogue and a line of the text; nothing crashes, leaks or trips a sanitizer.
#include <cstdint>
#include <string>

#include "dialects/mysql/mysql_dialect.hpp"
#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/sqlite/sqlite_dialect.hpp"
#include "lint/lint.hpp"
#include "retort/error.hpp"

namespace {

void check(const std::string& text, const std::string& dialect, const std::vector<retort::dialects::Statement>& stmts) {
  int lines = 1;
  for (char c : text) lines += c == '\n';
  retort::linter::Context context;
  context.dialect = dialect;
  context.server_version = text.size() % 2 ? 110000 : 0;
  retort::linter::FileLinter linter(text, context);
  bool transactional = true;
  int block = 0;
  for (const auto& s : stmts) {
    linter.statement({s.sql, s.line, transactional, block});
    transactional = !transactional || s.sql.size() % 3 != 0;
    block += s.sql.size() % 5 == 0;
  }
  for (const auto& f : linter.finish()) {
    if (!retort::linter::find_rule(f.rule) || f.line < 1 || f.line > lines) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (text.find('\0') != std::string::npos) return 0;  // refused before splitting (reject_nul)
  check(text, "sqlite", retort::dialects::sqlite::split(text, 1));
  try {
    check(text, "postgresql", retort::dialects::postgres::split(text, 1));
  } catch (const retort::Error&) {
    // An unterminated quote: the splitter's own error, which its harness covers.
  }
  try {
    check(text, "mysql", retort::dialects::mysql::split(text, 1));
  } catch (const retort::Error&) {
    // Likewise.
  }
  return 0;
}
