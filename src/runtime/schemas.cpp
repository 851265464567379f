#include "runtime/schemas.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <filesystem>
#include <set>

#include "migrations/header_cache.hpp"
#include "retort/error.hpp"
#include "retort/retort.hpp"
#include "runtime/schema_cache.hpp"
#include "support/text.hpp"

namespace retort::runtime {

namespace {

/// Bookkeeping tables are never part of a schema: retort's own version table and Alembic's (a
/// database adopted from Alembic keeps it; a dump of one holds it).
std::vector<std::string> bookkeeping_tables(Project& project) {
  return {project.config().version_table, project.config().history_table, "alembic_version"};
}

dialects::InspectOptions inspect_options(Project& project) {
  dialects::InspectOptions o;
  o.exclude_tables = bookkeeping_tables(project);
  return o;
}

}  // namespace

const dialects::Inspector& inspector_of(Project& project) {
  const auto* inspector = project.dialect().inspector();
  if (!inspector) {
    throw Error(ErrorCode::Config, fmt::format("Reading a {0} schema (check, revision --autogenerate, schema dump, test) is not available for {0} yet",
                                               project.dialect().name()))
        .with_dialect(std::string(project.dialect().name()));
  }
  return *inspector;
}

namespace {

std::unique_ptr<dialects::Scratch> scratch(Project& project, bool autocommit) {
  return project.dialect().scratch(project.url(), project.dialect_config().dev_url, project.connect_options(), autocommit);
}

}  // namespace

namespace {

/// What a live-schema cache file starts with: its format, then the fingerprint with its length.
std::string live_header(const std::string& key) { return fmt::format("retort-live 1\n{}\n{}", key.size(), key); }

/// Where the reflection of this project's database is kept; one file per database (by URL and
/// working directory, as a relative SQLite path depends on it), overwritten when its schema changes.
std::optional<std::filesystem::path> live_cache(Project& project) {
  auto dir = migrations::cache_file(project.config());
  if (!dir) return std::nullopt;
  text::Fnv1a hash;
  hash.add(project.url().original).add("\xff").add(std::filesystem::current_path().string());
  return dir->parent_path() / fmt::format("live-{:016x}.schema", hash.value());
}

}  // namespace

schema::Schema live_schema(Project& project, const schema::Schema& desired) {
  const auto& inspector = inspector_of(project);
  auto& conn = project.reader();
  auto options = inspect_options(project);
  for (const auto& name : desired.schemas) options.schemas[name] = name;
  for (const auto& name : project.config().include_schemas) options.schemas[name] = name;
  // The reflection is reused only when what it was made from is the same byte for byte (no hash
  // stands in for it); retort's version is part of it, as the model's meaning may change.
  auto key = inspector.fingerprint(conn, options);
  const auto file = key ? live_cache(project) : std::nullopt;
  if (file) {
    key->append(1, '\x1d').append(retort::version());
    try {
      const auto data = text::read_file(file->string());
      const auto head = live_header(*key);
      if (std::string_view(data).starts_with(head)) {
        if (auto cached = decode(std::string_view(data).substr(head.size()))) return std::move(*cached);
      }
    } catch (const Error&) {
      // No cache yet, or unreadable: reflect.
    }
  }
  auto live = inspector.inspect(conn, options);
  if (file) {
    try {
      std::filesystem::create_directories(file->parent_path());
      text::replace_file(file->string(), live_header(*key) + encode(live));
    } catch (...) {
      // Best effort, as the other caches.
    }
  }
  return live;
}

namespace {

/// Where the reflected desired schema of these files, on this server, is cached; nullopt when
/// caching is off. The key covers everything the reflection depends on.
std::optional<std::filesystem::path> desired_cache(Project& project, const std::vector<std::string>& contents) {
  auto dir = migrations::cache_file(project.config());
  if (!dir) return std::nullopt;
  std::string server;
  try {
    server = inspector_of(project).server_version(project.reader());
  } catch (const Error&) {
    return std::nullopt;  // no database to ask: do not guess
  }
  text::Fnv1a hash;
  auto mix = [&](std::string_view part) { hash.add(part).add("\xff"); };  // 0xff never occurs in UTF-8 text
  mix(project.dialect().name());
  mix(server);
  mix(retort::version());
  mix(project.dialect_config().dev_url.empty() ? "target" : "dev");
  for (const auto& name : project.config().include_schemas) mix(name);
  for (const auto& c : contents) mix(c);
  return dir->parent_path() / fmt::format("desired-{:016x}.schema", hash.value());
}

}  // namespace

schema::Schema desired_schema(Project& project) {
  const auto& inspector = inspector_of(project);
  std::vector<std::string> paths, contents;
  if (const auto* set = project.config().embedded_set) {
    for (std::size_t i = 0; i < set->schema_count; ++i) {
      paths.push_back(migrations::embedded_path(*set, set->schema[i]));
      contents.emplace_back(set->schema[i].text, set->schema[i].size);
    }
  } else {
    for (const auto& file : project.dialect_config().schema) {
      paths.push_back(file.string());
      contents.push_back(text::read_file(file.string()));
    }
  }
  if (paths.empty()) {
    throw Error(ErrorCode::Config,
                project.config().embedded_set
                    ? "No desired schema is compiled in: give retort_add_migrations() SCHEMA <files>"
                    : "No desired schema: set schema = [\"schema.sql\"] in the config")
        .at_file(project.config().config_file.string());
  }
  const auto cache = desired_cache(project, contents);
  if (cache && std::filesystem::exists(*cache)) {
    try {
      if (auto cached = decode(text::read_file(cache->string()))) return std::move(*cached);
    } catch (const Error&) {
    }
  }
  auto place = scratch(project, false);
  place->provide_schemas(project.config().include_schemas);
  auto& conn = place->connection();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const auto& path = paths[i];
    try {
      project.dialect().load_schema(conn, contents[i]);
    } catch (const Error& e) {
      throw e.reworded(ErrorCode::Parse, "The desired schema does not load: " + e.message()).at_file(path);
    }
  }
  // A dump of a migrated database holds the version table: never part of the desired schema.
  auto options = place->inspect_options();
  for (const auto& table : bookkeeping_tables(project)) options.exclude_tables.push_back(table);
  auto desired = inspector.inspect(conn, options);
  if (cache) {
    try {
      std::filesystem::create_directories(cache->parent_path());
      text::replace_file(cache->string(), encode(desired));
    } catch (...) {
      // Best effort: a read-only cache directory only costs speed.
    }
  }
  return desired;
}

std::vector<std::string> not_compared(const schema::Schema& a, const schema::Schema& b) {
  std::set<std::string> names(a.skipped.begin(), a.skipped.end());
  names.insert(b.skipped.begin(), b.skipped.end());
  return {names.begin(), names.end()};
}

std::unique_ptr<dialects::Scratch> migration_scratch(Project& project) {
  auto place = scratch(project, true);
  auto& conn = place->connection();
  conn.begin();
  project.version_table().ensure(conn);
  conn.commit();
  return place;
}

schema::Schema reflect(Project& project, dialects::Scratch& place) {
  auto options = place.inspect_options();
  for (const auto& table : bookkeeping_tables(project)) options.exclude_tables.push_back(table);
  return inspector_of(project).inspect(place.connection(), options);
}

schema::Schema migrated_schema(Project& project) {
  auto place = migration_scratch(project);
  auto plan = revisions::plan_upgrade(project.graph(), {}, "heads");
  check_runnable(project, plan);
  NullSink sink;
  run_plan(project, place->connection(), plan, sink);
  return reflect(project, *place);
}

Config replay_config(const Config& base, const std::string& dialect, std::string_view purpose) {
  auto config = base.for_dialect(dialect);
  if (auto url = dialects::dialect_named(dialect).serverless_url()) {
    config.url = *url;
  } else if (!config.dev_url.empty()) {
    config.url = config.dev_url;
  } else {
    throw Error(ErrorCode::Config, fmt::format("dialects declares {}, and {} in a {} database: set dev_url under "
                                               "[{}.{}] in the config",
                                               dialect, purpose, dialect, config.section, dialect))
        .at_file(config.config_file.string());
  }
  config.connection.reset();
  return config;
}

std::vector<std::string> declared_dialects(Project& project) {
  if (!project.config().dialects.empty()) return project.config().dialects;
  return {std::string(project.dialect().name())};
}

}  // namespace retort::runtime
