// Where MySQL and MariaDB statements end, as the `mysql` client decides it: a ';' outside quotes,
// backticks and comments ends a statement, and so does the delimiter a `DELIMITER //` line sets.
// Without DELIMITER, the body of CREATE PROCEDURE / FUNCTION / TRIGGER / EVENT runs to the END
// that closes its outermost BEGIN (or IF, CASE, LOOP, WHILE, REPEAT), so its inner ';' stay in.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "dialects/mysql/mysql_dialect.hpp"
#include "dialects/statements.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::mysql {

namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// "-- " starts a comment only when a space or control character (or the end) follows.
bool dash_comment(std::string_view s, std::size_t i) {
  return s.substr(i, 2) == "--" && (i + 2 >= s.size() || static_cast<unsigned char>(s[i + 2]) <= ' ');
}

/// The index just past the quoted run starting at s[i] (', " or `), or npos when unclosed.
/// Backslash escapes count in strings, not in identifiers; a doubled quote is one character.
std::size_t past_quoted(std::string_view s, std::size_t i) {
  const char q = s[i];
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == '\\' && q != '`') {
      ++j;
    } else if (s[j] == q) {
      if (j + 1 < s.size() && s[j + 1] == q) {
        ++j;
      } else {
        return j + 1;
      }
    }
  }
  return std::string_view::npos;
}

/// Scans one statement from `from`: returns the index of its delimiter (npos: runs to the end).
/// Throws Error(Parse) for an unclosed quote or comment, naming the line it starts on.
class Scanner {
 public:
  Scanner(std::string_view s, int first_line, std::size_t from) : s_(s), first_line_(first_line), from_(from) {}

  std::size_t find(std::string_view delimiter) {
    std::size_t i = from_;
    while (i < s_.size()) {
      const char c = s_[i];
      if (delimiter != ";" ? s_.substr(i, delimiter.size()) == delimiter : (c == ';' && depth_ <= 0)) return i;
      if (c == '\'' || c == '"' || c == '`') {
        const auto end = past_quoted(s_, i);
        if (end == std::string_view::npos) fail(i, fmt::format("unterminated {} quote", c == '`' ? "backtick" : "string"));
        i = end;
        words_ += c == '`' ? 1 : 0;  // a quoted name counts as a word of the statement's head
      } else if (c == '#' || dash_comment(s_, i)) {
        i = s_.find('\n', i);
        if (i == std::string_view::npos) return std::string_view::npos;
      } else if (c == '/' && i + 1 < s_.size() && s_[i + 1] == '*') {
        const auto end = s_.find("*/", i + 2);
        if (end == std::string_view::npos) fail(i, "unterminated /* comment");
        i = end + 2;
      } else if (word_char(c)) {
        auto end = i;
        while (end < s_.size() && word_char(s_[end])) ++end;
        word(text::lower(s_.substr(i, end - i)), end);
        i = end;
      } else {
        if (!space(c)) after_end_ = false;  // `END; WHILE`: that END closed a block before the ';'
        ++i;
      }
    }
    return std::string_view::npos;
  }

 private:
  [[noreturn]] void fail(std::size_t at, const std::string& what) const {
    const int line = first_line_ + static_cast<int>(std::count(s_.begin(), s_.begin() + static_cast<long>(at), '\n'));
    throw Error(ErrorCode::Parse, fmt::format("MySQL statement has an {}", what)).at_line(line).with_dialect("mysql");
  }

  char next_char(std::size_t from) const {
    while (from < s_.size() && space(s_[from])) ++from;
    return from < s_.size() ? s_[from] : '\0';
  }

  std::string next_word(std::size_t from) const {
    while (from < s_.size() && space(s_[from])) ++from;
    auto end = from;
    while (end < s_.size() && word_char(s_[end])) ++end;
    return text::lower(s_.substr(from, end - from));
  }

  /// The statement's head decides whether it has a compound body: CREATE [OR REPLACE]
  /// [DEFINER = x] [AGGREGATE] PROCEDURE | FUNCTION | TRIGGER | EVENT.
  void word(const std::string& w, std::size_t end) {
    ++words_;
    if (words_ == 1) {
      create_ = w == "create";
      return;
    }
    if (create_ && !routine_ && words_ <= 12 &&
        (w == "procedure" || w == "function" || w == "trigger" || w == "event"))
      routine_ = true;
    if (!routine_) return;
    // A word after END (END IF, END LOOP lbl) opens nothing; IF( and REPEAT( are functions, and
    // IF [NOT] EXISTS is no IF statement.
    const bool opens = !after_end_ && (w == "begin" || w == "loop" || w == "case" ||
                                       ((w == "repeat" || w == "while") && next_char(end) != '(') ||
                                       (w == "if" && next_char(end) != '(' && next_word(end) != "not" &&
                                        next_word(end) != "exists"));
    if (opens) {
      ++depth_;
    } else if (w == "end") {
      --depth_;
    }
    // END IF / END CASE / END LOOP ...: the keyword after END closes nothing more.
    after_end_ = w == "end";
  }

  std::string_view s_;
  int first_line_;
  std::size_t from_;
  int words_ = 0;
  bool create_ = false;
  bool routine_ = false;
  bool after_end_ = false;
  int depth_ = 0;
};

/// A `DELIMITER xx` line (the mysql client's command, which the server never sees): the new
/// delimiter, or nullopt.
std::optional<std::string> delimiter_line(std::string_view s, std::size_t at, std::size_t& line_end) {
  line_end = s.find('\n', at);
  if (line_end == std::string_view::npos) line_end = s.size();
  auto line = text::trim(s.substr(at, line_end - at));
  if (line.size() < 10 || text::lower(line.substr(0, 9)) != "delimiter" || !space(line[9])) return std::nullopt;
  auto d = std::string(text::trim(line.substr(10)));
  if (d.empty()) return std::nullopt;
  return d;
}

}  // namespace

std::vector<Statement> split(std::string_view script, int first_line) {
  std::vector<Statement> out;
  std::string delimiter = ";";
  int line = first_line;
  std::size_t pos = 0;
  auto lines_in = [&](std::size_t from, std::size_t to) {
    return static_cast<int>(std::count(script.begin() + static_cast<long>(from), script.begin() + static_cast<long>(to), '\n'));
  };
  while (pos < script.size()) {
    // Comments and blank space before a statement (MySQL's # comments too).
    const auto before = pos;
    for (;;) {
      while (pos < script.size() && space(script[pos])) ++pos;
      if (pos < script.size() && (script[pos] == '#' || dash_comment(script, pos))) {
        pos = script.find('\n', pos);
        if (pos == std::string_view::npos) pos = script.size();
      } else if (script.substr(pos, 2) == "/*" && script.substr(pos, 3) != "/*!") {
        auto end = script.find("*/", pos + 2);
        if (end == std::string_view::npos) break;  // the scanner reports it
        pos = end + 2;
      } else {
        break;
      }
    }
    line += lines_in(before, pos);
    if (pos >= script.size()) break;
    std::size_t line_end = 0;
    if (auto d = delimiter_line(script, pos, line_end)) {
      delimiter = *d;
      line += lines_in(pos, line_end);
      pos = line_end;
      continue;
    }
    const auto found = Scanner(script, first_line, pos).find(delimiter);
    const auto end = found == std::string_view::npos ? script.size() : found;
    auto sql = std::string(text::trim(script.substr(pos, end - pos)));
    if (!sql.empty()) out.push_back({sql, line});
    line += lines_in(pos, end);
    pos = found == std::string_view::npos ? script.size() : end + delimiter.size();
  }
  return out;
}

}  // namespace retort::dialects::mysql
