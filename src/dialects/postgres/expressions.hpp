#pragma once
// Expression text in a form that survives a round trip through the server. PostgreSQL does not
// always deparse an expression into text that deparses the same way once reloaded: an IN list on
// a varchar column prints as `ANY ((ARRAY['a'::character varying])::text[])`, and that text,
// loaded again (as pg_dump output is), prints as `ANY (ARRAY[('a'::character varying)::text])`,
// because the parser pushes a cast of an ARRAY[...] constructor down to its elements. Both sides
// of a comparison are put in the reloaded form, so a database and its own dump compare equal.

#include <string>

namespace retort::dialects::postgres {

/// `(ARRAY[x, y])::t[]` -> `ARRAY[(x)::t, (y)::t]` and, as pretty-printed, `ARRAY[x, y]::t[]` ->
/// `ARRAY[x::t, y::t]`, where every element is a cast literal ('a'::character varying). Anything
/// else is returned unchanged.
[[nodiscard]] std::string stable_expression(std::string text);

}  // namespace retort::dialects::postgres
