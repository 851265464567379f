// SQLite rules, read from the statement's tokens and, where they need it, from the schema the
// history builds before the statement (replayed by the caller): what fails on a table with rows,
// what a drop leaves broken, and rebuilds of tables others reference.

#include <fmt/format.h>

#include "lint/state.hpp"
#include "support/text.hpp"

namespace retort::linter {

namespace {

using State = FileLinter::State;
using Tokens = std::vector<Token>;

struct Name {
  std::string schema, name;
  [[nodiscard]] std::string key() const { return table_key(schema, name); }
};

/// A possibly qualified name at `i`, moving `i` past it.
std::optional<Name> qualified(const Tokens& t, std::size_t& i) {
  if (i >= t.size() || !t[i].name()) return std::nullopt;
  Name n{"", t[i].text};
  ++i;
  if (i + 1 < t.size() && t[i].punct('.') && t[i + 1].name()) {
    n = {n.name, t[i + 1].text};
    i += 2;
  }
  return n;
}

bool skip(const Tokens& t, std::size_t& i, std::initializer_list<std::string_view> words) {
  std::size_t k = i;
  for (auto w : words) {
    if (k >= t.size() || !t[k].is(w)) return false;
    ++k;
  }
  i = k;
  return true;
}

/// The index just past the parenthesised group opening at `i` (or the end).
std::size_t past_group(const Tokens& t, std::size_t i) {
  int depth = 0;
  for (; i < t.size(); ++i) {
    if (t[i].punct('(')) ++depth;
    if (t[i].punct(')') && --depth == 0) return i + 1;
  }
  return t.size();
}

std::vector<std::string> referencing(const schema::Schema& s, const std::string& table, const std::string& column = {}) {
  std::vector<std::string> out;
  for (const auto& other : s.tables) {
    if (same_name(other.name, table)) continue;
    for (const auto& fk : other.foreign_keys) {
      if (!same_name(fk.ref_table, table)) continue;
      bool hit = column.empty();
      for (const auto& c : fk.ref_columns) hit = hit || same_name(c, column);
      if (hit) {
        out.push_back(other.name);
        break;
      }
    }
  }
  return out;
}

/// The indexes, views, triggers and foreign keys that use `table`.`column`.
std::vector<std::string> users_of(const schema::Schema& s, const std::string& table, const std::string& column) {
  std::vector<std::string> out;
  for (const auto& ix : s.indexes) {
    if (!same_name(ix.table, table)) continue;
    bool used = mentions(tokenize(ix.where, 0), column);
    for (const auto& k : ix.keys) used = used || mentions(tokenize(k.text, 0), column);
    if (used) out.push_back("index " + ix.name);
  }
  for (const auto& v : s.views) {
    auto tokens = tokenize(v.sql.text.empty() ? v.definition : v.sql.text, 0);
    if (mentions(tokens, table) && mentions(tokens, column)) out.push_back("view " + v.name);
  }
  for (const auto& tr : s.triggers) {
    auto tokens = tokenize(tr.source.text.empty() ? tr.sql : tr.source.text, 0);
    if ((same_name(tr.table, table) || mentions(tokens, table)) && mentions(tokens, column))
      out.push_back("trigger " + tr.name);
  }
  for (const auto& child : referencing(s, table, column)) out.push_back("the foreign key of " + child);
  return out;
}

class Rules {
 public:
  Rules(State& st, std::string_view sql, const Tokens& t, const std::string& shown, const SchemaBefore& before)
      : st_(st), sql_(sql), t_(t), shown_(shown), before_(before) {}

  void run() {
    std::size_t i = 0;
    if (skip(t_, i, {"create"})) {
      if (!skip(t_, i, {"temp"})) skip(t_, i, {"temporary"});
      if (!skip(t_, i, {"table"})) return;
      skip(t_, i, {"if", "not", "exists"});
      if (auto n = qualified(t_, i)) recreated(n->key());
    } else if (skip(t_, i, {"drop", "table"})) {
      skip(t_, i, {"if", "exists"});
      if (auto n = qualified(t_, i)) drop_table(*n);
    } else if (skip(t_, i, {"alter", "table"})) {
      auto n = qualified(t_, i);
      if (n) alter_table(*n, i);
    } else if (skip(t_, i, {"pragma"})) {
      if (auto n = qualified(t_, i)) pragma(n->name, i);
    }
  }

 private:
  void add(std::string_view rule, std::string message, std::optional<Severity> severity = std::nullopt) {
    st_.add(rule, line(), shown_, std::move(message), severity);
  }
  [[nodiscard]] int line() const { return t_.front().line; }
  const schema::Schema* schema() { return before_ ? before_() : nullptr; }

  /// `key` exists again: a rebuild under the old name, which cancels the drop's and rename's findings.
  void recreated(const std::string& key) {
    st_.created.insert(key);
    st_.pending_drops.erase(key);
    if (auto it = st_.dropped.find(key); it != st_.dropped.end()) it->second.recreated = true;
  }

  void drop_table(const Name& n) {
    const auto key = n.key();
    if (st_.created.erase(key)) return;
    std::vector<std::string> children;
    if (const auto* s = schema()) children = referencing(*s, n.name);
    for (auto it = children.begin(); it != children.end();) {
      it = st_.dropped.contains(table_key("", *it)) ? children.erase(it) : it + 1;
    }
    auto message = fmt::format("drops table {}", n.name);
    if (!children.empty()) {
      message += fmt::format(", which {} reference{}", text::join(children, ", "), children.size() == 1 ? "s" : "");
      st_.dropped[key] = {line(), shown_, children};
    } else {
      st_.dropped[key] = {line(), shown_, {}};
    }
    Finding f{"drop-table", Severity::Error, line(), std::move(message), {}, {}, shown_};
    st_.pending_drops[key] = std::move(f);
  }

  void alter_table(const Name& n, std::size_t i) {
    const auto key = n.key();
    const bool existing = !st_.is_new(key);
    if (skip(t_, i, {"rename"})) {
      if (skip(t_, i, {"to"})) {
        if (auto to = qualified(t_, i)) rename_table(n, key, existing, to->name);
        return;
      }
      skip(t_, i, {"column"});
      if (i + 2 < t_.size() && t_[i].name() && t_[i + 1].is("to") && t_[i + 2].name() && existing)
        add("rename", fmt::format("renames column {}.{} to {}", n.name, t_[i].text, t_[i + 2].text));
    } else if (skip(t_, i, {"drop"})) {
      skip(t_, i, {"column"});
      if (i >= t_.size() || !t_[i].name()) return;
      const auto column = t_[i].text;
      if (const auto* s = schema()) {
        auto users = users_of(*s, n.name, column);
        if (!users.empty())
          add("drop-column-in-use", fmt::format("drops column {}.{}, which {} use{}", n.name, column,
                                                text::join(users, ", "), users.size() == 1 ? "s" : ""));
      }
      if (existing) add("drop-column", fmt::format("drops column {}.{}", n.name, column));
    } else if (skip(t_, i, {"add"})) {
      skip(t_, i, {"column"});
      if (existing && i < t_.size() && t_[i].name()) add_column(n.name, i);
    }
  }

  void rename_table(const Name& n, const std::string& key, bool existing, const std::string& to) {
    const auto to_key = table_key(n.schema, to);
    if (!existing) {
      st_.created.erase(key);
      recreated(to_key);
      return;
    }
    if (!st_.legacy_alter_table) {
      if (const auto* s = schema()) {
        auto children = referencing(*s, n.name);
        if (!children.empty())
          add("rebuild-referenced-table",
              fmt::format("renames table {}, which {} reference{}, to {}: SQLite rewrites their REFERENCES to {}",
                          n.name, text::join(children, ", "), children.size() == 1 ? "s" : "", to, to));
      }
    }
    // The old table under a new name is what a rebuild copies from and drops: not a loss.
    st_.created.insert(to_key);
    Finding f{"rename", Severity::Error, line(), fmt::format("renames table {} to {}", n.name, to), {}, {}, shown_};
    st_.pending_drops[key] = std::move(f);
  }

  void add_column(const std::string& table, std::size_t i) {
    const auto column = t_[i].text;
    bool not_null = false, generated = false;
    std::optional<std::pair<std::size_t, std::size_t>> value;
    for (std::size_t k = i + 1; k < t_.size();) {
      if (t_[k].punct('(')) {
        k = past_group(t_, k);
        continue;
      }
      if (t_[k].is("not") && k + 1 < t_.size() && t_[k + 1].is("null")) not_null = true;
      if (t_[k].is("generated") || (t_[k].is("as") && k + 1 < t_.size() && t_[k + 1].punct('('))) generated = true;
      if (t_[k].is("default") && k + 1 < t_.size()) {
        std::size_t b = k + 1, e = b + 1;
        if (t_[b].punct('('))
          e = past_group(t_, b);
        else if ((t_[b].punct('-') || t_[b].punct('+')) && b + 1 < t_.size())
          e = b + 2;
        value = {b, e};
        k = e;
        continue;
      }
      ++k;
    }
    if (value && !sqlite_constant_default(t_, value->first, value->second)) {
      const auto from = t_[value->first].offset;
      const auto to = value->second < t_.size() ? t_[value->second].offset : sql_.size();
      const auto text = std::string(text::trim(sql_.substr(from, to - from)));
      add("non-constant-default", fmt::format("column {}.{} is added with the default {}", table, column, text));
    } else if (not_null && !value && !generated) {
      add("add-not-null-column", fmt::format("column {}.{} is added NOT NULL without a default", table, column));
    }
  }

  void pragma(const std::string& name, std::size_t i) {
    if (same_name(name, "foreign_key_check")) {
      for (auto& [key, d] : st_.dropped)
        if (d.recreated) d.checked = true;
    } else if (same_name(name, "legacy_alter_table") && i + 1 < t_.size() && t_[i].punct('=')) {
      const auto& v = t_[i + 1].text;
      st_.legacy_alter_table = v == "on" || v == "1" || v == "true" || v == "yes";
    }
  }

  State& st_;
  std::string_view sql_;
  const Tokens& t_;
  const std::string& shown_;
  const SchemaBefore& before_;
};

}  // namespace

void sqlite_statement(State& st, std::string_view sql, const Tokens& tokens, const std::string& shown,
                      const SchemaBefore& before) {
  Rules(st, sql, tokens, shown, before).run();
}

void sqlite_finish(State& st) {
  for (auto& [key, f] : st.pending_drops) st.add(f.rule, f.line, f.statement, f.message);
  st.pending_drops.clear();
  for (const auto& [key, d] : st.dropped) {
    if (d.children.empty() || !d.recreated || d.checked) continue;
    st.add("rebuild-referenced-table", d.line, d.statement,
           fmt::format("rebuilds table {}, which {} reference{}, with no PRAGMA foreign_key_check after it", key,
                       text::join(d.children, ", "), d.children.size() == 1 ? "s" : ""));
  }
}

bool sqlite_constant_default(const Tokens& t, std::size_t begin, std::size_t end) {
  bool parenthesized = false;
  while (end - begin >= 2 && t[begin].punct('(') && past_group(t, begin) == end) {
    ++begin;
    --end;
    parenthesized = true;
  }
  if (end <= begin || end > t.size()) return false;
  const auto& first = t[begin];
  if (end - begin == 1) {
    using K = Token::Kind;
    if (first.kind == K::String || first.kind == K::Number || first.kind == K::Blob) return true;
    if (first.is("null") || first.is("true") || first.is("false")) return true;
    if (first.is("current_time") || first.is("current_date") || first.is("current_timestamp")) return false;
    return !parenthesized && first.name();  // DEFAULT abc is the string 'abc'
  }
  if (end - begin == 2 && (first.punct('-') || first.punct('+')) && t[begin + 1].kind == Token::Kind::Number)
    return true;
  if (first.is("cast") && t[begin + 1].punct('(') && past_group(t, begin + 1) == end) {
    int depth = 0;
    for (auto k = begin + 1; k < end; ++k) {
      if (t[k].punct('(')) ++depth;
      if (t[k].punct(')')) --depth;
      if (depth == 1 && t[k].is("as")) return sqlite_constant_default(t, begin + 2, k);
    }
  }
  return false;
}

}  // namespace retort::linter
