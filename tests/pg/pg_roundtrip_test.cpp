// The autogenerate round trip on PostgreSQL (SPEC §7): for schemas A and B, A plus the generated
// upgrade equals B by reflection, the generated downgrade returns to A, and rows survive. Runs
// against the test cluster (RETORT_TEST_PG_STATE); each pair gets its own two schemas.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/postgres/schema_names.hpp"
#include "diff/differ.hpp"
#include "retort/error.hpp"
#include "support/corpus.hpp"
#include "support/pg.hpp"

namespace retort::dialects::postgres {
namespace {

using test::Pair;

/// One side of a pair: a default schema of its own, and its own names for every schema the SQL
/// creates or names (the scratch mapping of schema_names.hpp), so both sides can create "billing".
struct Side {
  explicit Side(const std::string& prefix) : names(prefix, "public") {}
  SchemaNames names;
};

class PgRoundTrip : public ::testing::TestWithParam<Pair> {
 protected:
  void SetUp() override {
    auto url = test::pg_admin_url();
    ASSERT_FALSE(url.empty()) << "no PostgreSQL test server (RETORT_TEST_PG_STATE); run through ctest";
    conn = std::make_unique<PostgresConnection>(Url::parse(url), ConnectOptions{});
  }

  void in_schema(Side& side) { conn->execute("SET search_path TO " + side.names.default_scratch()); }

  void drop(Side& side) {
    for (const auto& [scratch, real] : side.names.others())
      conn->execute("DROP SCHEMA IF EXISTS " + scratch + " CASCADE");
    conn->execute("DROP SCHEMA IF EXISTS " + side.names.default_scratch() + " CASCADE");
  }

  void fresh(Side& side, const std::string& ddl) {
    drop(side);
    conn->execute("CREATE SCHEMA " + side.names.default_scratch());
    in_schema(side);
    conn->run_script(side.names.rewrite(ddl), 1, [](const Statement&, std::chrono::nanoseconds) {});
  }

  schema::Schema reflect(Side& side) {
    InspectOptions o;
    o.schema = side.names.default_scratch();
    o.schemas = side.names.others();
    return inspector().inspect(*conn, o);
  }

  void run(Side& side, const std::vector<RenderedStatement>& statements) {
    in_schema(side);
    std::string sql;
    for (const auto& s : statements) sql += s.sql + ";\n";
    conn->begin();
    conn->run_script(side.names.rewrite(sql), 1, [](const Statement&, std::chrono::nanoseconds) {});
    conn->commit();
  }

  std::string count(Side& side, const schema::QualifiedName& table) {
    const auto* mapped = side.names.find(table.schema.empty() ? "public" : table.schema);
    return conn->query_column("SELECT count(*) FROM " + *mapped + "." + dialect().quote_identifier(table.name)).front();
  }

  std::string differences(const schema::Schema& a, const schema::Schema& b) {
    std::string out;
    for (const auto& c : diff::compare(a, b, inspector().hooks())) out += "\n  " + diff::describe(c);
    return out;
  }

  std::unique_ptr<PostgresConnection> conn;
};

TEST_P(PgRoundTrip, UpgradeReachesBAndDowngradeReturnsToA) {
  const auto& p = GetParam();
  Side a("rt_a_" + p.name), b("rt_b_" + p.name);
  fresh(b, p.b);
  auto target = reflect(b);
  fresh(a, p.a);
  auto start = reflect(a);
  std::map<schema::QualifiedName, std::string> counts;
  for (const auto& t : start.tables) counts[schema::qualified(t)] = count(a, schema::qualified(t));

  auto changes = diff::compare(start, target, inspector().hooks());
  ASSERT_FALSE(changes.empty());
  ASSERT_NO_THROW(run(a, renderer().render(start, target, changes))) << p.name;
  EXPECT_EQ(differences(reflect(a), target), "") << "upgrade of " << p.name;
  for (const auto& [table, n] : counts) {
    if (target.table(table)) {
      EXPECT_EQ(count(a, table), n) << table.str();
    }
  }
  ASSERT_NO_THROW(run(a, renderer().render(target, start, diff::reverse(changes)))) << p.name;
  EXPECT_EQ(differences(reflect(a), start), "") << "downgrade of " << p.name;
  for (const auto& [table, n] : counts) {
    if (target.table(table)) {
      EXPECT_EQ(count(a, table), n) << table.str();
    }
  }
  drop(a);
  drop(b);
}

constexpr const char* kUsers =
    "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), age integer);"
    "INSERT INTO users (name, email, age) VALUES ('ada', 'ada@example.org', 36), ('grace', NULL, 45);";
#define USERS_SHAPE "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), age integer);"

INSTANTIATE_TEST_SUITE_P(
    Corpus, PgRoundTrip,
    ::testing::Values(
        Pair{"add_table", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100),"
             " age integer); CREATE TABLE tags (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
             " label text NOT NULL UNIQUE);"},
        Pair{"drop_table", "CREATE TABLE keep (x int); INSERT INTO keep VALUES (1); CREATE TABLE gone (y text);",
             "CREATE TABLE keep (x int);"},
        Pair{"add_column_with_default", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), age integer,"
             " active boolean NOT NULL DEFAULT true);"},
        Pair{"drop_nullable_column", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, age integer);"},
        Pair{"change_type", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(200), age bigint);"},
        Pair{"set_not_null", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), age integer NOT "
             "NULL);"},
        Pair{"defaults", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL DEFAULT 'anon', email varchar(100),"
             " age integer, created timestamptz DEFAULT now());"},
        Pair{"comments", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), age integer);"
             "COMMENT ON COLUMN users.email IS 'where we write';"},
        Pair{"unique_and_check", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100) UNIQUE,"
             " age integer CONSTRAINT ck_age CHECK (age >= 0));"},
        Pair{"change_check",
             "CREATE TABLE p (price numeric CONSTRAINT ck_price CHECK (price > 0)); INSERT INTO p VALUES (5);",
             "CREATE TABLE p (price numeric CONSTRAINT ck_price CHECK (price >= 1));"},
        Pair{"foreign_keys",
             "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY, a_id int);"
             "INSERT INTO a VALUES (1); INSERT INTO b VALUES (1, 1);",
             "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY,"
             " a_id int REFERENCES a (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED);"},
        Pair{"new_parent_and_child", "CREATE TABLE a (id int PRIMARY KEY); INSERT INTO a VALUES (1);",
             "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));"
             " CREATE TABLE c (id int PRIMARY KEY, b_id int REFERENCES b (id));"},
        Pair{"primary_key_change",
             "CREATE TABLE m (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a)); INSERT INTO m VALUES (1, 1);",
             "CREATE TABLE m (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));"},
        Pair{"indexes", kUsers,
             USERS_SHAPE "CREATE INDEX ix_adults ON users (age) WHERE age >= 18;"
                         " CREATE UNIQUE INDEX ix_email ON users (lower(email)) ;"
                         " CREATE INDEX ix_multi ON users (name, age DESC);"},
        Pair{"drop_index", "CREATE TABLE t (a int); CREATE INDEX ix_a ON t (a); INSERT INTO t VALUES (1);",
             "CREATE TABLE t (a int);"},
        Pair{"views", kUsers, USERS_SHAPE "CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;"},
        Pair{"generated_column", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), age integer,"
             " age_months integer GENERATED ALWAYS AS (age * 12) STORED);"},
        Pair{"identity", "CREATE TABLE t (id int NOT NULL, x text); INSERT INTO t VALUES (1, 'x');",
             "CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY, x text);"},
        Pair{"collation", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text COLLATE \"C\" NOT NULL, email varchar(100),"
             " age integer);"},
        Pair{"enum_added", "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);",
             "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE t (id int PRIMARY KEY, m mood DEFAULT "
             "'ok');"},
        Pair{"enum_labels_added",
             "CREATE TYPE kind AS ENUM ('a', 'b'); CREATE TABLE t (id int PRIMARY KEY, k kind); INSERT INTO t VALUES "
             "(1, 'a');",
             "CREATE TYPE kind AS ENUM ('first', 'a', 'x', 'b', 'c'); CREATE TABLE t (id int PRIMARY KEY, k kind);"},
        Pair{"enum_label_removed",
             "CREATE TYPE kind AS ENUM ('a', 'b', 'c'); CREATE TABLE t (id int PRIMARY KEY, k kind DEFAULT 'a');"
             " INSERT INTO t VALUES (1, 'a');",
             "CREATE TYPE kind AS ENUM ('a', 'c'); CREATE TABLE t (id int PRIMARY KEY, k kind DEFAULT 'a');"},
        Pair{"sequence_added", "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);",
             "CREATE SEQUENCE invoice_no START WITH 1000 INCREMENT BY 10; CREATE TABLE t (id int PRIMARY KEY,"
             " no bigint DEFAULT nextval('invoice_no'));"},
        Pair{"sequence_altered",
             "CREATE SEQUENCE s AS integer; CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);",
             "CREATE SEQUENCE s AS bigint INCREMENT BY 5 MAXVALUE 1000000 CYCLE; CREATE TABLE t (id int PRIMARY KEY);"},
        Pair{"enum_dropped",
             "CREATE TYPE kind AS ENUM ('a'); CREATE TABLE t (id int PRIMARY KEY, k kind); INSERT INTO t VALUES (1, "
             "'a');",
             "CREATE TABLE t (id int PRIMARY KEY);"},
        // Named schemas: each side maps them to names of its own (schema_names.hpp).
        Pair{"schema_added", kUsers,
             USERS_SHAPE
             "CREATE SCHEMA billing; CREATE TABLE billing.invoices (id serial PRIMARY KEY,"
             " user_id int REFERENCES public.users (id) ON DELETE CASCADE, total numeric"
             " CONSTRAINT ck_total CHECK (total >= 0)); CREATE INDEX ix_user ON billing.invoices (user_id);"},
        Pair{"schema_dropped",
             USERS_SHAPE "CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int PRIMARY KEY, user_id int"
                         " REFERENCES users (id)); INSERT INTO users (name) VALUES ('a');",
             USERS_SHAPE},
        Pair{"schema_objects_changed",
             "CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int PRIMARY KEY, total numeric);"
             " INSERT INTO billing.invoices VALUES (1, 10);",
             "CREATE SCHEMA billing; CREATE TYPE billing.status AS ENUM ('open', 'paid');"
             " CREATE SEQUENCE billing.invoice_no START WITH 100;"
             " CREATE TABLE billing.invoices (id int PRIMARY KEY, total numeric NOT NULL DEFAULT 0,"
             " status billing.status DEFAULT 'open', no bigint DEFAULT nextval('billing.invoice_no'));"
             " CREATE INDEX ix_open ON billing.invoices (total) WHERE status = 'open'::billing.status;"
             " CREATE VIEW billing.open_invoices AS SELECT id, total FROM billing.invoices WHERE status = 'open';"
             " CREATE TABLE notes (id int PRIMARY KEY, invoice_id int REFERENCES billing.invoices (id),"
             " status billing.status);"},
        Pair{"same_table_name_in_two_schemas",
             "CREATE TABLE items (id int PRIMARY KEY, name text); CREATE SCHEMA archive;"
             " CREATE TABLE archive.items (id int PRIMARY KEY, name text); INSERT INTO items VALUES (1, 'a');"
             " INSERT INTO archive.items VALUES (1, 'a');",
             "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL); CREATE SCHEMA archive;"
             " CREATE TABLE archive.items (id int PRIMARY KEY, name varchar(50), archived_at timestamptz);"
             " CREATE INDEX ix_items_name ON items (name); CREATE INDEX ix_items_name ON archive.items (name);"},
        Pair{"schema_enum_label_removed",
             "CREATE SCHEMA \"Audit\"; CREATE TYPE \"Audit\".kind AS ENUM ('a', 'b', 'c');"
             " CREATE TABLE \"Audit\".log (id serial PRIMARY KEY, k \"Audit\".kind DEFAULT 'a');"
             " INSERT INTO \"Audit\".log (k) VALUES ('a');",
             "CREATE SCHEMA \"Audit\"; CREATE TYPE \"Audit\".kind AS ENUM ('a', 'c');"
             " CREATE TABLE \"Audit\".log (id serial PRIMARY KEY, k \"Audit\".kind DEFAULT 'a');"},
        Pair{
            "rename_like",
            "CREATE TABLE users (id serial PRIMARY KEY, name text, email text); INSERT INTO users (name) VALUES ('a');",
            "CREATE TABLE users (id serial PRIMARY KEY, full_name text, email text);"}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace retort::dialects::postgres

namespace retort::dialects::postgres {
namespace {

INSTANTIATE_TEST_SUITE_P(Portable, PgRoundTrip, ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/portable.pairs")),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace retort::dialects::postgres
