#include <cmath>
#include <limits>
#include "retort/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <cstdlib>
#include <set>

#include "config/expand.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kKnownKeys = {"script_location",
                                             "url",
                                             "version_table",
                                             "version_table_schema",
                                             "history_table",
                                             "on_checksum_mismatch",
                                             "backup",
                                             "backup_keep",
                                             "backup_command",
                                             "ignore_portability",
                                             "version_locations",
                                             "recursive_version_locations",
                                             "file_template",
                                             "truncate_slug_length",
                                             "timezone",
                                             "transaction_per_migration",
                                             "schema",
                                             "include_schemas",
                                             "dev_url",
                                             "migrator_wait",
                                             "lock_timeout",
                                             "statement_timeout",
                                             "dialects",
                                             "sqlite",
                                             "postgresql",
                                             "mysql",
                                             "mariadb"};

/// SQLAlchemy's and retort's names for a dialect, as the `dialect:` sections spell them.
std::string dialect_name(std::string name) {
  if (name == "postgres") return "postgresql";
  if (name == "mariadb") return "mysql";  // one dialect serves both
  return name;
}

Error config_error(const fs::path& file, const toml::node& node, std::string message) {
  return std::move(
      Error(ErrorCode::Config, std::move(message)).at_file(file.string(), static_cast<int>(node.source().begin.line)));
}

class Reader {
 public:
  Reader(fs::path file, const config::EnvLookup& env) : file_(std::move(file)), env_(env) {}

  std::string str(const toml::node& node, const std::string& key) const {
    auto v = node.value<std::string>();
    if (!v) throw config_error(file_, node, fmt::format("'{}' must be a string", key));
    try {
      return config::expand(*v, env_, key);
    } catch (Error& e) {
      e.at_file(file_.string(), static_cast<int>(node.source().begin.line));
      throw;
    }
  }
  bool boolean(const toml::node& node, const std::string& key) const {
    auto v = node.value<bool>();
    if (!v) throw config_error(file_, node, fmt::format("'{}' must be true or false", key));
    return *v;
  }
  int integer(const toml::node& node, const std::string& key) const {
    auto v = node.value<int64_t>();
    if (!v) throw config_error(file_, node, fmt::format("'{}' must be a whole number", key));
    if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())
      throw config_error(file_, node, fmt::format("'{}' is out of range: {}", key, *v));
    return static_cast<int>(*v);
  }
  std::vector<std::string> strings(const toml::node& node, const std::string& key) const {
    std::vector<std::string> out;
    if (node.is_string()) {
      out.push_back(str(node, key));
      return out;
    }
    const auto* arr = node.as_array();
    if (!arr) throw config_error(file_, node, fmt::format("'{}' must be a list of strings", key));
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const auto& item = *arr->get(i);
      if (!item.is_string())
        throw config_error(file_, item, fmt::format("'{}' must be a list of strings; element {} is not a string", key, i + 1));
      out.push_back(str(item, key));
    }
    return out;
  }
  fs::path path(const std::string& value) const {
    fs::path p(value);
    return (p.is_absolute() ? p : file_.parent_path() / p).lexically_normal();
  }

 private:
  fs::path file_;
  const config::EnvLookup& env_;
};

config::EnvLookup default_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

}  // namespace

std::chrono::milliseconds parse_duration(const std::string& text) {
  auto t = std::string(text::trim(text));
  std::size_t pos = 0;
  double value = 0;
  try {
    value = std::stod(t, &pos);
  } catch (const std::exception&) {
    throw Error(ErrorCode::Config, fmt::format("'{}' is not a duration; write e.g. 30s, 5m, 250ms", text));
  }
  auto unit = t.substr(pos);
  double ms = 0;
  if (unit.empty() || unit == "s")
    ms = value * 1000;
  else if (unit == "ms")
    ms = value;
  else if (unit == "m" || unit == "min")
    ms = value * 60'000;
  else if (unit == "h")
    ms = value * 3'600'000;
  else
    throw Error(ErrorCode::Config, fmt::format("'{}' has an unknown unit '{}'; use ms, s, m or h", text, unit));
  if (std::isnan(ms) || std::isinf(ms) || ms > 1e15) {  // 1e15 ms is 31,000 years: past it, no wait is meant
    throw Error(ErrorCode::Config, fmt::format("'{}' is not a usable duration; write e.g. 30s, 5m, 250ms", text));
  }
  if (ms < 0) throw Error(ErrorCode::Config, fmt::format("'{}' is negative", text));
  return std::chrono::milliseconds(static_cast<long long>(ms));
}

fs::path Config::locate(const std::optional<fs::path>& explicit_path) {
  if (explicit_path) return *explicit_path;
  if (const char* env = std::getenv("RETORT_CONFIG"); env && *env) return env;
  return fs::path("retort.toml");
}

Config Config::for_dialect(const std::string& dialect) const {
  Config c = *this;
  auto it = dialect_settings.find(dialect);
  if (it == dialect_settings.end()) return c;
  if (!it->second.schema.empty()) c.schema = it->second.schema;
  if (!it->second.dev_url.empty()) c.dev_url = it->second.dev_url;
  return c;
}

Config Config::for_directory(const fs::path& script_location, std::string url) {
  Config c;
  c.script_location = fs::absolute(script_location).lexically_normal();
  c.url = std::move(url);
  return c;
}

std::vector<fs::path> Config::versions_dirs() const {
  if (!version_locations.empty()) return version_locations;
  return {script_location / "versions"};
}

Config Config::load(const fs::path& path, const LoadOptions& options) {
  const auto env = options.getenv ? options.getenv : default_env();
  const fs::path file = fs::absolute(path).lexically_normal();
  if (!fs::exists(file)) {
    throw Error(ErrorCode::Config,
                fmt::format("No config file '{}' found; run 'retort init migrations' or pass -c FILE", path.string()));
  }
  if (fs::is_directory(file)) {
    throw Error(ErrorCode::Config,
                fmt::format("'{}' is a directory; -c takes the config file (retort.toml)", path.string()))
        .at_file(file.string());
  }
  toml::table doc;
  try {
    doc = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw Error(ErrorCode::Config, fmt::format("Malformed TOML: {}", e.description()))
        .at_file(file.string(), static_cast<int>(e.source().begin.line));
  }
  const auto* table = doc[options.section].as_table();
  if (!table) {
    throw Error(ErrorCode::Config,
                fmt::format("No config file '{}' found, or file has no '[{}]' section", path.string(), options.section))
        .at_file(file.string());
  }
  Reader r(file, env);
  Config c;
  c.config_file = file;
  c.section = options.section;
  c.script_location = r.path("migrations");
  for (const auto& [k, node] : *table) {
    const std::string key(k.str());
    if (key == "script_location") {
      c.script_location = r.path(r.str(node, key));
    } else if (key == "url")
      c.url = r.str(node, key);
    else if (key == "version_table")
      c.version_table = r.str(node, key);
    else if (key == "version_table_schema")
      c.version_table_schema = r.str(node, key);
    else if (key == "history_table")
      c.history_table = r.str(node, key);
    else if (key == "backup")
      c.backup = r.boolean(node, key);
    else if (key == "backup_keep")
      c.backup_keep = r.integer(node, key);
    else if (key == "backup_command")
      c.backup_command = r.str(node, key);
    else if (key == "ignore_portability")
      c.ignore_portability = r.strings(node, key);
    else if (key == "on_checksum_mismatch") {
      c.on_checksum_mismatch = r.str(node, key);
      if (c.on_checksum_mismatch != "warn" && c.on_checksum_mismatch != "fail")
        throw config_error(file, node, fmt::format("on_checksum_mismatch must be \"warn\" or \"fail\", not '{}'",
                                                   c.on_checksum_mismatch));
    }
    else if (key == "version_locations") {
      for (const auto& s : r.strings(node, key)) c.version_locations.push_back(r.path(s));
    } else if (key == "recursive_version_locations")
      c.recursive_version_locations = r.boolean(node, key);
    else if (key == "file_template")
      c.file_template = r.str(node, key);
    else if (key == "truncate_slug_length")
      c.truncate_slug_length = r.integer(node, key);
    else if (key == "timezone")
      c.timezone = r.str(node, key);
    else if (key == "transaction_per_migration")
      c.transaction_per_migration = r.boolean(node, key);
    else if (key == "schema") {
      for (const auto& s : r.strings(node, key)) c.schema.push_back(r.path(s));
    } else if (key == "include_schemas") {
      c.include_schemas = r.strings(node, key);
    } else if (key == "dev_url")
      c.dev_url = r.str(node, key);
    else if (key == "migrator_wait") {
      try {
        c.migrator_wait = parse_duration(r.str(node, key));
      } catch (Error& e) {
        e.at_file(file.string(), static_cast<int>(node.source().begin.line));
        throw;
      }
    } else if (key == "lock_timeout")
      c.lock_timeout = r.str(node, key);
    else if (key == "statement_timeout")
      c.statement_timeout = r.str(node, key);
    else if (key == "dialects") {
      for (const auto& d : r.strings(node, key)) c.dialects.push_back(dialect_name(d));
    } else if ((key == "sqlite" || key == "postgresql" || key == "mysql" || key == "mariadb") && node.is_table()) {
      // [retort.postgresql]: what differs for one dialect of a multi-dialect project.
      auto& settings = c.dialect_settings[dialect_name(key)];
      for (const auto& [dk, dnode] : *node.as_table()) {
        const std::string dkey(dk.str());
        if (dkey == "schema") {
          for (const auto& s : r.strings(dnode, dkey)) settings.schema.push_back(r.path(s));
        } else if (dkey == "dev_url") {
          settings.dev_url = r.str(dnode, dkey);
        } else {
          throw config_error(file, dnode,
                             fmt::format("Unknown key '{}' in [{}.{}]; known keys: schema, dev_url", dkey,
                                         options.section, key));
        }
      }
    } else {
      std::string hint;
      for (const auto& known : kKnownKeys) {
        if (text::edit_distance(key, known) <= 3) hint = fmt::format(" (did you mean '{}'?)", known);
      }
      throw config_error(file, node,
                         fmt::format("Unknown key '{}' in [{}]{}; known keys: {}", key, options.section, hint,
                                     text::join(kKnownKeys, ", ")));
    }
  }
  if (options.url) c.url = *options.url;
  c.x = options.x;
  if (c.version_table.empty())
    throw Error(ErrorCode::Config, "'version_table' must not be empty").at_file(file.string());
  if (c.truncate_slug_length < 1) {
    throw Error(ErrorCode::Config, "'truncate_slug_length' must be at least 1").at_file(file.string());
  }
  return c;
}

}  // namespace retort
