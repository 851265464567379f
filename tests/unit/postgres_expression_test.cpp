// PostgreSQL expressions in their reloaded form, and which type changes convert in place: pure
// text functions, checked against what the server prints (texts taken from PostgreSQL 15).

#include <gtest/gtest.h>

#include "dialects/postgres/casts.hpp"
#include "dialects/postgres/expressions.hpp"

namespace retort::dialects::postgres {
namespace {

TEST(PostgresStableExpression, InListOnVarcharTakesItsReloadedForm) {
  // pg_get_expr of `s IN ('a', 'b')` on a varchar column, and of that text loaded again.
  EXPECT_EQ(stable_expression("((s)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"),
            "((s)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text]))");
  // The same, pretty-printed (pg_get_constraintdef(oid, true), pg_get_viewdef).
  EXPECT_EQ(stable_expression("s::text <> ALL (ARRAY['a'::character varying, 'b'::character varying]::text[])"),
            "s::text <> ALL (ARRAY['a'::character varying::text, 'b'::character varying::text])");
}

TEST(PostgresStableExpression, ReloadedFormsAndOtherArraysStayAsTheyAre) {
  for (const std::string text : {
           "((s)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text]))",
           "(i = ANY (ARRAY[1, 2, 3]))",
           "(c = ANY (ARRAY['ab'::bpchar, 'cd'::bpchar]))",
           "(arr && ARRAY[1, 2])",
           "(s = 'ARRAY[''a''::text]::text[]'::text)",
           "((ARRAY[x, y])::text[] IS NOT NULL)",
           "ARRAY['a'::text, 'b'::text]",
           "(ARRAY['a'::character varying",
       }) {
    EXPECT_EQ(stable_expression(text), text);
  }
}

TEST(PostgresCasts, TypeChangesWithoutACastAreNamed) {
  EXPECT_FALSE(converts("integer", "uuid"));
  EXPECT_FALSE(converts("date", "integer"));
  EXPECT_FALSE(converts("boolean", "timestamp with time zone"));
  EXPECT_FALSE(converts("integer[]", "uuid[]"));
  EXPECT_FALSE(converts("integer", "integer[]"));
  EXPECT_TRUE(converts("integer", "bigint"));
  EXPECT_TRUE(converts("character varying(10)", "integer"));
  EXPECT_TRUE(converts("integer", "text"));
  EXPECT_TRUE(converts("date", "timestamp(3) with time zone"));
  EXPECT_TRUE(converts("integer", "boolean"));
  EXPECT_TRUE(converts("json", "jsonb"));
  EXPECT_TRUE(converts("mood", "feeling"));  // not built in: through text
}

TEST(PostgresCasts, EnumsAndOtherTypesGoThroughText) {
  EXPECT_FALSE(direct_cast("mood", "feeling"));
  EXPECT_FALSE(direct_cast("mood[]", "feeling[]"));
  EXPECT_TRUE(direct_cast("mood", "text"));
  EXPECT_TRUE(direct_cast("character varying(20)", "mood"));
  EXPECT_TRUE(direct_cast("numeric(10,2)", "numeric(12,2)"));
  EXPECT_TRUE(direct_cast("smallint", "bigint"));
}

}  // namespace
}  // namespace retort::dialects::postgres
