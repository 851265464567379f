#pragma once
// The MariaDB test server's socket, written by scripts/mariadb-test-server.sh into
// $RETORT_TEST_MARIADB_STATE.

#include <cstdlib>
#include <fstream>
#include <string>

namespace retort::test {

/// Empty when the suite was not started through ctest (no server).
inline std::string mariadb_socket() {
  const char* state = std::getenv("RETORT_TEST_MARIADB_STATE");
  if (!state) return {};
  std::ifstream in(std::string(state) + "/socket");
  std::string socket;
  std::getline(in, socket);
  return socket;
}

/// The URL of database `name` on the test server as root; empty without a server.
inline std::string mariadb_url(const std::string& name) {
  const auto socket = mariadb_socket();
  return socket.empty() ? std::string() : "mysql://root@/" + name + "?unix_socket=" + socket;
}

}  // namespace retort::test
