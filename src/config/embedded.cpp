// The sets of migrations compiled into this program, and the configurations that use them or a
// connection the caller owns.
#include <fmt/format.h>
#include <mutex>

#include "retort/config.hpp"
#include "retort/embedded.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort {

namespace {

// Static initialisers of other translation units register here, so the registry must exist
// before the first of them runs: a function-local static.
struct Registry {
  std::mutex mutex;
  std::vector<const EmbeddedSet*> sets;
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

bool register_embedded(const EmbeddedSet& set) noexcept {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.sets.push_back(&set);
  return true;
}

std::vector<std::string> embedded_names() {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<std::string> names;
  for (const auto* s : r.sets) names.emplace_back(s->name);
  return names;
}

Config Config::embedded(std::string url, const std::string& name) {
  auto& r = registry();
  const EmbeddedSet* found = nullptr;
  std::vector<std::string> names;
  {
    std::lock_guard lock(r.mutex);
    for (const auto* s : r.sets) {
      names.emplace_back(s->name);
      if (name.empty() ? r.sets.size() == 1 : name == s->name) found = s;
    }
  }
  if (!found) {
    if (names.empty()) {
      throw Error(ErrorCode::Config,
                  "No migrations are compiled into this program: add retort_add_migrations(<target> <dir>) to its "
                  "CMakeLists.txt, or compile the source `retort embed` writes");
    }
    throw Error(ErrorCode::Config,
                name.empty() ? fmt::format("Several sets of migrations are compiled in ({}); name one: "
                                           "Config::embedded(url, name)",
                                           text::join(names, ", "))
                             : fmt::format("No migrations named '{}' are compiled in; compiled in: {}", name,
                                           text::join(names, ", ")));
  }
  Config c;
  c.url = std::move(url);
  c.embedded_set = found;
  return c;
}

Config Config::with_connection(::sqlite3* db) const {
  Config c = *this;
  c.connection = BorrowedConnection{"sqlite", db};
  return c;
}

Config Config::with_connection(::pg_conn* conn) const {
  Config c = *this;
  c.connection = BorrowedConnection{"postgresql", conn};
  return c;
}

Config Config::with_connection(::st_mysql* conn) const {
  Config c = *this;
  c.connection = BorrowedConnection{"mysql", conn};
  return c;
}

}  // namespace retort
