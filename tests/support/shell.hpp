#pragma once
// A shell command's standard output, for tests that check what the databases' own tools (sqlite3,
// pg_dump) make of retort's work.

#include <cstdio>
#include <memory>
#include <string>

namespace retort::test {

struct ShellResult {
  std::string out;
  int status = -1;  ///< as pclose(3) returns it: 0 when the command succeeded
};

inline ShellResult shell(const std::string& command) {
  ShellResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  while (auto n = std::fread(buffer, 1, sizeof buffer, pipe)) r.out.append(buffer, n);
  r.status = ::pclose(pipe);
  return r;
}

}  // namespace retort::test
