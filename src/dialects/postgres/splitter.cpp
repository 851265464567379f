#include <fmt/format.h>
#include <pg_query.h>

#include <algorithm>
#include <cctype>

#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/statements.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::postgres {

std::vector<Statement> split(std::string_view script, int first_line) {
  std::string text(script);  // libpg_query needs a terminated string
  // The parser splits BEGIN ATOMIC bodies right, which the scanner alone does not; a script the
  // parser rejects is split by the scanner, so the server reports the real error with its position.
  // Without ATOMIC the scanner alone is right, and far lighter: the parser builds every
  // statement's tree at once (a 100 MB data migration took 1.3 GB).
  const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  const std::string_view word = "atomic";
  const bool atomic = std::search(text.begin(), text.end(), word.begin(), word.end(),
                                  [&](char a, char b) { return lower(a) == b; }) != text.end();
  PgQuerySplitResult result =
      atomic ? pg_query_split_with_parser(text.c_str()) : pg_query_split_with_scanner(text.c_str());
  if (atomic && result.error) {
    pg_query_free_split_result(result);
    result = pg_query_split_with_scanner(text.c_str());
  }
  struct Free {
    PgQuerySplitResult& r;
    ~Free() { pg_query_free_split_result(r); }
  } free_result{result};
  if (result.error) {
    int line = first_line;
    for (int i = 0; i < result.error->cursorpos - 1 && i < static_cast<int>(text.size()); ++i) {
      if (text[static_cast<std::size_t>(i)] == '\n') ++line;
    }
    throw Error(ErrorCode::Parse, fmt::format("Cannot split the SQL: {}", result.error->message))
        .at_line(line)
        .with_dialect("postgresql");
  }
  std::vector<Statement> out;
  int line = first_line;
  std::size_t counted = 0;  // newlines are counted up to here
  auto add = [&](std::size_t from, std::size_t to) {
    std::string_view piece(text.data() + from, to - from);
    // What lies between statements is blanks, comments and semicolons, unless the scanner skipped a
    // statement it could not classify ("SELEC 1;", "foo bar;"): that must reach the server, which
    // rejects it, rather than vanish from the migration.
    int nl = 0;
    std::size_t skip = 0;
    while (true) {
      skip += skip_space_and_comments(piece.substr(skip), nl);
      if (skip < piece.size() && piece[skip] == ';') {
        ++skip;
        continue;
      }
      break;
    }
    for (; counted < from; ++counted) {
      if (text[counted] == '\n') ++line;
    }
    auto sql = std::string(text::trim(piece.substr(skip)));
    while (!sql.empty() && sql.back() == ';') sql = std::string(text::trim(sql.substr(0, sql.size() - 1)));
    if (!sql.empty()) out.push_back({sql, line + nl});
  };
  std::size_t covered = 0;
  for (int i = 0; i < result.n_stmts; ++i) {
    auto loc = static_cast<std::size_t>(result.stmts[i]->stmt_location);
    auto len = static_cast<std::size_t>(result.stmts[i]->stmt_len);
    if (len == 0) len = text.size() - loc;  // the last statement without a ';'
    if (loc > covered) add(covered, loc);
    add(loc, loc + len);
    covered = std::max(covered, loc + len);
  }
  if (covered < text.size()) add(covered, text.size());
  return out;
}

}  // namespace retort::dialects::postgres
