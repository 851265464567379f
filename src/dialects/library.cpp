#include "dialects/library.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include "retort/error.hpp"

namespace retort::dialects {

LoadedLibrary::LoadedLibrary(const char* file, const std::string& missing, const char* dialect)
    : handle_(dlopen(file, RTLD_NOW | RTLD_LOCAL)), file_(file), dialect_(dialect) {
  if (!handle_) throw Error(ErrorCode::Database, fmt::format("{}: {}", missing, dlerror())).with_dialect(dialect);
}

void* LoadedLibrary::symbol(const char* name) const {
  void* p = dlsym(handle_, name);
  if (!p) throw Error(ErrorCode::Database, fmt::format("{} lacks {}: {}", file_, name, dlerror())).with_dialect(dialect_);
  return p;
}

}  // namespace retort::dialects
