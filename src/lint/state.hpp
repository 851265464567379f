#pragma once
// What a FileLinter remembers while it walks one file, shared by the dialects' rules.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lint/lint.hpp"
#include "lint/tokens.hpp"

namespace retort::linter {

struct FileLinter::State {
  Context context;
  std::map<int, std::set<std::string>> ignored;  ///< line -> rules its `-- lint:ignore` names
  std::vector<Finding> findings;

  std::set<std::string> created;  ///< tables created earlier in this file (lower-cased)
  bool lock_timeout_set = false;  ///< a SET lock_timeout ran earlier in this file
  bool lock_reported = false;
  struct NotNullCheck {
    std::string table, column, name;
    bool validated = false;
  };
  std::vector<NotNullCheck> not_null_checks;  ///< CHECK (col IS NOT NULL) added in this file
  std::map<std::string, int> added_values;    ///< enum labels added in the open transaction -> line
  /// Tables dropped in this file that others referenced, to tell a rebuild from a drop at the end.
  struct Dropped {
    int line = 0;
    std::string statement;
    std::vector<std::string> children;  ///< the tables referencing it
    bool recreated = false;
    bool checked = false;  ///< PRAGMA foreign_key_check ran after it was re-created
  };
  std::map<std::string, Dropped> dropped;
  std::map<std::string, Finding> pending_drops;  ///< drop-table findings a later re-creation may cancel
  bool legacy_alter_table = false;
  /// MySQL: the block being read, whether it holds DDL, and its data statements (line, first line).
  int block = -1;
  bool block_ddl = false;
  std::vector<std::pair<int, std::string>> block_data;

  /// Adds a finding of `rule` (its severity unless `severity` says otherwise) for the statement
  /// starting at `line`.
  void add(std::string_view rule, int line, const std::string& statement, std::string message,
           std::optional<Severity> severity = std::nullopt);
  [[nodiscard]] bool error_at(int line) const;
  [[nodiscard]] bool is_new(const std::string& table) const;
};

/// The key a table is remembered under: `schema.name` or `name`, lower-cased.
[[nodiscard]] std::string table_key(std::string_view schema, std::string_view name);

void postgres_statement(FileLinter::State& st, const Statement& s, int line, const std::string& shown);
void sqlite_statement(FileLinter::State& st, std::string_view sql, const std::vector<Token>& tokens,
                      const std::string& shown, const SchemaBefore& before);
void sqlite_finish(FileLinter::State& st);
void mysql_statement(FileLinter::State& st, const Statement& s, const std::vector<Token>& tokens,
                     const std::string& shown);
void mysql_finish(FileLinter::State& st);

/// SQLite accepts this ADD COLUMN default on a table with rows (a literal, a signed number, a
/// CAST of one, in any parentheses): the tokens from just after DEFAULT to the end of its value.
[[nodiscard]] bool sqlite_constant_default(const std::vector<Token>& tokens, std::size_t begin, std::size_t end);

}  // namespace retort::linter
