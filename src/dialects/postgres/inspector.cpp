// Reads a PostgreSQL schema into the model with a handful of whole-schema catalog queries (one per
// kind of object, not one round trip per table). Definitions come from the server's own
// deparsers (format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef, pg_get_viewdef),
// so a desired schema loaded into the same server compares like with like.
// https://www.postgresql.org/docs/15/catalogs.html

#include <fmt/format.h>
#include <algorithm>
#include <map>

#include "dialects/postgres/postgres_dialect.hpp"
#include "support/text.hpp"

namespace retort::dialects::postgres {

namespace {

using schema::Schema;

std::string str(const Connection::Row& row, std::size_t i) { return row[i].value_or(""); }

std::string action(const std::string& code) {
  if (code == "r") return "RESTRICT";
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  return "NO ACTION";
}

/// A text[] as the server prints it ({a,"b, c"}) -> its elements.
std::vector<std::string> array(const std::string& text) {
  std::vector<std::string> out;
  if (text.size() < 2) return out;
  std::string item;
  bool quoted = false, any = false;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '\\' && i + 2 < text.size())
        item += text[++i];
      else if (c == '"')
        quoted = false;
      else
        item += c;
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      out.push_back(std::move(item));
      item.clear();
    } else {
      item += c;
      any = true;
    }
  }
  if (any || !out.empty()) out.push_back(std::move(item));
  return out;
}

/// Whitespace collapsed, so the same view text deparsed twice compares equal.
std::string squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : text::trim(s)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  if (!out.empty() && out.back() == ';') out.pop_back();
  return out;
}

class PostgresInspector final : public Inspector {
 public:
  Schema inspect(Connection& conn, const InspectOptions& options) const override {
    const auto ns = options.schema.empty() ? std::string("current_schema()") : text::sql_literal(options.schema);
    auto excluded = [&](const std::string& t) {
      return std::find(options.exclude_tables.begin(), options.exclude_tables.end(), t) != options.exclude_tables.end();
    };
    Schema s;
    std::map<std::string, std::size_t> table_at;
    for (const auto& r : conn.query(fmt::format(
             "SELECT c.relname, coalesce(obj_description(c.oid, 'pg_class'), '') FROM pg_class c "
             "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = {} AND c.relkind IN ('r', 'p') "
             "ORDER BY c.relname",
             ns))) {
      if (excluded(str(r, 0))) continue;
      schema::Table t;
      t.name = str(r, 0);
      t.comment = str(r, 1);
      table_at[t.name] = s.tables.size();
      s.tables.push_back(std::move(t));
    }
    auto table = [&](const std::string& name) -> schema::Table* {
      auto it = table_at.find(name);
      return it == table_at.end() ? nullptr : &s.tables[it->second];
    };

    for (const auto& r : conn.query(
             fmt::format("SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                         "pg_get_expr(d.adbin, d.adrelid), a.attgenerated, a.attidentity, "
                         "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
                         "coalesce(col_description(c.oid, a.attnum), '') "
                         "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                         "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid "
                         "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                         "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
                         "WHERE n.nspname = {} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
                         "ORDER BY c.relname, a.attnum",
                         ns))) {
      auto* t = table(str(r, 0));
      if (!t) continue;
      schema::Column c;
      c.name = str(r, 1);
      c.type = str(r, 2);
      c.nullable = str(r, 3) != "t";
      auto generated = str(r, 5);
      if (generated == "s") {
        c.generated = r[4];
        c.generated_stored = true;
      } else if (r[4]) {
        c.default_sql = r[4];
      }
      auto identity = str(r, 6);
      if (identity == "a") c.identity = "always";
      if (identity == "d") c.identity = "by default";
      c.collation = str(r, 7);
      c.comment = str(r, 8);
      t->columns.push_back(std::move(c));
    }

    for (const auto& r : conn.query(
             fmt::format("SELECT c.relname, k.conname, k.contype, "
                         "ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(n, i) "
                         "      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i), "
                         "rc.relname, "
                         "ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(n, i) "
                         "      JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i), "
                         "k.confupdtype, k.confdeltype, k.condeferrable, k.condeferred, "
                         "CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, k.conrelid) END "
                         "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
                         "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_class rc ON rc.oid = k.confrelid "
                         "WHERE n.nspname = {} AND k.contype IN ('p', 'u', 'f', 'c') ORDER BY c.relname, k.conname",
                         ns))) {
      auto* t = table(str(r, 0));
      if (!t) continue;
      auto type = str(r, 2);
      auto columns = array(str(r, 3));
      if (type == "p")
        t->primary_key = schema::PrimaryKey{str(r, 1), columns};
      else if (type == "u")
        t->uniques.push_back({str(r, 1), columns});
      else if (type == "c")
        t->checks.push_back({str(r, 1), str(r, 10)});
      else {
        t->foreign_keys.push_back({str(r, 1), columns, str(r, 4), array(str(r, 5)), action(str(r, 6)),
                                   action(str(r, 7)), str(r, 8) == "t", str(r, 9) == "t"});
      }
    }

    // Indexes that no constraint owns; key texts from pg_get_indexdef per key column.
    for (const auto& r : conn.query(fmt::format(
             "SELECT ic.relname, c.relname, i.indisunique, pg_get_expr(i.indpred, i.indrelid), "
             "ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k, true) "
             "ELSE (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]) "
             "END FROM generate_series(1, i.indnkeyatts) k), "
             "ARRAY(SELECT (i.indoption[k - 1] & 1)::text FROM generate_series(1, i.indnkeyatts) k), "
             "ARRAY(SELECT (i.indkey[k - 1] = 0)::text FROM generate_series(1, i.indnkeyatts) k) "
             "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid "
             "JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname = {} AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
             "ORDER BY ic.relname",
             ns))) {
      if (!table(str(r, 1))) continue;
      schema::Index idx;
      idx.name = str(r, 0);
      idx.table = str(r, 1);
      idx.unique = str(r, 2) == "t";
      idx.where = str(r, 3);
      auto keys = array(str(r, 4));
      auto desc = array(str(r, 5));
      auto expr = array(str(r, 6));
      for (std::size_t k = 0; k < keys.size(); ++k) {
        idx.keys.push_back({keys[k], k < expr.size() && expr[k] == "true", k < desc.size() && desc[k] == "1"});
      }
      s.indexes.push_back(std::move(idx));
    }

    for (const auto& r : conn.query(
             fmt::format("SELECT c.relname, pg_get_viewdef(c.oid, true) FROM pg_class c "
                         "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = {} AND c.relkind = 'v' "
                         "ORDER BY c.relname",
                         ns))) {
      s.views.push_back({str(r, 0), squeeze(str(r, 1))});
    }
    for (const auto& r :
         conn.query(fmt::format("SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_type t "
                                "JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace "
                                "WHERE n.nspname = {} GROUP BY t.typname ORDER BY t.typname",
                                ns))) {
      s.enums.push_back({str(r, 0), array(str(r, 1))});
    }
    // Sequences no column owns (SERIAL ones depend on their column 'a', identity ones 'i').
    for (const auto& r : conn.query(fmt::format(
             "SELECT c.relname, format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin, q.seqmax, "
             "q.seqcycle FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid "
             "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = {} AND NOT EXISTS "
             "(SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) ORDER BY c.relname",
             ns))) {
      s.sequences.push_back({str(r, 0), str(r, 1), str(r, 2), str(r, 3), str(r, 4), str(r, 5), str(r, 6) == "t"});
    }
    s.normalise();
    return s;
  }

  std::string server_version(Connection& conn) const override {
    return conn.query_column("SELECT current_setting('server_version_num')").front();
  }

  diff::Hooks hooks() const override {
    // Both sides are deparsed by the same server: exact text is the right comparison.
    return diff::exact_hooks();
  }
};

}  // namespace

const Inspector& inspector() {
  static const PostgresInspector instance;
  return instance;
}

}  // namespace retort::dialects::postgres
