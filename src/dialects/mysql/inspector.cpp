// Reads a MySQL or MariaDB database into the schema model through information_schema: one query
// per kind of object for the whole database. Both sides of a comparison are read from the same
// server, so the server's own spelling of types, defaults and expressions compares as text; what
// differs between two databases of one server (the database's name inside view definitions, the
// collation a column merely inherits) is taken out.

#include <fmt/format.h>
#include <algorithm>
#include <map>

#include "dialects/mysql/mysql_dialect.hpp"
#include "support/text.hpp"

namespace retort::dialects::mysql {

namespace {

using Rows = std::vector<Connection::Row>;

std::string str(const Connection::Row& row, std::size_t i) { return row[i].value_or(""); }

/// MariaDB spells a default as SQL (quoted literals, `NULL` for none); MySQL 8 gives a literal's
/// bare value and flags expressions with DEFAULT_GENERATED. Both become SQL text here.
std::optional<std::string> default_of(const Connection::Row& r, bool mariadb, const std::string& extra) {
  if (!r[4]) return std::nullopt;
  const auto& d = *r[4];
  if (mariadb) {
    if (d == "NULL") return std::nullopt;
    return d;
  }
  if (text::lower(extra).find("default_generated") != std::string::npos) {
    return text::lower(d).rfind("current_timestamp", 0) == 0 ? d : "(" + d + ")";
  }
  return literal(d);
}

/// `db`.name -> name for the database being read, wherever the server qualified a name with it.
std::string unqualified(std::string sql, const std::string& database) {
  const auto prefix = dialect().quote_identifier(database) + ".";
  const auto backticked = "`" + database + "`.";
  for (const auto& p : {prefix, backticked}) {
    for (auto at = sql.find(p); at != std::string::npos; at = sql.find(p, at)) sql.erase(at, p.size());
  }
  return sql;
}

/// InnoDB treats RESTRICT as NO ACTION (checked at once either way), and reports an action left
/// unsaid as RESTRICT: one spelling keeps them equal.
std::string action(const std::string& rule) { return rule == "RESTRICT" ? "NO ACTION" : rule; }

class MysqlInspector final : public Inspector {
 public:
  schema::Schema inspect(Connection& conn, const InspectOptions& options) const override {
    const auto database = options.schema.empty() ? conn.query_column("SELECT DATABASE()").front() : options.schema;
    const auto db = literal(database);
    const bool mariadb = text::lower(server_version(conn)).find("mariadb") != std::string::npos;
    auto excluded = [&](const std::string& table) {
      return std::find(options.exclude_tables.begin(), options.exclude_tables.end(), table) !=
             options.exclude_tables.end();
    };
    schema::Schema s;
    std::map<std::string, std::size_t> table_at;
    for (const auto& r : conn.query(fmt::format(
             "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, TABLE_COMMENT, CREATE_OPTIONS "
             "FROM information_schema.TABLES "
             "WHERE TABLE_SCHEMA = {} ORDER BY TABLE_NAME",
             db))) {
      const auto name = str(r, 0);
      if (excluded(name) || str(r, 1) == "VIEW") continue;
      if (str(r, 1) != "BASE TABLE") {
        s.skipped.push_back(fmt::format("{} ({})", name, text::lower(str(r, 1))));
        continue;
      }
      schema::Table t;
      t.name = name;
      t.options.engine = str(r, 2);
      t.options.collation = str(r, 3);
      t.comment = str(r, 4);
      // Partitioning is not modelled: the table is compared, its partitions are not.
      if (text::lower(str(r, 5)).find("partitioned") != std::string::npos)
        s.skipped.push_back(fmt::format("{} (partitioning)", name));
      table_at[name] = s.tables.size();
      s.tables.push_back(std::move(t));
    }
    auto table = [&](const std::string& name) -> schema::Table* {
      auto it = table_at.find(name);
      return it == table_at.end() ? nullptr : &s.tables[it->second];
    };

    for (const auto& r : conn.query(fmt::format(
             "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, GENERATION_EXPRESSION, "
             "COLLATION_NAME, COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = {} "
             "ORDER BY TABLE_NAME, ORDINAL_POSITION",
             db))) {
      auto* t = table(str(r, 0));
      if (!t) continue;
      schema::Column c;
      c.name = str(r, 1);
      c.type = str(r, 2);
      c.nullable = str(r, 3) == "YES";
      const auto extra = str(r, 5);
      const auto lower_extra = text::lower(extra);
      if (r[6] && lower_extra.find("generated") != std::string::npos) {
        c.generated = *r[6];
        c.generated_stored = lower_extra.find("stored") != std::string::npos ||
                             lower_extra.find("persistent") != std::string::npos;
      } else {
        c.default_sql = default_of(r, mariadb, extra);
      }
      if (lower_extra.find("auto_increment") != std::string::npos) c.identity = "auto_increment";
      if (auto at = lower_extra.find("on update "); at != std::string::npos) c.on_update = extra.substr(at + 10);
      // A collation the column only inherits from its table is the table's business.
      if (str(r, 7) != t->options.collation) c.collation = str(r, 7);
      c.comment = str(r, 8);
      t->columns.push_back(std::move(c));
    }

    read_constraints(conn, db, database, mariadb, table);
    read_indexes(conn, db, s, table);

    for (const auto& r : conn.query(fmt::format(
             "SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = {} "
             "ORDER BY TABLE_NAME",
             db))) {
      if (excluded(str(r, 0))) continue;
      schema::View v;
      v.name = str(r, 0);
      v.definition = unqualified(str(r, 1), database);
      s.views.push_back(std::move(v));
    }
    for (const auto& r : conn.query(fmt::format(
             "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT "
             "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = {} ORDER BY TRIGGER_NAME",
             db))) {
      if (excluded(str(r, 1))) continue;
      schema::Trigger tr;
      tr.name = str(r, 0);
      tr.table = str(r, 1);
      tr.sql = fmt::format("CREATE TRIGGER {} {} {} ON {} FOR EACH ROW {}", backticked(tr.name), str(r, 2), str(r, 3),
                           backticked(tr.table),
                           unqualified(str(r, 4), database));
      s.triggers.push_back(std::move(tr));
    }
    // Routines and events are not modelled on MySQL yet: a check says it did not compare them.
    for (const auto& r : conn.query(fmt::format(
             "SELECT ROUTINE_NAME, LOWER(ROUTINE_TYPE) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = {} "
             "UNION ALL SELECT EVENT_NAME, 'event' FROM information_schema.EVENTS WHERE EVENT_SCHEMA = {} ORDER BY 1",
             db, db))) {
      s.skipped.push_back(fmt::format("{} ({})", str(r, 0), str(r, 1)));
    }
    s.normalise();
    return s;
  }

  std::string server_version(Connection& conn) const override { return conn.query_column("SELECT VERSION()").front(); }

  diff::Hooks hooks() const override {
    // Both sides are printed by the same server; its type names are case-insensitive.
    auto hooks = diff::exact_hooks();
    hooks.same_type = [](const std::string& a, const std::string& b) { return text::lower(a) == text::lower(b); };
    return hooks;
  }

 private:
  template <typename TableOf>
  static void read_indexes(Connection& conn, const std::string& db, schema::Schema& s, TableOf table) {
    std::map<std::pair<std::string, std::string>, std::size_t> index_at;
    std::map<std::pair<std::string, std::string>, schema::Index> found;
    std::vector<std::pair<std::string, std::string>> order;
    for (const auto& r : conn.query(fmt::format(
             "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE "
             "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = {} ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
             db))) {
      if (!table(str(r, 0))) continue;
      const std::pair key{str(r, 0), str(r, 1)};
      auto [it, added] = found.try_emplace(key);
      auto& index = it->second;
      if (added) {
        order.push_back(key);
        index.name = key.second;
        index.table = key.first;
        index.unique = str(r, 2) == "0";
        const auto type = text::lower(str(r, 6));
        if (type != "btree") index.method = type;
      }
      schema::IndexKey k;
      k.text = str(r, 3);
      k.descending = str(r, 5) == "D";
      if (r[4]) k.length = std::stoi(*r[4]);
      index.keys.push_back(std::move(k));
    }
    for (const auto& key : order) {
      auto& index = found[key];
      auto* t = table(key.first);
      std::vector<std::string> columns;
      bool plain = index.method.empty();
      for (const auto& k : index.keys) {
        columns.push_back(k.text);
        plain = plain && k.length == 0 && !k.descending;
      }
      if (plain && !index.unique) {
        // The index MySQL made for a foreign key goes with the key (see ForeignKey::index).
        auto fk = std::find_if(t->foreign_keys.begin(), t->foreign_keys.end(), [&](const schema::ForeignKey& k) {
          return k.columns == columns && k.index.empty() && (index.name == k.name || index.name == columns.front());
        });
        if (fk != t->foreign_keys.end()) {
          fk->index = index.name;
          continue;
        }
      }
      if (index.name == "PRIMARY") {
        t->primary_key = schema::PrimaryKey{"", columns};
      } else if (index.unique && plain) {
        // A unique key is MySQL's unique constraint: one object, whichever way it was written.
        t->uniques.push_back({index.name, columns});
      } else {
        s.indexes.push_back(std::move(index));
      }
    }
  }

  template <typename TableOf>
  static void read_constraints(Connection& conn, const std::string& db, const std::string& database, bool mariadb,
                               TableOf table) {
    std::map<std::pair<std::string, std::string>, schema::ForeignKey*> keys;
    for (const auto& r : conn.query(fmt::format(
             "SELECT rc.TABLE_NAME, rc.CONSTRAINT_NAME, rc.UPDATE_RULE, rc.DELETE_RULE, k.COLUMN_NAME, "
             "k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME "
             "FROM information_schema.REFERENTIAL_CONSTRAINTS rc JOIN information_schema.KEY_COLUMN_USAGE k "
             "ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = rc.TABLE_NAME "
             "AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME WHERE rc.CONSTRAINT_SCHEMA = {} "
             "ORDER BY rc.TABLE_NAME, rc.CONSTRAINT_NAME, k.ORDINAL_POSITION",
             db))) {
      auto* t = table(str(r, 0));
      if (!t) continue;
      auto& fk = keys[{str(r, 0), str(r, 1)}];
      if (!fk) {
        schema::ForeignKey k;
        k.name = str(r, 1);
        k.on_update = action(str(r, 2));
        k.on_delete = action(str(r, 3));
        k.ref_table = str(r, 6);
        if (str(r, 5) != database) k.ref_schema = str(r, 5);
        t->foreign_keys.push_back(std::move(k));
        fk = &t->foreign_keys.back();
      }
      fk->columns.push_back(str(r, 4));
      fk->ref_columns.push_back(str(r, 7));
    }
    // MariaDB names the table of each check; MySQL 8's check names are the database's own.
    const auto checks =
        mariadb ? fmt::format("SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                              "WHERE CONSTRAINT_SCHEMA = {} ORDER BY 1, 2",
                              db)
                : fmt::format("SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE "
                              "FROM information_schema.CHECK_CONSTRAINTS cc JOIN information_schema.TABLE_CONSTRAINTS tc "
                              "ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME "
                              "AND tc.CONSTRAINT_TYPE = 'CHECK' WHERE cc.CONSTRAINT_SCHEMA = {} ORDER BY 1, 2",
                              db);
    for (const auto& r : conn.query(checks)) {
      if (auto* t = table(str(r, 0))) t->checks.push_back({str(r, 1), unqualified(str(r, 2), database)});
    }
  }
};

}  // namespace

const Inspector& inspector() {
  static const MysqlInspector instance;
  return instance;
}

}  // namespace retort::dialects::mysql
