#include "dialects/sqlite/create_sql.hpp"

#include <optional>

#include <cctype>

#include "support/text.hpp"

namespace retort::dialects::sqlite {

namespace {

/// A token: a word, a quoted string or identifier, or a single punctuation character.
struct Token {
  std::string text;
  bool quoted = false;
  std::size_t begin = 0;  ///< offset in the tokenised text
};

std::vector<Token> tokens(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      auto end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
    } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
      char close = c == '[' ? ']' : c;
      std::size_t j = i + 1;
      while (j < s.size()) {
        if (s[j] == close) {
          if (close != ']' && j + 1 < s.size() && s[j + 1] == close) {
            j += 2;  // a doubled quote inside
            continue;
          }
          break;
        }
        ++j;
      }
      out.push_back({std::string(s.substr(i, j + 1 - i)), true, i});
      i = j + 1;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
               static_cast<unsigned char>(c) >= 0x80) {
      std::size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '$' ||
                              s[j] == '.' || static_cast<unsigned char>(s[j]) >= 0x80)) {
        ++j;
      }
      out.push_back({std::string(s.substr(i, j - i)), false, i});
      i = j;
    } else {
      // Two-character operators stay together.
      if (i + 1 < s.size()) {
        std::string two(s.substr(i, 2));
        if (two == "<=" || two == ">=" || two == "<>" || two == "!=" || two == "==" || two == "||") {
          out.push_back({two, false, i});
          i += 2;
          continue;
        }
      }
      out.push_back({std::string(1, c), false, i});
      ++i;
    }
  }
  return out;
}

/// A word directly followed by "(" is a function call unless it is an SQL keyword ("IN (", "AND (").
bool is_function_name(const std::string& word) {
  static const char* const keywords[] = {"and",        "or",    "not",    "in",     "as",      "is",    "then",
                                         "else",       "when",  "case",   "exists", "between", "like",  "on",
                                         "using",      "where", "select", "from",   "values",  "check", "key",
                                         "references", "glob",  "match",  "regexp"};
  if (word.empty() || !(std::isalpha(static_cast<unsigned char>(word[0])) || word[0] == '_')) return false;
  auto w = text::lower(word);
  for (const char* k : keywords) {
    if (w == k) return false;
  }
  return true;
}

std::string join(const std::vector<Token>& ts, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    const auto& t = ts[i];
    bool call = t.text == "(" && i > begin && !ts[i - 1].quoted && is_function_name(ts[i - 1].text);
    bool no_space_before = t.text == ")" || t.text == "," || call || (i > begin && ts[i - 1].text == "(");
    if (i > begin && !no_space_before) out += ' ';
    out += t.quoted ? t.text : text::lower(t.text);
  }
  return out;
}

bool is_word(const Token& t, std::string_view w) { return !t.quoted && text::lower(t.text) == w; }

/// Index of the token closing the parenthesis opened at `open`.
std::size_t closing(const std::vector<Token>& ts, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < ts.size(); ++i) {
    if (ts[i].quoted) continue;
    if (ts[i].text == "(") ++depth;
    if (ts[i].text == ")" && --depth == 0) return i;
  }
  return ts.size();
}

std::string unquote(const std::string& name) {
  if (name.size() >= 2 && (name.front() == '"' || name.front() == '`' || name.front() == '[' || name.front() == '\'')) {
    return name.substr(1, name.size() - 2);
  }
  return name;
}

/// The names in the parenthesised list that starts at ts[open], unquoted: the first word of each
/// item (`a COLLATE NOCASE` is column a).
std::vector<std::string> name_list(const std::vector<Token>& ts, std::size_t open) {
  std::vector<std::string> out;
  bool first = true;
  for (std::size_t i = open + 1; i < ts.size() && ts[i].text != ")"; ++i) {
    if (ts[i].text == ",") {
      first = true;
    } else if (first) {
      out.push_back(unquote(ts[i].text));
      first = false;
    }
  }
  return out;
}

/// Reads [NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE] in the foreign-key clause after
/// REFERENCES at ts[at]; the clause ends where the next constraint of the item starts.
std::optional<bool> deferrable_clause(const std::vector<Token>& ts, std::size_t at) {
  std::optional<bool> out;
  for (std::size_t i = at + 1; i < ts.size(); ++i) {
    const auto next_is = [&](std::string_view w) { return i + 1 < ts.size() && is_word(ts[i + 1], w); };
    if (is_word(ts[i], "deferrable")) {
      const bool negated = i > 0 && is_word(ts[i - 1], "not");
      if (negated) return std::nullopt;
      out = false;
    } else if (is_word(ts[i], "initially") && out) {
      out = next_is("deferred");
    } else if (is_word(ts[i], "constraint") || is_word(ts[i], "check") || is_word(ts[i], "primary") ||
               is_word(ts[i], "unique") || is_word(ts[i], "references") || is_word(ts[i], "collate") ||
               is_word(ts[i], "default") || is_word(ts[i], "generated") || is_word(ts[i], "as") ||
               (is_word(ts[i], "not") && next_is("null"))) {
      break;
    }
  }
  return out;
}

// Binding strength of SQLite's operators (https://www.sqlite.org/lang_expr.html#operators),
// weakest first; 0 = none (an operand, a keyword that ends an expression, a separator).
constexpr int kNot = 3, kCompare = 4, kUnary = 12, kAtom = 100;

int binary_strength(const Token& t) {
  if (t.quoted) return 0;
  static const std::pair<const char*, int> table[] = {
      {"or", 1},   {"and", 2},     {"=", 4},     {"==", 4},     {"!=", 4},  {"<>", 4},    {"is", 4},
      {"in", 4},   {"like", 4},    {"glob", 4},  {"match", 4},  {"regexp", 4}, {"between", 4}, {"<", 5},
      {"<=", 5},   {">", 5},       {">=", 5},    {"escape", 6}, {"&", 7},   {"|", 7},     {"<<", 7},
      {">>", 7},   {"+", 8},       {"-", 8},     {"*", 9},      {"/", 9},   {"%", 9},     {"||", 10},
      {"->", 10},  {"collate", 11}, {"not", kCompare}, {"isnull", kCompare}, {"notnull", kCompare}};
  auto w = text::lower(t.text);
  for (const auto& [op, strength] : table) {
    if (w == op) return strength;
  }
  return 0;
}

bool is_operand_end(const Token& t) {
  return t.quoted || t.text == ")" || (binary_strength(t) == 0 && t.text != "(" && t.text != "," && !is_word(t, "case") &&
                                       !is_word(t, "when") && !is_word(t, "then") && !is_word(t, "else"));
}

/// The weakest operator at the top level of ts[begin, end): kAtom for an operand alone.
int weakest(const std::vector<Token>& ts, std::size_t begin, std::size_t end) {
  int out = kAtom, depth = 0, cases = 0, betweens = 0;
  for (std::size_t i = begin; i < end; ++i) {
    const auto& t = ts[i];
    if (!t.quoted && t.text == "(") ++depth;
    if (!t.quoted && t.text == ")") --depth;
    if (depth > 0 || t.text == ")") continue;
    if (t.text == "," || is_word(t, "select")) return 0;  // a row value or a subquery
    if (is_word(t, "case")) ++cases;
    if (is_word(t, "end") && cases > 0) --cases;
    if (cases > 0) continue;
    if (is_word(t, "between")) ++betweens;
    int strength = binary_strength(t);
    if (is_word(t, "and") && betweens > 0) {
      --betweens;  // BETWEEN's own AND
      strength = kCompare;
    }
    const bool prefix = i == begin || !is_operand_end(ts[i - 1]);
    if (prefix && is_word(t, "not")) strength = kNot;
    else if (prefix && (t.text == "-" || t.text == "+" || t.text == "~")) strength = kUnary;
    if (strength > 0) out = std::min(out, strength);
  }
  return out;
}

/// True when the parentheses at ts[open] and ts[close] group an expression whose operators bind
/// tighter than those on either side of it, so removing them changes nothing.
bool redundant_parens(const std::vector<Token>& ts, std::size_t open, std::size_t close) {
  int left = 0;
  if (open > 0) {
    const auto& p = ts[open - 1];
    if (p.text == "(" || p.text == ",") {
      left = 0;
    } else if (p.quoted || p.text == ")" || (binary_strength(p) == 0 && !is_word(p, "when") && !is_word(p, "then") &&
                                             !is_word(p, "else") && !is_word(p, "case") && !is_word(p, "where"))) {
      return false;  // a call's arguments, a list after IN / VALUES, or something not understood
    } else if (is_word(p, "in") || is_word(p, "exists")) {
      return false;
    } else {
      const bool prefix = open < 2 || !is_operand_end(ts[open - 2]);
      left = binary_strength(p);
      if (prefix && is_word(p, "not")) left = kNot;
      if (prefix && (p.text == "-" || p.text == "+" || p.text == "~")) left = kUnary;
    }
  }
  const int right = close + 1 < ts.size() ? binary_strength(ts[close + 1]) : 0;
  return weakest(ts, open + 1, close) > std::max(left, right) && close > open + 1;
}

}  // namespace

std::string comparable_expression(std::string_view sql) {
  auto ts = tokens(sql);
  for (auto& t : ts) {
    if (t.quoted) continue;
    if (t.text == "==") t.text = "=";
    if (t.text == "<>") t.text = "!=";
  }
  for (bool removed = true; removed;) {
    removed = false;
    for (std::size_t i = 0; i < ts.size() && !removed; ++i) {
      if (ts[i].quoted || ts[i].text != "(") continue;
      auto close = closing(ts, i);
      if (close < ts.size() && redundant_parens(ts, i, close)) {
        ts.erase(ts.begin() + static_cast<std::ptrdiff_t>(close));
        ts.erase(ts.begin() + static_cast<std::ptrdiff_t>(i));
        removed = true;
      }
    }
  }
  return join(ts, 0, ts.size());
}

std::string normalise_sql(std::string_view sql) {
  auto ts = tokens(sql);
  return join(ts, 0, ts.size());
}

std::vector<std::string> paren_items(std::string_view sql) {
  std::vector<std::string> out;
  std::size_t open = sql.find('(');
  if (open == std::string_view::npos) return out;
  int depth = 0;
  std::size_t start = open + 1;
  char quote = 0;
  for (std::size_t i = open; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`')
      quote = c;
    else if (c == '[')
      quote = ']';
    else if (c == '(')
      ++depth;
    else if (c == ')') {
      if (--depth == 0) {
        out.emplace_back(text::trim(sql.substr(start, i - start)));
        break;
      }
    } else if (c == ',' && depth == 1) {
      out.emplace_back(text::trim(sql.substr(start, i - start)));
      start = i + 1;
    }
  }
  return out;
}

std::string after_keyword(std::string_view sql, std::string_view word) {
  auto ts = tokens(sql);
  int depth = 0;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    if (!ts[i].quoted && ts[i].text == "(") ++depth;
    if (!ts[i].quoted && ts[i].text == ")") --depth;
    if (depth == 0 && is_word(ts[i], word)) return join(ts, i + 1, ts.size());
  }
  return {};
}

CreateTableParts parse_create_table(std::string_view sql) {
  CreateTableParts parts;
  for (const auto& t : tokens(sql)) {
    if (is_word(t, "autoincrement")) parts.autoincrement = true;
  }
  for (const auto& item : paren_items(sql)) {
    auto ts = tokens(item);
    if (ts.empty()) continue;
    std::string constraint_name;
    bool table_constraint = false;
    std::string column;
    std::vector<std::string> key_columns;  // FOREIGN KEY (a, b)
    std::size_t i = 0;
    if (is_word(ts[0], "constraint") || is_word(ts[0], "check") || is_word(ts[0], "primary") ||
        is_word(ts[0], "unique") || is_word(ts[0], "foreign")) {
      table_constraint = true;
    } else {
      column = unquote(ts[0].text);
      i = 1;
    }
    for (; i < ts.size(); ++i) {
      if (is_word(ts[i], "constraint") && i + 1 < ts.size()) {
        constraint_name = unquote(ts[i + 1].text);
        ++i;
      } else if (is_word(ts[i], "check") && i + 1 < ts.size() && ts[i + 1].text == "(") {
        auto close = closing(ts, i + 1);
        const auto end = close < ts.size() ? ts[close].begin : item.size();
        const auto begin = i + 2 < ts.size() ? std::min(ts[i + 2].begin, end) : end;
        parts.checks.push_back({constraint_name, comparable_expression(join(ts, i + 2, close)),
                                std::string(text::trim(std::string_view(item).substr(begin, end - begin)))});
        constraint_name.clear();
        i = close;
      } else if (is_word(ts[i], "primary")) {
        if (!constraint_name.empty()) parts.primary_key_name = constraint_name;
        constraint_name.clear();
      } else if (!table_constraint && is_word(ts[i], "as") && i + 1 < ts.size() && ts[i + 1].text == "(") {
        auto close = closing(ts, i + 1);
        parts.generated.push_back({column, join(ts, i + 2, close)});
        i = close;
      } else if (!table_constraint && is_word(ts[i], "collate") && i + 1 < ts.size()) {
        parts.collations.push_back({column, text::upper(unquote(ts[i + 1].text))});
        ++i;
      } else if (is_word(ts[i], "foreign") && i + 2 < ts.size() && ts[i + 2].text == "(") {
        key_columns = name_list(ts, i + 2);
        i = closing(ts, i + 2);  // the name stays for REFERENCES
      } else if (is_word(ts[i], "references")) {
        auto columns = table_constraint ? key_columns : std::vector<std::string>{column};
        if (auto deferred = deferrable_clause(ts, i)) parts.deferrable.push_back({columns, *deferred});
        if (!constraint_name.empty()) parts.foreign_key_names.push_back({columns, constraint_name});
        constraint_name.clear();
      } else if (is_word(ts[i], "unique")) {
        const bool listed = table_constraint && i + 1 < ts.size() && ts[i + 1].text == "(";
        auto columns = listed ? name_list(ts, i + 1) : std::vector<std::string>{column};
        if (!constraint_name.empty()) parts.unique_names.push_back({columns, constraint_name});
        constraint_name.clear();
        if (listed) i = closing(ts, i + 1);
      } else if (is_word(ts[i], "not") || is_word(ts[i], "default")) {
        constraint_name.clear();
      }
    }
  }
  return parts;
}

}  // namespace retort::dialects::sqlite
