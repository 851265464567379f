// Changes -> SQLite statements. What ALTER TABLE cannot do becomes the table rebuild of SPEC §7
// (https://www.sqlite.org/lang_altertable.html#otheralter): create the new table, copy the rows,
// drop the old one, rename, recreate its indexes and triggers, then PRAGMA foreign_key_check (a
// violation fails the migration). retort's connections leave foreign-key enforcement off, so the
// DROP cannot cascade; views are dropped before and recreated after any rebuild.

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>
#include <unordered_map>
#include <variant>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "diff/dependencies.hpp"
#include "schema/lookup.hpp"
#include "support/overloaded.hpp"
#include "support/text.hpp"

namespace retort::dialects::sqlite {

namespace {

std::string q(std::string_view name) { return dialect().quote_identifier(name); }

std::string names(const std::vector<std::string>& v) { return dialect().quote_list(v); }

/// A default SQLite accepts bare: a number, a string, NULL, TRUE/FALSE or CURRENT_*; anything
/// else is an expression and must be parenthesised (PRAGMA table_info reports it without them).
bool literal_default(const std::string& d) {
  if (d.empty()) return true;
  auto lower = text::lower(d);
  if (lower == "null" || lower == "true" || lower == "false" || lower == "current_time" || lower == "current_date" ||
      lower == "current_timestamp") {
    return true;
  }
  if (d.front() == '\'' && d.back() == '\'' && d.size() >= 2) return true;
  if (d.front() == 'x' || d.front() == 'X') return d.size() > 1 && d[1] == '\'';  // blob literal
  std::size_t i = (d.front() == '-' || d.front() == '+') ? 1 : 0;
  bool digits = i < d.size();
  for (; i < d.size(); ++i) {
    char c = d[i];
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
      digits = false;
    }
  }
  return digits;
}

std::string default_sql(const std::string& d) {
  if (literal_default(d) || (d.front() == '(' && d.back() == ')')) return d;
  return "(" + d + ")";
}

std::string column_def(const schema::Column& c) {
  std::string out = q(c.name);
  if (!c.type.empty()) out += " " + text::upper(c.type);
  if (!c.nullable) out += " NOT NULL";
  if (c.default_sql) out += " DEFAULT " + default_sql(*c.default_sql);
  if (c.generated)
    out += fmt::format(" GENERATED ALWAYS AS ({}) {}", *c.generated, c.generated_stored ? "STORED" : "VIRTUAL");
  if (!c.collation.empty()) out += " COLLATE " + c.collation;
  return out;
}

std::string create_table(const schema::Table& t, const std::string& as_name) {
  std::vector<std::string> items;
  for (const auto& c : t.columns) items.push_back(column_def(c));
  if (t.primary_key) {
    items.push_back(fmt::format("{}PRIMARY KEY ({}{})",
                                t.primary_key->name.empty() ? "" : "CONSTRAINT " + q(t.primary_key->name) + " ",
                                names(t.primary_key->columns), t.options.autoincrement ? " AUTOINCREMENT" : ""));
  }
  for (const auto& u : t.uniques) {
    items.push_back(
        fmt::format("{}UNIQUE ({})", u.name.empty() ? "" : "CONSTRAINT " + q(u.name) + " ", names(u.columns)));
  }
  for (const auto& c : t.checks) {
    items.push_back(fmt::format("{}CHECK ({})", c.name.empty() ? "" : "CONSTRAINT " + q(c.name) + " ",
                                c.source.text.empty() ? c.expression : c.source.text));
  }
  for (const auto& k : t.foreign_keys) {
    std::string fk =
        fmt::format("{}FOREIGN KEY ({}) REFERENCES {} ({})", k.name.empty() ? "" : "CONSTRAINT " + q(k.name) + " ",
                    names(k.columns), q(k.ref_table), names(k.ref_columns));
    if (k.on_update != "NO ACTION") fk += " ON UPDATE " + k.on_update;
    if (k.on_delete != "NO ACTION") fk += " ON DELETE " + k.on_delete;
    if (k.deferrable) fk += k.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
    items.push_back(fk);
  }
  std::string out = fmt::format("CREATE TABLE {} (\n", q(as_name));
  for (std::size_t i = 0; i < items.size(); ++i) out += "    " + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
  std::vector<std::string> options;
  if (t.options.strict) options.emplace_back("STRICT");
  if (t.options.without_rowid) options.emplace_back("WITHOUT ROWID");
  return out + ")" + (options.empty() ? "" : " " + text::join(options, ", "));
}

/// A view or trigger is created from its own statement where it is known: a copy rebuilt from the
/// normalised definition would lower-case the column names the view returns.
std::string create_view(const schema::View& v) {
  return v.sql.text.empty() ? fmt::format("CREATE VIEW {} AS {}", q(v.name), v.definition) : v.sql.text;
}

std::string create_trigger(const schema::Trigger& t) { return t.source.text.empty() ? t.sql : t.source.text; }

/// Whether `word` occurs in `sql` as a whole word, case-insensitively (the compared texts are
/// normalised to lower case, column names are not): enough to know that an object may use a
/// column, never to miss one that does.
bool names_word(const std::string& sql, const std::string& word) {
  return diff::mentions(text::lower(sql), text::lower(word));
}

/// A schema's objects by the table they belong to, found once: a change looks at its table's
/// indexes, triggers and the keys that reference it without scanning the whole schema (1,000
/// changes in 10,000 tables made that ten million name comparisons).
struct ByTable {
  explicit ByTable(const schema::Schema& s) : schema(s), lookup(s) {
    for (const auto& i : s.indexes) indexes[i.table].push_back(&i);
    for (const auto& t : s.triggers) triggers[t.table].push_back(&t);
    for (const auto& t : s.tables) {
      for (const auto& k : t.foreign_keys) referencing[k.ref_table].push_back(&k);
    }
  }
  const schema::Schema& schema;
  schema::Lookup lookup;
  std::unordered_map<std::string_view, std::vector<const schema::Index*>> indexes;
  std::unordered_map<std::string_view, std::vector<const schema::Trigger*>> triggers;
  std::unordered_map<std::string_view, std::vector<const schema::ForeignKey*>> referencing;

  template <typename T>
  static const std::vector<const T*>& of(const std::unordered_map<std::string_view, std::vector<const T*>>& m,
                                         std::string_view table) {
    static const std::vector<const T*> none;
    auto it = m.find(table);
    return it == m.end() ? none : it->second;
  }
};

/// ALTER TABLE DROP COLUMN's limits (https://www.sqlite.org/lang_altertable.html#altertabdropcol):
/// the column is in no key, unique constraint, index, check, foreign key, generated column, view or
/// trigger. Anything else needs a rebuild.
bool can_drop(const ByTable& from, const schema::Table& t, const std::string& column) {
  auto has = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), column) != v.end(); };
  if (t.primary_key && has(t.primary_key->columns)) return false;
  for (const auto& u : t.uniques) {
    if (has(u.columns)) return false;
  }
  for (const auto& k : t.foreign_keys) {
    if (has(k.columns)) return false;
  }
  for (const auto& c : t.checks) {
    if (names_word(c.expression, column)) return false;
  }
  for (const auto& c : t.columns) {
    if (c.generated && names_word(*c.generated, column)) return false;
  }
  for (const auto* i : ByTable::of(from.indexes, t.name)) {
    if (names_word(i->where, column)) return false;
    for (const auto& k : i->keys) {
      if (k.expression ? names_word(k.text, column) : k.text == column) return false;
    }
  }
  for (const auto* k : ByTable::of(from.referencing, t.name)) {
    if (has(k->ref_columns) || k->ref_columns.empty()) return false;
  }
  // Any view or trigger may name the column, whatever table it belongs to.
  for (const auto& v : from.schema.views) {
    if (names_word(v.definition, column)) return false;
  }
  for (const auto& tr : from.schema.triggers) {
    if (names_word(tr.sql, column)) return false;
  }
  return true;
}

std::string create_index(const schema::Index& i) {
  std::vector<std::string> keys;
  for (const auto& k : i.keys) keys.push_back((k.expression ? k.text : q(k.text)) + (k.descending ? " DESC" : ""));
  std::string out = fmt::format("CREATE {}INDEX {} ON {} ({})", i.unique ? "UNIQUE " : "", q(i.name), q(i.table),
                                text::join(keys, ", "));
  if (!i.where.empty()) out += " WHERE " + i.where;
  return out;
}

/// ALTER TABLE ADD COLUMN's limits: no PRIMARY KEY or UNIQUE, no NOT NULL without a default,
/// no stored generated column, a constant default.
bool can_add(const schema::Column& c) {
  if (c.generated && c.generated_stored) return false;
  if (!c.nullable && !c.default_sql) return false;
  if (c.default_sql) {
    // ADD COLUMN takes constant defaults only: no expressions, no CURRENT_*.
    if (!literal_default(*c.default_sql) || text::lower(*c.default_sql).starts_with("current_")) return false;
  }
  return true;
}

class Output {
 public:
  void add(std::string sql, std::string comment = {}) { out_.push_back({std::move(sql), std::move(comment)}); }
  std::vector<RenderedStatement> take() { return std::move(out_); }

 private:
  std::vector<RenderedStatement> out_;
};

/// Which tables a set of changes can only reach by a rebuild.
std::set<std::string> tables_to_rebuild(const ByTable& from, const std::vector<diff::Change>& changes) {
  std::set<std::string> out;
  for (const auto& change : changes) {
    std::visit(overloaded{
                   [&](const diff::AddColumn& c) {
                     if (!can_add(c.column)) out.insert(c.table.name);
                   },
                   [&](const diff::DropColumn& c) {
                     const auto* t = from.lookup.table(c.table);
                     if (!t || !can_drop(from, *t, c.column.name)) out.insert(c.table.name);
                   },
                   [&](const diff::AlterTableOptions& c) { out.insert(c.table.name); },
                   [&](const diff::AlterColumn& c) { out.insert(c.table.name); },
                   [&](const diff::AlterPrimaryKey& c) { out.insert(c.table.name); },
                   [&](const diff::AddUnique& c) { out.insert(c.table.name); },
                   [&](const diff::DropUnique& c) { out.insert(c.table.name); },
                   [&](const diff::AddForeignKey& c) { out.insert(c.table.name); },
                   [&](const diff::DropForeignKey& c) { out.insert(c.table.name); },
                   [&](const diff::AddCheck& c) { out.insert(c.table.name); },
                   [&](const diff::DropCheck& c) { out.insert(c.table.name); },
                   [](const auto&) {},
               },
               change);
  }
  return out;
}

void rebuild(Output& out, const ByTable& from, const ByTable& to, const std::string& name) {
  const auto* old_table = from.lookup.table("", name);
  const auto* new_table = to.lookup.table("", name);
  auto tmp = "_retort_new_" + name;
  std::vector<std::string> copied, dropped;
  for (const auto& c : new_table->columns) {
    const auto* old_column = old_table->column(c.name);
    if (old_column && !c.generated && !old_column->generated) copied.push_back(c.name);
  }
  for (const auto& c : old_table->columns) {
    if (!new_table->column(c.name)) dropped.push_back(c.name);
  }
  std::string warning = fmt::format("Rebuilds table {} (SQLite's ALTER TABLE cannot make this change)", name);
  if (!dropped.empty()) warning += "\nWARNING: drops column(s) " + text::join(dropped, ", ") + " and their data";
  for (const auto& c : new_table->columns) {
    if (!old_table->column(c.name) && !c.nullable && !c.default_sql) {
      warning += "\nWARNING: new column " + c.name + " is NOT NULL without a default: fails if " + name + " has rows";
    }
  }
  out.add(create_table(*new_table, tmp), warning);
  out.add(fmt::format("INSERT INTO {} ({}) SELECT {} FROM {}", q(tmp), names(copied), names(copied), q(name)));
  if (old_table->options.autoincrement && new_table->options.autoincrement) {
    // The copy's counter is the highest id copied; the old one may be higher (rows deleted since).
    out.add(fmt::format("DELETE FROM sqlite_sequence WHERE name = {}", text::sql_literal(tmp)),
            "Keeps the AUTOINCREMENT counter, so no id is handed out twice");
    out.add(fmt::format("INSERT INTO sqlite_sequence (name, seq) SELECT {}, seq FROM sqlite_sequence WHERE name = {}",
                        text::sql_literal(tmp), text::sql_literal(name)));
  }
  out.add(fmt::format("DROP TABLE {}", q(name)));
  // legacy_alter_table: the rename must not try to rewrite (or validate) other objects that
  // still name the old table.
  out.add("PRAGMA legacy_alter_table = ON");
  out.add(fmt::format("ALTER TABLE {} RENAME TO {}", q(tmp), q(name)));
  out.add("PRAGMA legacy_alter_table = OFF");
  for (const auto* i : ByTable::of(to.indexes, name)) out.add(create_index(*i));
  for (const auto* t : ByTable::of(to.triggers, name)) out.add(create_trigger(*t));
}

class SqliteRenderer final : public Renderer {
 public:
  std::vector<RenderedStatement> render(const schema::Schema& from, const schema::Schema& to,
                                        const std::vector<diff::Change>& changes) const override {
    Output out;
    const ByTable before(from), after(to);
    const auto rebuilt = tables_to_rebuild(before, changes);
    const bool any_rebuild = !rebuilt.empty();
    // Views name tables; around a rebuild they all go and come back.
    if (any_rebuild) {
      for (const auto& v : from.views) out.add(fmt::format("DROP VIEW {}", q(v.name)));
    }
    std::set<std::string> done;
    for (const auto& change : changes) {
      auto table = diff::table_of(change).name;  // SQLite has no named schemas
      if (rebuilt.count(table)) {
        if (done.insert(table).second) rebuild(out, before, after, table);
        continue;  // the rebuild covers every change of this table, its indexes included
      }
      std::visit(overloaded{
                     [&](const diff::CreateTable& c) { out.add(create_table(c.table, c.table.name)); },
                     [&](const diff::DropTable& c) {
                       out.add(fmt::format("DROP TABLE {}", q(c.table.name)),
                               fmt::format("WARNING: drops table {} and its data", c.table.name));
                     },
                     [&](const diff::AddColumn& c) {
                       out.add(fmt::format("ALTER TABLE {} ADD COLUMN {}", q(c.table.name), column_def(c.column)));
                     },
                     [&](const diff::DropColumn& c) {
                       out.add(fmt::format("ALTER TABLE {} DROP COLUMN {}", q(c.table.name), q(c.column.name)),
                               fmt::format("WARNING: drops column {}.{} and its data", c.table.name, c.column.name));
                     },
                     [&](const diff::CreateIndex& c) { out.add(create_index(c.index)); },
                     [&](const diff::CreateTrigger& c) {
                       if (!(any_rebuild && after.lookup.view(c.trigger.table))) out.add(create_trigger(c.trigger));
                     },
                     [&](const diff::DropTrigger& c) {
                       if (!(any_rebuild && before.lookup.view(c.trigger.table)))
                         out.add(fmt::format("DROP TRIGGER {}", q(c.trigger.name)));
                     },
                     [&](const diff::DropIndex& c) { out.add(fmt::format("DROP INDEX {}", q(c.index.name))); },
                     [&](const diff::CreateView& c) {
                       if (!any_rebuild) out.add(create_view(c.view));
                     },
                     [&](const diff::DropView& c) {
                       if (!any_rebuild) out.add(fmt::format("DROP VIEW {}", q(c.view.name)));
                     },
                     [](const auto&) {},  // the rest always goes through a rebuild
                 },
                 change);
    }
    if (any_rebuild) {
      for (const auto& v : to.views) out.add(create_view(v));
      // Dropping a view dropped its INSTEAD OF triggers.
      for (const auto& t : to.triggers) {
        if (after.lookup.view(t.table)) out.add(create_trigger(t));
      }
      out.add("PRAGMA foreign_key_check", "Fails the migration if the rebuild left a dangling reference");
    }
    return out.take();
  }
};

}  // namespace

const Renderer& renderer() {
  static const SqliteRenderer instance;
  return instance;
}

}  // namespace retort::dialects::sqlite
