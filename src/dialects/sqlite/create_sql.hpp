#pragma once
// What PRAGMAs do not tell: CHECK constraints, constraint names, generated-column expressions and
// index expressions, read from the CREATE statements SQLite stores in sqlite_master.

#include <string>
#include <string_view>
#include <vector>

namespace retort::dialects::sqlite {

/// SQL text with whitespace and comments normalised and unquoted words lower-cased, so that the
/// same expression written two ways compares equal.
[[nodiscard]] std::string normalise_sql(std::string_view sql);

/// The comma-separated items inside the first top-level parentheses (a table's column and
/// constraint definitions, an index's keys), each trimmed.
[[nodiscard]] std::vector<std::string> paren_items(std::string_view sql);

/// The text after the first top-level keyword `word` (case-insensitive), or "" (e.g. an index's
/// WHERE, a view's AS).
[[nodiscard]] std::string after_keyword(std::string_view sql, std::string_view word);

struct CreateTableParts {
  struct Check {
    std::string name, expression;
  };
  struct Generated {
    std::string column, expression;
  };
  struct Collation {
    std::string column, name;
  };
  /// DEFERRABLE on a foreign key (no PRAGMA reports it), by the key's own columns.
  struct Deferrable {
    std::vector<std::string> columns;
    bool initially_deferred = false;
  };
  std::vector<Check> checks;
  std::vector<Generated> generated;
  std::vector<Deferrable> deferrable;
  std::vector<Collation> collations;
  std::string primary_key_name;
};

/// CHECK constraints (table and column level), generated columns, column collations, deferrable
/// foreign keys and the primary key's name.
[[nodiscard]] CreateTableParts parse_create_table(std::string_view sql);

}  // namespace retort::dialects::sqlite
