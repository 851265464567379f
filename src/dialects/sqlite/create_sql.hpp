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

/// A CHECK (or other) expression in a form for comparison only: normalised as normalise_sql(),
/// with parentheses that change nothing removed and `==` / `<>` written `=` / `!=`, so
/// `((qty>0) and (qty<500))` equals `qty > 0 AND qty < 500`. Never rendered.
[[nodiscard]] std::string comparable_expression(std::string_view sql);

/// The comma-separated items inside the first top-level parentheses (a table's column and
/// constraint definitions, an index's keys), each trimmed.
[[nodiscard]] std::vector<std::string> paren_items(std::string_view sql);

/// The text after the first top-level keyword `word` (case-insensitive), or "" (e.g. an index's
/// WHERE, a view's AS).
[[nodiscard]] std::string after_keyword(std::string_view sql, std::string_view word);

struct CreateTableParts {
  struct Check {
    std::string name, expression;  ///< the expression as comparable_expression() gives it
    std::string source;            ///< the expression as written
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
  /// A constraint's name (CONSTRAINT x UNIQUE / FOREIGN KEY), by the constraint's own columns.
  struct Named {
    std::vector<std::string> columns;
    std::string name;
  };
  std::vector<Check> checks;
  std::vector<Generated> generated;
  std::vector<Deferrable> deferrable;
  std::vector<Collation> collations;
  std::string primary_key_name;
  std::vector<Named> unique_names;
  std::vector<Named> foreign_key_names;
  bool autoincrement = false;
  bool strict = false;
  bool without_rowid = false;
};

/// CHECK constraints (table and column level), generated columns, column collations, deferrable
/// foreign keys, constraint names and the table options (AUTOINCREMENT, STRICT, WITHOUT ROWID).
[[nodiscard]] CreateTableParts parse_create_table(std::string_view sql);

}  // namespace retort::dialects::sqlite
