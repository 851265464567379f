#pragma once
// The pure schema model (SPEC §7, §9): value types with equality by value, no I/O. Objects refer
// to each other by name (a foreign key names its target table), never by pointer.

#include <optional>
#include <string>
#include <vector>

namespace retort::schema {

struct Column {
  std::string name;
  std::string type;  ///< as the database reports it, e.g. "VARCHAR(100)"
  bool nullable = true;
  std::optional<std::string> default_sql;  ///< the default expression's SQL text
  std::optional<std::string> generated;    ///< generated column expression
  bool generated_stored = false;
  std::string identity;  ///< PostgreSQL identity column: "always", "by default", or empty
  std::string collation;
  std::string comment;
  bool operator==(const Column&) const = default;
};

struct PrimaryKey {
  std::string name;  ///< empty when the database gives none (SQLite)
  std::vector<std::string> columns;
  bool operator==(const PrimaryKey&) const = default;
};

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  bool operator==(const UniqueConstraint&) const = default;
};

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::string on_update = "NO ACTION";
  std::string on_delete = "NO ACTION";
  bool deferrable = false;
  bool initially_deferred = false;
  bool operator==(const ForeignKey&) const = default;
};

struct CheckConstraint {
  std::string name;
  std::string expression;
  bool operator==(const CheckConstraint&) const = default;
};

/// One key of an index: a column, or an expression.
struct IndexKey {
  std::string text;  ///< column name, or the expression's SQL
  bool expression = false;
  bool descending = false;
  bool operator==(const IndexKey&) const = default;
};

struct Index {
  std::string name;
  std::string table;
  bool unique = false;
  std::vector<IndexKey> keys;
  std::string where;  ///< partial index predicate, empty for a full index
  bool operator==(const Index&) const = default;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;
  std::vector<UniqueConstraint> uniques;
  std::vector<ForeignKey> foreign_keys;
  std::vector<CheckConstraint> checks;
  std::string comment;
  bool operator==(const Table&) const = default;

  [[nodiscard]] const Column* column(const std::string& n) const;
};

struct View {
  std::string name;
  std::string definition;  ///< the SELECT, whitespace-normalised
  bool operator==(const View&) const = default;
};

/// A PostgreSQL enum type: its labels in order.
struct EnumType {
  std::string name;
  std::vector<std::string> values;
  bool operator==(const EnumType&) const = default;
};

/// A PostgreSQL sequence that no column owns (SERIAL and identity sequences come with their column).
struct Sequence {
  std::string name;
  std::string type = "bigint";
  std::string start = "1", increment = "1", min_value, max_value;
  bool cycle = false;
  bool operator==(const Sequence&) const = default;
};

/// A trigger, kept as its SQL: not compared, but recreated when its table is rebuilt.
struct Trigger {
  std::string name;
  std::string table;
  std::string sql;
  bool operator==(const Trigger&) const = default;
};

/// A whole schema: sorted by name so equal schemas compare equal.
struct Schema {
  std::vector<Table> tables;
  std::vector<Index> indexes;
  std::vector<View> views;
  std::vector<Trigger> triggers;
  std::vector<EnumType> enums;
  std::vector<Sequence> sequences;
  bool operator==(const Schema&) const = default;

  [[nodiscard]] const Table* table(const std::string& n) const;
  [[nodiscard]] const Index* index(const std::string& n) const;
  [[nodiscard]] const View* view(const std::string& n) const;
  [[nodiscard]] const EnumType* enum_type(const std::string& n) const;
  [[nodiscard]] const Sequence* sequence(const std::string& n) const;
  /// Sorts every list by name, so the same schema always has the same form.
  void normalise();
};

}  // namespace retort::schema
