#pragma once
// Checksums of what a migration runs (SPEC §12), stored in the ledger and compared by `verify`.
// Versioned ("v1:..."): a later retort that normalises differently adds "v2" and still reads v1,
// so upgrading retort never invalidates stored checksums.

#include <string>
#include <string_view>

#include "migrations/script.hpp"

namespace retort::migrations {

/// "v1:" and 16 hex digits: FNV-1a 64 over both directions' blocks for `dialect` (their order,
/// transaction mode and normalised SQL). v1 normalises line endings, drops trailing whitespace,
/// blank lines and comment-only lines; the header is not part of it. It detects edits, it does
/// not resist tampering.
[[nodiscard]] std::string checksum(const Script& script, const std::string& dialect);

/// The SQL as v1 sees it, for the tests and for the docs' examples.
[[nodiscard]] std::string normalised_v1(std::string_view sql);

/// Whether `stored` (any version) still matches `script`; an unknown version never matches.
[[nodiscard]] bool checksum_matches(const std::string& stored, const Script& script, const std::string& dialect);

}  // namespace retort::migrations
