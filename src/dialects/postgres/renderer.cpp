// Changes -> PostgreSQL statements. PostgreSQL's ALTER TABLE can make every change in place, so
// there is no rebuild: columns are altered (TYPE ... USING, SET/DROP NOT NULL, SET/DROP DEFAULT)
// and constraints added and dropped by name.

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <utility>
#include <variant>

#include "dialects/postgres/casts.hpp"
#include "dialects/postgres/postgres_dialect.hpp"
#include "schema/lookup.hpp"
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

/// The default MAXVALUE of a sequence of an integer type, as pg_sequence reports it.
std::string_view type_max(std::string_view type) {
  if (type == "smallint") return "32767";
  if (type == "integer") return "2147483647";
  return "9223372036854775807";
}

std::string sequence_options(const schema::Sequence& sq) {
  return fmt::format("AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} {} {}", sq.type, sq.increment, sq.min_value,
                     sq.max_value, "START WITH " + sq.start, sq.cycle ? "CYCLE" : "NO CYCLE");
}

/// A column owning a sequence exactly as SERIAL makes it (`<table>_<column>_seq`, the column's
/// type, the defaults) is created as SERIAL again; any other owned sequence is created beside it.
std::optional<std::string> serial_type(const schema::QualifiedName& table, const schema::Column& c) {
  if (!c.owned_sequence || !c.default_sql) return std::nullopt;
  const auto& sq = *c.owned_sequence;
  const auto name = schema::qualified(sq);
  if (name != schema::QualifiedName(table.schema, table.name + "_" + c.name + "_seq")) return std::nullopt;
  if (*c.default_sql != fmt::format("nextval('{}'::regclass)", qn(name))) return std::nullopt;
  if (sq.type != c.type || sq.start != "1" || sq.increment != "1" || sq.min_value != "1" ||
      sq.max_value != type_max(c.type) || sq.cycle)
    return std::nullopt;
  if (c.type == "integer") return std::string("serial");
  if (c.type == "bigint") return std::string("bigserial");
  if (c.type == "smallint") return std::string("smallserial");
  return std::nullopt;
}

/// The options of an identity column's sequence, when they are not what GENERATED ... AS IDENTITY
/// makes unasked: " (SEQUENCE NAME ... START WITH ...)"; empty otherwise.
std::string identity_options(const schema::QualifiedName& table, const schema::Column& c) {
  if (c.identity.empty() || !c.owned_sequence) return {};
  const auto& sq = *c.owned_sequence;
  const auto name = schema::qualified(sq);
  const bool default_name = name == schema::QualifiedName(table.schema, table.name + "_" + c.name + "_seq");
  if (default_name && sq.start == "1" && sq.increment == "1" && sq.min_value == "1" &&
      sq.max_value == type_max(c.type) && !sq.cycle)
    return {};
  return fmt::format(" ({}START WITH {} INCREMENT BY {} MINVALUE {} MAXVALUE {} {})",
                     default_name ? "" : "SEQUENCE NAME " + qn(name) + " ", sq.start, sq.increment, sq.min_value,
                     sq.max_value, sq.cycle ? "CYCLE" : "NO CYCLE");
}

/// The sequence a column owns through a default (SERIAL, OWNED BY), not through an identity.
const schema::Sequence* default_sequence(const schema::Column& c) {
  return c.identity.empty() && c.owned_sequence ? &*c.owned_sequence : nullptr;
}

std::string column_def(const schema::QualifiedName& table, const schema::Column& c) {
  auto serial = serial_type(table, c);
  std::string out = q(c.name) + " " + (serial ? *serial : c.type);
  if (!c.collation.empty()) out += " COLLATE " + q(c.collation);
  if (c.generated) out += fmt::format(" GENERATED ALWAYS AS ({}) STORED", *c.generated);
  if (!c.identity.empty())
    out += fmt::format(" GENERATED {} AS IDENTITY{}", text::upper(c.identity), identity_options(table, c));
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
                   (k.descending ? " DESC" : "") + (k.nulls.empty() ? "" : " NULLS " + text::upper(k.nulls)));
  }
  std::string out =
      fmt::format("CREATE {}INDEX {} ON {}{} ({})", i.unique ? "UNIQUE " : "", q(i.name), qn({i.schema, i.table}),
                  i.method.empty() ? "" : " USING " + i.method, text::join(keys, ", "));
  if (!i.include.empty()) out += " INCLUDE (" + names(i.include) + ")";
  if (!i.where.empty()) out += " WHERE " + i.where;
  return out;
}

/// A comment's text, or NULL to remove it.
std::string comment_text(const std::string& comment) {
  return comment.empty() ? "NULL" : text::sql_literal(comment);
}

std::string comment_on_table(const schema::QualifiedName& table, const std::string& comment) {
  return fmt::format("COMMENT ON TABLE {} IS {}", qn(table), comment_text(comment));
}

std::string comment_on_column(const schema::QualifiedName& table, const schema::Column& c) {
  return fmt::format("COMMENT ON COLUMN {}.{} IS {}", qn(table), q(c.name), comment_text(c.comment));
}

std::string alter(const schema::QualifiedName& table, const std::string& what) {
  return fmt::format("ALTER TABLE {} {}", qn(table), what);
}

using Columns = std::map<schema::QualifiedName, std::vector<schema::Column>>;

/// The statements that give a column the sequence it owns, around the statement that creates or
/// alters the column: `before` makes the sequence (or adapts a free one of `from`), `after` hands
/// it to the column.
struct OwnedSequence {
  std::vector<std::string> before, after;
};

/// Creates `sq`, or gives a free sequence of `from` by that name its options.
std::vector<std::string> make_sequence(const schema::Schema& from, const schema::Sequence& sq) {
  const auto* existing = from.sequence(schema::qualified(sq));
  if (!existing) return {fmt::format("CREATE SEQUENCE {} {}", qn(sq), sequence_options(sq))};
  if (!(*existing == sq)) return {fmt::format("ALTER SEQUENCE {} {}", qn(sq), sequence_options(sq))};
  return {};
}

/// For a column created with the table or added: SERIAL makes its own sequence.
OwnedSequence own_sequence(const schema::Schema& from, const schema::QualifiedName& table, const schema::Column& c) {
  OwnedSequence out;
  if (!default_sequence(c) || serial_type(table, c)) return out;
  out.before = make_sequence(from, *c.owned_sequence);
  out.after.push_back(fmt::format("ALTER SEQUENCE {} OWNED BY {}.{}", qn(*c.owned_sequence), qn(table), q(c.name)));
  return out;
}

/// Dropping a column drops the sequence it owns; one that `to` keeps as a free sequence is
/// released first.
std::optional<std::string> release_sequence(const schema::Schema& to, const schema::Column& c) {
  if (!default_sequence(c) || !to.sequence(schema::qualified(*c.owned_sequence))) return std::nullopt;
  return fmt::format("ALTER SEQUENCE {} OWNED BY NONE", qn(*c.owned_sequence));
}

class PostgresRenderer final : public Renderer {
 public:
  std::vector<RenderedStatement> render(const schema::Schema& from, const schema::Schema& to,
                                        const std::vector<diff::Change>& changes) const override {
    std::vector<RenderedStatement> out;
    const schema::Lookup in_to(to);  // one lookup per dropped column would scan every table
    auto add = [&](std::string sql, std::string comment = {}, bool outside_transaction = false) {
      out.push_back({std::move(sql), std::move(comment), outside_transaction});
    };
    Columns live;  // every table's columns as the statements so far leave them
    std::set<std::pair<schema::QualifiedName, std::string>> dropped_early;
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
              // IF [NOT] EXISTS: an extension is the database's, and may be there already (installed
              // by hand, or by another application's migrations).
              [&](const diff::CreateExtension& c) {
                add(fmt::format("CREATE EXTENSION IF NOT EXISTS {}{}", q(c.extension.name),
                                c.extension.schema.empty() ? "" : " WITH SCHEMA " + q(c.extension.schema)));
              },
              [&](const diff::DropExtension& c) {
                add(fmt::format("DROP EXTENSION IF EXISTS {}", q(c.extension.name)),
                    fmt::format("WARNING: drops extension {}", c.extension.name));
              },
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
                OwnedSequence sequences;
                for (const auto& col : t.columns) {
                  auto o = own_sequence(from, schema::qualified(t), col);
                  for (auto& b : o.before) add(std::move(b));
                  sequences.after.insert(sequences.after.end(), o.after.begin(), o.after.end());
                }
                std::vector<std::string> items;
                for (const auto& col : t.columns) items.push_back(column_def(schema::qualified(t), col));
                if (t.primary_key)
                  items.push_back(
                      constraint(t.primary_key->name, "PRIMARY KEY (" + names(t.primary_key->columns) + ")"));
                // CREATE TABLE folds a unique constraint on the primary key's columns, or on an
                // earlier unique's, into that one: such a unique is added afterwards.
                std::vector<std::vector<std::string>> keyed;
                if (t.primary_key) keyed.push_back(t.primary_key->columns);
                std::vector<const schema::UniqueConstraint*> folded;
                for (const auto& u : t.uniques) {
                  if (std::find(keyed.begin(), keyed.end(), u.columns) != keyed.end()) {
                    folded.push_back(&u);
                    continue;
                  }
                  keyed.push_back(u.columns);
                  items.push_back(constraint(u.name, "UNIQUE (" + names(u.columns) + ")"));
                }
                for (const auto& k : t.checks) items.push_back(constraint(k.name, "CHECK (" + k.expression + ")"));
                for (const auto& k : t.foreign_keys) items.push_back(constraint(k.name, fk_def(k)));
                for (const auto& x : t.exclusions) items.push_back(constraint(x.name, x.definition));
                std::string sql = fmt::format("CREATE TABLE {} (\n", qn(t));
                for (std::size_t i = 0; i < items.size(); ++i)
                  sql += "    " + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
                add(sql + ")");
                for (auto& a : sequences.after) add(std::move(a));
                for (const auto* u : folded)
                  add(alter(schema::qualified(t), "ADD " + constraint(u->name, "UNIQUE (" + names(u->columns) + ")")));
                if (!t.comment.empty()) add(comment_on_table(schema::qualified(t), t.comment));
                for (const auto& col : t.columns) {
                  if (!col.comment.empty()) add(comment_on_column(schema::qualified(t), col));
                }
              },
              [&](const diff::AlterTableComment& c) { add(comment_on_table(c.table, c.to)); },
              [&](const diff::DropTable& c) {
                for (const auto& col : c.table.columns) {
                  if (auto release = release_sequence(to, col)) add(*release);
                }
                add(fmt::format("DROP TABLE {}", qn(c.table)),
                    fmt::format("WARNING: drops table {} and its data", schema::qualified(c.table).str()));
              },
              [&](const diff::AddColumn& c) {
                std::string comment;
                if (!c.column.nullable && !c.column.default_sql && !c.column.generated && c.column.identity.empty()) {
                  comment = fmt::format("WARNING: {} is NOT NULL without a default: fails if {} has rows",
                                        c.column.name, c.table.str());
                }
                auto sequence = own_sequence(from, c.table, c.column);
                for (auto& b : sequence.before) add(std::move(b));
                add(alter(c.table, "ADD COLUMN " + column_def(c.table, c.column)), comment);
                for (auto& a : sequence.after) add(std::move(a));
                if (!c.column.comment.empty()) add(comment_on_column(c.table, c.column));
              },
              [&](const diff::DropColumn& c) {
                if (dropped_early.count({c.table, c.column.name})) return;  // by an enum swap before
                const auto* t = in_to.table(c.table);
                const auto* again = t ? t->column(c.column.name) : nullptr;
                if (auto release = release_sequence(to, c.column)) add(*release);
                add(alter(c.table, "DROP COLUMN " + q(c.column.name)),
                    again && !converts(c.column.type, again->type)
                        ? fmt::format("WARNING: no cast from {} to {}: column {}.{} is dropped and added again, "
                                      "losing its values (write the conversion by hand to keep them)",
                                      c.column.type, again->type, c.table.str(), c.column.name)
                        : fmt::format("WARNING: drops column {}.{} and its data", c.table.str(), c.column.name));
              },
              [&](const diff::AlterColumn& c) { alter_column(c, from, to, add); },
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
              [&](const diff::AlterEnum& c) { alter_enum(c, live, to, dropped_early, add); },
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
    // Labels added in place come first, in a block of their own (see alter_enum).
    std::stable_partition(out.begin(), out.end(), [](const RenderedStatement& r) { return r.outside_transaction; });
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

  static std::string create_enum(const schema::QualifiedName& name, const std::vector<std::string>& values) {
    std::vector<std::string> labels;
    for (const auto& v : values) labels.push_back(text::sql_literal(v));
    return fmt::format("CREATE TYPE {} AS ENUM ({})", qn(name), text::join(labels, ", "));
  }

  /// New labels are added in place (in order, each after its predecessor); when labels are removed
  /// or reordered the type is swapped: rename, create, convert each column through text, drop.
  template <typename Add>
  static void alter_enum(const diff::AlterEnum& c, Columns& live, const schema::Schema& to,
                         std::set<std::pair<schema::QualifiedName, std::string>>& dropped_early, Add& add) {
    const auto& from = c.from.values;
    const auto& want = c.to.values;
    if (diff::adds_labels_only(c.from, c.to)) {
      for (std::size_t i = 0; i < want.size(); ++i) {
        if (std::find(from.begin(), from.end(), want[i]) != from.end()) continue;
        auto where = i == 0 ? "BEFORE " + text::sql_literal(want[1]) : "AFTER " + text::sql_literal(want[i - 1]);
        // Committed before the rest (a label cannot be used in the transaction that adds it), and
        // safe to run again after a later block failed.
        add(fmt::format("ALTER TYPE {} ADD VALUE IF NOT EXISTS {} {}", qn(c.to), text::sql_literal(want[i]), where),
            "", true);
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
    for (auto& entry : live) {
      const auto& table = entry.first;  // not a structured binding: the lambda below captures it
      auto& columns = entry.second;
      // A column this migration drops may hold a removed label: it goes now, before the others
      // convert (the downgrade of a migration that added the label and a column using it).
      const auto* desired_table = to.table(table);
      std::erase_if(columns, [&](const schema::Column& col) {
        if ((col.type != type && col.type != type + "[]") || (desired_table && desired_table->column(col.name)))
          return false;
        add(alter(table, "DROP COLUMN " + q(col.name)),
            fmt::format("WARNING: drops column {}.{} and its data", table.str(), col.name));
        dropped_early.insert({table, col.name});
        return true;
      });
      for (const auto& col : columns) {
        if (col.type != type && col.type != type + "[]") continue;  // arrays of it convert too
        if (col.default_sql) add(alter(table, "ALTER COLUMN " + q(col.name) + " DROP DEFAULT"));
        add(alter(table, fmt::format("ALTER COLUMN {} TYPE {} USING {}::text::{}", q(col.name), col.type,
                                     q(col.name), col.type)));
        const auto* desired = desired_table ? desired_table->column(col.name) : nullptr;
        if (desired && desired->default_sql)
          add(alter(table, "ALTER COLUMN " + q(col.name) + " SET DEFAULT " + *desired->default_sql));
      }
    }
    add(fmt::format("DROP TYPE {}", qn(old_name)));
  }

  /// Moves a sequence a column takes over past the values its rows already hold, so the next id
  /// is a new one (ascending sequences; nothing when the table is empty or below the start).
  template <typename Add>
  static void skip_existing(Add& add, const std::string& sequence, const schema::QualifiedName& table,
                            const std::string& col, const schema::Sequence& sq) {
    if (sq.increment.starts_with("-")) return;
    add(fmt::format("SELECT setval({}, max({})) FROM {} HAVING max({}) >= {}", sequence, col, qn(table), col,
                    sq.start));
  }

  template <typename Add>
  static void alter_column(const diff::AlterColumn& c, const schema::Schema& from_schema,
                           const schema::Schema& to_schema, Add& add) {
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
    // ALWAYS <-> BY DEFAULT in place: dropping the identity would restart its numbering.
    const bool identity_kind = !from.identity.empty() && !to.identity.empty() && from.identity != to.identity;
    if (from.identity != to.identity && !from.identity.empty() && !identity_kind)
      add(alter(c.table, "ALTER COLUMN " + col + " DROP IDENTITY"));
    if (identity_kind) add(alter(c.table, "ALTER COLUMN " + col + " SET GENERATED " + text::upper(to.identity)));
    if (from.default_sql != to.default_sql && from.default_sql)
      add(alter(c.table, "ALTER COLUMN " + col + " DROP DEFAULT"));
    if (from.type != to.type || from.collation != to.collation) {
      std::string what = "ALTER COLUMN " + col + " TYPE " + to.type;
      if (!to.collation.empty()) what += " COLLATE " + q(to.collation);
      // A type that is not built in (an enum, a domain) converts through its text form.
      add(alter(c.table, what + " USING " + col + (direct_cast(from.type, to.type) ? "" : "::text") + "::" + to.type));
    }
    // The sequence the column owns: released or dropped once no default names it, created or
    // adopted before the default names it.
    const auto* from_sequence = default_sequence(from);
    const auto* to_sequence = default_sequence(to);
    const auto old_sequence = from_sequence ? schema::qualified(*from_sequence) : schema::QualifiedName();
    const auto new_sequence = to_sequence ? schema::qualified(*to_sequence) : schema::QualifiedName();
    if (from_sequence && old_sequence != new_sequence) {
      if (to_schema.sequence(old_sequence))
        add(fmt::format("ALTER SEQUENCE {} OWNED BY NONE", qn(old_sequence)));
      else
        add(fmt::format("DROP SEQUENCE {}", qn(old_sequence)));
    }
    if (to_sequence && old_sequence != new_sequence) {
      for (const auto& statement : make_sequence(from_schema, *to_sequence)) add(statement);
      add(fmt::format("ALTER SEQUENCE {} OWNED BY {}.{}", qn(new_sequence), qn(c.table), col));
      if (!from_schema.sequence(new_sequence))
        skip_existing(add, text::sql_literal(qn(new_sequence)), c.table, col, *to_sequence);
    } else if (to_sequence && from_sequence && !(*from_sequence == *to_sequence)) {
      add(fmt::format("ALTER SEQUENCE {} {}", qn(new_sequence), sequence_options(*to_sequence)));
    }
    // An identity that stays: its sequence's options in place (a new type is the column's).
    if (!from.identity.empty() && !to.identity.empty() && from.owned_sequence && to.owned_sequence &&
        !(*from.owned_sequence == *to.owned_sequence)) {
      const auto& sq = *to.owned_sequence;
      add(alter(c.table, fmt::format("ALTER COLUMN {} SET INCREMENT BY {} SET MINVALUE {} SET MAXVALUE {} SET START "
                                     "WITH {} SET {}",
                                     col, sq.increment, sq.min_value, sq.max_value, sq.start,
                                     sq.cycle ? "CYCLE" : "NO CYCLE")));
    }
    if (from.default_sql != to.default_sql && to.default_sql)
      add(alter(c.table, "ALTER COLUMN " + col + " SET DEFAULT " + *to.default_sql));
    if (from.nullable != to.nullable)
      add(alter(c.table, "ALTER COLUMN " + col + (to.nullable ? " DROP NOT NULL" : " SET NOT NULL")));
    // Identity is added and dropped in place, keeping the column's values.
    if (from.identity != to.identity && !to.identity.empty() && !identity_kind) {
      add(alter(c.table, fmt::format("ALTER COLUMN {} ADD GENERATED {} AS IDENTITY{}", col, text::upper(to.identity),
                                     identity_options(c.table, to))));
      if (to.owned_sequence) {
        skip_existing(add,
                      fmt::format("pg_get_serial_sequence({}, {})", text::sql_literal(qn(c.table)),
                                  text::sql_literal(to.name)),
                      c.table, col, *to.owned_sequence);
      }
    }
    if (from.comment != to.comment) add(comment_on_column(c.table, to));
  }
};

}  // namespace

const Renderer& renderer() {
  static const PostgresRenderer instance;
  return instance;
}

}  // namespace retort::dialects::postgres
