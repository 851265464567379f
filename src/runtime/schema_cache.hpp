#pragma once
// The reflected desired schema, cached: loading the schema files into a scratch database is the
// dominant cost of check and autogenerate on a large PostgreSQL schema, and the files rarely
// change. Keyed by the files' contents, the dialect, the server's version and retort's version;
// best effort, like the header cache.

#include <optional>
#include <string>

#include "schema/model.hpp"

namespace retort::runtime {

/// The model as JSON and back (also used by tests).
[[nodiscard]] std::string to_json(const schema::Schema& s);
[[nodiscard]] std::optional<schema::Schema> from_json(const std::string& text);

}  // namespace retort::runtime
