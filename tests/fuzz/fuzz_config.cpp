// libFuzzer harness: `${VAR:-default}` expansion of configuration strings, with a fixed
// environment. It either expands or throws retort::Error.
#include <cstdint>
#include <string>

#include "config/expand.hpp"
#include "retort/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "HOME") return std::string("/home/ada");
    if (name == "EMPTY") return std::string();
    return std::nullopt;
  };
  try {
    (void)retort::config::expand(text, env, "url");
  } catch (const retort::Error&) {
  }
  return 0;
}
