#include "lint/tokens.hpp"

#include "support/text.hpp"

#include <cctype>

namespace retort::linter {

namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

std::vector<Token> tokenize(std::string_view s, int first_line) {
  std::vector<Token> out;
  int line = first_line;
  std::size_t i = 0;
  auto count_lines = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to && k < s.size(); ++k) line += s[k] == '\n';
  };
  // A quoted run closed by `close`, a doubled `close` standing for one.
  auto quoted = [&](char close, Token::Kind kind, std::size_t start) {
    Token t{kind, {}, line, i};
    std::size_t k = start;
    while (k < s.size()) {
      if (s[k] == close) {
        if (close != ']' && k + 1 < s.size() && s[k + 1] == close) {
          t.text += close;
          k += 2;
          continue;
        }
        ++k;
        break;
      }
      t.text += s[k++];
    }
    count_lines(i, k);
    i = k;
    out.push_back(std::move(t));
  };
  while (i < s.size()) {
    int newlines = 0;
    if (auto skipped = text::skip_space_and_comments(s.substr(i), newlines)) {
      line += newlines;
      i += skipped;
      continue;
    }
    const char c = s[i];
    if (c == '\'') {
      quoted('\'', Token::Kind::String, i + 1);
    } else if ((c == 'x' || c == 'X') && i + 1 < s.size() && s[i + 1] == '\'') {
      quoted('\'', Token::Kind::Blob, i + 2);
    } else if (c == '"') {
      quoted('"', Token::Kind::Quoted, i + 1);
    } else if (c == '`') {
      quoted('`', Token::Kind::Quoted, i + 1);
    } else if (c == '[') {
      quoted(']', Token::Kind::Quoted, i + 1);
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      std::size_t k = i;
      while (k < s.size() && (word_char(s[k]) || s[k] == '.' ||
                              ((s[k] == '+' || s[k] == '-') && (s[k - 1] == 'e' || s[k - 1] == 'E'))))
        ++k;
      out.push_back({Token::Kind::Number, std::string(s.substr(i, k - i)), line, i});
      i = k;
    } else if (word_char(c)) {
      std::size_t k = i;
      while (k < s.size() && word_char(s[k])) ++k;
      Token t{Token::Kind::Word, {}, line, i};
      for (std::size_t j = i; j < k; ++j) t.text += lower(s[j]);
      out.push_back(std::move(t));
      i = k;
    } else {
      out.push_back({Token::Kind::Punct, std::string(1, c), line, i});
      ++i;
    }
  }
  return out;
}

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool mentions(const std::vector<Token>& tokens, std::string_view name) {
  for (const auto& t : tokens)
    if (t.name() && same_name(t.text, name)) return true;
  return false;
}

}  // namespace retort::linter
