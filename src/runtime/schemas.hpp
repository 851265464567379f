#pragma once
// The three schemas `check` compares: the live database's, the desired one (the `schema` files
// loaded into a scratch database of the same dialect), and the one the migrations produce.

#include "runtime/project.hpp"
#include "schema/model.hpp"

namespace retort::runtime {

/// The live database, without the version table: its current schema, and the named schemas the
/// desired schema has (PostgreSQL) plus the config's include_schemas.
[[nodiscard]] schema::Schema live_schema(Project& project, const schema::Schema& desired);
/// The `schema` files of the config, run in a scratch database and reflected back, so both sides
/// of a comparison are normalised by the database itself (SPEC §7).
[[nodiscard]] schema::Schema desired_schema(Project& project);
/// A scratch database of the project's dialect where migrations can run (transaction:false
/// sections too), its version table created.
[[nodiscard]] std::unique_ptr<dialects::Scratch> migration_scratch(Project& project);
/// The schema a scratch database holds now, without the bookkeeping tables.
[[nodiscard]] schema::Schema reflect(Project& project, dialects::Scratch& place);
/// Every migration replayed into a scratch database (no live database needed).
[[nodiscard]] schema::Schema migrated_schema(Project& project);
/// The config that replays the migrations into a scratch database of `dialect` (one the project
/// declares, not the URL's): its `[<section>.<dialect>]` settings applied, its URL the dialect's
/// serverless scratch (SQLite in memory) or its dev_url. Throws naming the missing dev_url;
/// `purpose` ("check --migrations replays the migrations") says why one is needed.
[[nodiscard]] Config replay_config(const Config& config, const std::string& dialect, std::string_view purpose);
/// The dialects the project declares (`dialects`), or the URL's alone.
[[nodiscard]] std::vector<std::string> declared_dialects(Project& project);
/// What either side holds but the model leaves out, each named once, sorted.
[[nodiscard]] std::vector<std::string> not_compared(const schema::Schema& a, const schema::Schema& b);
/// The dialect's inspector; throws when the dialect has none yet.
[[nodiscard]] const dialects::Inspector& inspector_of(Project& project);

}  // namespace retort::runtime
