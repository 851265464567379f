#pragma once
// MariaDB Connector/C, loaded on first use as libpq is (postgres/libpq.hpp): SQLite and
// PostgreSQL users pay nothing for it at start-up. The types come from mysql.h as usual.

#include <mysql.h>

namespace retort::dialects::mysql {

struct Libmariadb {
  decltype(&mysql_server_init) library_init;
  decltype(&mysql_init) init;
  decltype(&mysql_options) options;
  decltype(&mysql_real_connect) real_connect;
  decltype(&mysql_close) close;
  decltype(&mysql_error) error;
  decltype(&mysql_errno) errno_of;
  decltype(&mysql_sqlstate) sqlstate;
  decltype(&mysql_real_query) real_query;
  decltype(&mysql_store_result) store_result;
  decltype(&mysql_free_result) free_result;
  decltype(&mysql_num_fields) num_fields;
  decltype(&mysql_fetch_row) fetch_row;
  decltype(&mysql_fetch_lengths) fetch_lengths;
  decltype(&mysql_field_count) field_count;
  decltype(&mysql_affected_rows) affected_rows;
  decltype(&mysql_next_result) next_result;
  decltype(&mysql_get_server_info) server_info;
};

/// The loaded library; throws retort::Error(Database) naming the package when it is missing.
[[nodiscard]] const Libmariadb& libmariadb();

/// Frees a MYSQL_RES (a deleter for std::unique_ptr).
struct ResultDeleter {
  void operator()(MYSQL_RES* r) const {
    if (r) libmariadb().free_result(r);
  }
};

}  // namespace retort::dialects::mysql
