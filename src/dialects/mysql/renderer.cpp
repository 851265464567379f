// Changes -> MySQL / MariaDB statements. ALTER TABLE makes every change in place: a changed column
// is restated whole with MODIFY COLUMN, constraints and indexes are added and dropped by name.
// What MySQL adds on its own is ordered around: a foreign key creates an index on its columns when
// none exists, and refuses to lose the one it uses, so indexes come before the keys that need them
// and keys go before their indexes.

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <variant>

#include "dialects/mysql/mysql_dialect.hpp"
#include "schema/lookup.hpp"
#include "support/overloaded.hpp"
#include "support/text.hpp"

namespace retort::dialects::mysql {

namespace {

std::string q(std::string_view name) { return backticked(name); }
std::string qn(const schema::QualifiedName& name) {
  return name.schema.empty() ? q(name.name) : q(name.schema) + "." + q(name.name);
}
std::string names(const std::vector<std::string>& v) {
  std::vector<std::string> quoted;
  for (const auto& n : v) quoted.push_back(q(n));
  return text::join(quoted, ", ");
}

/// A default as a column definition takes it: literals and CURRENT_TIMESTAMP as they are, any other
/// expression in parentheses (MySQL 8 requires them; MariaDB accepts them).
std::string default_text(const std::string& d) {
  static const std::regex literal(
      R"(^('.*'|[bBxX]'.*'|0x[0-9a-fA-F]+|[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?|NULL|null|TRUE|FALSE|true|false|\(.*\)|current_timestamp(\([0-9]*\))?|CURRENT_TIMESTAMP(\([0-9]*\))?)$)");
  return std::regex_match(d, literal) ? d : "(" + d + ")";
}

std::string column_def(const schema::Column& c) {
  std::string s = q(c.name) + " " + c.type;
  if (!c.collation.empty()) s += " COLLATE " + c.collation;
  if (c.generated) {
    s += fmt::format(" GENERATED ALWAYS AS ({}) {}", *c.generated, c.generated_stored ? "STORED" : "VIRTUAL");
    if (!c.nullable) s += " NOT NULL";  // MariaDB's generated columns are always nullable
  } else {
    s += c.nullable ? " NULL" : " NOT NULL";
  }
  if (c.default_sql) s += " DEFAULT " + default_text(*c.default_sql);
  if (!c.on_update.empty()) s += " ON UPDATE " + c.on_update;
  if (c.identity == "auto_increment") s += " AUTO_INCREMENT";
  if (!c.comment.empty()) s += " COMMENT " + literal(c.comment);
  return s;
}

std::string constraint(const std::string& name, const std::string& body) {
  return name.empty() ? body : "CONSTRAINT " + q(name) + " " + body;
}

std::string fk_def(const schema::ForeignKey& k) {
  std::string s = fmt::format("FOREIGN KEY ({}) REFERENCES {} ({})", names(k.columns), qn(k.target()),
                              names(k.ref_columns));
  if (k.on_delete != "NO ACTION") s += " ON DELETE " + k.on_delete;
  if (k.on_update != "NO ACTION") s += " ON UPDATE " + k.on_update;
  return s;
}

std::string key_list(const schema::Index& i) {
  std::vector<std::string> keys;
  for (const auto& k : i.keys) {
    std::string s = k.expression ? "(" + k.text + ")" : q(k.text);
    if (k.length > 0) s += fmt::format("({})", k.length);
    if (k.descending) s += " DESC";
    keys.push_back(std::move(s));
  }
  return text::join(keys, ", ");
}

std::string index_kind(const schema::Index& i) {
  if (i.method == "fulltext") return "FULLTEXT ";
  if (i.method == "spatial") return "SPATIAL ";
  return i.unique ? "UNIQUE " : "";
}

/// " USING HASH" for the MEMORY engine's hash indexes; nothing for the others.
std::string index_using(const schema::Index& i) { return i.method == "hash" ? " USING HASH" : ""; }

std::string alter(const schema::QualifiedName& table, const std::string& action) {
  return fmt::format("ALTER TABLE {} {}", qn(table), action);
}

/// The character set a collation belongs to: its name up to the first '_' ("utf8mb4_bin").
std::string charset_of(const std::string& collation) { return collation.substr(0, collation.find('_')); }

std::string table_options(const schema::Table& t) {
  std::string s;
  if (!t.options.engine.empty()) s += " ENGINE=" + t.options.engine;
  if (!t.options.collation.empty()) s += " COLLATE=" + t.options.collation;
  if (!t.comment.empty()) s += " COMMENT=" + literal(t.comment);
  return s;
}

[[noreturn]] void unsupported(std::string_view what) {
  throw Error(ErrorCode::Config, fmt::format("MySQL has no {}: this change cannot be rendered for it", what))
      .with_dialect("mysql");
}

/// Foreign keys dropped before anything else: an index cannot go while a key uses it.
std::vector<diff::Change> keys_dropped_first(const std::vector<diff::Change>& changes) {
  std::vector<diff::Change> out;
  for (const auto& c : changes) {
    if (std::holds_alternative<diff::DropForeignKey>(c)) out.push_back(c);
  }
  for (const auto& c : changes) {
    if (!std::holds_alternative<diff::DropForeignKey>(c)) out.push_back(c);
  }
  return out;
}

class MysqlRenderer final : public Renderer {
 public:
  std::vector<RenderedStatement> render(const schema::Schema& from, const schema::Schema& to,
                                        const std::vector<diff::Change>& unordered) const override {
    const auto changes = keys_dropped_first(unordered);
    // Names found through maps built once: a lookup per change or index would scan every table.
    const schema::Lookup in_from(from), in_to(to);
    std::vector<RenderedStatement> out;
    auto add = [&](std::string sql, std::string comment = {}) { out.push_back({std::move(sql), std::move(comment)}); };
    std::set<schema::QualifiedName> created, dropped;
    for (const auto& c : changes) {
      if (const auto* t = std::get_if<diff::CreateTable>(&c)) created.insert(schema::qualified(t->table));
      if (const auto* t = std::get_if<diff::DropTable>(&c)) dropped.insert(schema::qualified(t->table));
    }
    // Indexes of new tables are written into CREATE TABLE; the others are created before the first
    // foreign key added (which would otherwise make an index of its own), or where they come.
    std::vector<const schema::Index*> pending;
    for (const auto& c : changes) {
      if (const auto* i = std::get_if<diff::CreateIndex>(&c)) {
        if (!created.count({i->index.schema, i->index.table})) pending.push_back(&i->index);
      }
    }
    // Primary keys: MySQL's AUTO_INCREMENT column must be a key at the end of every statement,
    // so a key that is replaced goes in the statement that adds the new one, and a column that
    // becomes AUTO_INCREMENT comes with its key.
    std::map<schema::QualifiedName, diff::AlterPrimaryKey> key_drops, key_adds;
    for (const auto& c : changes) {
      if (const auto* k = std::get_if<diff::AlterPrimaryKey>(&c)) (k->from ? key_drops : key_adds).emplace(k->table, *k);
    }
    std::set<schema::QualifiedName> keys_done;
    std::set<std::pair<schema::QualifiedName, std::string>> modified_with_key;
    auto key_survives = [&](const schema::QualifiedName& table, const schema::PrimaryKey& key) {
      const auto* t = in_to.table(table);
      return t && std::any_of(key.columns.begin(), key.columns.end(), [&](const auto& n) { return t->column(n); });
    };
    // "DROP PRIMARY KEY, ADD PRIMARY KEY (...)", the drop only while the old key is still there.
    auto key_change = [&](const schema::QualifiedName& table) {
      keys_done.insert(table);
      std::string out;
      if (auto d = key_drops.find(table); d != key_drops.end() && key_survives(table, *d->second.from))
        out = "DROP PRIMARY KEY, ";
      return out + "ADD PRIMARY KEY (" + names(key_adds.at(table).to->columns) + ")";
    };
    // ", <key change>" after a column that becomes AUTO_INCREMENT and is in the new key.
    auto keyed = [&](const schema::QualifiedName& table, const schema::Column& column) -> std::string {
      auto a = key_adds.find(table);
      if (column.identity.empty() || a == key_adds.end() || keys_done.count(table)) return {};
      const auto& cols = a->second.to->columns;
      if (std::find(cols.begin(), cols.end(), column.name) == cols.end()) return {};
      return ", " + key_change(table);
    };
    std::set<const schema::Index*> done;
    std::set<std::pair<schema::QualifiedName, std::string>> made;  // foreign keys' own indexes created
    auto create_index = [&](const schema::Index& i) {
      if (!done.insert(&i).second) return;
      const schema::QualifiedName table{i.schema, i.table};
      add(fmt::format("CREATE {}INDEX {} ON {} ({}){}", index_kind(i), q(i.name), qn(table), key_list(i),
                      index_using(i)));
      // A foreign key that had an index of its own and is served by this one now: the old index
      // goes, as the desired schema has no such index.
      const auto* before = in_from.table(table);
      const auto* after = in_to.table(table);
      if (!before || !after) return;
      for (const auto& k : after->foreign_keys) {
        if (!k.index.empty() || !serves(i, k.columns)) continue;
        for (const auto& old : before->foreign_keys) {
          if (old.name != k.name || old.index.empty() || has_index(in_to, table, old.index)) continue;
          add(fmt::format("DROP INDEX {} ON {}", q(old.index), qn(table)));
        }
      }
    };
    auto gone = [&](const schema::QualifiedName& table) { return dropped.count(table) > 0; };
    std::map<schema::QualifiedName, std::vector<std::string>> live;  // each table's columns by now, in order
    for (const auto& t : from.tables) {
      for (const auto& c : t.columns) live[schema::qualified(t)].push_back(c.name);
    }
    for (const auto& change : changes) {
      std::visit(
          overloaded{
              [&](const diff::CreateTable& c) { add(create_table(c.table, changes)); },
              [&](const diff::DropTable& c) {
                add("DROP TABLE " + qn(schema::qualified(c.table)),
                    fmt::format("WARNING: drops table {} and its data", schema::qualified(c.table).str()));
              },
              [&](const diff::AddColumn& c) {
                add(alter(c.table, "ADD COLUMN " + column_def(c.column) +
                                       position(in_to, c.table, c.column.name, live[c.table]) + keyed(c.table, c.column)));
              },
              [&](const diff::DropColumn& c) {
                std::erase(live[c.table], c.column.name);
                add(alter(c.table, "DROP COLUMN " + q(c.column.name)),
                    fmt::format("WARNING: drops column {}.{} and its data", c.table.str(), c.column.name));
              },
              [&](const diff::AlterColumn& c) {
                std::vector<std::string> notes;
                if (text::lower(c.from.type) != text::lower(c.to.type)) {
                  notes.push_back(fmt::format("{} -> {}: MySQL converts each value, and in strict mode fails on one "
                                              "that does not fit",
                                              c.from.type, c.to.type));
                }
                if (c.from.nullable && !c.to.nullable) {
                  notes.push_back(fmt::format("WARNING: {}.{} becomes NOT NULL: fails (strict mode) while a row holds "
                                              "NULL there",
                                              c.table.str(), c.to.name));
                }
                const auto comment = text::join(notes, "\n");
                if (modified_with_key.count({c.table, c.to.name})) return;
                add(alter(c.table, "MODIFY COLUMN " + column_def(c.to) + keyed(c.table, c.to)), comment);
              },
              [&](const diff::AlterPrimaryKey& c) {
                if (c.from && key_adds.count(c.table)) return;  // goes in the statement adding the new key
                if (c.from) {
                  // Only a key goes: a column losing AUTO_INCREMENT loses it in the same statement
                  // (MySQL's auto column must stay a key); when all its columns go, so did the key.
                  if (!key_survives(c.table, *c.from)) return;
                  std::vector<std::string> actions;
                  for (const auto& ch : changes) {
                    const auto* a = std::get_if<diff::AlterColumn>(&ch);
                    if (!a || a->table != c.table || a->from.identity.empty() || !a->to.identity.empty()) continue;
                    actions.push_back("MODIFY COLUMN " + column_def(a->to));
                    modified_with_key.insert({c.table, a->to.name});
                  }
                  actions.push_back("DROP PRIMARY KEY");
                  add(alter(c.table, text::join(actions, ", ")));
                  return;
                }
                if (keys_done.count(c.table)) return;
                add(alter(c.table, key_change(c.table)));
              },
              [&](const diff::AlterTableOptions& c) { alter_options(c, in_to, add); },
              [&](const diff::AlterTableComment& c) { add(alter(c.table, "COMMENT = " + literal(c.to))); },
              [&](const diff::AddUnique& c) {
                add(alter(c.table, "ADD " + constraint(c.unique.name, "UNIQUE (" + names(c.unique.columns) + ")")));
              },
              [&](const diff::DropUnique& c) {
                if (!gone(c.table)) add(alter(c.table, "DROP INDEX " + q(c.unique.name)));
              },
              [&](const diff::AddForeignKey& c) {
                for (const auto* i : pending) create_index(*i);
                if (!c.key.index.empty() && !own_index(in_to, c.table, c.key.index))
                  add(fmt::format("CREATE INDEX {} ON {} ({})", q(c.key.index), qn(c.table), names(c.key.columns)));
                add(alter(c.table, "ADD " + constraint(c.key.name, fk_def(c.key))));
              },
              [&](const diff::DropForeignKey& c) {
                if (gone(c.table)) return;
                add(alter(c.table, "DROP FOREIGN KEY " + q(c.key.name)));
                // The index MySQL made for the key stays behind: it goes too, and a key added again
                // gets it back by name (below), where MySQL would pick a name of its own.
                if (!c.key.index.empty() && !own_index(in_to, c.table, c.key.index))
                  add(fmt::format("DROP INDEX {} ON {}", q(c.key.index), qn(c.table)));
              },
              [&](const diff::AddCheck& c) {
                add(alter(c.table, "ADD " + constraint(c.check.name, "CHECK (" + c.check.expression + ")")));
              },
              [&](const diff::DropCheck& c) {
                if (!gone(c.table)) add(alter(c.table, "DROP CONSTRAINT " + q(c.check.name)));
              },
              [&](const diff::CreateIndex& c) {
                if (!created.count({c.index.schema, c.index.table})) create_index(c.index);
              },
              [&](const diff::DropIndex& c) {
                const schema::QualifiedName table{c.index.schema, c.index.table};
                if (gone(table)) return;
                // A foreign key that used this index needs one of its own first (MySQL refuses to
                // drop the index a key uses): the one the desired schema has for it.
                if (const auto* t = in_to.table(table)) {
                  for (const auto& k : t->foreign_keys) {
                    if (k.index.empty() || !serves(c.index, k.columns) || has_index(in_from, table, k.index)) continue;
                    if (!made.insert({table, k.index}).second) continue;
                    add(fmt::format("CREATE INDEX {} ON {} ({})", q(k.index), qn(table), names(k.columns)));
                  }
                }
                add(fmt::format("DROP INDEX {} ON {}", q(c.index.name), qn(table)));
              },
              [&](const diff::CreateView& c) { add(fmt::format("CREATE VIEW {} AS {}", qn(schema::qualified(c.view)), c.view.definition)); },
              [&](const diff::DropView& c) { add("DROP VIEW " + qn(schema::qualified(c.view))); },
              [&](const diff::CreateTrigger& c) { add(c.trigger.sql); },
              [&](const diff::DropTrigger& c) {
                add("DROP TRIGGER " + qn({c.trigger.schema, c.trigger.name}));
              },
              [](const diff::CreateSchema&) { unsupported("schemas inside a database"); },
              [](const diff::DropSchema&) { unsupported("schemas inside a database"); },
              [](const diff::CreateExtension&) { unsupported("extensions"); },
              [](const diff::DropExtension&) { unsupported("extensions"); },
              [](const diff::CreateEnum&) { unsupported("enum types (an ENUM is a column's type)"); },
              [](const diff::DropEnum&) { unsupported("enum types (an ENUM is a column's type)"); },
              [](const diff::AlterEnum&) { unsupported("enum types (an ENUM is a column's type)"); },
              [](const diff::CreateSequence&) { unsupported("sequences"); },
              [](const diff::DropSequence&) { unsupported("sequences"); },
              [](const diff::AlterSequence&) { unsupported("sequences"); },
              [](const diff::CreateRoutine&) { unsupported("modelled routines"); },
              [](const diff::DropRoutine&) { unsupported("modelled routines"); },
              [](const diff::ReplaceRoutine&) { unsupported("modelled routines"); },
              [](const diff::AddExclusion&) { unsupported("exclusion constraints"); },
              [](const diff::DropExclusion&) { unsupported("exclusion constraints"); },
              [](const diff::CreateDomain&) { unsupported("domains"); },
              [](const diff::DropDomain&) { unsupported("domains"); },
              [](const diff::AlterDomain&) { unsupported("domains"); },
              [](const diff::CreateComposite&) { unsupported("composite types"); },
              [](const diff::DropComposite&) { unsupported("composite types"); },
              [](const diff::AlterComposite&) { unsupported("composite types"); },
          },
          change);
    }
    return out;
  }

 private:
  /// True when `index` can serve a foreign key on `columns`: they are its leading columns, whole.
  static bool serves(const schema::Index& index, const std::vector<std::string>& columns) {
    if (index.keys.size() < columns.size() || !index.method.empty()) return false;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto& k = index.keys[i];
      if (k.expression || k.length > 0 || k.text != columns[i]) return false;
    }
    return true;
  }

  /// True when `schema` has an index called `name` on `table`: its own, a unique key's, or a
  /// foreign key's.
  static bool has_index(const schema::Lookup& schema, const schema::QualifiedName& table, const std::string& name) {
    if (own_index(schema, table, name)) return true;
    const auto* t = schema.table(table);
    return t && std::any_of(t->foreign_keys.begin(), t->foreign_keys.end(),
                            [&](const schema::ForeignKey& k) { return k.index == name; });
  }

  /// True when `name` is an index or unique key of its own on `table` in `schema` (not one MySQL
  /// makes for a foreign key).
  static bool own_index(const schema::Lookup& schema, const schema::QualifiedName& table, const std::string& name) {
    if (schema.index_on(table.schema, table.name, name)) return true;
    const auto* t = schema.table(table);
    return t && std::any_of(t->uniques.begin(), t->uniques.end(), [&](const auto& u) { return u.name == name; });
  }

  /// " AFTER `previous`" (or " FIRST") so that `column` takes the place the desired schema gives it:
  /// after the nearest column before it there that the table has by now (`live`, updated).
  static std::string position(const schema::Lookup& to, const schema::QualifiedName& table, const std::string& column,
                              std::vector<std::string>& live) {
    const auto* t = to.table(table);
    if (!t) return {};
    const auto& cols = t->columns;
    auto it = std::find_if(cols.begin(), cols.end(), [&](const schema::Column& c) { return c.name == column; });
    if (it == cols.end()) return {};
    for (auto before = it; before != cols.begin();) {
      --before;
      auto at = std::find(live.begin(), live.end(), before->name);
      if (at == live.end()) continue;
      const bool last = at + 1 == live.end();
      live.insert(at + 1, column);
      return last ? "" : " AFTER " + q(before->name);
    }
    live.insert(live.begin(), column);
    return live.size() == 1 ? "" : " FIRST";
  }

  /// The table with its keys, checks, foreign keys and the indexes created with it.
  static std::string create_table(const schema::Table& t, const std::vector<diff::Change>& changes) {
    std::vector<std::string> items;
    for (const auto& col : t.columns) items.push_back(column_def(col));
    if (t.primary_key) items.push_back("PRIMARY KEY (" + names(t.primary_key->columns) + ")");
    for (const auto& u : t.uniques) items.push_back(constraint(u.name, "UNIQUE (" + names(u.columns) + ")"));
    for (const auto& c : changes) {
      const auto* i = std::get_if<diff::CreateIndex>(&c);
      if (!i || i->index.table != t.name || i->index.schema != t.schema) continue;
      items.push_back(fmt::format("{}INDEX {} ({}){}", index_kind(i->index), q(i->index.name), key_list(i->index),
                                  index_using(i->index)));
    }
    for (const auto& k : t.foreign_keys) {
      // The key's own index by the name it had where it was read, not the one MySQL would choose.
      if (!k.index.empty()) items.push_back(fmt::format("INDEX {} ({})", q(k.index), names(k.columns)));
    }
    for (const auto& k : t.checks) items.push_back(constraint(k.name, "CHECK (" + k.expression + ")"));
    for (const auto& k : t.foreign_keys) items.push_back(constraint(k.name, fk_def(k)));
    std::string sql = fmt::format("CREATE TABLE {} (\n", qn(schema::qualified(t)));
    for (std::size_t i = 0; i < items.size(); ++i) sql += "    " + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
    return sql + ")" + table_options(t);
  }

  template <typename Add>
  static void alter_options(const diff::AlterTableOptions& c, const schema::Lookup& to, Add& add) {
    if (c.from.engine != c.to.engine && !c.to.engine.empty()) add(alter(c.table, "ENGINE = " + c.to.engine));
    if (c.from.collation == c.to.collation || c.to.collation.empty()) return;
    add(alter(c.table, fmt::format("CONVERT TO CHARACTER SET {} COLLATE {}", charset_of(c.to.collation),
                                   c.to.collation)),
        "converts every text column of the table to the new collation");
    // CONVERT TO sets every text column's collation: those with one of their own get it back.
    if (const auto* t = to.table(c.table)) {
      for (const auto& col : t->columns) {
        if (!col.collation.empty()) add(alter(c.table, "MODIFY COLUMN " + column_def(col)));
      }
    }
  }
};

}  // namespace

const Renderer& renderer() {
  static const MysqlRenderer instance;
  return instance;
}

}  // namespace retort::dialects::mysql
