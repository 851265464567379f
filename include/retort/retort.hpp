#pragma once
/// retort: database schema migrations with plain SQL files. Include this one header.

#include "retort/commands.hpp"  // IWYU pragma: export
#include "retort/config.hpp"    // IWYU pragma: export
#include "retort/embedded.hpp"  // IWYU pragma: export
#include "retort/error.hpp"     // IWYU pragma: export
#include "retort/events.hpp"    // IWYU pragma: export
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

}  // namespace retort
