#pragma once
/// retort: database schema migrations with plain SQL files. Include this one header.

#include <type_traits>

#include "retort/commands.hpp"  // IWYU pragma: export
#include "retort/config.hpp"    // IWYU pragma: export
#include "retort/embedded.hpp"  // IWYU pragma: export
#include "retort/error.hpp"     // IWYU pragma: export
#include "retort/events.hpp"    // IWYU pragma: export
#include "retort/fleet.hpp"     // IWYU pragma: export
#include "retort/testing.hpp"   // IWYU pragma: export
#include "retort/url.hpp"       // IWYU pragma: export

namespace retort {

/// The library's version, e.g. "0.1.0".
[[nodiscard]] const char* version();

/// Upgrades to `target` with events dropped: the one call a program makes on boot.
inline RunResult upgrade(const Config& config, const std::string& target) {
  NullSink sink;
  return upgrade(config, target, RunOptions{}, sink);
}

/// Downgrades to `target` ("base", a revision, "-1") with events dropped.
inline RunResult downgrade(const Config& config, const std::string& target) {
  NullSink sink;
  return downgrade(config, target, RunOptions{}, sink);
}

/// Records `target` as the database's revision without running anything, events dropped.
inline RunResult stamp(const Config& config, const std::string& target) {
  NullSink sink;
  return stamp(config, {target}, RunOptions{}, sink);
}

/// The handles a command can borrow: an open `sqlite3*`, `PGconn*` or `MYSQL*` the caller owns.
template <class Handle>
concept BorrowableHandle =
    std::is_same_v<Handle, ::sqlite3> || std::is_same_v<Handle, ::pg_conn> || std::is_same_v<Handle, ::st_mysql>;

/// The same commands on a connection the caller owns (Config::with_connection): an in-memory
/// database can be migrated, used and downgraded on one connection.
template <BorrowableHandle Handle>
RunResult upgrade(const Config& config, Handle* connection, const std::string& target) {
  return upgrade(config.with_connection(connection), target);
}
template <BorrowableHandle Handle>
RunResult downgrade(const Config& config, Handle* connection, const std::string& target) {
  return downgrade(config.with_connection(connection), target);
}
template <BorrowableHandle Handle>
RunResult stamp(const Config& config, Handle* connection, const std::string& target) {
  return stamp(config.with_connection(connection), target);
}
template <BorrowableHandle Handle>
CurrentResult current(const Config& config, Handle* connection) {
  return current(config.with_connection(connection));
}

}  // namespace retort
