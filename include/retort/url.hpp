#pragma once
/// Database URLs in SQLAlchemy's form (SPEC §4).

#include <map>
#include <string>
#include <string_view>

namespace retort {

/// A parsed database URL. `+driver` suffixes are accepted and ignored.
struct Url {
  std::string scheme;  ///< dialect name, e.g. "sqlite", "postgresql"
  std::string driver;  ///< the ignored "+driver" part
  std::string user;
  std::string password;
  bool has_password = false;
  std::string host;
  int port = 0;
  std::string database;  ///< SQLite: the file path ("" or ":memory:" for memory)
  std::map<std::string, std::string> query;
  std::string original;  ///< the text it was parsed from

  /// Parses `text`; throws retort::Error(Url) naming what is wrong, with the password masked.
  static Url parse(std::string_view text);
  /// The URL as text with the password replaced by `***`.
  [[nodiscard]] std::string masked() const;
  /// True for an in-memory SQLite database: `sqlite://`, `sqlite:///:memory:`, or a URI with
  /// `mode=memory` (`sqlite:///file:memdb1?mode=memory&cache=shared&uri=true`).
  [[nodiscard]] bool is_memory() const;
};

/// Replaces the password in any URL-looking text with `***`, also when it does not parse.
[[nodiscard]] std::string mask_password(std::string_view url);

}  // namespace retort
