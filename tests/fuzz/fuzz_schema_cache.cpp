// libFuzzer harness: the cached schema model (runtime/schema_cache). A cache file may be cut short
// or overwritten by anything; decode() either refuses it or gives a model that encodes back to the
// same bytes.
#include <cstdint>
#include <string_view>

#include "runtime/schema_cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto model = retort::runtime::decode(bytes)) {
    if (retort::runtime::encode(*model) != bytes) __builtin_trap();  // read something it did not write
  }
  return 0;
}
