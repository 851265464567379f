// Runs the CLI scenarios in tests/scenarios/*.t: each is a sequence of shell commands run in a
// fresh temporary directory, with the expected stdout, stderr ("! " lines) and exit code
// ("[exit N]", 0 when absent). `retort` on PATH is the built binary. Output is normalised: the
// temporary directory becomes $TMP, durations become (<time>), create dates <date>.
// UPDATE_SCENARIOS=1 rewrites the files with the actual output (review the diff).
//
//   $ retort upgrade head
//   ! INFO  [retort] Running upgrade  -> aaa111, create users (<time>)
//   $ cat > file.sql <<'EOF'
//   > contents
//   > EOF

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct Command {
  std::string text;                   // shell text (continuation lines joined with '\n')
  std::vector<std::string> source;    // the lines as written (command + continuations)
  std::vector<std::string> expected;  // stdout lines, and "! " stderr lines
  int exit_code = 0;
};

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string line;
  while (std::getline(ss, line)) out.push_back(line);
  return out;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Parses a scenario: comments ("# ") and blank lines before a command are kept as preamble.
std::vector<Command> parse(const std::string& text, std::vector<std::string>& header) {
  std::vector<Command> cmds;
  for (const auto& line : lines_of(text)) {
    if (line.rfind("$ ", 0) == 0) {
      cmds.push_back({line.substr(2), {line}, {}, 0});
    } else if (cmds.empty()) {
      header.push_back(line);
    } else if (line.rfind("> ", 0) == 0 || line == ">") {
      auto& c = cmds.back();
      c.text += "\n" + (line.size() > 2 ? line.substr(2) : "");
      c.source.push_back(line);
    } else if (line.rfind("[exit ", 0) == 0) {
      cmds.back().exit_code = std::stoi(line.substr(6));
    } else if (line.rfind("# ", 0) == 0 || line == "#") {
      cmds.back().expected.push_back(line);  // kept in place, ignored when comparing
    } else {
      cmds.back().expected.push_back(line);
    }
  }
  return cmds;
}

std::vector<std::string> comparable(std::vector<std::string> lines) {
  std::erase_if(lines, [](const std::string& l) { return l.rfind("# ", 0) == 0 || l == "#"; });
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string normalise(std::string s, const std::string& tmp) {
  for (std::size_t pos; (pos = s.find(tmp)) != std::string::npos;) s.replace(pos, tmp.size(), "$TMP");
  static const std::regex duration(R"(\(\d+\.\d+ (ms|s)\))");
  static const std::regex date(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6})");
  s = std::regex_replace(s, duration, "(<time>)");
  return std::regex_replace(s, date, "<date>");
}

class Scenario : public ::testing::TestWithParam<std::string> {};

TEST_P(Scenario, Matches) {
  const fs::path file = fs::path(SCENARIO_DIR) / (GetParam() + ".t");
  std::vector<std::string> header;
  auto cmds = parse(read(file), header);
  ASSERT_FALSE(cmds.empty()) << file;

  std::random_device rd;
  const fs::path work = fs::temp_directory_path() / ("retort-scenario-" + std::to_string(rd()));
  const fs::path io = work.string() + ".io";
  fs::create_directories(work);
  fs::create_directories(io);
  const std::string bin_dir = fs::path(RETORT_BIN).parent_path().string();
  const std::string tmp = work.string();
  bool update = std::getenv("UPDATE_SCENARIOS") != nullptr;
  bool changed = false;

  for (auto& c : cmds) {
    auto script = io / "cmd.sh";
    std::ofstream(script) << "export PATH='" << bin_dir << "':\"$PATH\"\n"
                          << "export EMBED_BIN='" << EMBED_BIN << "'\n"
                          << "unset RETORT_CONFIG DATABASE_URL\nexport TZ=UTC\n"
                          << c.text << "\n";
    auto shell = "cd '" + tmp + "' && /bin/sh '" + script.string() + "' >'" + (io / "out").string() + "' 2>'" +
                 (io / "err").string() + "'";
    int status = std::system(shell.c_str());
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::vector<std::string> actual;
    for (const auto& l : lines_of(normalise(read(io / "out"), tmp))) actual.push_back(l);
    for (const auto& l : lines_of(normalise(read(io / "err"), tmp))) actual.push_back("! " + l);
    while (!actual.empty() && actual.back().empty()) actual.pop_back();
    if (update) {
      if (comparable(c.expected) != actual || c.exit_code != code) changed = true;
      c.expected = actual;
      c.exit_code = code;
      continue;
    }
    EXPECT_EQ(comparable(c.expected), actual) << "command: " << c.text << "\n(in " << file << ")";
    EXPECT_EQ(c.exit_code, code) << "command: " << c.text << "\n(in " << file << ")";
    if (HasFailure()) break;
  }
  if (update && changed) {
    std::ofstream out(file);
    for (const auto& h : header) out << h << "\n";
    for (const auto& c : cmds) {
      for (const auto& s : c.source) out << s << "\n";
      for (const auto& e : c.expected) out << e << "\n";
      if (c.exit_code != 0) out << "[exit " << c.exit_code << "]\n";
      out << "\n";
    }
  }
  fs::remove_all(work);
  fs::remove_all(io);
}

std::vector<std::string> scenarios() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(SCENARIO_DIR)) {
    if (e.path().extension() == ".t") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Cli, Scenario, ::testing::ValuesIn(scenarios()), [](const auto& info) {
  std::string n = info.param;
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
});

}  // namespace
