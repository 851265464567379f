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

struct CreateTable {
  schema::Table table;
};
struct DropTable {
  schema::Table table;
};
struct AddColumn {
  std::string table;
  schema::Column column;
};
struct DropColumn {
  std::string table;
  schema::Column column;
};
struct AlterColumn {
  std::string table;
  schema::Column from, to;
};
struct AlterPrimaryKey {
  std::string table;
  std::optional<schema::PrimaryKey> from, to;
};
struct AddUnique {
  std::string table;
  schema::UniqueConstraint unique;
};
struct DropUnique {
  std::string table;
  schema::UniqueConstraint unique;
};
struct AddForeignKey {
  std::string table;
  schema::ForeignKey key;
};
struct DropForeignKey {
  std::string table;
  schema::ForeignKey key;
};
struct AddCheck {
  std::string table;
  schema::CheckConstraint check;
};
struct DropCheck {
  std::string table;
  schema::CheckConstraint check;
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

using Change =
    std::variant<CreateTable, DropTable, AddColumn, DropColumn, AlterColumn, AlterPrimaryKey, AddUnique, DropUnique,
                 AddForeignKey, DropForeignKey, AddCheck, DropCheck, CreateIndex, DropIndex, CreateView, DropView,
                 CreateEnum, DropEnum, AlterEnum, CreateSequence, DropSequence, AlterSequence>;

/// The change that undoes `change`.
[[nodiscard]] Change reverse(const Change& change);
/// The changes that undo `changes`, in the order they must run.
[[nodiscard]] std::vector<Change> reverse(const std::vector<Change>& changes);

/// The table a change is about ("" for none).
[[nodiscard]] std::string table_of(const Change& change);

/// One readable line per change: "+ table orders", "~ column users.email: ...".
[[nodiscard]] std::string describe(const Change& change);

/// A dropped and an added column of the same type in one table: probably a rename.
struct RenameHint {
  std::string table, from, to;
};
[[nodiscard]] std::vector<RenameHint> rename_hints(const std::vector<Change>& changes);

}  // namespace retort::diff
