#pragma once
/// Project configuration: `retort.toml` (SPEC §4) or values set in code.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace retort {

/// Options that decide which file and table are read, and what the command line overrides.
struct LoadOptions {
  std::string section = "retort";        ///< `-n NAME`
  std::optional<std::string> url;        ///< `--url` beats the file
  std::map<std::string, std::string> x;  ///< `-x key=value`
  /// Environment lookup for `${VAR}`; defaults to getenv. Tests pass their own.
  std::function<std::optional<std::string>(const std::string&)> getenv;
};

/// A loaded project configuration. Paths are absolute.
struct Config {
  std::filesystem::path config_file;  ///< empty when built in code
  std::string section = "retort";
  std::filesystem::path script_location;
  std::string url;
  std::string version_table = "retort_version";
  std::string version_table_schema;
  std::vector<std::filesystem::path> version_locations;  ///< default: script_location/versions
  bool recursive_version_locations = false;
  std::string file_template = "{rev}_{slug}";
  int truncate_slug_length = 40;
  std::string timezone = "UTC";
  bool transaction_per_migration = false;
  std::vector<std::filesystem::path> schema;
  /// PostgreSQL schemas that autogenerate and check manage besides the current one and the ones
  /// the desired schema creates; they exist for the desired schema without a CREATE SCHEMA.
  std::vector<std::string> include_schemas;
  std::string dev_url;
  std::chrono::milliseconds migrator_wait{std::chrono::minutes(5)};
  std::string lock_timeout;
  std::string statement_timeout;
  std::map<std::string, std::string> x;

  /// Reads `path` (table `[section]`), expands `${VAR}` / `${VAR:-default}`, applies overrides.
  static Config load(const std::filesystem::path& path, const LoadOptions& options = {});
  /// The config file to use: `explicit_path`, else `$RETORT_CONFIG`, else `./retort.toml`.
  static std::filesystem::path locate(const std::optional<std::filesystem::path>& explicit_path);
  /// A configuration for a project directory without a file (library callers, tests).
  static Config for_directory(const std::filesystem::path& script_location, std::string url);

  /// The version directories to read: version_locations, or script_location/versions.
  [[nodiscard]] std::vector<std::filesystem::path> versions_dirs() const;
};

/// Parses "5m", "10s", "250ms", "1h" or a plain number of seconds.
[[nodiscard]] std::chrono::milliseconds parse_duration(const std::string& text);

}  // namespace retort
