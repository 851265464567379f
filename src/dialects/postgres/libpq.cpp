#include "dialects/postgres/libpq.hpp"

#include <fmt/format.h>

#include "dialects/library.hpp"
#include "retort/error.hpp"

namespace retort::dialects::postgres {

namespace {

Libpq load() {
  const LoadedLibrary lib("libpq.so.5", "PostgreSQL support needs libpq (Debian package libpq5)", "postgresql");
  auto sym = [&](auto& slot, const char* name) { lib.bind(slot, name); };
  Libpq l{};
  sym(l.connectdb_params, "PQconnectdbParams");
  sym(l.status, "PQstatus");
  sym(l.error_message, "PQerrorMessage");
  sym(l.finish, "PQfinish");
  sym(l.set_notice_processor, "PQsetNoticeProcessor");
  sym(l.exec, "PQexec");
  sym(l.result_status, "PQresultStatus");
  sym(l.result_error_field, "PQresultErrorField");
  sym(l.clear, "PQclear");
  sym(l.cmd_tuples, "PQcmdTuples");
  sym(l.ntuples, "PQntuples");
  sym(l.getvalue, "PQgetvalue");
  sym(l.nfields, "PQnfields");
  sym(l.getisnull, "PQgetisnull");
  sym(l.transaction_status, "PQtransactionStatus");
  sym(l.db, "PQdb");
  sym(l.user, "PQuser");
  sym(l.host, "PQhost");
  sym(l.port, "PQport");
  return l;  // the handle stays open for the life of the process
}

}  // namespace

const Libpq& libpq() {
  static const Libpq table = load();  // thread-safe one-time initialisation
  return table;
}

}  // namespace retort::dialects::postgres
