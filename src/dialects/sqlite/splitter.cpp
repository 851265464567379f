#include <string>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "support/text.hpp"

namespace retort::dialects::sqlite {

std::size_t skip_space_and_comments(std::string_view s, int& newlines) {
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      ++newlines;
      ++i;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      auto end = s.find("*/", i + 2);
      auto stop = end == std::string_view::npos ? s.size() : end + 2;
      for (; i < stop; ++i) {
        if (s[i] == '\n') ++newlines;
      }
    } else {
      break;
    }
  }
  return i;
}

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
    if (!sql.empty()) out.push_back({sql, line});
    for (std::size_t i = pos; i < end; ++i) {
      if (script[i] == '\n') ++line;
    }
    pos = end;
  }
  return out;
}

}  // namespace retort::dialects::sqlite
