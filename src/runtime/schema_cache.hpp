#pragma once
// The reflected desired schema, cached: loading the schema files into a scratch database is the
// dominant cost of check and autogenerate on a large PostgreSQL schema, and the files rarely
// change. Keyed by the files' contents, the dialect, the server's version and retort's version;
// best effort, like the header cache.

#include <optional>
#include <string>
#include <string_view>

#include "schema/model.hpp"

namespace retort::runtime {

/// The model in the cache's binary form and back. Written and read field by field, with no
/// document in between: reading 1,000 tables from JSON took longer than reflecting them.
[[nodiscard]] std::string encode(const schema::Schema& s);
/// nullopt for anything encode() did not write (another format version, a truncated file).
[[nodiscard]] std::optional<schema::Schema> decode(std::string_view data);

}  // namespace retort::runtime
