// MySQL rules, read from the statement's tokens: what an ALTER TABLE may lock, and row changes
// that a block's DDL commits piecemeal.

#include <fmt/format.h>

#include <initializer_list>

#include "lint/state.hpp"

namespace retort::linter {

namespace {

using Tokens = std::vector<Token>;

/// `schema.name` or `name` from position `i` (moved past it); empty when no name is there.
std::string table_at(const Tokens& t, std::size_t& i, std::string* shown) {
  if (i >= t.size() || !t[i].name()) return {};
  std::string schema, name = t[i++].text;
  if (i + 1 < t.size() && t[i].punct('.') && t[i + 1].name()) {
    schema = name;
    name = t[i + 1].text;
    i += 2;
  }
  if (shown) *shown = schema.empty() ? name : schema + "." + name;
  return table_key(schema, name);
}

bool starts(const Tokens& t, std::initializer_list<std::string_view> words) {
  std::size_t i = 0;
  for (auto w : words) {
    if (i >= t.size() || !t[i].is(w)) return false;
    ++i;
  }
  return true;
}

/// The ALTER TABLE's first action that may rebuild the table ("MODIFY COLUMN"), empty when none;
/// `chosen` says whether a LOCK or ALGORITHM clause chooses for MySQL.
std::string rebuilding_action(const Tokens& t, std::size_t i, bool& chosen) {
  std::string found;
  int depth = 0;
  for (; i < t.size(); ++i) {
    if (t[i].punct('(')) ++depth;
    if (t[i].punct(')')) --depth;
    if (depth != 0 || t[i].kind != Token::Kind::Word) continue;
    const auto& w = t[i].text;
    const bool next_is = i + 1 < t.size() && t[i + 1].kind == Token::Kind::Word;
    if (w == "lock" || w == "algorithm") chosen = true;
    if (!found.empty()) continue;
    if (w == "modify" || w == "change") {
      found = w == "modify" ? "MODIFY COLUMN" : "CHANGE COLUMN";
    } else if (w == "convert") {
      found = "CONVERT TO CHARACTER SET";
    } else if ((w == "add" || w == "drop") && next_is && t[i + 1].text == "primary") {
      found = w == "add" ? "ADD PRIMARY KEY" : "DROP PRIMARY KEY";
    } else if (w == "engine") {
      found = "ENGINE=";
    } else if (w == "force") {
      found = "FORCE";
    }
  }
  return found;
}

bool is_data(const Tokens& t) {
  for (auto w : {"insert", "update", "delete", "replace"}) {
    if (t.front().is(w)) return true;
  }
  return false;
}

bool is_ddl(const Tokens& t) {
  for (auto w : {"create", "alter", "drop", "rename", "truncate"}) {
    if (t.front().is(w)) return true;
  }
  return false;
}

void finish_block(FileLinter::State& st) {
  if (st.block_ddl && !st.block_data.empty()) {
    const auto& [line, shown] = st.block_data.front();
    st.add("data-with-ddl", line, shown,
           st.block_data.size() == 1
               ? std::string("this row change is in a block with DDL: it commits on its own")
               : fmt::format("this row change and {} more are in a block with DDL: each commits on its own",
                             st.block_data.size() - 1));
  }
  st.block_ddl = false;
  st.block_data.clear();
}

}  // namespace

void mysql_statement(FileLinter::State& st, const Statement& s, const std::vector<Token>& tokens,
                     const std::string& shown) {
  if (s.block != st.block) {
    finish_block(st);
    st.block = s.block;
  }
  const int line = tokens.front().line;
  if (s.transactional && is_data(tokens)) st.block_data.emplace_back(line, shown);
  if (is_ddl(tokens)) st.block_ddl = true;

  std::size_t i = 0;
  if (starts(tokens, {"create", "table"}) || starts(tokens, {"create", "temporary", "table"})) {
    i = tokens[1].is("temporary") ? 3 : 2;
    if (i + 2 < tokens.size() && tokens[i].is("if") && tokens[i + 1].is("not") && tokens[i + 2].is("exists")) i += 3;
    if (auto key = table_at(tokens, i, nullptr); !key.empty()) st.created.insert(key);
    return;
  }
  if (!tokens.front().is("alter")) return;
  i = 1;
  while (i < tokens.size() && (tokens[i].is("online") || tokens[i].is("ignore"))) ++i;
  if (i >= tokens.size() || !tokens[i].is("table")) return;
  ++i;
  std::string table;
  const auto key = table_at(tokens, i, &table);
  if (key.empty() || st.is_new(key)) return;  // a table this file created holds no rows yet
  bool chosen = false;
  const auto action = rebuilding_action(tokens, i, chosen);
  if (!action.empty() && !chosen) {
    st.add("alter-table-copy", line, shown,
           fmt::format("ALTER TABLE {} {} without ALGORITHM or LOCK: MySQL may copy the table, blocking writes", table,
                       action));
  }
}

void mysql_finish(FileLinter::State& st) { finish_block(st); }

}  // namespace retort::linter
