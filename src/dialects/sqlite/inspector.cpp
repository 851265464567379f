// Reads an SQLite database into the schema model: one query for the catalogue, then the
// pragma_* table-valued functions per table (https://www.sqlite.org/pragma.html#pragfunc), and
// the stored CREATE statements for what no PRAGMA reports (checks, generated expressions).

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "dialects/sqlite/create_sql.hpp"
#include "dialects/sqlite/sqlite_dialect.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::sqlite {

namespace {

using schema::Schema;

std::string str(const Connection::Row& row, std::size_t i) { return row[i].value_or(""); }

bool excluded(const InspectOptions& o, const std::string& name) {
  return std::find(o.exclude_tables.begin(), o.exclude_tables.end(), name) != o.exclude_tables.end();
}

std::optional<std::string> default_of(const std::optional<std::string>& d) {
  if (!d) return std::nullopt;
  return normalise_sql(*d);
}

using Rows = std::vector<Connection::Row>;

/// Rows grouped by their first column (the table or index they belong to), which is dropped.
std::map<std::string, Rows> group(Rows rows) {
  std::map<std::string, Rows> out;
  for (auto& r : rows) {
    auto key = str(r, 0);
    r.erase(r.begin());
    out[key].push_back(std::move(r));
  }
  return out;
}

const Rows& rows_of(const std::map<std::string, Rows>& grouped, const std::string& key) {
  static const Rows none;
  auto it = grouped.find(key);
  return it == grouped.end() ? none : it->second;
}

// One query per kind of object for the whole database: sqlite_master joined with the pragma
// table-valued functions, instead of a few queries per table.
#define TABLES "m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.sql NOT LIKE 'CREATE VIRTUAL %'"

bool same_names(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const auto& x, const auto& y) { return text::lower(x) == text::lower(y); });
}

/// The name CONSTRAINT gave the constraint on `columns`, or "".
std::string name_of(const std::vector<CreateTableParts::Named>& names, const std::vector<std::string>& columns) {
  for (const auto& n : names) {
    if (same_names(n.columns, columns)) return n.name;
  }
  return {};
}

void read_columns(const Rows& rows, schema::Table& t, const CreateTableParts& parts) {
  std::vector<std::pair<int, std::string>> pk;
  for (const auto& r : rows) {
    schema::Column c;
    c.name = str(r, 0);
    c.type = text::lower(str(r, 1));
    c.nullable = str(r, 2) == "0";
    c.default_sql = default_of(r[3]);
    int hidden = std::stoi(r[5].value_or("0"));
    if (hidden == 2 || hidden == 3) {
      c.generated_stored = hidden == 3;
      for (const auto& g : parts.generated) {
        if (text::lower(g.column) == text::lower(c.name)) c.generated = g.expression;
      }
      // SQLite appends GENERATED ALWAYS to the reported type of a generated column.
      auto pos = c.type.find(" generated always");
      if (pos != std::string::npos) c.type = c.type.substr(0, pos);
    }
    for (const auto& col : parts.collations) {
      if (text::lower(col.column) == text::lower(c.name)) c.collation = col.name;
    }
    int pk_pos = std::stoi(r[4].value_or("0"));
    if (pk_pos > 0) pk.emplace_back(pk_pos, c.name);
    t.columns.push_back(std::move(c));
  }
  if (!pk.empty()) {
    std::sort(pk.begin(), pk.end());
    schema::PrimaryKey key{parts.primary_key_name, {}};
    for (auto& [pos, name] : pk) key.columns.push_back(name);
    t.primary_key = std::move(key);
  }
  // A rowid alias (https://www.sqlite.org/lang_createtable.html#rowid) is NOT NULL however it is
  // written: `id INTEGER PRIMARY KEY` and Alembic's `id INTEGER NOT NULL, PRIMARY KEY (id)` are one.
  if (pk.size() == 1 && !t.options.without_rowid) {
    for (auto& c : t.columns) {
      if (c.name == pk.front().second && c.type == "integer") c.nullable = false;
    }
  }
}

void read_indexes(const Rows& list, const std::map<std::string, Rows>& keys_by_index, Schema& s, schema::Table& t,
                  const std::map<std::string, std::string>& index_sql, const CreateTableParts& parts) {
  for (const auto& r : list) {
    auto name = str(r, 0);
    auto origin = str(r, 2);
    if (origin == "pk") continue;
    const auto& keys = rows_of(keys_by_index, name);
    if (origin == "u") {
      schema::UniqueConstraint u;
      for (const auto& k : keys) u.columns.push_back(str(k, 1));
      u.name = name_of(parts.unique_names, u.columns);
      t.uniques.push_back(std::move(u));
      continue;
    }
    schema::Index idx;
    idx.name = name;
    idx.table = t.name;
    idx.unique = str(r, 1) == "1";
    auto sql_it = index_sql.find(name);
    auto sql = sql_it == index_sql.end() ? std::string() : sql_it->second;
    auto items = paren_items(sql);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      schema::IndexKey key;
      key.descending = str(keys[i], 2) == "1";
      if (str(keys[i], 0) == "-2" && i < items.size()) {
        // An expression key: its text comes from the CREATE INDEX statement.
        key.expression = true;
        auto item = normalise_sql(items[i]);
        for (const char* suffix : {" desc", " asc"}) {
          if (item.ends_with(suffix)) item = item.substr(0, item.size() - std::string_view(suffix).size());
        }
        key.text = item;
      } else {
        key.text = str(keys[i], 1);
      }
      idx.keys.push_back(std::move(key));
    }
    idx.where = after_keyword(sql, "where");  // a partial index's predicate
    s.indexes.push_back(std::move(idx));
  }
}

void read_foreign_keys(const Rows& rows, const Schema& s, schema::Table& t, const CreateTableParts& parts) {
  std::map<std::string, schema::ForeignKey> by_id;
  std::vector<std::string> order;
  for (const auto& r : rows) {
    auto id = str(r, 0);
    if (!by_id.count(id)) order.push_back(id);
    auto& k = by_id[id];
    k.ref_table = str(r, 1);
    k.columns.push_back(str(r, 2));
    if (r[3]) k.ref_columns.push_back(*r[3]);
    k.on_update = str(r, 4);
    k.on_delete = str(r, 5);
  }
  for (const auto& id : order) {
    auto k = by_id[id];
    if (k.ref_columns.empty()) {
      // "REFERENCES parent" without columns means the parent's primary key.
      const auto* parent = k.ref_table == t.name ? &t : s.table(k.ref_table);
      if (parent && parent->primary_key) k.ref_columns = parent->primary_key->columns;
    }
    for (const auto& d : parts.deferrable) {
      if (same_names(d.columns, k.columns)) {
        k.deferrable = true;
        k.initially_deferred = d.initially_deferred;
      }
    }
    k.name = name_of(parts.foreign_key_names, k.columns);
    t.foreign_keys.push_back(std::move(k));
  }
}

/// The column names each view returns, which its definition alone does not tell reliably
/// (`SELECT BigData` returns "BigData"; `SELECT *` whatever the tables hold).
void read_view_columns(Connection& conn, Schema& s) {
  if (s.views.empty()) return;
  try {
    auto by_view = group(conn.query(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'view' "
        "ORDER BY m.name, p.cid"));
    for (auto& v : s.views) {
      for (const auto& r : rows_of(by_view, v.name)) v.columns.push_back(str(r, 0));
    }
  } catch (const Error&) {
    // A view over a table that is gone cannot be described; one at a time, the others still can.
    for (auto& v : s.views) {
      try {
        v.columns = conn.query_column("SELECT name FROM pragma_table_info(" + text::sql_literal(v.name) + ") ORDER BY cid");
      } catch (const Error&) {
        v.columns.clear();
      }
    }
  }
}

class SqliteInspector final : public Inspector {
 public:
  Schema inspect(Connection& conn, const InspectOptions& options) const override {
    Schema s;
    std::map<std::string, std::string> index_sql;
    std::vector<std::pair<std::string, std::string>> tables;
    // Virtual tables and their shadow tables belong to a module (FTS5, R*Tree): not modelled.
    std::map<std::string, std::pair<bool, bool>> table_options;  // name -> (strict, without rowid)
    std::set<std::string> not_modelled;
    for (const auto& r : conn.query("SELECT name, type, \"wr\", \"strict\" FROM pragma_table_list WHERE schema = 'main'")) {
      auto type = str(r, 1);
      if (type == "virtual" || type == "shadow") {
        not_modelled.insert(str(r, 0));
        if (type == "virtual" && !excluded(options, str(r, 0)))
          s.skipped.push_back(str(r, 0) + " (virtual table)");
      }
      table_options[str(r, 0)] = {str(r, 3) == "1", str(r, 2) == "1"};
    }
    for (const auto& r : conn.query("SELECT type, name, sql, tbl_name FROM sqlite_master WHERE name NOT LIKE "
                                    "'sqlite_%' ORDER BY name")) {
      auto type = str(r, 0);
      auto name = str(r, 1);
      if (not_modelled.count(str(r, 3))) continue;
      // Compared normalised, so the same trigger written two ways is equal; created as written.
      if (type == "trigger" && !excluded(options, str(r, 3))) {
        s.triggers.push_back({name, str(r, 3), normalise_sql(str(r, 2)), "", {str(r, 2)}});
      }
      if (type == "table" && !excluded(options, name))
        tables.emplace_back(name, str(r, 2));
      else if (type == "index")
        index_sql[name] = str(r, 2);
      else if (type == "view")
        s.views.push_back({name, after_keyword(str(r, 2), "as"), "", {}, {str(r, 2)}});
    }
    read_view_columns(conn, s);
    auto columns = group(
        conn.query("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden FROM sqlite_master m "
                   "JOIN pragma_table_xinfo(m.name) p WHERE " TABLES " ORDER BY m.name, p.cid"));
    auto indexes =
        group(conn.query("SELECT m.name, il.name, il.\"unique\", il.origin FROM sqlite_master m "
                         "JOIN pragma_index_list(m.name) il WHERE " TABLES " ORDER BY m.name, il.name"));
    auto keys = group(conn.query(
        "SELECT il.name, ix.cid, ix.name, ix.\"desc\" FROM sqlite_master m JOIN pragma_index_list(m.name) il "
        "JOIN pragma_index_xinfo(il.name) ix WHERE " TABLES " AND ix.key = 1 ORDER BY il.name, ix.seqno"));
    auto foreign_keys = group(conn.query(
        "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete FROM sqlite_master m "
        "JOIN pragma_foreign_key_list(m.name) f WHERE " TABLES " ORDER BY m.name, f.id, f.seq"));
    std::map<std::string, CreateTableParts> parts_of;
    for (const auto& [name, sql] : tables) {
      schema::Table t;
      t.name = name;
      const auto& parts = parts_of[name] = parse_create_table(sql);
      t.options.autoincrement = parts.autoincrement;
      std::tie(t.options.strict, t.options.without_rowid) = table_options[name];
      read_columns(rows_of(columns, name), t, parts);
      for (const auto& c : parts.checks) t.checks.push_back({c.name, c.expression, {c.source}});
      read_indexes(rows_of(indexes, name), keys, s, t, index_sql, parts);
      s.tables.push_back(std::move(t));
    }
    // Foreign keys last: one without columns refers to its parent's primary key.
    for (auto& t : s.tables) read_foreign_keys(rows_of(foreign_keys, t.name), s, t, parts_of[t.name]);
    s.normalise();
    return s;
  }

  std::string server_version(Connection&) const override { return sqlite3_libversion(); }

  // Everything inspect() reads comes from sqlite_master (the pragmas describe what its CREATE
  // statements say) and from how this SQLite version reads them.
  std::optional<std::string> fingerprint(Connection& conn, const InspectOptions& options) const override {
    std::string out = sqlite3_libversion();
    const auto field = [&out](const std::optional<std::string>& v) {
      if (v) out.append(1, '\x1f').append(*v);
      else out.append(1, '\x1e');  // NULL, told apart from ''
    };
    for (const auto& r : conn.query("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid")) {
      for (const auto& v : r) field(v);
      out.append(1, '\x1d');
    }
    for (const auto& t : options.exclude_tables) field(t);
    out.append(1, '\x1d');
    for (const auto& [name, mapped] : options.schemas) field(name + "=" + mapped);
    return out;
  }

  diff::Hooks hooks() const override {
    // Both sides are reflected by SQLite itself, so types and defaults compare as normalised text.
    return {[](const std::string& a, const std::string& b) { return text::lower(a) == text::lower(b); },
            [](const std::optional<std::string>& a, const std::optional<std::string>& b) { return a == b; }};
  }
};

}  // namespace

const Inspector& inspector() {
  static const SqliteInspector instance;
  return instance;
}

}  // namespace retort::dialects::sqlite
