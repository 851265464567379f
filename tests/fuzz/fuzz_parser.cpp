// libFuzzer harness: the migration file parser. Any input either parses into a script whose
// sections lie inside the text, or throws retort::Error; nothing else (no crash, no hang).
#include <cstdint>
#include <string>

#include "migrations/script.hpp"
#include "retort/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    auto script = retort::migrations::parse_script("fuzz.sql", text);
    for (const auto& s : script.sections) {
      const auto* begin = script.text->data();
      if (!s.body.empty() && (s.body.data() < begin || s.body.data() + s.body.size() > begin + script.text->size()))
        __builtin_trap();  // a body outside the text it views
    }
    (void)script.blocks(retort::migrations::Direction::Upgrade, "sqlite");
  } catch (const retort::Error&) {
  }
  return 0;
}
