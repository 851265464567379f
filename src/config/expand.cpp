#include "config/expand.hpp"

#include <fmt/format.h>

#include "retort/error.hpp"

namespace retort::config {

std::string expand(std::string_view value, const EnvLookup& env, std::string_view key) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '$') {
      out += value[i];
      continue;
    }
    if (i + 1 < value.size() && value[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (i + 1 >= value.size() || value[i + 1] != '{') {
      out += '$';
      continue;
    }
    // The matching brace: a default may hold expansions of its own (${A:-${B:-x}}).
    std::size_t close = i + 2;
    for (int depth = 1; close < value.size(); ++close) {
      if (value[close] == '$' && close + 1 < value.size() && value[close + 1] == '{') {
        ++depth;
        ++close;
      } else if (value[close] == '}' && --depth == 0) {
        break;
      }
    }
    if (close >= value.size()) {
      throw Error(ErrorCode::Config, fmt::format("Unclosed '${{' in the value of '{}'", key));
    }
    auto inner = value.substr(i + 2, close - i - 2);
    std::string name(inner);
    std::optional<std::string> fallback;
    if (auto sep = inner.find(":-"); sep != std::string_view::npos) {
      name = std::string(inner.substr(0, sep));
      fallback = std::string(inner.substr(sep + 2));
    }
    if (name.empty()) throw Error(ErrorCode::Config, fmt::format("Empty variable name in the value of '{}'", key));
    auto v = env(name);
    if (v && !v->empty()) {
      out += *v;
    } else if (fallback) {
      out += expand(*fallback, env, key);
    } else if (v) {
      out += *v;
    } else {
      throw Error(ErrorCode::Config,
                  fmt::format("Environment variable {} is not set (used in '{}'); set it or write ${{{}:-default}}",
                              name, key, name));
    }
    i = close;
  }
  return out;
}

}  // namespace retort::config
