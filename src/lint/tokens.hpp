#pragma once
// A small SQL tokenizer for the lint rules that read SQLite statements (no parser library knows
// SQLite's grammar): words, quoted identifiers, literals and punctuation, comments dropped.

#include <string>
#include <string_view>
#include <vector>

namespace retort::linter {

struct Token {
  enum class Kind { Word, Quoted, String, Number, Blob, Punct };
  Kind kind = Kind::Punct;
  std::string text;  ///< a word lower-cased, a quoted identifier or string without its quotes
  int line = 0;
  std::size_t offset = 0;  ///< where it starts in the statement
  [[nodiscard]] bool is(std::string_view word) const { return kind == Kind::Word && text == word; }
  [[nodiscard]] bool punct(char c) const { return kind == Kind::Punct && text.size() == 1 && text[0] == c; }
  /// A word or a quoted identifier: something that can name a table or column.
  [[nodiscard]] bool name() const { return kind == Kind::Word || kind == Kind::Quoted; }
};

/// The tokens of `sql`, whose first line is `first_line` of its file.
[[nodiscard]] std::vector<Token> tokenize(std::string_view sql, int first_line);

/// A name compared as SQLite and unquoted PostgreSQL names compare: ASCII case-insensitively.
[[nodiscard]] bool same_name(std::string_view a, std::string_view b);

/// True when a name token in `tokens` is `name`.
[[nodiscard]] bool mentions(const std::vector<Token>& tokens, std::string_view name);

}  // namespace retort::linter
