#pragma once
// One history, two databases: what the same schema means differently on SQLite and PostgreSQL.
// Both schemas exist and each is right for its dialect; the application still sees a difference.

#include <string>
#include <vector>

#include "schema/model.hpp"

namespace retort::diff {

/// One kind of difference, with every table or column it was found on.
struct PortabilityWarning {
  std::string rule;                  ///< "rowid-alias", "id-reuse", "length", "decimal", "boolean-text", "timestamp"
  std::vector<std::string> objects;  ///< "table.column", or "table"
  std::string message;               ///< what differs and what to write instead
  /// "<rule>: <message> (<objects>)", the objects cut after a few.
  [[nodiscard]] std::string describe() const;
};

/// The warnings for tables both schemas hold, in a fixed rule order, but the rules in `ignored`;
/// empty when nothing differs.
[[nodiscard]] std::vector<PortabilityWarning> portability(const schema::Schema& sqlite, const schema::Schema& postgresql,
                                                          const std::vector<std::string>& ignored = {});

}  // namespace retort::diff
