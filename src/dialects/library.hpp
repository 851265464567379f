#pragma once
// A client library opened with dlopen on first use (libpq, MariaDB Connector/C): SQLite users pay
// nothing for the others at start-up.

#include <string>

namespace retort::dialects {

class LoadedLibrary {
 public:
  /// Opens `file` (kept open for the life of the process); throws Error(Database) with
  /// `missing` and the loader's reason when it cannot.
  LoadedLibrary(const char* file, const std::string& missing, const char* dialect);
  /// Fills `slot` with the function `name`; throws Error(Database) naming it when absent.
  template <class F>
  void bind(F& slot, const char* name) const {
    slot = reinterpret_cast<F>(symbol(name));
  }

 private:
  void* symbol(const char* name) const;
  void* handle_;
  const char* file_;
  const char* dialect_;
};

}  // namespace retort::dialects
