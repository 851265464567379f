#pragma once
// The pure schema model (SPEC §7, §9): value types with equality by value, no I/O. Objects refer
// to each other by name (a foreign key names its target table), never by pointer.

#include <optional>
#include <string>
#include <vector>

namespace retort::schema {

// Members added after the first ones have `{}` initialisers, so aggregate initialisers that stop
// before them stay complete (-Wmissing-field-initializers).

/// A name in a schema. An empty schema is the database's default one (PostgreSQL's current
/// schema; always so on SQLite), written unqualified.
struct QualifiedName {
  std::string schema;
  std::string name;
  QualifiedName() = default;
  QualifiedName(std::string schema_name, std::string object_name)
      : schema(std::move(schema_name)), name(std::move(object_name)) {}
  /// A name in the default schema. Implicit on purpose: nearly every name is one (all of
  /// SQLite's), and a bare table name reads as what it is.
  QualifiedName(std::string object_name) : name(std::move(object_name)) {}  // NOLINT(google-explicit-constructor)
  QualifiedName(const char* object_name) : name(object_name) {}             // NOLINT(google-explicit-constructor)
  /// "schema.name", or "name" in the default schema: for messages, not SQL.
  [[nodiscard]] std::string str() const { return schema.empty() ? name : schema + "." + name; }
  auto operator<=>(const QualifiedName&) const = default;
  bool operator==(const QualifiedName&) const = default;
};

/// The qualified name of anything with `schema` and `name` members.
template <typename T>
QualifiedName qualified(const T& object) {
  return {object.schema, object.name};
}

/// Text kept as written, to re-create an object from (a view's or trigger's own statement). It is
/// not part of the object's equality: the normalised form beside it is what compares.
struct Verbatim {
  std::string text;
  bool operator==(const Verbatim&) const { return true; }
};

/// A PostgreSQL sequence. One that no column owns is a schema object of its own; one that a column
/// owns (SERIAL, or ALTER SEQUENCE ... OWNED BY) comes with that column; identity columns' are
/// implied by the identity.
struct Sequence {
  std::string name;
  std::string type = "bigint";
  std::string start = "1", increment = "1", min_value, max_value;
  bool cycle = false;
  std::string schema{};
  bool operator==(const Sequence&) const = default;
};

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
  std::optional<Sequence> owned_sequence{};  ///< the sequence this column owns (PostgreSQL SERIAL)
  std::string on_update{};  ///< MySQL ON UPDATE expression ("current_timestamp()"), empty for none
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
  std::string ref_schema{};  ///< the referenced table's schema; empty = the default one
  /// MySQL: the index the server made for the key on its own (named after the key or its first
  /// column), which comes and goes with it and so is not listed among the indexes.
  std::string index{};
  bool operator==(const ForeignKey&) const = default;

  [[nodiscard]] QualifiedName target() const { return {ref_schema, ref_table}; }
};

struct CheckConstraint {
  std::string name;
  std::string expression;  ///< in the dialect's comparable form
  Verbatim source{};       ///< the expression as written, rendered instead when known (SQLite)
  bool operator==(const CheckConstraint&) const = default;
};

/// A PostgreSQL exclusion constraint, kept as the server prints it (pg_get_constraintdef).
struct ExclusionConstraint {
  std::string name;
  std::string definition;  ///< "EXCLUDE USING gist (during WITH &&)"
  bool operator==(const ExclusionConstraint&) const = default;
};

/// One key of an index: a column, or an expression.
struct IndexKey {
  std::string text;  ///< column name, or the expression's SQL
  bool expression = false;
  bool descending = false;
  std::string opclass{};  ///< PostgreSQL operator class when not the type's default (text_pattern_ops)
  /// "first" or "last" when NULLs sort against the direction's default (PostgreSQL: last when
  /// ascending, first when descending); empty for the default.
  std::string nulls{};
  int length{};  ///< MySQL prefix length (the first n characters of a text column), 0 for all of it
  bool operator==(const IndexKey&) const = default;
};

struct Index {
  std::string name;
  std::string table;
  bool unique = false;
  std::vector<IndexKey> keys;
  std::string where;                   ///< partial index predicate, empty for a full index
  std::string schema{};                ///< the table's schema, which is the index's too
  std::string method{};  ///< access method when not btree (PostgreSQL gin, gist, ...; MySQL fulltext, spatial)
  std::vector<std::string> include{};  ///< PostgreSQL INCLUDE columns, not part of the key
  bool operator==(const Index&) const = default;
};

/// Table options. SQLite (https://www.sqlite.org/lang_createtable.html): AUTOINCREMENT on the
/// rowid primary key, STRICT typing, WITHOUT ROWID storage. MySQL: the storage engine and the
/// table's collation (its character set is the collation's). All unset on PostgreSQL.
struct TableOptions {
  bool autoincrement = false;
  bool strict = false;
  bool without_rowid = false;
  std::string engine{};
  std::string collation{};
  bool operator==(const TableOptions&) const = default;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;
  std::vector<UniqueConstraint> uniques;
  std::vector<ForeignKey> foreign_keys;
  std::vector<CheckConstraint> checks;
  std::string comment;
  std::string schema{};
  std::vector<ExclusionConstraint> exclusions{};
  TableOptions options{};
  bool operator==(const Table&) const = default;

  [[nodiscard]] const Column* column(const std::string& n) const;
};

struct View {
  std::string name;
  std::string definition;  ///< the SELECT, normalised: compared, never rendered where `sql` is known
  std::string schema{};
  std::vector<std::string> columns{};  ///< the column names the view returns, where reflected (SQLite)
  Verbatim sql{};                      ///< the CREATE VIEW statement as written, where known (SQLite)
  bool operator==(const View&) const = default;
};

/// A PostgreSQL enum type: its labels in order.
struct EnumType {
  std::string name;
  std::vector<std::string> values;
  std::string schema{};
  bool operator==(const EnumType&) const = default;
};

/// A PostgreSQL composite type (CREATE TYPE name AS (...)): its attributes in order.
struct CompositeType {
  struct Attribute {
    std::string name;
    std::string type;
    bool operator==(const Attribute&) const = default;
  };
  std::string name;
  std::vector<Attribute> attributes;
  std::string schema{};
  bool operator==(const CompositeType&) const = default;
};

/// A PostgreSQL domain: a base type with a default, nullability and named checks.
struct Domain {
  std::string name;
  std::string type;  ///< the base type, as format_type prints it
  bool nullable = true;
  std::optional<std::string> default_sql;
  std::vector<CheckConstraint> checks;  ///< each expression as "CHECK (VALUE > 0)"
  std::string schema{};
  bool operator==(const Domain&) const = default;
};

/// A trigger, kept as the CREATE TRIGGER statement the database reports; compared by that text
/// (normalised on SQLite), and re-created from its own text when its table is rebuilt.
struct Trigger {
  std::string name;
  std::string table;
  std::string sql;  ///< normalised (SQLite) or as the server prints it (PostgreSQL): compared
  std::string schema{};
  Verbatim source{};  ///< the statement as written, rendered instead of `sql` when known (SQLite)
  bool operator==(const Trigger&) const = default;
};

/// A PostgreSQL function or procedure, kept as the server prints it (pg_get_functiondef) with the
/// default schema's qualifier taken out of its name. Overloads differ by their arguments.
struct Routine {
  std::string name;
  std::string arguments;   ///< argument types, which tell overloads apart: "integer, text"
  std::string definition;  ///< CREATE OR REPLACE FUNCTION ... / PROCEDURE ...
  bool procedure = false;
  std::string schema{};
  bool operator==(const Routine&) const = default;
};

/// A PostgreSQL extension. Compared by name only: where it is installed and at which version are
/// the server's business, and an extension is never moved or updated by a migration retort writes.
struct Extension {
  std::string name;
  std::string schema{};  ///< where the desired schema installs it (WITH SCHEMA), empty = the default
  bool operator==(const Extension&) const = default;
};

/// A whole database's worth of managed schemas: sorted by name so equal schemas compare equal.
struct Schema {
  std::vector<std::string> schemas;  ///< named schemas besides the default one (PostgreSQL)
  std::vector<Table> tables;
  std::vector<Index> indexes;
  std::vector<View> views;
  std::vector<Trigger> triggers;
  std::vector<EnumType> enums;
  std::vector<Sequence> sequences;
  std::vector<Routine> routines;
  std::vector<Domain> domains;
  std::vector<CompositeType> composites;
  std::vector<Extension> extensions{};  ///< installed in the database (PostgreSQL), plpgsql left out
  /// What was read but is not modelled, so compared by nothing ("events (partitioned table)").
  std::vector<std::string> skipped;
  bool operator==(const Schema&) const = default;

  [[nodiscard]] const Table* table(const QualifiedName& n) const;
  [[nodiscard]] const Index* index(const QualifiedName& n) const;
  /// The index `name` on `table`: the same name on two tables is two indexes on MySQL, whose index
  /// names are the table's own (elsewhere a schema's, so this finds what index() finds).
  [[nodiscard]] const Index* index_on(const QualifiedName& table, const std::string& name) const;
  [[nodiscard]] const View* view(const QualifiedName& n) const;
  [[nodiscard]] const EnumType* enum_type(const QualifiedName& n) const;
  [[nodiscard]] const Sequence* sequence(const QualifiedName& n) const;
  [[nodiscard]] const Domain* domain(const QualifiedName& n) const;
  [[nodiscard]] const CompositeType* composite(const QualifiedName& n) const;
  [[nodiscard]] const Extension* extension(const std::string& name) const;
  [[nodiscard]] bool has_schema(const std::string& n) const;
  /// Sorts every list by (schema, name), so the same schema always has the same form.
  void normalise();
};

}  // namespace retort::schema
