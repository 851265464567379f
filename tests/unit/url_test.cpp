#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "retort/url.hpp"

namespace retort {
namespace {

struct UrlCase {
  const char* text;
  const char* scheme;
  const char* driver;
  const char* user;
  const char* password;
  const char* host;
  int port;
  const char* database;
  bool memory;
};

TEST(Url, ParsesSqlAlchemyForms) {
  for (const auto& c : std::vector<UrlCase>{
           {"sqlite:///relative.db", "sqlite", "", "", "", "", 0, "relative.db", false},
           {"sqlite:////abs/path.db", "sqlite", "", "", "", "", 0, "/abs/path.db", false},
           {"sqlite://", "sqlite", "", "", "", "", 0, "", true},
           {"sqlite:///:memory:", "sqlite", "", "", "", "", 0, ":memory:", true},
           {"sqlite+aiosqlite:///app.db", "sqlite", "aiosqlite", "", "", "", 0, "app.db", false},
           {"postgresql://user:pass@host:5432/db", "postgresql", "", "user", "pass", "host", 5432, "db", false},
           {"postgresql+psycopg2://u@h/d", "postgresql", "psycopg2", "u", "", "h", 0, "d", false},
           {"postgres://u:p%40ss@h/d", "postgresql", "", "u", "p@ss", "h", 0, "d", false},
           {"postgresql://u@[::1]:6432/d", "postgresql", "", "u", "", "::1", 6432, "d", false},
           {"postgresql:///scratch", "postgresql", "", "", "", "", 0, "scratch", false},
       }) {
    auto u = Url::parse(c.text);
    EXPECT_EQ(u.scheme, c.scheme) << c.text;
    EXPECT_EQ(u.driver, c.driver) << c.text;
    EXPECT_EQ(u.user, c.user) << c.text;
    EXPECT_EQ(u.password, c.password) << c.text;
    EXPECT_EQ(u.host, c.host) << c.text;
    EXPECT_EQ(u.port, c.port) << c.text;
    EXPECT_EQ(u.database, c.database) << c.text;
    EXPECT_EQ(u.is_memory(), c.memory) << c.text;
  }
}

TEST(Url, QueryParameters) {
  auto u = Url::parse("postgresql://u:secret@h/db?sslmode=require&application_name=my%20app");
  EXPECT_EQ(u.query.at("sslmode"), "require");
  EXPECT_EQ(u.query.at("application_name"), "my app");
}

TEST(Url, PasswordsAreMasked) {
  EXPECT_EQ(Url::parse("postgresql://user:s3cret@host/db").masked(), "postgresql://user:***@host/db");
  EXPECT_EQ(mask_password("postgresql://user:s3cret@host:5432/db?x=1"), "postgresql://user:***@host:5432/db?x=1");
  EXPECT_EQ(mask_password("postgresql://user@host/db"), "postgresql://user@host/db");
  EXPECT_EQ(mask_password("sqlite:///a.db"), "sqlite:///a.db");
}

TEST(Url, ErrorsNeverShowThePassword) {
  for (const char* bad :
       {"postgresql://u:s3cret@h:notaport/db", "nonsense", "postgresql://u:s3cret@h/%zz", "sqlite://host/x.db"}) {
    try {
      (void)Url::parse(bad);
      FAIL() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::Url);
      EXPECT_EQ(e.message().find("s3cret"), std::string::npos) << e.message();
    }
  }
}

}  // namespace
}  // namespace retort
