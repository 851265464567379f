#pragma once
// schema × schema → changes. The algorithm is written once; dialects answer narrow questions.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "diff/change.hpp"
#include "schema/model.hpp"

namespace retort::diff {

/// The narrow questions a dialect answers (SPEC §9): are two reflected types or defaults the same?
struct Hooks {
  std::function<bool(const std::string&, const std::string&)> same_type;
  std::function<bool(const std::optional<std::string>&, const std::optional<std::string>&)> same_default;
  /// Can a column's values be converted from one type to the other in place? When not, the column
  /// is dropped and added again (with what depends on it). Unset: always.
  std::function<bool(const std::string&, const std::string&)> converts{};
};

/// Hooks that compare text exactly.
[[nodiscard]] Hooks exact_hooks();

/// The changes that turn `from` into `to`, in an order that can run: views and indexes dropped
/// first, tables created before the foreign keys that point at them, dropped tables last but one,
/// indexes and views created last.
[[nodiscard]] std::vector<Change> compare(const schema::Schema& from, const schema::Schema& to, const Hooks& hooks);

}  // namespace retort::diff
