#pragma once
/// Project configuration: `retort.toml` (SPEC §4) or values set in code.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

// The handles of the database libraries, declared so that retort's headers need neither sqlite3.h
// nor libpq-fe.h (libpq's PGconn is `struct pg_conn`) nor mysql.h (MYSQL is `struct st_mysql`).
struct sqlite3;
struct pg_conn;
struct st_mysql;

namespace retort {

/// A connection the caller opened and keeps owning (Config::with_connection). Rules: retort never
/// closes it; it must not be in a transaction when a command starts (retort begins and ends its
/// own); no other thread may use it during the call. See docs/library.md.
struct BorrowedConnection {
  std::string dialect;  ///< "sqlite", "postgresql" or "mysql"
  void* handle = nullptr;
};

struct EmbeddedSet;

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
  /// The ledger beside the version table (same schema): one row per step run (docs/running.md).
  std::string history_table = "retort_history";
  /// Portability warnings not to print (`ignore_portability = ["id-reuse"]`; docs/autogenerate.md).
  std::vector<std::string> ignore_portability;
  /// What `upgrade` does when an applied migration's file changed since it ran: "warn" or "fail".
  std::string on_checksum_mismatch = "warn";
  /// Back up before a run's first step (SQLite: an online copy beside the database; any dialect:
  /// `backup_command`). Nothing is backed up when nothing is pending.
  bool backup = false;
  int backup_keep = 5;         ///< SQLite backups kept per database, newest first; 0 keeps all
  std::string backup_command;  ///< run by /bin/sh before the first step; its failure stops the run
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
  /// The dialects the migrations target (`dialects = ["sqlite", "postgresql"]`); empty means the
  /// URL's. `revision --autogenerate` fills a section for each.
  std::vector<std::string> dialects;
  /// What differs for one dialect (`[retort.postgresql]`): its desired schema, its scratch database.
  struct DialectSettings {
    std::vector<std::filesystem::path> schema;
    std::string dev_url;
  };
  std::map<std::string, DialectSettings> dialect_settings;
  /// Set by with_connection(): commands run on this connection instead of opening one from `url`.
  std::optional<BorrowedConnection> connection;
  /// Set by embedded(): the migrations (and desired schema) compiled into the program, read from
  /// memory instead of script_location.
  const EmbeddedSet* embedded_set = nullptr;

  /// Reads `path` (table `[section]`), expands `${VAR}` / `${VAR:-default}`, applies overrides.
  static Config load(const std::filesystem::path& path, const LoadOptions& options = {});
  /// The config file to use: `explicit_path`, else `$RETORT_CONFIG`, else `./retort.toml`.
  static std::filesystem::path locate(const std::optional<std::filesystem::path>& explicit_path);
  /// A configuration for a project directory without a file (library callers, tests).
  static Config for_directory(const std::filesystem::path& script_location, std::string url);
  /// The migrations compiled into this program by retort_add_migrations() (or `retort embed`):
  /// the only set when `name` is empty, else the set of that NAME. Throws Error(Config) listing
  /// the sets compiled in when there is no such set.
  static Config embedded(std::string url, const std::string& name = "");
  /// This configuration with commands running on a connection the caller owns. The URL may then
  /// stay empty; the dialect comes from the handle's kind.
  [[nodiscard]] Config with_connection(::sqlite3* db) const;
  [[nodiscard]] Config with_connection(::pg_conn* conn) const;
  [[nodiscard]] Config with_connection(::st_mysql* conn) const;

  /// This configuration as `dialect` sees it: its [section.<dialect>] settings applied.
  [[nodiscard]] Config for_dialect(const std::string& dialect) const;

  /// The version directories to read: version_locations, or script_location/versions.
  [[nodiscard]] std::vector<std::filesystem::path> versions_dirs() const;
};

/// Parses "5m", "10s", "250ms", "1h" or a plain number of seconds.
[[nodiscard]] std::chrono::milliseconds parse_duration(const std::string& text);

}  // namespace retort
