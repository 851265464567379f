#pragma once
// What depends on what, for ordering changes and for re-creating what would block them: tables by
// their foreign keys, views by the names in their definitions, and the columns PostgreSQL will not
// change while a view, a generated column, an index predicate or a check uses them.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "diff/differ.hpp"
#include "schema/model.hpp"

namespace retort::diff {

/// Tables in an order where a table comes after the tables its foreign keys point at.
[[nodiscard]] std::vector<const schema::Table*> dependency_order(const std::vector<const schema::Table*>& tables);

/// True when `text` names `name` as a whole word (bare or double-quoted): a view's definition
/// naming a table or another view. Only ever over-approximates, which costs a needless re-create.
[[nodiscard]] bool mentions(const std::string& text, const std::string& name);

/// Views in an order where a view comes after the views its definition names.
[[nodiscard]] std::vector<const schema::View*> view_order(std::vector<const schema::View*> views);

/// Columns whose change PostgreSQL refuses under views, generated columns, index predicates and
/// checks that use them, per table.
struct Retyped {
  std::set<std::string> changed;  ///< new type, collation or generation expression
  std::set<std::string> swapped;  ///< of an enum type swapped for a new one (typed constants break)
  std::set<std::string> forced;   ///< dropped and added again: generated from a changed column, or retyped with no cast
  /// True when `text` (an expression) names a swapped or forced column.
  [[nodiscard]] bool touches(const std::string& text) const;
};

/// The retyped columns of every table that has some, between `from` and `to`.
[[nodiscard]] std::map<schema::QualifiedName, Retyped> retyped_columns(const schema::Schema& from,
                                                                       const schema::Schema& to, const Hooks& hooks);

}  // namespace retort::diff
