#pragma once
// Which column type changes PostgreSQL can convert in place, and how (ALTER COLUMN ... TYPE ...
// USING). Decided from the types' text as format_type prints it, without a connection: the
// built-in casts are known (https://www.postgresql.org/docs/15/catalog-pg-cast.html), and a type
// that is not built in (an enum, a domain, an extension's) converts through its text form.

#include <string>

namespace retort::dialects::postgres {

/// False when both types are built in and no cast leads from one to the other (integer -> uuid):
/// the column must be dropped and added again, or converted by hand.
[[nodiscard]] bool converts(const std::string& from, const std::string& to);

/// True when `from` -> `to` has a cast of its own (assignment or explicit); false when the value
/// goes through text (an enum to another, or a type that is not built in).
[[nodiscard]] bool direct_cast(const std::string& from, const std::string& to);

}  // namespace retort::dialects::postgres
