// libFuzzer harness: the one-pass SQLite splitter against sqlite3_complete() itself. Every
// statement but the unterminated rest is complete with its ';' and no shorter prefix ending at a
// ';' is.
#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "dialects/sqlite/sqlite_dialect.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (text.find('\0') != std::string::npos) return 0;  // refused before splitting (reject_nul)
  const auto statements = retort::dialects::sqlite::split(text, 1);
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto& sql = statements[i].sql;
    if (i + 1 < statements.size() && !sqlite3_complete((sql + "\n;").c_str())) __builtin_trap();
    for (auto semi = sql.find(';'); semi != std::string::npos; semi = sql.find(';', semi + 1)) {
      if (sqlite3_complete(sql.substr(0, semi + 1).c_str())) __builtin_trap();
    }
  }
  return 0;
}
