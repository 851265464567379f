#pragma once
// The applied migrations against their files and the ledger: what `verify`, `status` and the
// check before `upgrade` share.

#include <map>
#include <string>
#include <vector>

#include "retort/commands.hpp"
#include "runtime/project.hpp"

namespace retort::commands {

/// What the version table and the ledger say about the database.
struct Integrity {
  bool ledger = false;
  std::vector<LedgerEntry> entries;  ///< oldest first
  revisions::RevSet applied;         ///< by the version table (known rows and their ancestors)
  std::vector<std::string> unknown_rows;  ///< version rows no file defines
  /// Per revision, the ledger row of its last upgrade (or rehash) since the last stamp, while the
  /// ledger still counts it applied.
  std::map<std::string, const LedgerEntry*> applied_by_ledger;
  /// Per revision, the ledger row of its last applied upgrade (when, how long, by whom).
  std::map<std::string, const LedgerEntry*> upgraded;
  /// Steps that committed a `started` row and never finished (a crash inside a transaction:false
  /// block) or failed after it (`failed`), until a later run of the revision completes.
  std::vector<const LedgerEntry*> interrupted;
};

[[nodiscard]] Integrity read_integrity(runtime::Project& project, dialects::Connection& conn,
                                       const std::vector<std::string>& rows);
/// verify's findings; loads the sections of the applied revisions to checksum them.
[[nodiscard]] VerifyResult verify_integrity(runtime::Project& project, const Integrity& integrity);

}  // namespace retort::commands
