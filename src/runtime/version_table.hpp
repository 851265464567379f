#pragma once
// The version table: one row per current head (SPEC §2). SQL is rendered without a connection.

#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "revision/planner.hpp"

namespace retort::runtime {

class VersionTable {
 public:
  VersionTable(const dialects::Dialect& dialect, std::string schema, std::string name);

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::string qualified() const;
  [[nodiscard]] std::string create_sql() const;
  [[nodiscard]] std::string change_sql(const revisions::RowChange& change) const;
  [[nodiscard]] std::string purge_sql() const;

  [[nodiscard]] bool exists(dialects::Connection& conn) const;
  void ensure(dialects::Connection& conn) const;
  /// The rows, or nothing when the table does not exist.
  [[nodiscard]] std::vector<std::string> rows(dialects::Connection& conn) const;
  /// Applies one change; an UPDATE or DELETE must touch exactly one row (another migrator moved it).
  void apply(dialects::Connection& conn, const revisions::RowChange& change) const;
  /// Refuses, before anything runs, rows that the table's column cannot hold (an adopted Alembic
  /// table is VARCHAR(32)), naming the statement that widens it.
  void check_fits(dialects::Connection& conn, const std::vector<std::string>& rows) const;

 private:
  const dialects::Dialect& dialect_;
  std::string schema_;
  std::string name_;
};

}  // namespace retort::runtime
