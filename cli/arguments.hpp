#pragma once
// The command line: CLI11 definitions of the global options and every command (SPEC §5).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace retort::cli {

struct Arguments {
  // Global options.
  std::optional<std::string> config;
  std::string name = "retort";
  std::vector<std::string> x;
  std::optional<std::string> url;
  bool quiet = false;
  bool json = false;
  bool version = false;

  std::string command;  ///< canonical name: list_templates, ensure_version, ...
  // Command options (each command reads those it defines).
  std::string directory;
  std::string template_name = "generic";
  std::string message;
  bool autogenerate = false;
  bool sql = false;
  bool plan = false;
  bool backup = false;
  bool resume = false;
  std::string head = "head";
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string rev_id;
  std::optional<std::string> version_path;
  std::string tag;
  bool purge = false;
  bool verbose = false;
  bool check_heads = false;
  std::string rev_range;
  bool indicate_current = false;
  bool resolve_dependencies = false;
  bool migrations = false;
  std::string output;  ///< schema dump -o, embed -o, graph -o, schema diagram -o
  std::string format;  ///< graph / schema diagram --format (empty: the command's default)
  bool live = false;   ///< schema diagram --live
  std::string log_format = "text";  ///< --log-format text|json
  std::string embed_name = "migrations";
  std::string embed_dir;                  ///< embed --dir: a migrations folder without a config file
  std::vector<std::string> embed_schema;  ///< embed --schema
  std::vector<std::string> lint_dialects;  ///< lint --dialect
  std::string server_version;             ///< lint --server-version
  bool connect = false;                   ///< lint --connect
  bool downgrade = false;                 ///< lint --downgrade
  bool list_rules = false;                ///< lint --list-rules
  std::string fleet_targets;              ///< fleet --targets FILE
  std::string fleet_glob;                 ///< fleet --targets-glob PATTERN
  std::vector<std::string> fleet_query;   ///< fleet --targets-query URL SQL
  bool fleet_schemas = false;             ///< fleet --schemas: the query names schemas
  unsigned jobs = 1;                      ///< fleet -j
  bool fail_fast = false;                 ///< fleet --fail-fast
  std::size_t canary = 0;                 ///< fleet --canary N
  std::string failed_file = "retort-fleet-failed.txt";  ///< fleet --failed-file
  std::vector<std::string> revisions;  ///< positional REV / REVS...
};

/// Defines the global options and the commands on `app`, storing into `args`: every command, or
/// only `only` (a name from command_named()).
void define(CLI::App& app, Arguments& args, std::string_view only = {});

/// The command `argv` names after the global options, by its canonical name; empty when the first
/// other word is not a command (help, a typo, an unknown option), or names none.
std::string_view command_named(int argc, const char* const* argv);

}  // namespace retort::cli
