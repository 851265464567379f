#include <string>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "dialects/statements.hpp"
#include "support/text.hpp"

namespace retort::dialects::sqlite {

std::vector<Statement> split(std::string_view script, int first_line) {
  std::vector<Statement> out;
  int line = first_line;
  std::size_t pos = 0;
  while (pos < script.size()) {
    int nl = 0;
    pos += skip_space_and_comments(script.substr(pos), nl);
    line += nl;
    if (pos >= script.size()) break;
    // Grow the candidate to each ';' until SQLite's tokenizer says the statement is complete.
    std::size_t end = pos;
    bool complete = false;
    while (true) {
      auto semi = script.find(';', end);
      if (semi == std::string_view::npos) break;
      std::string candidate(script.substr(pos, semi + 1 - pos));
      end = semi + 1;
      if (sqlite3_complete(candidate.c_str())) {
        complete = true;
        break;
      }
    }
    if (!complete) end = script.size();
    auto sql = std::string(text::trim(script.substr(pos, end - pos)));
    if (complete) sql = std::string(text::trim(sql.substr(0, sql.size() - 1)));  // the ';' is not part of it
    if (!sql.empty()) out.push_back({sql, line});
    for (std::size_t i = pos; i < end; ++i) {
      if (script[i] == '\n') ++line;
    }
    pos = end;
  }
  return out;
}

}  // namespace retort::dialects::sqlite
