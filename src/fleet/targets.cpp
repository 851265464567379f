// Where a fleet's targets come from: a file of URLs, a glob of SQLite files, or a query.

#include <fmt/format.h>
#include <glob.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>

#include "config/expand.hpp"
#include "dialects/dialect.hpp"
#include "retort/error.hpp"
#include "retort/fleet.hpp"
#include "retort/url.hpp"
#include "support/text.hpp"

namespace retort::fleet {

namespace {

Target target(const std::string& url) {
  Target t{url, url};
  try {
    t.name = Url::parse(url).masked();
  } catch (const Error&) {
    // A malformed URL is that target's own failure when it runs.
  }
  return t;
}

std::string percent_encoded(const std::string& s) {
  std::string encoded;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
      encoded += static_cast<char>(c);
    else
      encoded += fmt::format("%{:02X}", c);
  }
  return encoded;
}

/// `url` with its database replaced by `name` (percent-encoded where a URL needs it).
std::string with_database(const std::string& url, const std::string& name) {
  const auto encoded = percent_encoded(name);
  const auto scheme_end = url.find("://");
  const auto from = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const auto query = url.find('?', from);
  const auto path = url.find('/', from);
  if (path == std::string::npos || (query != std::string::npos && path > query)) {
    return url.substr(0, query) + "/" + encoded + (query == std::string::npos ? "" : url.substr(query));
  }
  return url.substr(0, path + 1) + encoded + (query == std::string::npos ? "" : url.substr(query));
}

/// `url` whose sessions put the schema `name` first on the search_path (and nothing else), so
/// the tenant's version table and unqualified names live there. A name that is not a plain
/// lower-case identifier is double-quoted, as search_path takes it.
std::string with_search_path(const std::string& url, const std::string& name) {
  const bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name.front())) &&
                     std::all_of(name.begin(), name.end(), [](unsigned char c) {
                       return std::islower(c) || std::isdigit(c) || c == '_';
                     });
  std::string path = plain ? name : "\"";
  if (!plain) {
    for (char c : name) path += c == '"' ? std::string("\"\"") : std::string(1, c);
    path += '"';
  }
  // The query's own search_path (where its tenants table lives) is not the tenant's.
  const auto q = url.find('?');
  std::string out = url.substr(0, q), sep = "?";
  if (q != std::string::npos) {
    for (const auto& param : text::split(url.substr(q + 1), '&')) {
      if (param.empty() || param.starts_with("search_path=")) continue;
      out += sep + param;
      sep = "&";
    }
  }
  return out + sep + "search_path=" + percent_encoded(path);
}

}  // namespace

std::vector<Target> targets_from_query(const std::string& url, const std::string& sql, QueryNames names) {
  const auto parsed = Url::parse(url);
  dialects::ConnectOptions options;
  options.create = false;
  auto conn = dialects::dialect_for(parsed).connect(parsed, options);
  std::vector<Target> out;
  for (const auto& value : conn->query_column(sql)) {
    if (value.empty()) continue;
    if (value.find("://") != std::string::npos)
      out.push_back(target(value));
    else
      out.push_back(target(names == QueryNames::Schemas ? with_search_path(url, value) : with_database(url, value)));
  }
  return out;
}

std::vector<Target> targets_from_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(ErrorCode::Io, fmt::format("Cannot read the targets file {}", file.string())).at_file(file.string());
  std::vector<Target> out;
  std::string line;
  const config::EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    return v ? std::optional<std::string>(v) : std::nullopt;
  };
  for (int n = 1; std::getline(in, line); ++n) {
    const auto trimmed = std::string(text::trim(line));
    if (trimmed.empty() || trimmed.front() == '#') continue;
    try {
      out.push_back(target(config::expand(trimmed, env, file.string())));
    } catch (Error& e) {
      throw e.at_file(file.string()).at_line(n);
    }
  }
  return out;
}

std::vector<Target> targets_from_glob(const std::string& pattern) {
  glob_t g{};
  const int rc = ::glob(pattern.c_str(), 0, nullptr, &g);
  std::vector<std::string> paths;
  if (rc == 0) {
    for (std::size_t i = 0; i < g.gl_pathc; ++i) paths.emplace_back(g.gl_pathv[i]);
  }
  globfree(&g);
  if (rc != 0 && rc != GLOB_NOMATCH) throw Error(ErrorCode::Io, fmt::format("Cannot expand {}", pattern));
  std::sort(paths.begin(), paths.end());
  std::vector<Target> out;
  for (const auto& p : paths) {
    // What retort keeps beside a database is not a target.
    if (p.ends_with(".retort-lock") || p.ends_with(".bak") || p.ends_with("-journal") ||
        p.ends_with("-wal") || p.ends_with("-shm"))
      continue;
    out.push_back(target("sqlite:///" + std::filesystem::absolute(p).lexically_normal().string()));
  }
  return out;
}

Command command_named(std::string_view name) {
  if (name == "upgrade") return Command::Upgrade;
  if (name == "downgrade") return Command::Downgrade;
  if (name == "current") return Command::Current;
  if (name == "check") return Command::Check;
  if (name == "status") return Command::Status;
  throw Error(ErrorCode::Usage,
              fmt::format("fleet runs upgrade, downgrade, current, check or status, not '{}'", name));
}

}  // namespace retort::fleet
