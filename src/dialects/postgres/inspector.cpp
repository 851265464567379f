// Reads a PostgreSQL schema into the model with a handful of whole-schema catalog queries (one per
// kind of object, not one round trip per table). Definitions come from the server's own
// deparsers (format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef, pg_get_viewdef),
// so a desired schema loaded into the same server compares like with like.
// https://www.postgresql.org/docs/15/catalogs.html

#include <fmt/format.h>
#include <algorithm>
#include <map>

#include "dialects/postgres/casts.hpp"
#include "dialects/postgres/expressions.hpp"
#include "dialects/postgres/postgres_dialect.hpp"
#include "retort/error.hpp"
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

/// SQL that holds when the object `oid` of `catalog` is not part of an extension (pg_depend 'e'):
/// an extension's types and functions are the extension's to manage.
std::string not_from_extension(std::string_view catalog, std::string_view oid) {
  return fmt::format(
      "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '{}'::regclass AND d.objid = {} AND d.deptype = 'e')",
      catalog, oid);
}

std::optional<std::string> stable(const std::optional<std::string>& text) {
  return text ? std::optional<std::string>(stable_expression(*text)) : std::nullopt;
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

}  // namespace

std::vector<std::string> extension_schemas(Connection& conn) {
  return conn.query_column(
      "SELECT quote_ident(s) FROM unnest(current_schemas(false)) WITH ORDINALITY u(s, i) "
      "WHERE EXISTS (SELECT 1 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname = s) "
      "ORDER BY i");
}

namespace {

/// The schemas one inspection reads: the default one (reported unqualified) and the others, by
/// the name each has in the database and the name to report.
class Namespaces {
 public:
  Namespaces(std::string default_schema, const std::map<std::string, std::string>& others)
      : default_(std::move(default_schema)), others_(others) {
    others_.erase(default_);
    list_ = text::sql_literal(default_);
    for (const auto& [actual, reported] : others_) list_ += ", " + text::sql_literal(actual);
  }
  /// For `n.nspname IN (...)`.
  [[nodiscard]] const std::string& sql_list() const { return list_; }
  /// The name to report for a schema of the database: unmanaged ones keep theirs.
  [[nodiscard]] std::string report(const std::string& actual) const {
    if (actual == default_) return {};
    auto it = others_.find(actual);
    return it == others_.end() ? actual : it->second;
  }
  /// Whether this inspection reads `actual` (the default schema or one of the others).
  [[nodiscard]] bool reads(const std::string& actual) const { return actual == default_ || others_.contains(actual); }
  /// `text` (an expression or type as the server deparsed it) with scratch qualifiers replaced
  /// by the reported names. The default schema is on the search path, so never a qualifier.
  [[nodiscard]] std::string unmask(std::string text) const {
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
    for (const auto& [actual, reported] : others_) {
      if (actual == reported) continue;
      // Scratch names are unique words: replaced wherever they stand whole (a qualifier, or a
      // function's SET search_path value).
      const auto replacement = dialect().quote_identifier(reported);
      for (auto at = text.find(actual); at != std::string::npos; at = text.find(actual, at)) {
        const auto end = at + actual.size();
        const bool whole =
            (at == 0 || (!word(text[at - 1]) && text[at - 1] != '"')) && (end >= text.size() || !word(text[end]));
        if (whole) {
          text.replace(at, actual.size(), replacement);
          at += replacement.size();
        } else {
          at = end;
        }
      }
    }
    return text;
  }
  [[nodiscard]] std::optional<std::string> unmask(const std::optional<std::string>& text) const {
    return text ? std::optional<std::string>(unmask(*text)) : std::nullopt;
  }

 private:
  std::string default_;
  std::map<std::string, std::string> others_;
  std::string list_;
};

/// Session settings for one inspection, restored afterwards: the search path is the default
/// schema alone, so that the server's deparsers qualify the same names on every database (the
/// caller's path may list more); JIT is off, because compiling these short catalog queries costs
/// more (tens of milliseconds) than running them.
class InspectionSettings {
 public:
  InspectionSettings(Connection& conn, const std::string& schema,
                     const std::optional<std::vector<std::string>>& extensions)
      : conn_(conn) {
    auto row =
        conn.query("SELECT current_setting('search_path'), current_schema(), current_setting('jit', true)").front();
    saved_path_ = row[0].value_or("");
    saved_jit_ = row[2].value_or("");  // empty: a server without JIT (before PostgreSQL 11)
    schema_ = schema.empty() ? row[1].value_or("") : schema;
    if (schema_.empty()) {
      throw Error(
          ErrorCode::Config,
          fmt::format("PostgreSQL has no current schema: no schema on the search_path ({}) exists", saved_path_))
          .with_dialect("postgresql");
    }
    // Schemas on the caller's path that hold extensions stay on it: an extension's types print
    // unqualified (citext) on the target and in the scratch alike.
    std::string path = dialect().quote_identifier(schema_);
    for (const auto& name : extensions ? *extensions : extension_schemas(conn)) {
      if (name != dialect().quote_identifier(schema_)) path += ", " + name;
    }
    set(path, "off");
  }
  ~InspectionSettings() {
    try {
      set(saved_path_, saved_jit_);
    } catch (...) {
      // The connection is in trouble already; the inspection's own error says why.
    }
  }
  InspectionSettings(const InspectionSettings&) = delete;
  InspectionSettings& operator=(const InspectionSettings&) = delete;
  [[nodiscard]] const std::string& schema() const { return schema_; }

 private:
  void set(const std::string& path, const std::string& jit) {
    auto sql = fmt::format("SELECT set_config('search_path', {}, false)", text::sql_literal(path));
    if (!saved_jit_.empty()) sql += fmt::format(", set_config('jit', {}, false)", text::sql_literal(jit));
    conn_.query(sql);
  }
  Connection& conn_;
  std::string saved_path_, saved_jit_, schema_;
};

class PostgresInspector final : public Inspector {
 public:
  Schema inspect(Connection& conn, const InspectOptions& options) const override {
    InspectionSettings settings(conn, options.schema, options.extension_schemas);
    const Namespaces spaces(settings.schema(), options.schemas);
    const auto& ns = spaces.sql_list();
    auto excluded = [&](const std::string& t) {
      return std::find(options.exclude_tables.begin(), options.exclude_tables.end(), t) != options.exclude_tables.end();
    };
    Schema s;
    for (const auto& r :
         conn.query(fmt::format("SELECT nspname FROM pg_namespace WHERE nspname IN ({}) ORDER BY 1", ns))) {
      auto reported = spaces.report(str(r, 0));
      if (!reported.empty()) s.schemas.push_back(reported);
    }
    std::map<std::pair<std::string, std::string>, std::size_t> table_at;  // (schema, name) as reported
    for (const auto& r : conn.query(fmt::format(
             "SELECT n.nspname, c.relname, coalesce(obj_description(c.oid, 'pg_class'), ''), "
             "CASE WHEN c.relkind = 'p' THEN 'partitioned table' WHEN c.relispartition THEN 'partition' "
             "WHEN EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) THEN 'inheriting table' END "
             "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname IN ({}) AND c.relkind IN ('r', 'p') ORDER BY 1, 2",
             ns))) {
      if (excluded(str(r, 1))) continue;
      if (r[3]) {
        // Not modelled yet: rendering them as plain tables would lose PARTITION BY / INHERITS.
        s.skipped.push_back(
            fmt::format("{} ({})", schema::QualifiedName(spaces.report(str(r, 0)), str(r, 1)).str(), *r[3]));
        continue;
      }
      schema::Table t;
      t.schema = spaces.report(str(r, 0));
      t.name = str(r, 1);
      t.comment = str(r, 2);
      table_at[{t.schema, t.name}] = s.tables.size();
      s.tables.push_back(std::move(t));
    }
    auto table = [&](const Connection::Row& r) -> schema::Table* {
      auto it = table_at.find({spaces.report(str(r, 0)), str(r, 1)});
      return it == table_at.end() ? nullptr : &s.tables[it->second];
    };

    for (const auto& r : conn.query(
             fmt::format("SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                         "pg_get_expr(d.adbin, d.adrelid), a.attgenerated, a.attidentity, "
                         "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
                         "coalesce(col_description(c.oid, a.attnum), '') "
                         "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                         "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid "
                         "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                         "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
                         "WHERE n.nspname IN ({}) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
                         "ORDER BY 1, 2, a.attnum",
                         ns))) {
      auto* t = table(r);
      if (!t) continue;
      schema::Column c;
      c.name = str(r, 2);
      c.type = spaces.unmask(str(r, 3));
      c.nullable = str(r, 4) != "t";
      auto generated = str(r, 6);
      if (generated == "s") {
        c.generated = stable(spaces.unmask(r[5]));
        c.generated_stored = true;
      } else if (r[5]) {
        c.default_sql = stable(spaces.unmask(r[5]));
      }
      auto identity = str(r, 7);
      if (identity == "a") c.identity = "always";
      if (identity == "d") c.identity = "by default";
      c.collation = str(r, 8);
      c.comment = str(r, 9);
      t->columns.push_back(std::move(c));
    }

    for (const auto& r : conn.query(
             fmt::format("SELECT n.nspname, c.relname, k.conname, k.contype, "
                         "ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(n, i) "
                         "      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i), "
                         "rc.relname, "
                         "ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(n, i) "
                         "      JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i), "
                         "k.confupdtype, k.confdeltype, k.condeferrable, k.condeferred, "
                         "CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, k.conrelid) "
                         "WHEN k.contype = 'x' THEN pg_get_constraintdef(k.oid, true) END, rn.nspname "
                         "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
                         "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_class rc ON rc.oid = k.confrelid "
                         "LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
                         "WHERE n.nspname IN ({}) AND k.contype IN ('p', 'u', 'f', 'c', 'x') ORDER BY 1, 2, k.conname",
                         ns))) {
      auto* t = table(r);
      if (!t) continue;
      auto type = str(r, 3);
      auto columns = array(str(r, 4));
      if (type == "p") {
        t->primary_key = schema::PrimaryKey{str(r, 2), columns};
      } else if (type == "u") {
        t->uniques.push_back({str(r, 2), columns});
      } else if (type == "c") {
        t->checks.push_back({str(r, 2), stable_expression(spaces.unmask(str(r, 11)))});
      } else if (type == "x") {
        t->exclusions.push_back({str(r, 2), stable_expression(spaces.unmask(str(r, 11)))});
      } else {
        schema::ForeignKey k{str(r, 2),        columns,           str(r, 5),
                             array(str(r, 6)), action(str(r, 7)), action(str(r, 8)),
                             str(r, 9) == "t", str(r, 10) == "t", spaces.report(str(r, 12))};
        t->foreign_keys.push_back(std::move(k));
      }
    }

    // Indexes that no constraint owns; key texts from pg_get_indexdef per key column.
    for (const auto& r : conn.query(fmt::format(
             "SELECT n.nspname, c.relname, ic.relname, i.indisunique, pg_get_expr(i.indpred, i.indrelid), "
             "ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k, true) "
             "ELSE (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]) "
             "END FROM generate_series(1, i.indnkeyatts) k), "
             "ARRAY(SELECT (i.indoption[k - 1] & 3)::text FROM generate_series(1, i.indnkeyatts) k), "
             "ARRAY(SELECT (i.indkey[k - 1] = 0)::text FROM generate_series(1, i.indnkeyatts) k), "
             "am.amname, "
             "ARRAY(SELECT CASE WHEN oc.opcdefault THEN '' WHEN pg_opclass_is_visible(oc.oid) "
             "THEN quote_ident(oc.opcname) ELSE quote_ident(ns.nspname) || '.' || quote_ident(oc.opcname) END "
             "FROM generate_series(1, i.indnkeyatts) k JOIN pg_opclass oc ON oc.oid = i.indclass[k - 1] "
             "JOIN pg_namespace ns ON ns.oid = oc.opcnamespace ORDER BY k), "
             "ARRAY(SELECT a.attname FROM generate_series(i.indnkeyatts + 1, i.indnatts) k "
             "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1] ORDER BY k) "
             "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid "
             "JOIN pg_am am ON am.oid = ic.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname IN ({}) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
             "ORDER BY 1, 3",
             ns))) {
      if (!table(r)) continue;
      schema::Index idx;
      idx.schema = spaces.report(str(r, 0));
      idx.table = str(r, 1);
      idx.name = str(r, 2);
      idx.unique = str(r, 3) == "t";
      idx.where = stable_expression(spaces.unmask(str(r, 4)));
      auto keys = array(str(r, 5));
      auto desc = array(str(r, 6));
      auto expr = array(str(r, 7));
      auto opclasses = array(str(r, 9));
      for (std::size_t k = 0; k < keys.size(); ++k) {
        const bool expression = k < expr.size() && expr[k] == "true";
        // indoption: bit 1 DESC, bit 2 NULLS FIRST (https://www.postgresql.org/docs/15/catalog-pg-index.html)
        const int option = k < desc.size() ? std::atoi(desc[k].c_str()) : 0;
        const bool descending = (option & 1) != 0, nulls_first = (option & 2) != 0;
        idx.keys.push_back({expression ? stable_expression(spaces.unmask(keys[k])) : keys[k], expression, descending,
                            k < opclasses.size() ? spaces.unmask(opclasses[k]) : "",
                            nulls_first == descending ? "" : (nulls_first ? "first" : "last")});
      }
      if (str(r, 8) != "btree") idx.method = str(r, 8);  // btree is what CREATE INDEX picks unasked
      idx.include = array(str(r, 10));
      s.indexes.push_back(std::move(idx));
    }

    for (const auto& r : conn.query(
             fmt::format("SELECT n.nspname, c.relname, pg_get_viewdef(c.oid, true) FROM pg_class c "
                         "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ({}) AND c.relkind = 'v' "
                         "ORDER BY 1, 2",
                         ns))) {
      s.views.push_back({str(r, 1), stable_expression(spaces.unmask(squeeze(str(r, 2)))), spaces.report(str(r, 0))});
    }
    for (const auto& r : conn.query(
             fmt::format("SELECT n.nspname, t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_type t "
                         "JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace "
                         "WHERE n.nspname IN ({}) GROUP BY 1, 2 ORDER BY 1, 2",
                         ns))) {
      s.enums.push_back({str(r, 1), array(str(r, 2)), spaces.report(str(r, 0))});
    }
    for (const auto& r : conn.query("SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON "
                                    "n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY 1")) {
      const auto& ignored = options.ignore_extensions;
      if (std::find(ignored.begin(), ignored.end(), str(r, 0)) != ignored.end()) continue;
      // Placed only in a schema this inspection reads: one elsewhere (a scratch database's public,
      // a shared `extensions` schema) is the server's arrangement, not the desired schema's.
      s.extensions.push_back({str(r, 0), spaces.reads(str(r, 1)) ? spaces.report(str(r, 1)) : std::string()});
    }
    // Sequences no column owns (SERIAL ones depend on their column 'a', identity ones 'i').
    for (const auto& r : conn.query(fmt::format(
             "SELECT n.nspname, c.relname, format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin, "
             "q.seqmax, q.seqcycle FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid "
             "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ({}) AND NOT EXISTS "
             "(SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) ORDER BY 1, 2",
             ns))) {
      s.sequences.push_back({str(r, 1), str(r, 2), str(r, 3), str(r, 4), str(r, 5), str(r, 6), str(r, 7) == "t",
                             spaces.report(str(r, 0))});
    }
    // Sequences a column owns (SERIAL, OWNED BY, an identity's): part of that column.
    for (const auto& r : conn.query(fmt::format(
             "SELECT n.nspname, t.relname, a.attname, c.relname, format_type(q.seqtypid, NULL), q.seqstart, "
             "q.seqincrement, q.seqmin, q.seqmax, q.seqcycle, sn.nspname FROM pg_sequence q "
             "JOIN pg_class c ON c.oid = q.seqrelid JOIN pg_namespace sn ON sn.oid = c.relnamespace "
             "JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i') "
             "AND d.refclassid = 'pg_class'::regclass "
             "JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace n ON n.oid = t.relnamespace "
             "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
             "WHERE n.nspname IN ({}) ORDER BY 1, 2, 3",
             ns))) {
      auto* t = table(r);
      if (!t) continue;
      for (auto& c : t->columns) {
        if (c.name == str(r, 2))
          c.owned_sequence = schema::Sequence{str(r, 3), str(r, 4), str(r, 5),       str(r, 6),
                                              str(r, 7), str(r, 8), str(r, 9) == "t", spaces.report(str(r, 10))};
      }
    }
    // Standalone composite types (a table's row type has relkind 'r', these 'c').
    for (const auto& r : conn.query(fmt::format(
             "SELECT n.nspname, t.typname, ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.typrelid "
             "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum), "
             "ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = t.typrelid "
             "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) "
             "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = t.typrelid "
             "WHERE t.typtype = 'c' AND c.relkind = 'c' AND n.nspname IN ({}) AND {} ORDER BY 1, 2",
             ns, not_from_extension("pg_type", "t.oid")))) {
      schema::CompositeType t;
      t.schema = spaces.report(str(r, 0));
      t.name = str(r, 1);
      auto names = array(str(r, 2));
      auto types = array(str(r, 3));
      for (std::size_t i = 0; i < names.size() && i < types.size(); ++i)
        t.attributes.push_back({names[i], spaces.unmask(types[i])});
      s.composites.push_back(std::move(t));
    }
    // Domains an extension does not own, with their named checks.
    for (const auto& r : conn.query(
             fmt::format("SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, "
                         "pg_get_expr(t.typdefaultbin, 0), "
                         "ARRAY(SELECT c.conname FROM pg_constraint c WHERE c.contypid = t.oid ORDER BY c.conname), "
                         "ARRAY(SELECT pg_get_constraintdef(c.oid, true) FROM pg_constraint c WHERE c.contypid = t.oid "
                         "ORDER BY c.conname) "
                         "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'd' "
                         "AND n.nspname IN ({}) AND {} ORDER BY 1, 2",
                         ns, not_from_extension("pg_type", "t.oid")))) {
      schema::Domain d;
      d.schema = spaces.report(str(r, 0));
      d.name = str(r, 1);
      d.type = spaces.unmask(str(r, 2));
      d.nullable = str(r, 3) != "t";
      d.default_sql = stable(spaces.unmask(r[4]));
      auto names = array(str(r, 5));
      auto definitions = array(str(r, 6));
      for (std::size_t i = 0; i < names.size() && i < definitions.size(); ++i)
        d.checks.push_back({names[i], stable_expression(spaces.unmask(definitions[i]))});
      s.domains.push_back(std::move(d));
    }
    // Functions and procedures an extension does not own, nor a type (a range type's
    // constructors); the name in the definition loses the
    // default schema's qualifier (pg_get_functiondef always qualifies it).
    for (const auto& r : conn.query(fmt::format(
             "SELECT n.nspname, p.proname, oidvectortypes(p.proargtypes), pg_get_functiondef(p.oid), "
             "p.prokind = 'p', quote_ident(n.nspname) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
             "WHERE n.nspname IN ({}) AND p.prokind IN ('f', 'p') AND {} AND NOT EXISTS (SELECT 1 FROM pg_depend d "
             "WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i') ORDER BY 1, 2, 3",
             ns, not_from_extension("pg_proc", "p.oid")))) {
      schema::Routine routine;
      routine.schema = spaces.report(str(r, 0));
      routine.name = str(r, 1);
      routine.arguments = spaces.unmask(str(r, 2));
      routine.procedure = str(r, 4) == "t";
      auto definition = str(r, 3);
      const auto kind = std::string(routine.procedure ? "PROCEDURE " : "FUNCTION ");
      const auto written = "CREATE OR REPLACE " + kind + str(r, 5) + ".";
      if (definition.starts_with(written)) {
        definition.replace(0, written.size(),
                           "CREATE OR REPLACE " + kind +
                               (routine.schema.empty() ? "" : dialect().quote_identifier(routine.schema) + "."));
      }
      routine.definition = spaces.unmask(std::string(text::trim(definition)));
      s.routines.push_back(std::move(routine));
    }
    // Triggers the user wrote (not the ones behind foreign keys), on modelled tables and views.
    for (const auto& r : conn.query(
             fmt::format("SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid, true), c.relkind = 'v' "
                         "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                         "JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE n.nspname IN ({}) AND NOT t.tgisinternal ORDER BY 1, 2, 3",
                         ns))) {
      if (!table(r) && str(r, 4) != "t") continue;
      s.triggers.push_back({str(r, 2), str(r, 1), stable_expression(spaces.unmask(str(r, 3))), spaces.report(str(r, 0))});
    }
    // What the model does not cover, named so that `check` never calls it equal by silence.
    for (const auto& r : conn.query(fmt::format(
             "SELECT n.nspname, c.relname || CASE c.relkind WHEN 'm' THEN ' (materialized view)' "
             "WHEN 'f' THEN ' (foreign table)' END FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname IN ({0}) AND c.relkind IN ('m', 'f') "
             "UNION ALL SELECT n.nspname, c.relname || ' (unlogged table)' FROM pg_class c "
             "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ({0}) AND c.relkind = 'r' "
             "AND c.relpersistence = 'u' "
             "UNION ALL SELECT n.nspname, c.relname || ' (storage parameters)' FROM pg_class c "
             "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ({0}) AND c.relkind IN ('r', 'i') "
             "AND c.reloptions IS NOT NULL "
             "UNION ALL SELECT n.nspname, c.relname || ' (row level security)' FROM pg_class c "
             "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ({0}) AND c.relrowsecurity "
             "UNION ALL SELECT n.nspname, c.relname || ' (grants)' FROM pg_class c "
             "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ({0}) AND c.relacl IS NOT NULL "
             "UNION ALL SELECT n.nspname, p.polname || ' on ' || c.relname || ' (policy)' FROM pg_policy p "
             "JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname IN ({0}) "
             "UNION ALL SELECT n.nspname, r.rulename || ' on ' || c.relname || ' (rule)' FROM pg_rewrite r "
             "JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname IN ({0}) AND r.rulename <> '_RETURN' "
             "UNION ALL SELECT n.nspname, t.typname || ' (range type)' FROM pg_type t "
             "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname IN ({0}) AND t.typtype = 'r' "
             "AND {1} "
             "UNION ALL SELECT n.nspname, p.proname || '(' || oidvectortypes(p.proargtypes) || ') (aggregate)' "
             "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN ({0}) "
             "AND p.prokind IN ('a', 'w') AND {2} "
             "UNION ALL SELECT n.nspname, o.oprname || ' (operator)' FROM pg_operator o "
             "JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname IN ({0}) AND {3} "
             "UNION ALL SELECT n.nspname, x.stxname || ' (statistics)' FROM pg_statistic_ext x "
             "JOIN pg_namespace n ON n.oid = x.stxnamespace WHERE n.nspname IN ({0}) "
             "UNION ALL SELECT n.nspname, co.collname || ' (collation)' FROM pg_collation co "
             "JOIN pg_namespace n ON n.oid = co.collnamespace WHERE n.nspname IN ({0}) AND {4} "
             "UNION ALL SELECT n.nspname, k.conname || ' on ' || c.relname || CASE WHEN NOT k.convalidated "
             "THEN ' (NOT VALID)' WHEN k.contype = 'f' THEN ' (MATCH FULL)' ELSE ' (deferrable)' END "
             "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname IN ({0}) AND (NOT k.convalidated OR (k.contype = 'f' AND k.confmatchtype = 'f') OR "
             "(k.contype IN ('p', 'u', 'x') AND k.condeferrable)) "
             "UNION ALL SELECT n.nspname, c.relname || ' (comment)' FROM pg_description d JOIN pg_class c "
             "ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0 "
             "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ({0}) AND c.relkind IN ('v', 'm', 'i', 'S') "
             "UNION ALL SELECT n.nspname, k.conname || ' on ' || c.relname || ' (comment)' FROM pg_description d "
             "JOIN pg_constraint k ON d.classoid = 'pg_constraint'::regclass AND d.objoid = k.oid "
             "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname IN ({0}) "
             "UNION ALL SELECT n.nspname, g.tgname || ' on ' || c.relname || ' (comment)' FROM pg_description d "
             "JOIN pg_trigger g ON d.classoid = 'pg_trigger'::regclass AND d.objoid = g.oid "
             "JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname IN ({0}) "
             "UNION ALL SELECT n.nspname, t.typname || ' (comment)' FROM pg_description d JOIN pg_type t "
             "ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace "
             "WHERE n.nspname IN ({0}) AND {1} "
             "UNION ALL SELECT n.nspname, p.proname || '(' || oidvectortypes(p.proargtypes) || ') (comment)' "
             "FROM pg_description d JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass AND d.objoid = p.oid "
             "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN ({0}) AND {2} "
             "UNION ALL SELECT n.nspname, p.proname || '(' || oidvectortypes(p.proargtypes) || ') (grants)' "
             "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN ({0}) "
             "AND p.proacl IS NOT NULL AND {2} ORDER BY 1, 2",
             ns, not_from_extension("pg_type", "t.oid"), not_from_extension("pg_proc", "p.oid"),
             not_from_extension("pg_operator", "o.oid"), not_from_extension("pg_collation", "co.oid")))) {
      const auto object = str(r, 1);
      if (excluded(object.substr(0, object.find(' ')))) continue;
      const auto reported = spaces.report(str(r, 0));
      s.skipped.push_back(reported.empty() ? object : reported + "." + object);
    }
    s.normalise();
    return s;
  }

  std::string server_version(Connection& conn) const override {
    return conn.query_column("SELECT current_setting('server_version_num')").front();
  }

  diff::Hooks hooks() const override {
    // Both sides are deparsed by the same server: exact text is the right comparison.
    auto hooks = diff::exact_hooks();
    hooks.converts = [](const std::string& from, const std::string& to) { return converts(from, to); };
    return hooks;
  }
};

}  // namespace

const Inspector& inspector() {
  static const PostgresInspector instance;
  return instance;
}

}  // namespace retort::dialects::postgres
