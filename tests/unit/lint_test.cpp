// lint's rules on golden cases (tests/lint/<dialect>/*.sql): each case is a migration revising the
// dialect's _setup.sql; a `-- expect: rule[, rule]` line names what the next statement must be
// found to do, and nothing else may be found. The messages are compared with <case>.expected
// (UPDATE_GOLDEN=1 writes them). Cases named safe_*.sql are statements that must stay silent.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "lint/state.hpp"
#include "lint/tokens.hpp"
#include "retort/retort.hpp"
#include "support/temp_dir.hpp"

namespace retort {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// (line, rule) pairs a case's `-- expect:` comments name, each for the line after its comment.
std::set<std::pair<int, std::string>> expectations(const std::string& text) {
  std::set<std::pair<int, std::string>> out;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    auto at = line.find("-- expect:");
    if (at == std::string::npos) continue;
    std::string rules = line.substr(at + 10);
    std::stringstream names(rules);
    std::string name;
    while (std::getline(names, name, ',')) {
      name.erase(0, name.find_first_not_of(' '));
      name.erase(name.find_last_not_of(' ') + 1);
      if (!name.empty()) out.insert({n + 1, name});
    }
  }
  return out;
}

std::string option(const std::string& text, const std::string& key) {
  auto at = text.find("-- " + key + ": ");
  if (at == std::string::npos) return {};
  auto from = at + key.size() + 5;
  return text.substr(from, text.find('\n', from) - from);
}

void run_cases(const std::string& dialect) {
  const fs::path dir = fs::path(LINT_CASES_DIR) / dialect;
  const bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  std::set<std::string> covered;
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto path = entry.path();
    if (path.extension() != ".sql" || path.filename() == "_setup.sql") continue;
    ++cases;
    SCOPED_TRACE(path.string());
    const auto text = read(path);
    test::TempDir project;
    project.write("versions/_setup.sql", read(dir / "_setup.sql"));
    project.write("versions/case.sql", text);
    LintOptions options;
    options.range = "case";
    options.dialects = {dialect};
    options.server_version = option(text, "server-version");
    auto config = Config::for_directory(project.path(), "");
    config.lock_timeout = option(text, "lock_timeout");
    const auto result = lint(config, options);
    std::set<std::pair<int, std::string>> found;
    std::string messages;
    for (const auto& f : result.findings) {
      found.insert({f.line, f.rule});
      covered.insert(f.rule);
      messages += std::to_string(f.line) + ": " + f.severity + " [" + f.rule + "] " + f.message + "\n";
    }
    EXPECT_EQ(found, expectations(text)) << messages;
    if (path.filename().string().starts_with("safe_")) {
      EXPECT_EQ(messages, "");
    }
    auto golden = fs::path(path).replace_extension(".expected");
    if (update) {
      std::ofstream(golden, std::ios::binary) << messages;
    } else {
      EXPECT_EQ(messages, read(golden)) << "UPDATE_GOLDEN=1 rewrites " << golden;
    }
  }
  EXPECT_GT(cases, 3);
  // Every rule of the dialect has a case that finds it.
  for (const auto& r : lint_rules()) {
    if (r.dialects.find(dialect) != std::string::npos) {
      EXPECT_TRUE(covered.contains(r.id)) << r.id << " has no case";
    }
  }
}

TEST(Lint, PostgresqlCases) { run_cases("postgresql"); }
TEST(Lint, SqliteCases) { run_cases("sqlite"); }
TEST(Lint, MysqlCases) { run_cases("mysql"); }

/// The rule's idea of a constant ADD COLUMN default against SQLite's own, on a table with rows.
TEST(Lint, SqliteConstantDefaultAgreesWithSqlite) {
  const char* defaults[] = {"0", "-1", "+1.5", "(-1)", "((2))", "'a'", "x'00ff'", "NULL", "TRUE", "false",
                            "CAST(1 AS TEXT)", "(CAST('1' AS INTEGER))", "abc", "\"abc\"", "CURRENT_TIMESTAMP",
                            "CURRENT_DATE", "(datetime('now'))", "(1 + 1)", "('a' || 'b')", "(abs(-1))",
                            "(random())", "(NULL)", "(- 1)", "-(1)", "(CAST(1 + 1 AS TEXT))"};
  for (const char* d : defaults) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
    // What SQLite cannot parse at all (DEFAULT CAST(...) without parentheses) fails on an empty
    // table too, where replaying the history reports it; the rule is about tables with rows.
    sqlite3_exec(db, "CREATE TABLE e (a); CREATE TABLE t (a); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr);
    const std::string empty = std::string("ALTER TABLE e ADD COLUMN c DEFAULT ") + d;
    const std::string sql = std::string("ALTER TABLE t ADD COLUMN c DEFAULT ") + d;
    const bool parses = sqlite3_exec(db, empty.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    const bool accepted = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    if (!parses) continue;
    auto tokens = linter::tokenize(d, 1);
    std::size_t end = tokens.size();
    EXPECT_EQ(linter::sqlite_constant_default(tokens, 0, end), accepted) << d;
  }
}

TEST(Lint, TokensKeepLinesAndQuotes) {
  auto t = linter::tokenize("ALTER TABLE \"My Table\"\n  -- a comment; DROP\n  ADD [c] /* x\n */ TEXT DEFAULT 'it''s'", 7);
  ASSERT_EQ(t.size(), 8u);
  EXPECT_TRUE(t[0].is("alter"));
  EXPECT_EQ(t[2].text, "My Table");
  EXPECT_EQ(t[3].line, 9);
  EXPECT_EQ(t[4].text, "c");
  EXPECT_EQ(t[5].line, 10);
  EXPECT_EQ(t[7].text, "it's");
  EXPECT_EQ(t[7].kind, linter::Token::Kind::String);
}

}  // namespace
}  // namespace retort
