#pragma once
// `${VAR}` and `${VAR:-default}` expansion for configuration strings (SPEC §4).

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace retort::config {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

/// Expands every `${...}` in `value`; `$$` is a literal `$`. Throws Error(Config) naming `key` and
/// the variable when one is unset and has no default.
[[nodiscard]] std::string expand(std::string_view value, const EnvLookup& env, std::string_view key);

}  // namespace retort::config
