// Pictures of the revision graph and of a schema (issue 16): the DOT and Mermaid text itself.
// That Graphviz renders it is scenario 24's job (`dot -Tsvg`).
#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "revision/picture.hpp"
#include "schema/diagram.hpp"
#include "support/graphs.hpp"

namespace retort::test {
namespace {

using revisions::PictureFormat;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Pictures, GraphAsDot) {
  auto g = merged();
  std::vector<std::string> messages(g.size(), "");
  messages[*g.find("aaa111")] = "create \"users\"";
  auto dot = revisions::draw_graph(g, messages, {*g.find("eee555")}, PictureFormat::Dot);
  EXPECT_TRUE(has(dot, "digraph revisions {\n  rankdir=BT;")) << dot;
  EXPECT_TRUE(has(dot, "\"aaa111\" [label=\"aaa111\\ncreate \\\"users\\\"\\n(base) (branchpoint)\\n\"];")) << dot;
  EXPECT_TRUE(has(dot, "\"ddd444\" [label=\"ddd444\\n(mergepoint)\\n\"];")) << dot;
  EXPECT_TRUE(has(dot, "\"eee555\" [label=\"eee555\\n(head) (current)\\n\", peripheries=2, style=\"rounded,filled\"")) << dot;
  EXPECT_TRUE(has(dot, "  \"aaa111\" -> \"bbb222\";\n")) << dot;
  EXPECT_TRUE(has(dot, "  \"bbb222\" -> \"ddd444\";\n  \"ccc333\" -> \"ddd444\";\n") ||
              has(dot, "  \"ccc333\" -> \"ddd444\";\n  \"bbb222\" -> \"ddd444\";\n"))
      << dot;
  EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
}

TEST(Pictures, GraphAsMermaidWithLabelsAndDependencies) {
  auto g = multibase();
  std::vector<std::string> messages(g.size(), "m <b>");
  auto text = revisions::draw_graph(g, messages, {}, PictureFormat::Mermaid);
  EXPECT_TRUE(text.starts_with("flowchart BT\n")) << text;
  EXPECT_TRUE(has(text, "  r_3cac04ae8714[\"3cac04ae8714<br/>m #lt;b#gt;<br/>[networking]<br/>(base)\"]\n")) << text;
  EXPECT_TRUE(has(text, "  r_3cac04ae8714 --> r_109ec7d132bf\n")) << text;
  EXPECT_TRUE(has(text, "  r_ae1027a6acf -.->|depends on| r_2a95102259be\n")) << text;
  EXPECT_TRUE(has(text, "(effective head)")) << text;
  EXPECT_TRUE(has(text, "  class r_ae1027a6acf,r_2a95102259be,r_27c6a30d7c24 head\n")) << text;  // apply order
  EXPECT_FALSE(has(text, " current\n  class")) << text;  // nothing read from a database
  // An id that is a Mermaid keyword still makes a node.
  auto k = graph({"end: ", "graph: end"});
  EXPECT_TRUE(has(revisions::draw_graph(k, {}, {}, PictureFormat::Mermaid), "  r_end --> r_graph\n"));
}

TEST(Pictures, UnknownFormatIsAUsageError) {
  try {
    (void)revisions::picture_format("png");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Usage);
    EXPECT_EQ(e.message(), "Unknown picture format 'png'; known: dot, mermaid");
  }
  EXPECT_THROW((void)schema::diagram_format("svg"), Error);
}

schema::Column column(const char* name, const char* type, bool nullable = true) {
  schema::Column c;
  c.name = name;
  c.type = type;
  c.nullable = nullable;
  return c;
}

schema::ForeignKey foreign_key(const char* column_name, const char* table) {
  schema::ForeignKey fk;
  fk.columns = {column_name};
  fk.ref_table = table;
  fk.ref_columns = {"id"};
  return fk;
}

schema::Schema shop() {
  schema::Schema s;
  schema::Table users;
  users.name = "users";
  users.columns = {column("id", "INTEGER"), column("email", "VARCHAR(255)", false)};
  users.primary_key = schema::PrimaryKey{"", {"id"}};
  users.uniques = {schema::UniqueConstraint{"", {"email"}}};
  schema::Table orders;
  orders.name = "orders";
  orders.columns = {column("id", "INTEGER"), column("user_id", "INTEGER", false), column("coupon_id", "INTEGER"),
                    column("total", "NUMERIC(10,2)")};
  orders.primary_key = schema::PrimaryKey{"", {"id"}};
  orders.foreign_keys = {foreign_key("user_id", "users"), foreign_key("coupon_id", "coupons")};
  s.tables = {users, orders};
  return s;
}

TEST(Diagrams, SchemaAsMermaid) {
  auto text = schema::draw_schema(shop(), schema::DiagramFormat::Mermaid);
  EXPECT_TRUE(text.starts_with("erDiagram\n  users {\n    INTEGER id PK\n    VARCHAR_255_ email UK \"NOT NULL\"\n  }\n"))
      << text;
  EXPECT_TRUE(has(text, "    NUMERIC_10_2_ total\n")) << text;
  EXPECT_TRUE(has(text, "    INTEGER user_id FK \"NOT NULL\"\n")) << text;
  EXPECT_TRUE(has(text, "  orders }o--|| users : \"user_id\"\n")) << text;    // a required parent
  EXPECT_TRUE(has(text, "  orders }o--o| coupons : \"coupon_id\"\n")) << text;  // a nullable one
}

TEST(Diagrams, SchemaAsDot) {
  auto text = schema::draw_schema(shop(), schema::DiagramFormat::Dot);
  EXPECT_TRUE(has(text, "<TR><TD><B>users</B></TD></TR><TR><TD ALIGN=\"LEFT\" PORT=\"id\">id INTEGER PK</TD></TR>"))
      << text;
  EXPECT_TRUE(has(text, "  \"orders\" -> \"users\" [label=\"user_id\"];\n")) << text;
  EXPECT_TRUE(has(text, "  \"orders\" -> \"coupons\" [label=\"coupon_id\", style=dashed];\n")) << text;
}

}  // namespace
}  // namespace retort::test
