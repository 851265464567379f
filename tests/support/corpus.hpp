#pragma once
// Round-trip pairs: the ones each test writes inline, and the portable ones in tests/corpus/.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace retort::test {

struct Pair {
  std::string name;
  std::string a;  ///< schema A, with seed rows
  std::string b;  ///< schema B
};

/// Reads "=== name / A / --- / B" blocks; "#" lines are comments.
inline std::vector<Pair> load_pairs(const std::string& path) {
  std::vector<Pair> out;
  std::ifstream in(path);
  std::string line;
  bool in_b = false;
  while (std::getline(in, line)) {
    if (line.rfind("#", 0) == 0 || line.empty()) continue;
    if (line.rfind("=== ", 0) == 0) {
      out.push_back({line.substr(4), "", ""});
      in_b = false;
    } else if (line == "---") {
      in_b = true;
    } else if (!out.empty()) {
      (in_b ? out.back().b : out.back().a) += line + "\n";
    }
  }
  return out;
}

}  // namespace retort::test
