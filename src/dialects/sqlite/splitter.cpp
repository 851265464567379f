// Where SQLite statements end, decided as sqlite3_complete() decides it, but in one pass over the
// script: a ';' ends a statement, except inside CREATE [TEMP] TRIGGER, whose body ends at
// "END ;". Calling sqlite3_complete() on a growing candidate instead is quadratic in the
// semicolons of a trigger body.

#include <algorithm>
#include <cctype>
#include <string>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "dialects/statements.hpp"
#include "support/text.hpp"

namespace retort::dialects::sqlite {

namespace {

enum class Token { Semi, Space, Other, Explain, Create, Temp, Trigger, End };
enum class State { Start, Normal, Explain, Create, Trigger, Semi, End };

State next(State s, Token t) {
  switch (s) {
    case State::Start:
    case State::Normal:
      if (t == Token::Semi) return State::Start;
      if (s == State::Start && t == Token::Space) return State::Start;
      if (s == State::Start && t == Token::Explain) return State::Explain;
      if (s == State::Start && t == Token::Create) return State::Create;
      return State::Normal;
    case State::Explain:
      if (t == Token::Semi) return State::Start;
      if (t == Token::Space || t == Token::Other) return State::Explain;
      return t == Token::Create ? State::Create : State::Normal;
    case State::Create:
      if (t == Token::Semi) return State::Start;
      if (t == Token::Space || t == Token::Temp) return State::Create;
      return t == Token::Trigger ? State::Trigger : State::Normal;
    case State::Trigger:
      return t == Token::Semi ? State::Semi : State::Trigger;
    case State::Semi:
      if (t == Token::Semi || t == Token::Space) return State::Semi;
      return t == Token::End ? State::End : State::Trigger;
    case State::End:
      if (t == Token::Semi) return State::Start;
      return t == Token::Space ? State::End : State::Trigger;
  }
  return State::Normal;
}

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

Token keyword(std::string_view word) {
  const auto w = text::lower(word);
  if (w == "explain") return Token::Explain;
  if (w == "create") return Token::Create;
  if (w == "temp" || w == "temporary") return Token::Temp;
  if (w == "trigger") return Token::Trigger;
  if (w == "end") return Token::End;
  return Token::Other;
}

}  // namespace

std::size_t statement_end(std::string_view s, std::size_t from) {
  State state = State::Start;
  std::size_t i = from;
  while (i < s.size()) {
    const char c = s[i];
    Token token = Token::Other;
    if (c == ';') {
      token = Token::Semi;
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {  // SQLite's spaces: not \v
      token = Token::Space;
      ++i;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      token = Token::Space;
      i = s.find('\n', i);
      if (i == std::string_view::npos) return std::string_view::npos;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      token = Token::Space;
      i = s.find("*/", i + 2);
      if (i == std::string_view::npos) return std::string_view::npos;
      i += 2;
    } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      i = s.find(close, i + 1);  // a doubled quote is two quoted strings in a row: the same here
      if (i == std::string_view::npos) return std::string_view::npos;
      ++i;
    } else if (word_char(c)) {
      auto end = i;
      while (end < s.size() && word_char(s[end])) ++end;
      token = keyword(s.substr(i, end - i));
      i = end;
    } else {
      ++i;
    }
    state = next(state, token);
    if (token == Token::Semi && state == State::Start) return i;
  }
  return std::string_view::npos;
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
    const auto found = statement_end(script, pos);
    const auto end = found == std::string_view::npos ? script.size() : found;
    auto sql = std::string(text::trim(script.substr(pos, end - pos)));
    if (found != std::string_view::npos) sql = std::string(text::trim(sql.substr(0, sql.size() - 1)));
    if (!sql.empty()) out.push_back({sql, line});
    line += static_cast<int>(std::count(script.begin() + static_cast<long>(pos), script.begin() + static_cast<long>(end), '\n'));
    pos = end;
  }
  return out;
}

std::string first_statement(std::string_view script) {
  int nl = 0;
  const auto pos = skip_space_and_comments(script, nl);
  const auto found = statement_end(script, pos);
  auto sql = std::string(text::trim(script.substr(pos, found == std::string_view::npos ? std::string_view::npos
                                                                                         : found - 1 - pos)));
  return sql;
}

}  // namespace retort::dialects::sqlite
