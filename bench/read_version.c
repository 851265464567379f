/* The limit for `retort current` (bench/run.py): the least a program can do to answer it on
 * SQLite. It opens the file read-only, reads the version rows and prints them. */
#include <sqlite3.h>
#include <stdio.h>

int main(int argc, char** argv) {
  sqlite3* db = NULL;
  sqlite3_stmt* stmt = NULL;
  if (argc != 2 || sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) return 2;
  if (sqlite3_prepare_v2(db, "SELECT version_num FROM retort_version", -1, &stmt, NULL) != SQLITE_OK) return 2;
  while (sqlite3_step(stmt) == SQLITE_ROW) printf("%s\n", (const char*)sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return 0;
}
