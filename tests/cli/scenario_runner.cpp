// Runs the CLI scenarios in tests/scenarios/*.t. A scenario is a sequence of shell commands run in
// a fresh temporary directory; each is followed by its expected stdout lines, stderr lines ("! "),
// and "[exit N]" when it does not exit 0. `retort` on PATH is the built binary; `dbq "SQL"` queries
// the scenario's database.
//
// A first line "# dialects: sqlite postgresql" runs the scenario once per dialect, with
// DATABASE_URL pointing at a fresh database of that dialect (PostgreSQL from the test cluster
// started by scripts/pg-test-server.sh, MySQL from the MariaDB server of
// scripts/mariadb-test-server.sh). An expected line prefixed "[postgresql] ", "[mysql] " or "[sqlite] "
// applies to that dialect only. Output is normalised: the temporary directory becomes $TMP, the
// database URL $DATABASE_URL, durations (<time>), create dates <date>.
// UPDATE_SCENARIOS=1 rewrites the files with the actual output (review the diff).

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct Command {
  std::string text;                   // shell text (continuation lines joined with '\n')
  std::vector<std::string> source;    // the lines as written (command + continuations)
  std::vector<std::string> expected;  // stdout, "! " stderr, "[exit N]", maybe "[dialect] "-prefixed
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

std::vector<Command> parse(const std::string& text, std::vector<std::string>& header) {
  std::vector<Command> cmds;
  for (const auto& line : lines_of(text)) {
    if (line.rfind("$ ", 0) == 0) {
      cmds.push_back({line.substr(2), {line}, {}});
    } else if (cmds.empty()) {
      header.push_back(line);
    } else if (line.rfind("> ", 0) == 0 || line == ">") {
      auto& c = cmds.back();
      c.text += "\n" + (line.size() > 2 ? line.substr(2) : "");
      c.source.push_back(line);
    } else {
      cmds.back().expected.push_back(line);
    }
  }
  return cmds;
}

bool is_comment(const std::string& l) { return l.rfind("# ", 0) == 0 || l == "#"; }

/// The expected lines for one dialect: comments dropped, other dialects' lines dropped.
std::vector<std::string> expected_for(const std::vector<std::string>& lines, const std::string& dialect) {
  std::vector<std::string> out;
  for (const auto& l : lines) {
    if (is_comment(l)) continue;
    if (l.rfind("[", 0) == 0 && l.rfind("[exit ", 0) != 0) {
      auto close = l.find("] ");
      if (close != std::string::npos) {
        if (l.substr(1, close - 1) == dialect) out.push_back(l.substr(close + 2));
        continue;
      }
    }
    out.push_back(l);
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
  return s;
}

std::string normalise(std::string s, const std::string& tmp, const std::string& url) {
  s = replace_all(s, url, "$DATABASE_URL");
  s = replace_all(s, tmp, "$TMP");
  static const std::regex duration(R"(\(\d+\.\d+ (ms|s)\))");
  static const std::regex date(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6})");
  s = std::regex_replace(s, duration, "(<time>)");
  return std::regex_replace(s, date, "<date>");
}

std::string trim_file(const std::string& path) {
  auto s = read(path);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

int sh(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// A database for one run of a scenario: a file for SQLite, a fresh database for PostgreSQL and
/// MySQL (MariaDB); empty when the dialect's test server is not running.
std::string make_database(const std::string& dialect, const std::string& name) {
  if (dialect == "sqlite") return "sqlite:///app.db";
  if (dialect == "mysql") {
    const char* state = std::getenv("RETORT_TEST_MARIADB_STATE");
    if (!state) return {};
    auto admin = trim_file(std::string(state) + "/url");
    auto socket = trim_file(std::string(state) + "/socket");
    if (admin.empty()) return {};
    auto db = "scenario_" + name;
    if (sh("mariadb --socket='" + socket + "' -uroot -e 'DROP DATABASE IF EXISTS " + db + "; CREATE DATABASE " + db +
           "'") != 0)
      return {};
    return std::regex_replace(admin, std::regex("@/mysql\\?"), "@/" + db + "?");
  }
  const char* state = std::getenv("RETORT_TEST_PG_STATE");
  if (!state) return {};
  auto admin = trim_file(std::string(state) + "/url");
  if (admin.empty()) return {};
  auto db = "scenario_" + name;
  if (sh("psql -X -q -d '" + admin + "' -c 'DROP DATABASE IF EXISTS " + db + " WITH (FORCE)' -c 'CREATE DATABASE " +
         db + "' >/dev/null") != 0) {
    return {};
  }
  return std::regex_replace(admin, std::regex("@/postgres\\?"), "@/" + db + "?");
}

/// The dialects a scenario's first line names ("# dialects: sqlite postgresql"); default sqlite.
std::vector<std::string> dialects_of(const std::string& first) {
  std::vector<std::string> dialects;
  if (first.rfind("# dialects:", 0) == 0) {
    std::stringstream ss(first.substr(11));
    for (std::string d; ss >> d;) dialects.push_back(d);
  }
  if (dialects.empty()) dialects.push_back("sqlite");
  return dialects;
}

class Scenario : public ::testing::TestWithParam<std::string> {};

TEST_P(Scenario, Matches) {
  const auto [name, dialect] = [&] {
    auto p = GetParam();
    auto dot = p.find('.');
    return std::make_pair(p.substr(0, dot), p.substr(dot + 1));
  }();
  const fs::path file = fs::path(SCENARIO_DIR) / (name + ".t");
  std::vector<std::string> header;
  auto cmds = parse(read(file), header);
  ASSERT_FALSE(cmds.empty()) << file;

  auto url = make_database(dialect, name);
  if (url.empty()) {
    // In CI the test servers must be there: a missing server fails, it never skips.
    FAIL() << "no " << dialect << " test server (RETORT_TEST_PG_STATE, RETORT_TEST_MARIADB_STATE); run the suite "
           << "through ctest";
  }
  std::random_device rd;
  const fs::path work = fs::temp_directory_path() / ("retort-scenario-" + std::to_string(rd()));
  const fs::path io = work.string() + ".io";
  fs::create_directories(work);
  fs::create_directories(io);
  const std::string tmp = work.string();
  const bool update = std::getenv("UPDATE_SCENARIOS") != nullptr;
  std::vector<std::vector<std::string>> actuals;

  for (auto& c : cmds) {
    auto script = io / "cmd.sh";
    std::ofstream(script) << "export PATH='" << fs::path(RETORT_BIN).parent_path().string() << "':'" << TOOLS_DIR
                          << "':\"$PATH\"\n"
                          << "export EMBED_BIN='" << EMBED_BIN << "'\n"
                          << "export DEVICE_BIN='" << DEVICE_BIN << "'\n"
                          << "unset RETORT_CONFIG\nexport TZ=UTC RETORT_CACHE_DIR='" << (io / "cache").string() << "'\n"
                          << "export DATABASE_URL='" << url << "' DIALECT='" << dialect << "'\n"
                          << c.text << "\n";
    int code = sh("cd '" + tmp + "' && /bin/sh '" + script.string() + "' >'" + (io / "out").string() + "' 2>'" +
                  (io / "err").string() + "'");
    std::vector<std::string> actual;
    for (const auto& l : lines_of(normalise(read(io / "out"), tmp, url))) actual.push_back(l);
    for (const auto& l : lines_of(normalise(read(io / "err"), tmp, url))) actual.push_back("! " + l);
    while (!actual.empty() && actual.back().empty()) actual.pop_back();
    if (code != 0) actual.push_back("[exit " + std::to_string(code) + "]");
    actuals.push_back(actual);
    if (!update) {
      EXPECT_EQ(expected_for(c.expected, dialect), actual)
          << "command: " << c.text << "\n(" << dialect << ", " << file << ")";
      if (HasFailure()) break;
    }
  }
  fs::remove_all(work);
  fs::remove_all(io);
  if (!update) return;
  // Rewrite this dialect's lines, keeping the other dialects' as they are. Comments stay where
  // they were: before the output, or after it (introducing the next command).
  auto dialects = dialects_of(header.empty() ? std::string() : header.front());
  for (std::size_t i = 0; i < cmds.size(); ++i) {
    auto& c = cmds[i];
    std::vector<std::string> leading, trailing;
    bool seen_output = false;
    for (const auto& l : c.expected) {
      if (is_comment(l))
        (seen_output ? trailing : leading).push_back(l);
      else if (!l.empty())
        seen_output = true;
    }
    std::map<std::string, std::vector<std::string>> per;
    for (const auto& d : dialects) per[d] = expected_for(c.expected, d);
    per[dialect] = actuals[i];
    bool all_same = true;
    for (const auto& d : dialects) all_same = all_same && per[d] == per[dialect];
    std::vector<std::string> lines = leading;
    if (all_same) {
      lines.insert(lines.end(), per[dialect].begin(), per[dialect].end());
    } else {
      for (const auto& d : dialects) {
        for (const auto& l : per[d]) lines.push_back("[" + d + "] " + l);
      }
    }
    if (!trailing.empty()) lines.push_back("");
    lines.insert(lines.end(), trailing.begin(), trailing.end());
    c.expected = lines;
  }
  std::ofstream out(file);
  for (const auto& h : header) out << h << "\n";
  for (const auto& c : cmds) {
    for (const auto& s : c.source) out << s << "\n";
    for (const auto& e : c.expected) out << e << "\n";
    if (c.expected.empty() || !is_comment(c.expected.back())) out << "\n";
  }
}

/// "name.dialect" for every scenario and every dialect its first line names (default sqlite).
std::vector<std::string> scenarios() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(SCENARIO_DIR)) {
    if (e.path().extension() != ".t") continue;
    std::ifstream in(e.path());
    std::string first;
    std::getline(in, first);
    for (const auto& d : dialects_of(first)) names.push_back(e.path().stem().string() + "." + d);
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
