#include "dialects/mysql/libmariadb.hpp"

#include <fmt/format.h>

#include "dialects/library.hpp"
#include "retort/error.hpp"

namespace retort::dialects::mysql {

namespace {

Libmariadb load() {
  const LoadedLibrary lib("libmariadb.so.3", "MySQL and MariaDB support needs MariaDB Connector/C (Debian package libmariadb3)", "mysql");
  auto sym = [&](auto& slot, const char* name) { lib.bind(slot, name); };
  Libmariadb l{};
  sym(l.library_init, "mysql_server_init");
  sym(l.init, "mysql_init");
  sym(l.options, "mysql_options");
  sym(l.real_connect, "mysql_real_connect");
  sym(l.close, "mysql_close");
  sym(l.error, "mysql_error");
  sym(l.errno_of, "mysql_errno");
  sym(l.sqlstate, "mysql_sqlstate");
  sym(l.real_query, "mysql_real_query");
  sym(l.store_result, "mysql_store_result");
  sym(l.free_result, "mysql_free_result");
  sym(l.num_fields, "mysql_num_fields");
  sym(l.fetch_row, "mysql_fetch_row");
  sym(l.fetch_lengths, "mysql_fetch_lengths");
  sym(l.field_count, "mysql_field_count");
  sym(l.affected_rows, "mysql_affected_rows");
  sym(l.next_result, "mysql_next_result");
  sym(l.server_info, "mysql_get_server_info");
  // mysql_init() would initialise the library on first use, which is not thread-safe (a fleet
  // connects from several threads): done here, once.
  if (l.library_init(0, nullptr, nullptr) != 0)
    throw Error(ErrorCode::Database, "MariaDB Connector/C failed to initialise").with_dialect("mysql");
  return l;  // the handle stays open for the life of the process
}

}  // namespace

const Libmariadb& libmariadb() {
  static const Libmariadb table = load();  // thread-safe one-time initialisation
  return table;
}

}  // namespace retort::dialects::mysql
