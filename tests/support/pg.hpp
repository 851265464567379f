#pragma once
// The test cluster's admin URL, written by scripts/pg-test-server.sh into $RETORT_TEST_PG_STATE.

#include <cstdlib>
#include <fstream>
#include <string>

namespace retort::test {

/// Empty when the suite was not started through ctest (no cluster).
inline std::string pg_admin_url() {
  const char* state = std::getenv("RETORT_TEST_PG_STATE");
  if (!state) return {};
  std::ifstream in(std::string(state) + "/url");
  std::string url;
  std::getline(in, url);
  return url;
}

}  // namespace retort::test
