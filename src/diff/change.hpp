#pragma once
// Changes between two schemas, as data (SPEC §9): a closed std::variant whose alternatives carry
// both the old and the new state, so reversing a change is a pure function and a downgrade is the
// reverse of an upgrade. Handle them with std::visit and an overload set: a forgotten alternative
// fails to compile.

#include <string>
#include <variant>
#include <vector>

#include "schema/model.hpp"

namespace retort::diff {

/// A named PostgreSQL schema (the namespace), created before and dropped after what it holds.
struct CreateSchema {
  std::string name;
};
struct DropSchema {
  std::string name;
};
/// A PostgreSQL extension, created before everything that may use its types and dropped after.
struct CreateExtension {
  schema::Extension extension;
};
struct DropExtension {
  schema::Extension extension;
};
struct CreateTable {
  schema::Table table;
};
struct DropTable {
  schema::Table table;
};
struct AddColumn {
  schema::QualifiedName table;
  schema::Column column;
};
struct DropColumn {
  schema::QualifiedName table;
  schema::Column column;
};
struct AlterColumn {
  schema::QualifiedName table;
  schema::Column from, to;
};
struct AlterPrimaryKey {
  schema::QualifiedName table;
  std::optional<schema::PrimaryKey> from, to;
};
/// Table options changed (SQLite AUTOINCREMENT, STRICT, WITHOUT ROWID): only a rebuild makes it.
struct AlterTableOptions {
  schema::QualifiedName table;
  schema::TableOptions from, to;
};
/// A table's comment changed (PostgreSQL's COMMENT ON TABLE; empty = none).
struct AlterTableComment {
  schema::QualifiedName table;
  std::string from, to;
};
struct AddUnique {
  schema::QualifiedName table;
  schema::UniqueConstraint unique;
};
struct DropUnique {
  schema::QualifiedName table;
  schema::UniqueConstraint unique;
};
struct AddForeignKey {
  schema::QualifiedName table;
  schema::ForeignKey key;
};
struct DropForeignKey {
  schema::QualifiedName table;
  schema::ForeignKey key;
};
struct AddCheck {
  schema::QualifiedName table;
  schema::CheckConstraint check;
};
struct DropCheck {
  schema::QualifiedName table;
  schema::CheckConstraint check;
};
/// A composite type (PostgreSQL): created with the types, altered attribute by attribute.
struct CreateComposite {
  schema::CompositeType type;
};
struct DropComposite {
  schema::CompositeType type;
};
struct AlterComposite {
  schema::CompositeType from, to;
};
/// A domain (PostgreSQL): created with the types, altered in place, dropped late.
struct CreateDomain {
  schema::Domain domain;
};
struct DropDomain {
  schema::Domain domain;
};
struct AlterDomain {
  schema::Domain from, to;
};
struct AddExclusion {
  schema::QualifiedName table;
  schema::ExclusionConstraint exclusion;
};
struct DropExclusion {
  schema::QualifiedName table;
  schema::ExclusionConstraint exclusion;
};
struct CreateIndex {
  schema::Index index;
};
struct DropIndex {
  schema::Index index;
};
struct CreateView {
  schema::View view;
};
struct DropView {
  schema::View view;
};

struct CreateEnum {
  schema::EnumType type;
};
struct DropEnum {
  schema::EnumType type;
};
struct CreateSequence {
  schema::Sequence sequence;
};
struct DropSequence {
  schema::Sequence sequence;
};
struct AlterSequence {
  schema::Sequence from, to;
};
/// Labels added to an enum (PostgreSQL can add labels in place, not remove them).
struct AlterEnum {
  schema::EnumType from, to;
};

/// A function or procedure (PostgreSQL): created early (defaults and checks may call it), replaced
/// in place, dropped late.
struct CreateRoutine {
  schema::Routine routine;
};
struct DropRoutine {
  schema::Routine routine;
};
struct ReplaceRoutine {
  schema::Routine from, to;
};
/// A trigger: dropped early and created last, like an index. A changed one is dropped and created.
struct CreateTrigger {
  schema::Trigger trigger;
};
struct DropTrigger {
  schema::Trigger trigger;
};

using Change =
    std::variant<CreateSchema, DropSchema, CreateTable, DropTable, AddColumn, DropColumn, AlterColumn, AlterPrimaryKey,
                 AlterTableOptions, AlterTableComment, AddUnique, DropUnique, AddForeignKey, DropForeignKey, AddCheck, DropCheck, CreateIndex, DropIndex,
                 CreateView, DropView, CreateEnum, DropEnum, AlterEnum, CreateSequence, DropSequence, AlterSequence,
                 CreateRoutine, DropRoutine, ReplaceRoutine, CreateTrigger, DropTrigger, AddExclusion, DropExclusion,
                 CreateDomain, DropDomain, AlterDomain, CreateComposite, DropComposite, AlterComposite,
                 CreateExtension, DropExtension>;

/// True when `to` keeps every label of `from` in the same order (new ones may come between):
/// PostgreSQL adds those in place; anything else swaps the type for a new one.
[[nodiscard]] bool adds_labels_only(const schema::EnumType& from, const schema::EnumType& to);

/// The change that undoes `change`.
[[nodiscard]] Change reverse(const Change& change);
/// The changes that undo `changes`, in the order they must run.
[[nodiscard]] std::vector<Change> reverse(const std::vector<Change>& changes);

/// Where a change runs among the others (compare() emits them in this order): schemas created,
/// types created, views / indexes / constraints dropped, types altered, tables created, columns
/// changed, constraints added, tables dropped, types dropped, indexes and views created, schemas
/// dropped.
[[nodiscard]] int phase(const Change& change);

/// The table a change is about (an empty name for none).
[[nodiscard]] schema::QualifiedName table_of(const Change& change);

/// One readable line per change: "+ table orders", "~ column users.email: ...".
[[nodiscard]] std::string describe(const Change& change);

/// A dropped and an added column of the same type in one table: probably a rename.
struct RenameHint {
  schema::QualifiedName table;
  std::string from, to;
};
[[nodiscard]] std::vector<RenameHint> rename_hints(const std::vector<Change>& changes);

}  // namespace retort::diff
