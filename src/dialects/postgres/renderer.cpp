// Changes -> PostgreSQL statements. PostgreSQL's ALTER TABLE can make every change in place, so
// there is no rebuild: columns are altered (TYPE ... USING, SET/DROP NOT NULL, SET/DROP DEFAULT)
// and constraints added and dropped by name.

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <regex>
#include <utility>
#include <variant>

#include "dialects/postgres/postgres_dialect.hpp"
#include "support/overloaded.hpp"
#include "support/text.hpp"

namespace retort::dialects::postgres {

namespace {

std::string q(std::string_view name) { return dialect().quote_identifier(name); }

std::string names(const std::vector<std::string>& v) { return dialect().quote_list(v); }

std::string qn(const schema::QualifiedName& name) { return dialect().quote_qualified(name); }

template <typename T>
std::string qn(const T& object) {
  return qn(schema::qualified(object));
}

/// How format_type prints a type in `name`'s schema (the default schema is on the search path).
std::string type_text(const schema::QualifiedName& name) { return qn(name); }

/// A SERIAL column reflects as an integer with nextval('<table>_<column>_seq'::regclass); it is
/// created as SERIAL again so that the sequence exists.
std::optional<std::string> serial_type(const schema::QualifiedName& table, const schema::Column& c) {
  if (!c.default_sql) return std::nullopt;
  auto expected = fmt::format("nextval('{}'::regclass)", qn({table.schema, table.name + "_" + c.name + "_seq"}));
  if (*c.default_sql != expected) return std::nullopt;
  if (c.type == "integer") return std::string("serial");
  if (c.type == "bigint") return std::string("bigserial");
  if (c.type == "smallint") return std::string("smallserial");
  return std::nullopt;
}

std::string column_def(const schema::QualifiedName& table, const schema::Column& c) {
  auto serial = serial_type(table, c);
  std::string out = q(c.name) + " " + (serial ? *serial : c.type);
  if (!c.collation.empty()) out += " COLLATE " + q(c.collation);
  if (c.generated) out += fmt::format(" GENERATED ALWAYS AS ({}) STORED", *c.generated);
  if (!c.identity.empty()) out += fmt::format(" GENERATED {} AS IDENTITY", text::upper(c.identity));
  if (c.default_sql && !serial) out += " DEFAULT " + *c.default_sql;
  if (!c.nullable && !serial) out += " NOT NULL";
  return out;
}

std::string fk_def(const schema::ForeignKey& k) {
  std::string out =
      fmt::format("FOREIGN KEY ({}) REFERENCES {} ({})", names(k.columns), qn(k.target()), names(k.ref_columns));
  if (k.on_update != "NO ACTION") out += " ON UPDATE " + k.on_update;
  if (k.on_delete != "NO ACTION") out += " ON DELETE " + k.on_delete;
  if (k.deferrable) out += k.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
  return out;
}

std::string constraint(const std::string& name, const std::string& body) {
  return name.empty() ? body : "CONSTRAINT " + q(name) + " " + body;
}

std::string create_index(const schema::Index& i) {
  std::vector<std::string> keys;
  for (const auto& k : i.keys) {
    keys.push_back((k.expression ? "(" + k.text + ")" : q(k.text)) + (k.opclass.empty() ? "" : " " + k.opclass) +
                   (k.descending ? " DESC" : ""));
  }
  std::string out =
      fmt::format("CREATE {}INDEX {} ON {}{} ({})", i.unique ? "UNIQUE " : "", q(i.name), qn({i.schema, i.table}),
                  i.method.empty() ? "" : " USING " + i.method, text::join(keys, ", "));
  if (!i.include.empty()) out += " INCLUDE (" + names(i.include) + ")";
  if (!i.where.empty()) out += " WHERE " + i.where;
  return out;
}

std::string alter(const schema::QualifiedName& table, const std::string& what) {
  return fmt::format("ALTER TABLE {} {}", qn(table), what);
}

using Columns = std::map<schema::QualifiedName, std::vector<schema::Column>>;

class PostgresRenderer final : public Renderer {
 public:
  std::vector<RenderedStatement> render(const schema::Schema& from, const schema::Schema& to,
                                        const std::vector<diff::Change>& changes) const override {
    std::vector<RenderedStatement> out;
    auto add = [&](std::string sql, std::string comment = {}) { out.push_back({std::move(sql), std::move(comment)}); };
    Columns live;  // every table's columns as the statements so far leave them
    bool bodies_unchecked = false;
    // A function body may name tables created later in the migration, as pg_dump's output may.
    auto create_routine = [&](const schema::Routine& r) {
      if (!std::exchange(bodies_unchecked, true)) add("SET LOCAL check_function_bodies = off");
      add(std::string(text::trim(r.definition)));
    };
    for (const auto& t : from.tables) live[schema::qualified(t)] = t.columns;
    for (const auto& change : changes) {
      std::visit(
          overloaded{
              [&](const diff::CreateSchema& c) { add("CREATE SCHEMA " + q(c.name)); },
              [&](const diff::CreateDomain& c) { add(create_domain(c.domain)); },
              [&](const diff::CreateComposite& c) {
                std::vector<std::string> attributes;
                for (const auto& a : c.type.attributes) attributes.push_back(q(a.name) + " " + a.type);
                add(fmt::format("CREATE TYPE {} AS ({})", qn(c.type), text::join(attributes, ", ")));
              },
              [&](const diff::DropComposite& c) { add("DROP TYPE " + qn(c.type)); },
              [&](const diff::AlterComposite& c) { alter_composite(c, add); },
              [&](const diff::DropDomain& c) { add("DROP DOMAIN " + qn(c.domain)); },
              [&](const diff::AlterDomain& c) { alter_domain(c, add); },
              [&](const diff::AddExclusion& c) {
                add(alter(c.table, "ADD " + constraint(c.exclusion.name, c.exclusion.definition)));
              },
              [&](const diff::DropExclusion& c) { add(alter(c.table, "DROP CONSTRAINT " + q(c.exclusion.name))); },
              [&](const diff::CreateRoutine& c) { create_routine(c.routine); },
              [&](const diff::ReplaceRoutine& c) {
                // CREATE OR REPLACE keeps the parameter names and the result type; a change there
                // is a drop and a create.
                if (signature(c.from) != signature(c.to)) {
                  add(drop_routine(c.from),
                      "WARNING: parameters or result change: dropped and created again (fails while a view, default "
                      "or trigger uses it)");
                }
                create_routine(c.to);
              },
              [&](const diff::DropRoutine& c) { add(drop_routine(c.routine)); },
              [&](const diff::CreateTrigger& c) { add(c.trigger.sql); },
              [&](const diff::DropTrigger& c) {
                add(fmt::format("DROP TRIGGER {} ON {}", q(c.trigger.name), qn({c.trigger.schema, c.trigger.table})));
              },
              [&](const diff::DropSchema& c) {
                add("DROP SCHEMA " + q(c.name),
                    fmt::format("WARNING: drops schema {} (fails while it holds objects)", c.name));
              },
              [&](const diff::CreateTable& c) {
                const auto& t = c.table;
                std::vector<std::string> items;
                for (const auto& col : t.columns) items.push_back(column_def(schema::qualified(t), col));
                if (t.primary_key)
                  items.push_back(
                      constraint(t.primary_key->name, "PRIMARY KEY (" + names(t.primary_key->columns) + ")"));
                for (const auto& u : t.uniques)
                  items.push_back(constraint(u.name, "UNIQUE (" + names(u.columns) + ")"));
                for (const auto& k : t.checks) items.push_back(constraint(k.name, "CHECK (" + k.expression + ")"));
                for (const auto& k : t.foreign_keys) items.push_back(constraint(k.name, fk_def(k)));
                for (const auto& x : t.exclusions) items.push_back(constraint(x.name, x.definition));
                std::string sql = fmt::format("CREATE TABLE {} (\n", qn(t));
                for (std::size_t i = 0; i < items.size(); ++i)
                  sql += "    " + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
                add(sql + ")");
                if (!t.comment.empty())
                  add(fmt::format("COMMENT ON TABLE {} IS {}", qn(t), text::sql_literal(t.comment)));
              },
              [&](const diff::DropTable& c) {
                add(fmt::format("DROP TABLE {}", qn(c.table)),
                    fmt::format("WARNING: drops table {} and its data", schema::qualified(c.table).str()));
              },
              [&](const diff::AddColumn& c) {
                std::string comment;
                if (!c.column.nullable && !c.column.default_sql && !c.column.generated && c.column.identity.empty()) {
                  comment = fmt::format("WARNING: {} is NOT NULL without a default: fails if {} has rows",
                                        c.column.name, c.table.str());
                }
                add(alter(c.table, "ADD COLUMN " + column_def(c.table, c.column)), comment);
              },
              [&](const diff::DropColumn& c) {
                add(alter(c.table, "DROP COLUMN " + q(c.column.name)),
                    fmt::format("WARNING: drops column {}.{} and its data", c.table.str(), c.column.name));
              },
              [&](const diff::AlterColumn& c) { alter_column(c, add); },
              [&](const diff::AlterPrimaryKey& c) {
                if (c.from) add(alter(c.table, "DROP CONSTRAINT " + q(c.from->name)));
                if (c.to)
                  add(alter(c.table, "ADD " + constraint(c.to->name, "PRIMARY KEY (" + names(c.to->columns) + ")")));
              },
              [](const diff::AlterTableOptions&) {},  // SQLite's options: PostgreSQL tables have none
              [&](const diff::AddUnique& c) {
                add(alter(c.table, "ADD " + constraint(c.unique.name, "UNIQUE (" + names(c.unique.columns) + ")")));
              },
              [&](const diff::DropUnique& c) { add(alter(c.table, "DROP CONSTRAINT " + q(c.unique.name))); },
              [&](const diff::AddForeignKey& c) {
                add(alter(c.table, "ADD " + constraint(c.key.name, fk_def(c.key))));
              },
              [&](const diff::DropForeignKey& c) { add(alter(c.table, "DROP CONSTRAINT " + q(c.key.name))); },
              [&](const diff::AddCheck& c) {
                add(alter(c.table, "ADD " + constraint(c.check.name, "CHECK (" + c.check.expression + ")")));
              },
              [&](const diff::DropCheck& c) { add(alter(c.table, "DROP CONSTRAINT " + q(c.check.name))); },
              [&](const diff::CreateIndex& c) { add(create_index(c.index)); },
              [&](const diff::DropIndex& c) { add(fmt::format("DROP INDEX {}", qn(c.index))); },
              [&](const diff::CreateView& c) {
                add(fmt::format("CREATE VIEW {} AS {}", qn(c.view), c.view.definition));
              },
              [&](const diff::DropView& c) { add(fmt::format("DROP VIEW {}", qn(c.view))); },
              [&](const diff::CreateEnum& c) { add(create_enum(schema::qualified(c.type), c.type.values)); },
              [&](const diff::DropEnum& c) { add(fmt::format("DROP TYPE {}", qn(c.type))); },
              [&](const diff::AlterEnum& c) { alter_enum(c, live, to, add); },
              [&](const diff::CreateSequence& c) {
                add(fmt::format("CREATE SEQUENCE {} {}", qn(c.sequence), sequence_options(c.sequence)));
              },
              [&](const diff::DropSequence& c) { add(fmt::format("DROP SEQUENCE {}", qn(c.sequence))); },
              [&](const diff::AlterSequence& c) {
                add(fmt::format("ALTER SEQUENCE {} {}", qn(c.to), sequence_options(c.to)));
              },
          },
          change);
      track(live, change);
    }
    return out;
  }

 private:
  /// Attribute by attribute: ALTER TYPE ... DROP / ADD / ALTER ATTRIBUTE.
  template <typename Add>
  static void alter_composite(const diff::AlterComposite& c, Add& add) {
    const auto name = qn(c.to);
    auto find = [](const schema::CompositeType& t, const std::string& attribute) {
      auto it =
          std::find_if(t.attributes.begin(), t.attributes.end(), [&](const auto& a) { return a.name == attribute; });
      return it == t.attributes.end() ? nullptr : &*it;
    };
    for (const auto& a : c.from.attributes) {
      if (!find(c.to, a.name)) add(fmt::format("ALTER TYPE {} DROP ATTRIBUTE {}", name, q(a.name)));
    }
    for (const auto& a : c.to.attributes) {
      const auto* old = find(c.from, a.name);
      if (!old)
        add(fmt::format("ALTER TYPE {} ADD ATTRIBUTE {} {}", name, q(a.name), a.type));
      else if (old->type != a.type)
        add(fmt::format("ALTER TYPE {} ALTER ATTRIBUTE {} TYPE {}", name, q(a.name), a.type));
    }
  }

  static std::string create_domain(const schema::Domain& d) {
    std::string out = fmt::format("CREATE DOMAIN {} AS {}", qn(d), d.type);
    if (d.default_sql) out += " DEFAULT " + *d.default_sql;
    if (!d.nullable) out += " NOT NULL";
    for (const auto& c : d.checks) out += " " + constraint(c.name, c.expression);
    return out;
  }

  /// In place where ALTER DOMAIN can; a new base type is a drop and a create.
  template <typename Add>
  static void alter_domain(const diff::AlterDomain& c, Add& add) {
    const auto name = qn(c.to);
    if (c.from.type != c.to.type) {
      add("DROP DOMAIN " + name,
          "WARNING: the base type changes: dropped and created again (fails while a column uses it)");
      add(create_domain(c.to));
      return;
    }
    if (c.from.default_sql != c.to.default_sql)
      add(fmt::format("ALTER DOMAIN {} {}", name,
                      c.to.default_sql ? "SET DEFAULT " + *c.to.default_sql : "DROP DEFAULT"));
    if (c.from.nullable != c.to.nullable)
      add(fmt::format("ALTER DOMAIN {} {} NOT NULL", name, c.to.nullable ? "DROP" : "SET"));
    for (const auto& k : c.from.checks) {
      if (std::find(c.to.checks.begin(), c.to.checks.end(), k) == c.to.checks.end())
        add(fmt::format("ALTER DOMAIN {} DROP CONSTRAINT {}", name, q(k.name)));
    }
    for (const auto& k : c.to.checks) {
      if (std::find(c.from.checks.begin(), c.from.checks.end(), k) == c.from.checks.end())
        add(fmt::format("ALTER DOMAIN {} ADD {}", name, constraint(k.name, k.expression)));
    }
  }

  static std::string drop_routine(const schema::Routine& r) {
    return fmt::format("DROP {} {}({})", r.procedure ? "PROCEDURE" : "FUNCTION", qn(r), r.arguments);
  }

  /// The name, parameters and result: the first two lines of pg_get_functiondef's text.
  static std::string_view signature(const schema::Routine& r) {
    std::string_view d = r.definition;
    auto first = d.find('\n');
    auto second = first == std::string_view::npos ? first : d.find('\n', first + 1);
    return d.substr(0, second);
  }

  /// Follows the columns through the changes, for an enum swap to find the columns it converts.
  static void track(Columns& live, const diff::Change& change) {
    auto erase_column = [](std::vector<schema::Column>& columns, const std::string& name) {
      std::erase_if(columns, [&](const schema::Column& c) { return c.name == name; });
    };
    std::visit(overloaded{
                   [&](const diff::CreateTable& c) { live[schema::qualified(c.table)] = c.table.columns; },
                   [&](const diff::DropTable& c) { live.erase(schema::qualified(c.table)); },
                   [&](const diff::AddColumn& c) { live[c.table].push_back(c.column); },
                   [&](const diff::DropColumn& c) { erase_column(live[c.table], c.column.name); },
                   [&](const diff::AlterColumn& c) {
                     erase_column(live[c.table], c.from.name);
                     live[c.table].push_back(c.to);
                   },
                   [](const auto&) {},
               },
               change);
  }

  static std::string sequence_options(const schema::Sequence& sq) {
    return fmt::format("AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} {} {}", sq.type, sq.increment, sq.min_value,
                       sq.max_value, "START WITH " + sq.start, sq.cycle ? "CYCLE" : "NO CYCLE");
  }

  static std::string create_enum(const schema::QualifiedName& name, const std::vector<std::string>& values) {
    std::vector<std::string> labels;
    for (const auto& v : values) labels.push_back(text::sql_literal(v));
    return fmt::format("CREATE TYPE {} AS ENUM ({})", qn(name), text::join(labels, ", "));
  }

  /// New labels are added in place (in order, each after its predecessor); when labels are removed
  /// or reordered the type is swapped: rename, create, convert each column through text, drop.
  template <typename Add>
  static void alter_enum(const diff::AlterEnum& c, const Columns& live, const schema::Schema& to, Add& add) {
    const auto& from = c.from.values;
    const auto& want = c.to.values;
    if (diff::adds_labels_only(c.from, c.to)) {
      for (std::size_t i = 0; i < want.size(); ++i) {
        if (std::find(from.begin(), from.end(), want[i]) != from.end()) continue;
        auto where = i == 0 ? "BEFORE " + text::sql_literal(want[1]) : "AFTER " + text::sql_literal(want[i - 1]);
        add(fmt::format("ALTER TYPE {} ADD VALUE {} {}", qn(c.to), text::sql_literal(want[i]), where));
      }
      return;
    }
    const auto name = schema::qualified(c.to);
    const schema::QualifiedName old_name{c.to.schema, c.to.name + "__retort_old"};
    add(fmt::format("ALTER TYPE {} RENAME TO {}", qn(name), q(old_name.name)),
        fmt::format("WARNING: enum {} loses or reorders labels; rows holding a removed label make this fail",
                    name.str()));
    add(create_enum(name, want));
    const auto type = type_text(name);
    // The columns that have the type now, after the changes before this one; a default comes back
    // as the desired schema has it (the current one may name a removed label).
    for (const auto& [table, columns] : live) {
      for (const auto& col : columns) {
        if (col.type != type) continue;
        if (col.default_sql) add(alter(table, "ALTER COLUMN " + q(col.name) + " DROP DEFAULT"));
        add(alter(table,
                  fmt::format("ALTER COLUMN {} TYPE {} USING {}::text::{}", q(col.name), type, q(col.name), type)));
        const auto* desired_table = to.table(table);
        const auto* desired = desired_table ? desired_table->column(col.name) : nullptr;
        if (desired && desired->default_sql)
          add(alter(table, "ALTER COLUMN " + q(col.name) + " SET DEFAULT " + *desired->default_sql));
      }
    }
    add(fmt::format("DROP TYPE {}", qn(old_name)));
  }

  template <typename Add>
  static void alter_column(const diff::AlterColumn& c, Add& add) {
    const auto& from = c.from;
    const auto& to = c.to;
    const auto col = q(to.name);
    if (from.generated != to.generated) {
      // A generation expression cannot be altered in place on PostgreSQL 15.
      add(alter(c.table, "DROP COLUMN " + col),
          fmt::format("WARNING: recreates column {}.{}; its data is recomputed or lost", c.table.str(), to.name));
      add(alter(c.table, "ADD COLUMN " + column_def(c.table, to)));
      return;
    }
    if (from.identity != to.identity && !from.identity.empty())
      add(alter(c.table, "ALTER COLUMN " + col + " DROP IDENTITY"));
    if (from.default_sql != to.default_sql && from.default_sql)
      add(alter(c.table, "ALTER COLUMN " + col + " DROP DEFAULT"));
    if (from.type != to.type || from.collation != to.collation) {
      std::string what = "ALTER COLUMN " + col + " TYPE " + to.type;
      if (!to.collation.empty()) what += " COLLATE " + q(to.collation);
      add(alter(c.table, what + " USING " + col + "::" + to.type));
    }
    if (from.default_sql != to.default_sql && to.default_sql)
      add(alter(c.table, "ALTER COLUMN " + col + " SET DEFAULT " + *to.default_sql));
    if (from.nullable != to.nullable)
      add(alter(c.table, "ALTER COLUMN " + col + (to.nullable ? " DROP NOT NULL" : " SET NOT NULL")));
    // Identity is added and dropped in place, keeping the column's values.
    if (from.identity != to.identity && !to.identity.empty()) {
      add(alter(c.table, fmt::format("ALTER COLUMN {} ADD GENERATED {} AS IDENTITY", col, text::upper(to.identity))));
    }
    if (from.comment != to.comment) {
      add(fmt::format("COMMENT ON COLUMN {}.{} IS {}", qn(c.table), col,
                      to.comment.empty() ? "NULL" : text::sql_literal(to.comment)));
    }
  }
};

}  // namespace

const Renderer& renderer() {
  static const PostgresRenderer instance;
  return instance;
}

}  // namespace retort::dialects::postgres
