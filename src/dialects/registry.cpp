// The one list of dialects (SPEC §9): name, URL schemes, factory. No self-registration.

#include <fmt/format.h>
#include <algorithm>
#include <set>

#include "dialects/dialect.hpp"
#include "dialects/mysql/mysql_dialect.hpp"
#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/sqlite/sqlite_dialect.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects {

namespace {

struct Entry {
  std::vector<std::string> schemes;
  const Dialect& (*instance)();
};

const std::vector<Entry>& registry() {
  static const std::vector<Entry> entries = {
      {{"sqlite"}, &sqlite::dialect},
      {{"postgresql"}, &postgres::dialect},
      {{"mysql"}, &mysql::dialect},
  };
  return entries;
}

/// Words that cannot be bare identifiers in standard SQL and PostgreSQL (reserved, and the
/// "type or function name" class), which SQLite's keywords mostly share.
bool reserved(std::string_view name) {
  static const std::set<std::string_view> words = {"all",
                                                   "analyse",
                                                   "analyze",
                                                   "and",
                                                   "any",
                                                   "array",
                                                   "as",
                                                   "asc",
                                                   "asymmetric",
                                                   "authorization",
                                                   "between",
                                                   "binary",
                                                   "both",
                                                   "by",
                                                   "case",
                                                   "cast",
                                                   "check",
                                                   "collate",
                                                   "collation",
                                                   "column",
                                                   "concurrently",
                                                   "constraint",
                                                   "create",
                                                   "cross",
                                                   "current_catalog",
                                                   "current_date",
                                                   "current_role",
                                                   "current_schema",
                                                   "current_time",
                                                   "current_timestamp",
                                                   "current_user",
                                                   "default",
                                                   "deferrable",
                                                   "delete",
                                                   "desc",
                                                   "distinct",
                                                   "do",
                                                   "drop",
                                                   "else",
                                                   "end",
                                                   "except",
                                                   "exists",
                                                   "false",
                                                   "fetch",
                                                   "for",
                                                   "foreign",
                                                   "freeze",
                                                   "from",
                                                   "full",
                                                   "grant",
                                                   "group",
                                                   "having",
                                                   "ilike",
                                                   "in",
                                                   "index",
                                                   "initially",
                                                   "inner",
                                                   "insert",
                                                   "intersect",
                                                   "into",
                                                   "is",
                                                   "isnull",
                                                   "join",
                                                   "key",
                                                   "lateral",
                                                   "leading",
                                                   "left",
                                                   "like",
                                                   "limit",
                                                   "localtime",
                                                   "localtimestamp",
                                                   "natural",
                                                   "not",
                                                   "notnull",
                                                   "null",
                                                   "offset",
                                                   "on",
                                                   "only",
                                                   "or",
                                                   "order",
                                                   "outer",
                                                   "overlaps",
                                                   "placing",
                                                   "primary",
                                                   "references",
                                                   "returning",
                                                   "right",
                                                   "select",
                                                   "session_user",
                                                   "set",
                                                   "similar",
                                                   "some",
                                                   "symmetric",
                                                   "table",
                                                   "tablesample",
                                                   "then",
                                                   "to",
                                                   "trailing",
                                                   "true",
                                                   "union",
                                                   "unique",
                                                   "update",
                                                   "user",
                                                   "using",
                                                   "values",
                                                   "variadic",
                                                   "verbose",
                                                   "view",
                                                   "when",
                                                   "where",
                                                   "window",
                                                   "with"};
  return words.count(name) > 0;
}

bool plain_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  if (reserved(name)) return false;
  return std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_'; });
}

}  // namespace

std::string Dialect::quote_identifier(std::string_view name) const {
  if (plain_identifier(name)) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::vector<std::string> Connection::query_column(std::string_view sql) {
  std::vector<std::string> out;
  for (auto& row : query(sql)) out.push_back(row.empty() ? std::string() : row.front().value_or(""));
  return out;
}

std::string Dialect::quote_qualified(const schema::QualifiedName& name) const {
  return name.schema.empty() ? quote_identifier(name.name)
                             : quote_identifier(name.schema) + "." + quote_identifier(name.name);
}

void Dialect::load_schema(Connection& conn, std::string_view script) const {
  conn.run_script(script, 1, [](const Statement&, std::chrono::nanoseconds) {});
}

std::string Dialect::quote_list(const std::vector<std::string>& names) const {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + quote_identifier(names[i]);
  return out;
}

const Dialect& dialect_for(const Url& url) {
  for (const auto& e : registry()) {
    if (std::find(e.schemes.begin(), e.schemes.end(), url.scheme) != e.schemes.end()) return e.instance();
  }
  throw Error(ErrorCode::Url, fmt::format("No dialect for database URL '{}'; known: {}", url.masked(),
                                          text::join(dialect_names(), ", ")));
}

const Dialect& dialect_named(std::string_view name) {
  for (const auto& e : registry()) {
    if (e.instance().name() == name) return e.instance();
  }
  throw Error(ErrorCode::Config,
              fmt::format("No dialect '{}'; known: {}", text::shown(name), text::join(dialect_names(), ", ")));
}

namespace {

Error cannot_borrow(const Dialect& d) {
  return Error(ErrorCode::Config, fmt::format("The {} dialect cannot use a connection the caller owns", d.name()));
}

}  // namespace

std::unique_ptr<Connection> Dialect::borrow(void*, const ConnectOptions&) const { throw cannot_borrow(*this); }
Url Dialect::borrowed_url(void*) const { throw cannot_borrow(*this); }
std::unique_ptr<MigratorLock> Dialect::lock_borrowed(void*, const Url&, const std::string&,
                                                     const ConnectOptions&) const {
  throw cannot_borrow(*this);
}

std::vector<std::string> dialect_names() {
  std::vector<std::string> out;
  for (const auto& e : registry()) out.push_back(std::string(e.instance().name()));
  return out;
}

}  // namespace retort::dialects
