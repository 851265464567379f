// libFuzzer harness: database URL parsing and password masking. A password that parses is never
// shown by masked() or in a parse error.
#include <cstdint>
#include <string>

#include "retort/error.hpp"
#include "retort/url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)retort::mask_password(text);
  try {
    auto url = retort::Url::parse(text);
    // The password as written is taken out: the masked text holds it fewer times than the URL
    // (it may also stand elsewhere, in a host or a path). A password with '*' in it can be
    // re-formed by the mask itself ("a:**" from user "a" + ":***"), so it is not counted.
    auto count = [](const std::string& in, const std::string& what) {
      std::size_t n = 0;
      for (auto at = in.find(what); at != std::string::npos; at = in.find(what, at + 1)) ++n;
      return n;
    };
    // Counted only where the password is written as it decodes (":pw@"): a percent-encoded one
    // is written differently, and its decoded bytes may stand elsewhere in the text, untouched.
    const auto& pw = url.password;
    if (url.has_password && pw.size() >= 4 && pw.find('*') == std::string::npos &&
        text.find(":" + pw + "@") != std::string::npos && count(url.masked(), pw) >= count(text, pw))
      __builtin_trap();  // the password shown
    (void)url.is_memory();
  } catch (const retort::Error&) {
  }
  return 0;
}
