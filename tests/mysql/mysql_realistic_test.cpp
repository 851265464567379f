// A realistic MySQL application schema (tests/corpus/realistic/blog.mysql.sql): autogenerate
// builds it from nothing, the application then gets what it expects (its ids, the trigger's total,
// the generated column, the view's columns), the database has no differences from the schema, from
// its own mariadb-dump or from retort's schema dump, and the downgrade removes it.

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <memory>

#include "dialects/mysql/mysql_dialect.hpp"
#include "support/mariadb.hpp"
#include "support/project.hpp"
#include "support/shell.hpp"

namespace retort {
namespace {

std::string blog() {
  std::ifstream in(CORPUS_DIR "/realistic/blog.mysql.sql");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(MysqlRealistic, BlogBuiltByAutogenerateUsedAndRemoved) {
  ASSERT_FALSE(test::mariadb_socket().empty()) << "no MariaDB test server (RETORT_TEST_MARIADB_STATE); run through ctest";
  {
    dialects::mysql::MysqlConnection admin(Url::parse(test::mariadb_url("mysql")), {});
    admin.execute("DROP DATABASE IF EXISTS retort_blog");
    admin.execute("CREATE DATABASE retort_blog");
  }
  test::Project p("SELECT 1;", [](const std::filesystem::path&) { return test::mariadb_url("retort_blog"); });
  p.upgrade();
  p.desire(blog());
  const auto generated = p.generate("r2");
  EXPECT_NE(generated.find("CREATE TRIGGER `order_line_total`"), std::string::npos) << generated;
  ASSERT_NO_THROW(p.upgrade()) << generated;
  EXPECT_EQ(p.differences(), "");

  dialects::mysql::MysqlConnection app(Url::parse(test::mariadb_url("retort_blog")), {});
  auto value = [&](const std::string& sql) { return app.query(sql).front()[0].value_or("NULL"); };
  app.execute("INSERT INTO wp_users (user_login, display_name) VALUES ('ada', 'Ada')");
  EXPECT_EQ(value("SELECT LAST_INSERT_ID()"), "1");
  EXPECT_EQ(value("SELECT user_registered FROM wp_users"), "0000-00-00 00:00:00");
  app.execute("INSERT INTO wp_posts (post_author, post_content, post_title) VALUES (1, 'body', 'Hello')");
  EXPECT_EQ(value("SELECT CONCAT(id, '|', title, '|', author) FROM published_posts"), "1|Hello|Ada");
  app.execute("INSERT INTO shop_products (sku, title, price) VALUES ('SKU-1', 'Lamp', 10.00)");
  EXPECT_EQ(value("SELECT gross FROM shop_products"), "12.00");
  app.execute("INSERT INTO shop_orders (user_id) VALUES (1)");
  app.execute("INSERT INTO shop_order_lines VALUES (1, 1, 1, 2, 20.00), (1, 2, 1, 101, 5.00)");
  EXPECT_EQ(value("SELECT total FROM shop_orders"), "25.00");
  EXPECT_EQ(value("SELECT message FROM audit_log"), "big order 1");
  EXPECT_THROW(app.execute("INSERT INTO shop_order_lines VALUES (1, 3, 1, 0, 1.00)"), Error);  // ck_quantity
  EXPECT_THROW(app.execute("INSERT INTO shop_products (sku, title) VALUES ('SKU-1', 'Twin')"), Error);  // ux_sku
  app.execute("DELETE FROM wp_users");
  EXPECT_EQ(value("SELECT IFNULL(user_id, 'NULL') FROM shop_orders"), "NULL");  // ON DELETE SET NULL

  const auto dump = test::shell("mariadb-dump --socket='" + test::mariadb_socket() +
                                "' -uroot --routines --triggers retort_blog");
  ASSERT_EQ(dump.status, 0);
  p.desire(dump.out);
  EXPECT_EQ(p.differences(), "") << "against its mariadb-dump";
  p.desire(retort::schema_dump(p.config()));
  EXPECT_EQ(p.differences(), "") << "against its schema dump";

  ASSERT_NO_THROW(p.downgrade("r1"));
  p.desire("");
  EXPECT_EQ(p.differences(), "");
}

}  // namespace
}  // namespace retort
