#include <cctype>
#include "retort/url.hpp"

#include <fmt/format.h>
#include <charconv>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort {

namespace {

std::string percent_decode(std::string_view s, std::string_view shown) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      int v = 0;
      // Two hex digits exactly (from_chars would take "%-1"); %00 would cut the value short where
      // libpq and SQLite read C strings.
      const bool hex = i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
                       std::isxdigit(static_cast<unsigned char>(s[i + 2]));
      if (!hex || std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16).ptr != s.data() + i + 3) {
        throw Error(ErrorCode::Url, fmt::format("Malformed percent-escape in database URL '{}'", shown));
      }
      if (v == 0) throw Error(ErrorCode::Url, fmt::format("Percent-escape %00 (a NUL byte) in database URL '{}'", shown));
      out += static_cast<char>(v);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

/// Where the user information of `rest` (what follows "://") ends: the '@' before the host, or
/// npos. With a password (`user:` first) it is the last '@', so a password may hold '/', '?', '#'
/// and '@' unencoded (SQLAlchemy reads such URLs the same way); a user alone ends at the first
/// '@' before any '/' or '?'.
std::size_t userinfo_end(std::string_view rest) {
  const auto colon = rest.find(':');
  const auto stop = rest.find_first_of("/?@");
  if (colon != std::string_view::npos && (stop == std::string_view::npos || colon < stop)) {
    // "user:password@host": unless what follows the colon is a port ("host:5432/db").
    const auto at = rest.rfind('@');
    if (at != std::string_view::npos && at > colon) return at;
    return std::string_view::npos;
  }
  return stop != std::string_view::npos && rest[stop] == '@' ? stop : std::string_view::npos;
}

}  // namespace

std::string mask_password(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  auto auth_start = scheme_end + 3;
  auto at = userinfo_end(url.substr(auth_start));
  if (at == std::string_view::npos) return std::string(url);
  auto colon = url.substr(auth_start, at).find(':');
  if (colon == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, auth_start + colon + 1));
  out += "***";
  out += url.substr(auth_start + at);
  return out;
}

Url Url::parse(std::string_view text) {
  Url url;
  url.original = std::string(text::trim(text));
  std::string_view t = url.original;
  const std::string shown = mask_password(t);
  auto scheme_end = t.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) {
    throw Error(ErrorCode::Url, fmt::format("Could not parse database URL '{}': expected <dialect>://..., for "
                                            "example sqlite:///app.db or postgresql://user@host/db",
                                            shown));
  }
  auto scheme = t.substr(0, scheme_end);
  if (auto plus = scheme.find('+'); plus != std::string_view::npos) {
    url.driver = std::string(scheme.substr(plus + 1));
    scheme = scheme.substr(0, plus);
  }
  url.scheme = text::lower(scheme);
  if (url.scheme == "postgres") url.scheme = "postgresql";
  if (url.scheme == "mariadb") url.scheme = "mysql";  // one dialect serves both
  auto rest = t.substr(scheme_end + 3);
  std::string_view userinfo_text;
  bool has_userinfo = false;
  if (auto at = userinfo_end(rest); at != std::string_view::npos) {
    userinfo_text = rest.substr(0, at);
    has_userinfo = true;
    rest = rest.substr(at + 1);
  }
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    for (const auto& pair : text::split(rest.substr(q + 1), '&')) {
      auto eq = pair.find('=');
      auto key = percent_decode(pair.substr(0, eq), shown);
      url.query[key] = eq == std::string::npos ? "" : percent_decode(std::string_view(pair).substr(eq + 1), shown);
    }
    rest = rest.substr(0, q);
  }
  auto slash = rest.find('/');
  auto authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) url.database = percent_decode(rest.substr(slash + 1), shown);
  if (has_userinfo) {
    auto userinfo = userinfo_text;
    if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
      url.password = percent_decode(userinfo.substr(colon + 1), shown);
      url.has_password = true;
      userinfo = userinfo.substr(0, colon);
    }
    url.user = percent_decode(userinfo, shown);
  }
  std::string_view host = authority;
  std::string_view port;
  if (!host.empty() && host.front() == '[') {
    auto close = host.find(']');
    if (close == std::string_view::npos) {
      throw Error(ErrorCode::Url, fmt::format("Could not parse database URL '{}': unclosed '[' in host", shown));
    }
    if (close + 1 < host.size() && host[close + 1] == ':') port = host.substr(close + 2);
    host = host.substr(1, close - 1);
  } else if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  url.host = percent_decode(host, shown);
  if (!port.empty()) {
    auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), url.port);
    if (ec != std::errc() || ptr != port.data() + port.size() || url.port <= 0 || url.port > 65535) {
      throw Error(ErrorCode::Url, fmt::format("Could not parse database URL '{}': port '{}' is not a number "
                                              "between 1 and 65535",
                                              shown, port));
    }
  }
  if (url.scheme == "sqlite" && (!url.host.empty() || url.port != 0 || !url.user.empty())) {
    throw Error(ErrorCode::Url, fmt::format("Could not parse database URL '{}': SQLite URLs have no host; use "
                                            "sqlite:///relative.db or sqlite:////absolute/path.db",
                                            shown));
  }
  return url;
}

std::string Url::masked() const { return mask_password(original); }

bool Url::is_memory() const {
  if (scheme != "sqlite") return false;
  const auto mode = query.find("mode");
  return database.empty() || database == ":memory:" || (mode != query.end() && mode->second == "memory");
}

}  // namespace retort
