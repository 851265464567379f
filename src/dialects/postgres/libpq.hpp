#pragma once
// libpq, loaded on first use. Linking it directly costs every command ~3 ms of start-up (libpq
// pulls in TLS, Kerberos and LDAP libraries), which SQLite users would pay for nothing; so the
// PostgreSQL dialect calls it through this table, filled by dlopen("libpq.so.5") when a
// PostgreSQL URL is first used. The types come from libpq-fe.h as usual.

#include <libpq-fe.h>

namespace retort::dialects::postgres {

struct Libpq {
  decltype(&PQconnectdbParams) connectdb_params;
  decltype(&PQstatus) status;
  decltype(&PQerrorMessage) error_message;
  decltype(&PQfinish) finish;
  decltype(&PQsetNoticeProcessor) set_notice_processor;
  decltype(&PQexec) exec;
  decltype(&PQresultStatus) result_status;
  decltype(&PQresultErrorField) result_error_field;
  decltype(&PQclear) clear;
  decltype(&PQcmdTuples) cmd_tuples;
  decltype(&PQntuples) ntuples;
  decltype(&PQgetvalue) getvalue;
  decltype(&PQnfields) nfields;
  decltype(&PQgetisnull) getisnull;
  decltype(&PQtransactionStatus) transaction_status;
  decltype(&PQdb) db;
  decltype(&PQuser) user;
  decltype(&PQhost) host;
  decltype(&PQport) port;
};

/// The loaded library; throws retort::Error(Database) naming the package when it is missing.
[[nodiscard]] const Libpq& libpq();

/// Frees a PGresult (a deleter for std::unique_ptr).
struct ResultDeleter {
  void operator()(PGresult* r) const { libpq().clear(r); }
};

}  // namespace retort::dialects::postgres
