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

// Issue 11: a password holding '/', '?', '#' or '@' runs to the last '@' (as SQLAlchemy reads
// such URLs), so it is parsed whole and masked whole.
TEST(Url, PasswordsWithDelimitersAreParsedAndMaskedWhole) {
  for (const std::string password : {"top/secret", "a?b", "x#y", "p@ss", "s/e?c#r@t"}) {
    const auto text = "postgresql://ada:" + password + "@db.example.org:6432/app?sslmode=require";
    auto url = Url::parse(text);
    EXPECT_EQ(url.user, "ada") << password;
    EXPECT_EQ(url.password, password);
    EXPECT_EQ(url.host, "db.example.org") << password;
    EXPECT_EQ(url.port, 6432) << password;
    EXPECT_EQ(url.database, "app") << password;
    EXPECT_EQ(url.query.at("sslmode"), "require") << password;
    EXPECT_EQ(url.masked(), "postgresql://ada:***@db.example.org:6432/app?sslmode=require");
    EXPECT_EQ(mask_password(text).find(password), std::string::npos);
  }
  EXPECT_EQ(mask_password("postgresql://ada:top/secret@h"), "postgresql://ada:***@h");
  EXPECT_EQ(Url::parse("postgresql://postgres@/db?host=/tmp/x").user, "postgres");
  EXPECT_EQ(Url::parse("postgresql://h:5432/db").port, 5432);
  EXPECT_EQ(Url::parse("sqlite:///dir@x/app.db").database, "dir@x/app.db");
}

TEST(Url, ErrorsNeverShowThePassword) {
  for (const char* bad :
       {"postgresql://u:s3cret@h:notaport/db", "nonsense", "postgresql://u:s3cret@h/%zz", "sqlite://host/x.db",
        "postgresql://u:s3cret/x@h:notaport/db", "postgresql://u:s3c@ret@h/%zz", "postgresql://u:s3cret@h/db%-1",
        "postgresql://u:s3cret@h/db%00", "postgresql://u:s3cret@h/db?x=%+f"}) {
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
