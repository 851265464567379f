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
    // Counted only where the password is written as it decodes (":pw@") after the "://": a
    // percent-encoded one is written differently, and its decoded bytes may stand elsewhere in the
    // text untouched (in the scheme, say). Any ":pw@" after the "://" lies inside the masked span,
    // which runs from the first ':' of the user information to its last '@'.
    const auto& pw = url.password;
    const auto& written = url.original;
    const auto authority = written.find("://");
    if (url.has_password && pw.size() >= 4 && pw.find('*') == std::string::npos && authority != std::string::npos &&
        written.find(":" + pw + "@", authority + 3) != std::string::npos &&
        count(url.masked(), pw) >= count(written, pw))
      __builtin_trap();  // the password shown
    (void)url.is_memory();
  } catch (const retort::Error&) {
  }
  return 0;
}
