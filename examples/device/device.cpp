// A device-style program: its migrations are compiled in (retort_add_migrations in
// CMakeLists.txt), so it needs no file besides its database. It migrates on boot and refuses to
// start when that fails, printing the error with its context.
//   device <database-file>        migrate the file to head on boot, record a reading
//   device <database-file> down   downgrade the file to base (uninstall)
//   device --memory               an in-memory database on the program's own connection: up,
//                                 used, checked against the compiled-in schema, and down again
#include <sqlite3.h>

#include <iostream>
#include <retort/retort.hpp>
#include <string>

namespace {

int boot(const std::string& file, bool down) {
  auto config = retort::Config::embedded("sqlite:///" + file);
  auto result = down ? retort::downgrade(config, "base") : retort::upgrade(config, "head");
  std::cout << (down ? "downgraded" : "migrated") << " " << result.steps.size() << " step(s); now at "
            << (result.revisions_after.empty() ? "base" : result.revisions_after.front()) << "\n";
  return 0;
}

int in_memory() {
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  auto config = retort::Config::embedded("");  // the connection says which database
  retort::upgrade(config, db, "head");
  sqlite3_exec(db, "INSERT INTO reading (taken_at, celsius) VALUES ('2026-12-01T08:00', 21.5)", nullptr, nullptr,
               nullptr);
  const auto differences = retort::check(config.with_connection(db)).differences.size();
  std::cout << "in memory: at " << retort::current(config, db).revisions.front().id << ", " << differences
            << " difference(s) from the compiled-in schema\n";
  retort::downgrade(config, db, "base");
  std::cout << "in memory: back at base, " << retort::current(config, db).revisions.size() << " revision(s)\n";
  sqlite3_close(db);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string first = argc > 1 ? argv[1] : "";
  if (first.empty() || argc > 3) {
    std::cerr << "usage: device <database-file> [down] | device --memory\n";
    return 2;
  }
  try {
    return first == "--memory" ? in_memory() : boot(first, argc == 3 && std::string(argv[2]) == "down");
  } catch (const retort::Error& e) {
    // Refuse to start: the database is at a consistent revision, and the message says which.
    std::cerr << "device: cannot start, migrating the database failed (" << retort::to_string(e.code())
              << "): " << e.describe() << "\n";
    return 1;
  }
}
