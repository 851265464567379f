// The round trip on random schemas and random edits: seeded (RETORT_SEED overrides), bounded in
// time (RETORT_RANDOM_SECONDS, default 2), reporting the seed and case of any failure.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <random>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "diff/differ.hpp"
#include "retort/error.hpp"

namespace retort::dialects::sqlite {
namespace {

using schema::Column;
using schema::Schema;
using schema::Table;

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  Schema schema() {
    Schema s;
    int tables = pick(1, 3);
    for (int t = 0; t < tables; ++t) s.tables.push_back(table("t" + std::to_string(t), s));
    s.normalise();
    return s;
  }

  /// One to three random edits of `s`.
  Schema edit(Schema s) {
    int edits = pick(1, 3);
    for (int e = 0; e < edits; ++e) {
      auto& t = s.tables[static_cast<std::size_t>(pick(0, static_cast<int>(s.tables.size()) - 1))];
      switch (pick(0, 7)) {
        case 0:
          t.columns.push_back(column("n" + std::to_string(next_++)));
          break;
        case 1:
          if (t.columns.size() > 2)
            t.columns.erase(t.columns.begin() + pick(1, static_cast<int>(t.columns.size()) - 1));
          break;
        case 2:
          t.columns.back().type = type();
          break;
        case 3:
          t.columns.back().default_sql = "7";
          break;
        case 4:
          t.checks.push_back(
              {pick(0, 1) ? "ck_" + std::to_string(next_++) : "", q(t.columns.back()) + " IS NOT NULL OR 1"});
          break;
        case 5:
          s.indexes.push_back(
              {"ix_" + std::to_string(next_++), t.name, pick(0, 1) == 1, {{t.columns.back().name, false, false}}, ""});
          break;
        case 6:
          s.tables.push_back(table("t" + std::to_string(next_++), s));
          break;
        case 7:
          if (s.tables.size() > 1) s.tables.pop_back();
          break;
      }
    }
    // Indexes must point at columns that still exist.
    std::erase_if(s.indexes, [&](const schema::Index& i) {
      const auto* t = s.table(i.table);
      return !t || !t->column(i.keys.front().text);
    });
    for (auto& t : s.tables) {
      // Checks read "<column> IS NOT NULL OR 1": drop those whose column went away.
      std::erase_if(t.checks, [&](const schema::CheckConstraint& c) {
        return !t.column(c.expression.substr(0, c.expression.find(' ')));
      });
      std::erase_if(t.foreign_keys,
                    [&](const schema::ForeignKey& k) { return !s.table(k.ref_table) || !t.column(k.columns.front()); });
    }
    s.normalise();
    return s;
  }

 private:
  std::mt19937 rng_;
  int next_ = 0;

  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  std::string type() {
    static const char* const types[] = {"integer", "text", "varchar(20)", "numeric", "real", "blob"};
    return types[pick(0, 5)];
  }
  static std::string q(const Column& c) { return c.name; }
  Column column(std::string name) {
    Column c;
    c.name = std::move(name);
    c.type = type();
    c.nullable = pick(0, 3) != 0;
    if (!c.nullable || pick(0, 2) == 0) c.default_sql = "1";
    return c;
  }
  Table table(const std::string& name, const Schema& others) {
    Table t;
    t.name = name;
    Column id;
    id.name = "id";
    id.type = "integer";
    t.columns.push_back(id);
    t.primary_key = schema::PrimaryKey{"", {"id"}};
    int columns = pick(1, 4);
    for (int c = 0; c < columns; ++c) t.columns.push_back(column("c" + std::to_string(next_++)));
    if (!others.tables.empty() && pick(0, 1)) {
      const auto& parent = others.tables.front();
      Column ref;
      ref.name = "ref_" + parent.name;
      ref.type = "integer";
      t.columns.push_back(ref);
      t.foreign_keys.push_back(
          {"", {ref.name}, parent.name, {"id"}, "NO ACTION", pick(0, 1) ? "CASCADE" : "NO ACTION", false, false});
    }
    return t;
  }
};

void run(Connection& conn, const std::vector<RenderedStatement>& statements) {
  std::string sql;
  for (const auto& s : statements) sql += s.sql + ";\n";
  conn.begin();
  conn.run_script(sql, 1, [](const Statement&, std::chrono::nanoseconds) {});
  conn.commit();
}

std::string differences(const Schema& a, const Schema& b) {
  std::string out;
  for (const auto& c : diff::compare(a, b, inspector().hooks())) out += "\n  " + diff::describe(c);
  return out;
}

TEST(RandomRoundTrip, RandomSchemasAndEdits) {
  const char* seed_env = std::getenv("RETORT_SEED");
  const unsigned seed = seed_env ? static_cast<unsigned>(std::stoul(seed_env)) : 20261122u;
  const char* seconds_env = std::getenv("RETORT_RANDOM_SECONDS");
  const auto budget = std::chrono::milliseconds(static_cast<long>((seconds_env ? std::stod(seconds_env) : 2.0) * 1000));
  const auto started = std::chrono::steady_clock::now();
  Generator gen(seed);
  int cases = 0;
  while (std::chrono::steady_clock::now() - started < budget && cases < 2000) {
    ++cases;
    SCOPED_TRACE("seed " + std::to_string(seed) + ", case " + std::to_string(cases));
    auto a_model = gen.schema();
    auto b_model = gen.edit(a_model);
    auto conn = dialect().connect(Url::parse("sqlite://"), {});
    Schema empty;
    ASSERT_NO_THROW(run(*conn, renderer().render(empty, a_model, diff::compare(empty, a_model, diff::exact_hooks()))));
    for (const auto& t : a_model.tables) conn->execute("INSERT INTO " + t.name + " DEFAULT VALUES");
    auto a = inspector().inspect(*conn, {});
    auto scratch = dialect().connect(Url::parse("sqlite://"), {});
    ASSERT_NO_THROW(
        run(*scratch, renderer().render(empty, b_model, diff::compare(empty, b_model, diff::exact_hooks()))));
    auto b = inspector().inspect(*scratch, {});

    auto changes = diff::compare(a, b, inspector().hooks());
    auto up = renderer().render(a, b, changes);
    std::string script;
    for (const auto& s : up) script += s.sql + ";\n";
    SCOPED_TRACE("upgrade:\n" + script);
    ASSERT_NO_THROW(run(*conn, up));
    ASSERT_EQ(differences(inspector().inspect(*conn, {}), b), "");
    for (const auto& t : a.tables) {
      if (b.table(t.name)) {
        ASSERT_EQ(conn->query_column("SELECT count(*) FROM " + t.name).front(), "1") << t.name;
      }
    }
    ASSERT_NO_THROW(run(*conn, renderer().render(b, a, diff::reverse(changes))));
    ASSERT_EQ(differences(inspector().inspect(*conn, {}), a), "");
  }
  RecordProperty("cases", cases);
  EXPECT_GT(cases, 10);
}

}  // namespace
}  // namespace retort::dialects::sqlite
