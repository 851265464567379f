// PostgreSQL rules, read from the statement's parse tree (libpg_query, PostgreSQL's own parser, as
// JSON): what each statement locks, rewrites or breaks, given what the file did before it.

#include <fmt/format.h>
#include <pg_query.h>

#include <nlohmann/json.hpp>
#include <map>
#include <set>

#include "lint/state.hpp"

namespace retort::linter {

namespace {

using json = nlohmann::json;
using State = FileLinter::State;

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flag(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

const json& field(const json& j, const char* key) {
  static const json none = json::object();
  auto it = j.find(key);
  return it != j.end() ? *it : none;
}

std::string relation_key(const json& rel) { return table_key(str(rel, "schemaname"), str(rel, "relname")); }

std::string relation_name(const json& rel) {
  auto schema = str(rel, "schemaname");
  return schema.empty() ? str(rel, "relname") : schema + "." + str(rel, "relname");
}

/// The last part of a TypeName's names ("int8" of pg_catalog.int8).
std::string type_name(const json& type) {
  std::string last;
  for (const auto& n : field(type, "names")) last = str(field(n, "String"), "sval");
  return last;
}

/// A type as the user wrote it: the parser's internal names spelled as SQL spells them.
std::string shown_type(const std::string& internal) {
  static const std::map<std::string, std::string> names = {
      {"int2", "smallint"}, {"int4", "integer"},          {"int8", "bigint"},  {"float4", "real"},
      {"float8", "double precision"}, {"bool", "boolean"}, {"bpchar", "char"}, {"timestamptz", "timestamptz"}};
  auto it = names.find(internal);
  return it == names.end() ? internal : it->second;
}

/// Any node of type `node` (FuncCall, A_Const...) under `j`, depth first.
template <typename F>
void walk(const json& j, const F& visit) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      visit(it.key(), it.value());
      walk(it.value(), visit);
    }
  } else if (j.is_array()) {
    for (const auto& e : j) walk(e, visit);
  }
}

/// A default PostgreSQL computes per row when a column is added: a volatile function call.
bool volatile_default(const json& expr) {
  static const std::set<std::string> volatile_functions = {
      "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp",
      "timeofday", "nextval", "txid_current", "setseed", "random_normal"};
  bool found = false;
  walk(expr, [&](const std::string& key, const json& node) {
    if (key != "FuncCall") return;
    std::string name;
    for (const auto& n : field(node, "funcname")) name = str(field(n, "String"), "sval");
    if (volatile_functions.contains(name)) found = true;
  });
  return found;
}

/// A DROP statement's object: its schema (empty when unqualified) and name.
std::pair<std::string, std::string> object_name(const json& object) {
  std::vector<std::string> parts;
  for (const auto& p : field(field(object, "List"), "items")) parts.push_back(str(field(p, "String"), "sval"));
  if (parts.empty()) return {};
  return {parts.size() > 1 ? parts[parts.size() - 2] : std::string(), parts.back()};
}

/// Indexes created in the file are remembered beside its tables, apart by this prefix.
std::string index_key(const std::string& schema, const std::string& name) { return "index " + table_key(schema, name); }

bool not_null_test_on(const json& expr, std::string& column) {
  const auto& test = field(expr, "NullTest");
  if (str(test, "nulltesttype") != "IS_NOT_NULL") return false;
  for (const auto& f : field(field(field(test, "arg"), "ColumnRef"), "fields")) column = str(field(f, "String"), "sval");
  return !column.empty();
}

class Rules {
 public:
  Rules(State& st, const linter::Statement& s, int line, const std::string& shown)
      : st_(st), s_(s), line_(line), shown_(shown) {}

  void run(const json& stmt) {
    const auto first = stmt.begin();
    const std::string kind = first.key();
    const json& node = first.value();
    check_enum_use(stmt);
    if (kind == "CreateStmt") {
      st_.created.insert(relation_key(field(node, "relation")));
    } else if (kind == "CreateTableAsStmt") {
      st_.created.insert(relation_key(field(field(node, "into"), "rel")));
    } else if (kind == "IndexStmt") {
      index(node);
    } else if (kind == "AlterTableStmt") {
      alter_table(node);
    } else if (kind == "RenameStmt") {
      rename(node);
    } else if (kind == "DropStmt") {
      drop(node);
    } else if (kind == "AlterEnumStmt") {
      add_value(node);
    } else if (kind == "VariableSetStmt") {
      if (str(node, "name") == "lock_timeout") st_.lock_timeout_set = true;
    } else if (kind == "TruncateStmt" || kind == "ClusterStmt") {
      exclusive(kind == "TruncateStmt" ? "TRUNCATE" : "CLUSTER", "");
    } else if (kind == "LockStmt") {
      if (!node.contains("mode") || node["mode"] == 8) exclusive("LOCK TABLE", "");
    } else if (kind == "VacuumStmt") {
      if (flag(node, "is_vacuumcmd")) outside_transaction_only("VACUUM");
      for (const auto& o : field(node, "options"))
        if (str(field(o, "DefElem"), "defname") == "full") exclusive("VACUUM FULL", "");
    } else if (kind == "CreatedbStmt" || kind == "DropdbStmt" || kind == "AlterSystemStmt" ||
               kind == "CreateTableSpaceStmt" || kind == "DropTableSpaceStmt") {
      static const std::map<std::string, std::string> names = {
          {"CreatedbStmt", "CREATE DATABASE"}, {"DropdbStmt", "DROP DATABASE"}, {"AlterSystemStmt", "ALTER SYSTEM"},
          {"CreateTableSpaceStmt", "CREATE TABLESPACE"}, {"DropTableSpaceStmt", "DROP TABLESPACE"}};
      outside_transaction_only(names.at(kind));
    } else if (kind == "ReindexStmt") {
      for (const auto& p : field(node, "params"))
        if (str(field(p, "DefElem"), "defname") == "concurrently") concurrently("REINDEX CONCURRENTLY");
    }
  }

 private:
  void add(std::string_view rule, std::string message, std::optional<Severity> severity = std::nullopt) {
    st_.add(rule, line_, shown_, std::move(message), severity);
  }

  void concurrently(const std::string& what) {
    if (s_.transactional) add("concurrently-in-transaction", fmt::format("{} runs in a transactional block", what));
  }

  void outside_transaction_only(const std::string& what) {
    if (s_.transactional)
      add("concurrently-in-transaction", fmt::format("{} runs in a transactional block, which PostgreSQL refuses", what));
  }

  /// A statement taking an ACCESS EXCLUSIVE lock on an existing table: one finding per file when
  /// nothing bounds the wait.
  void exclusive(const std::string& what, const std::string& table) {
    if (!table.empty() && st_.is_new(table)) return;
    if (st_.lock_timeout_set || st_.context.lock_timeout_configured || st_.lock_reported) return;
    st_.lock_reported = true;
    add("lock-timeout", fmt::format("{}{} takes an ACCESS EXCLUSIVE lock and no lock_timeout is set", what,
                                    table.empty() ? "" : " on " + table));
  }

  void index(const json& node) {
    const auto& rel = field(node, "relation");
    if (!str(node, "idxname").empty()) st_.created.insert(index_key(str(rel, "schemaname"), str(node, "idxname")));
    if (flag(node, "concurrent")) {
      concurrently("CREATE INDEX CONCURRENTLY");
    } else if (!st_.is_new(relation_key(rel))) {
      add("index-not-concurrent",
          fmt::format("CREATE {}INDEX {}on existing table {} without CONCURRENTLY", flag(node, "unique") ? "UNIQUE " : "",
                      str(node, "idxname").empty() ? "" : str(node, "idxname") + " ", relation_name(rel)));
    }
  }

  void alter_table(const json& node) {
    if (str(node, "objtype") != "OBJECT_TABLE") return;
    const auto& rel = field(node, "relation");
    const auto key = relation_key(rel);
    const auto name = relation_name(rel);
    const bool existing = !st_.is_new(key);
    for (const auto& item : field(node, "cmds")) {
      const auto& cmd = field(item, "AlterTableCmd");
      const auto sub = str(cmd, "subtype");
      const auto column = str(cmd, "name");
      const auto& def = field(cmd, "def");
      bool exclusive_lock = sub != "AT_ValidateConstraint" && sub != "AT_SetStatistics";
      if (sub == "AT_AddColumn") {
        add_column(field(def, "ColumnDef"), name, existing);
      } else if (sub == "AT_DropColumn" && existing) {
        add("drop-column", fmt::format("drops column {}.{}", name, column));
      } else if (sub == "AT_AlterColumnType" && existing) {
        alter_type(field(def, "ColumnDef"), name, column);
      } else if (sub == "AT_AddConstraint") {
        exclusive_lock = add_constraint(field(def, "Constraint"), key, name, existing);
      } else if (sub == "AT_ValidateConstraint") {
        for (auto& c : st_.not_null_checks)
          if (c.table == key && c.name == column) c.validated = true;
      } else if (sub == "AT_SetNotNull" && existing) {
        set_not_null(key, name, column);
      } else if (sub == "AT_DetachPartition" && flag(field(def, "PartitionCmd"), "concurrent")) {
        concurrently("DETACH PARTITION CONCURRENTLY");
        exclusive_lock = false;
      }
      if (exclusive_lock && existing) exclusive("ALTER TABLE", name);
    }
  }

  void add_column(const json& column, const std::string& table, bool existing) {
    if (!existing) return;
    bool not_null = false, has_default = false, per_row = false;
    std::string why;
    const auto type = type_name(field(column, "typeName"));
    if (type == "serial" || type == "bigserial" || type == "smallserial" || type == "serial4" || type == "serial8" ||
        type == "serial2") {
      per_row = true;
      why = type;
    }
    for (const auto& c : field(column, "constraints")) {
      const auto& con = field(c, "Constraint");
      const auto contype = str(con, "contype");
      if (contype == "CONSTR_NOTNULL" || contype == "CONSTR_PRIMARY") not_null = true;
      if (contype == "CONSTR_DEFAULT") {
        has_default = true;
        const auto& expr = field(con, "raw_expr");
        const bool null_default = field(expr, "A_Const").contains("isnull");
        if (volatile_default(expr)) {
          per_row = true;
          why = "a volatile default";
        } else if (!null_default && st_.context.server_version > 0 && st_.context.server_version < 110000) {
          per_row = true;
          why = fmt::format("a default, on PostgreSQL {}", st_.context.server_version / 10000);
        }
      }
      if (contype == "CONSTR_IDENTITY") {
        has_default = per_row = true;
        why = "an identity";
      }
      if (contype == "CONSTR_GENERATED") {
        has_default = per_row = true;
        why = "a stored generated value";
      }
      if (contype == "CONSTR_UNIQUE" || contype == "CONSTR_PRIMARY")
        add("unique-constraint-index", fmt::format("column {}.{} is added with a {} constraint", table,
                                                   str(column, "colname"),
                                                   contype == "CONSTR_UNIQUE" ? "UNIQUE" : "PRIMARY KEY"));
    }
    if (per_row) {
      add("add-column-rewrite", fmt::format("column {}.{} is added with {}", table, str(column, "colname"), why));
    } else if (not_null && !has_default) {
      add("add-not-null-column", fmt::format("column {}.{} is added NOT NULL without a default", table,
                                             str(column, "colname")));
    }
  }

  void alter_type(const json& column, const std::string& table, const std::string& name) {
    const auto& type = field(column, "typeName");
    const auto target = type_name(type);
    const bool using_clause = column.contains("raw_default");
    const bool unbounded = !type.contains("typmods");
    // Without the old type the rule cannot tell a widening from a rewrite: these may be either.
    // Without the old type the rule cannot tell a widening from a rewrite: these may be either.
    std::string free_when;
    if (!using_clause && (target == "text" || target == "citext" || (target == "varchar" && unbounded)))
      free_when = "it was varchar or text";
    else if (!using_clause && target == "varchar")
      free_when = "it was varchar with a smaller limit";
    else if (!using_clause && target == "numeric")
      free_when = unbounded ? "it was numeric" : "it was numeric with the same scale and a smaller precision";
    if (!free_when.empty()) {
      add("column-type-rewrite",
          fmt::format("column {}.{} changes type to {}: no rewrite only when {}", table, name, shown_type(target),
                      free_when),
          Severity::Warning);
    } else {
      add("column-type-rewrite", fmt::format("column {}.{} changes type to {}{}", table, name, shown_type(target),
                                             using_clause ? " with USING" : ""));
    }
  }

  /// Returns whether the constraint takes an ACCESS EXCLUSIVE lock.
  bool add_constraint(const json& con, const std::string& key, const std::string& table, bool existing) {
    const auto contype = str(con, "contype");
    const auto name = str(con, "conname");
    std::string checked;
    if (contype == "CONSTR_CHECK" && not_null_test_on(field(con, "raw_expr"), checked))
      st_.not_null_checks.push_back({key, checked, name, !flag(con, "skip_validation")});
    if (!existing) return true;
    if ((contype == "CONSTR_FOREIGN" || contype == "CONSTR_CHECK") && !flag(con, "skip_validation")) {
      add("constraint-not-valid",
          fmt::format("{} {}on {} is added without NOT VALID", contype == "CONSTR_FOREIGN" ? "foreign key" : "check",
                      name.empty() ? "" : name + " ", table));
    }
    if ((contype == "CONSTR_UNIQUE" || contype == "CONSTR_PRIMARY") && str(con, "indexname").empty()) {
      add("unique-constraint-index", fmt::format("{} constraint {}on {} builds its index",
                                                 contype == "CONSTR_UNIQUE" ? "UNIQUE" : "PRIMARY KEY",
                                                 name.empty() ? "" : name + " ", table));
    }
    // A foreign key takes SHARE ROW EXCLUSIVE, not ACCESS EXCLUSIVE.
    return contype != "CONSTR_FOREIGN";
  }

  void set_not_null(const std::string& key, const std::string& table, const std::string& column) {
    bool proven = false;
    for (const auto& c : st_.not_null_checks)
      if (c.table == key && c.column == column && c.validated) proven = true;
    const int v = st_.context.server_version;
    if (proven && (v == 0 || v >= 120000)) return;
    add("set-not-null", proven ? fmt::format("SET NOT NULL on {}.{} scans the table: PostgreSQL {} does not use the "
                                             "check constraint (12 does)",
                                             table, column, v / 10000)
                               : fmt::format("SET NOT NULL on {}.{} without a validated CHECK ({} IS NOT NULL)", table,
                                             column, column));
  }

  void rename(const json& node) {
    const auto type = str(node, "renameType");
    const auto& rel = field(node, "relation");
    const auto key = relation_key(rel);
    if (type == "OBJECT_TABLE") {
      if (st_.is_new(key)) {
        st_.created.insert(table_key(str(rel, "schemaname"), str(node, "newname")));
        return;
      }
      add("rename", fmt::format("renames table {} to {}", relation_name(rel), str(node, "newname")));
      exclusive("ALTER TABLE RENAME", relation_name(rel));
    } else if (type == "OBJECT_COLUMN" && !st_.is_new(key)) {
      add("rename", fmt::format("renames column {}.{} to {}", relation_name(rel), str(node, "subname"),
                                str(node, "newname")));
      exclusive("ALTER TABLE RENAME", relation_name(rel));
    }
  }

  void drop(const json& node) {
    const auto type = str(node, "removeType");
    if (type == "OBJECT_INDEX") {
      if (flag(node, "concurrent")) {
        concurrently("DROP INDEX CONCURRENTLY");
        return;
      }
      for (const auto& object : field(node, "objects")) {
        const auto [schema, name] = object_name(object);
        if (name.empty() || st_.created.erase(index_key(schema, name))) continue;
        add("index-not-concurrent", fmt::format("DROP INDEX {} without CONCURRENTLY", name));
        exclusive("DROP INDEX", "");
      }
      return;
    }
    if (type != "OBJECT_TABLE") return;
    for (const auto& object : field(node, "objects")) {
      const auto [schema, name] = object_name(object);
      if (name.empty()) continue;
      const auto key = table_key(schema, name);
      if (st_.created.erase(key)) continue;
      const auto shown = schema.empty() ? name : schema + "." + name;
      add("drop-table", fmt::format("drops table {}", shown));
      exclusive("DROP TABLE", shown);
    }
  }

  void add_value(const json& node) {
    const auto value = str(node, "newVal");
    if (value.empty() || node.contains("oldVal")) return;  // RENAME VALUE
    if (!s_.transactional) return;
    const int v = st_.context.server_version;
    if (v > 0 && v < 120000) {
      add("enum-value-in-transaction",
          fmt::format("ALTER TYPE ... ADD VALUE '{}' runs in a transaction, which PostgreSQL {} refuses", value,
                      v / 10000));
      return;
    }
    st_.added_values[value] = line_;
  }

  void check_enum_use(const json& stmt) {
    if (!s_.transactional) {
      st_.added_values.clear();  // the block before committed
      return;
    }
    if (st_.added_values.empty() || stmt.contains("AlterEnumStmt")) return;
    std::string used;
    walk(stmt, [&](const std::string& key, const json& node) {
      if (key != "A_Const" || !used.empty()) return;
      auto v = str(field(node, "sval"), "sval");
      if (st_.added_values.contains(v)) used = v;
    });
    if (!used.empty()) {
      add("enum-value-in-transaction", fmt::format("uses the label '{}' added on line {} in the same transaction", used,
                                                   st_.added_values.at(used)));
    }
  }

  State& st_;
  const linter::Statement& s_;
  int line_;
  const std::string& shown_;
};

}  // namespace

void postgres_statement(State& st, const linter::Statement& s, int line, const std::string& shown) {
  PgQueryParseResult result = pg_query_parse(s.sql.c_str());
  struct Free {
    PgQueryParseResult& r;
    ~Free() { pg_query_free_parse_result(r); }
  } free_result{result};
  if (result.error) {
    st.add("syntax-error", line, shown, result.error->message);
    return;
  }
  auto tree = json::parse(result.parse_tree, nullptr, false);
  if (tree.is_discarded()) return;
  for (const auto& stmt : field(tree, "stmts")) {
    const auto& node = field(stmt, "stmt");
    if (node.is_object() && !node.empty()) Rules(st, s, line, shown).run(node);
  }
}

}  // namespace retort::linter
