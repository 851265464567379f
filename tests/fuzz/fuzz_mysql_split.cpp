// libFuzzer harness: the MySQL splitter (quotes, backticks, three comment styles, DELIMITER lines,
// routine bodies). It either splits, with every statement non-empty, found in the text and on a
// line inside it, or throws retort::Error.
#include <algorithm>
#include <cstdint>
#include <string>

#include "dialects/mysql/mysql_dialect.hpp"
#include "retort/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (text.find('\0') != std::string::npos) return 0;  // refused before splitting (reject_nul)
  try {
    const int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    for (const auto& s : retort::dialects::mysql::split(text, 1)) {
      if (s.line < 1 || s.line > lines || s.sql.empty() || text.find(s.sql) == std::string::npos) __builtin_trap();
    }
  } catch (const retort::Error&) {
  }
  return 0;
}
