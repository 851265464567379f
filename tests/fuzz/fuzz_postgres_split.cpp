// libFuzzer harness: the PostgreSQL splitter (libpg_query's parser, then its scanner). It either
// splits, with every statement's line inside the text, or throws retort::Error.
#include <algorithm>
#include <cstdint>
#include <string>

#include "dialects/postgres/postgres_dialect.hpp"
#include "retort/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (text.find('\0') != std::string::npos) return 0;  // refused before splitting (reject_nul)
  try {
    const int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    for (const auto& s : retort::dialects::postgres::split(text, 1)) {
      if (s.line < 1 || s.line > lines) __builtin_trap();
    }
  } catch (const retort::Error&) {
  }
  return 0;
}
