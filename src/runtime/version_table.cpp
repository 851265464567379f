#include "runtime/version_table.hpp"

#include <fmt/format.h>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::runtime {

using revisions::RowChange;

VersionTable::VersionTable(const dialects::Dialect& dialect, std::string schema, std::string name)
    : dialect_(dialect), schema_(std::move(schema)), name_(std::move(name)) {}

std::string VersionTable::qualified() const { return dialect_.quote_qualified({schema_, name_}); }

std::string VersionTable::create_sql() const {
  // 255 characters, not Alembic's 32: descriptive ids must not break on PostgreSQL.
  return fmt::format(
      "CREATE TABLE IF NOT EXISTS {} (\n    version_num VARCHAR(255) NOT NULL,\n    CONSTRAINT {} PRIMARY KEY "
      "(version_num)\n)",
      qualified(), dialect_.quote_identifier(name_ + "_pkc"));
}

std::string VersionTable::change_sql(const RowChange& change) const {
  auto table = qualified();
  auto column = dialect_.quote_identifier(name_) + ".version_num";
  switch (change.op) {
    case RowChange::Op::Insert:
      return fmt::format("INSERT INTO {} (version_num) VALUES ({})", table, dialect_.string_literal(change.to));
    case RowChange::Op::Update:
      return fmt::format("UPDATE {} SET version_num={} WHERE {} = {}", table, dialect_.string_literal(change.to), column,
                         dialect_.string_literal(change.from));
    case RowChange::Op::Delete:
      return fmt::format("DELETE FROM {} WHERE {} = {}", table, column, dialect_.string_literal(change.from));
  }
  return {};
}

std::string VersionTable::purge_sql() const { return fmt::format("DELETE FROM {}", qualified()); }

bool VersionTable::exists(dialects::Connection& conn) const { return conn.table_exists(schema_, name_); }

void VersionTable::ensure(dialects::Connection& conn) const {
  if (!exists(conn)) conn.execute(create_sql());
}

std::vector<std::string> VersionTable::rows(dialects::Connection& conn) const {
  if (!exists(conn)) return {};
  return conn.query_column(fmt::format("SELECT version_num FROM {}", qualified()));
}

void VersionTable::apply(dialects::Connection& conn, const RowChange& change) const {
  auto sql = change_sql(change);
  auto changed = conn.execute(sql);
  if (change.op != RowChange::Op::Insert && changed != 1) {
    throw Error(ErrorCode::Database,
                fmt::format("Online migration expected to match one row when {} '{}' in '{}'; {} found. Another "
                            "process changed the version table during this run",
                            change.op == RowChange::Op::Update ? fmt::format("updating '{}' to", change.from)
                                                               : std::string("deleting"),
                            change.op == RowChange::Op::Update ? change.to : change.from, name_, changed))
        .with_statement(sql);
  }
}

void VersionTable::check_fits(dialects::Connection& conn, const std::vector<std::string>& rows) const {
  const auto sql = dialect_.text_width_sql(qualified(), "version_num");
  if (!sql) return;
  const auto width = conn.query_column(*sql);
  if (width.empty()) return;
  const auto limit = std::stoul(width.front());
  for (const auto& row : rows) {
    if (row.size() <= limit) continue;
    throw Error(ErrorCode::Config,
                fmt::format("Revision id '{}' ({} characters) does not fit the version table's column {}.version_num, "
                            "VARCHAR({}) (Alembic creates it so); nothing was run. Widen it first:\n  ALTER TABLE {} "
                            "ALTER COLUMN version_num TYPE varchar(255);",
                            text::shown(row), row.size(), qualified(), limit,
                            qualified()));
  }
}

}  // namespace retort::runtime
