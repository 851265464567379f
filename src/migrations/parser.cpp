// Parser for migration files: a header of `--` comment lines, then directive-separated sections.

#include <fmt/format.h>
#include <algorithm>

#include "migrations/script.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::migrations {

namespace {

const std::vector<std::string> kKeys = {"Revision ID", "Revises", "Create Date", "Branch Labels", "Depends On"};
const std::vector<std::string> kDialects = {"sqlite", "postgresql", "mysql"};

Error parse_error(const std::string& path, int line, std::string message) {
  return std::move(Error(ErrorCode::Parse, std::move(message)).at_file(path, line));
}

bool is_comment(std::string_view line) { return text::trim(line).starts_with("--"); }

std::string_view comment_text(std::string_view line) {
  auto t = text::trim(line);
  t.remove_prefix(2);
  if (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  return text::trim(t);
}

bool is_directive(std::string_view line) {
  auto t = text::trim(line);
  if (!t.starts_with("--")) return false;
  t.remove_prefix(2);
  return text::trim(t).starts_with("migrate:");
}

/// "Key: value" split when Key is a known header key.
std::optional<std::pair<std::string, std::string>> known_key(std::string_view content) {
  auto colon = content.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string key(text::trim(content.substr(0, colon)));
  if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) return std::nullopt;
  return std::make_pair(key, std::string(text::trim(content.substr(colon + 1))));
}

/// A line that looks like a header key (words then a colon) but is not a known one.
std::optional<std::string> near_key(std::string_view content) {
  auto colon = content.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string key(text::trim(content.substr(0, colon)));
  for (const auto& k : kKeys) {
    if (text::lower(key) == text::lower(k) || text::edit_distance(key, k) <= 2) return k;
  }
  return std::nullopt;
}

std::vector<std::string> list_value(const std::string& v) { return text::split(v, ','); }

void parse_directive(const std::string& path, int line_no, std::string_view line, Section& section) {
  auto t = comment_text(line);
  auto words = text::split(t, ' ');
  const auto& head = words.front();
  if (head == "migrate:upgrade")
    section.direction = Direction::Upgrade;
  else if (head == "migrate:downgrade")
    section.direction = Direction::Downgrade;
  else {
    throw parse_error(
        path, line_no,
        fmt::format("Unknown directive '{}'; expected '-- migrate:upgrade' or '-- migrate:downgrade'", text::shown(head)));
  }
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto& opt = words[i];
    if (opt == "transaction:false")
      section.transactional = false;
    else if (opt == "transaction:true")
      section.transactional = true;
    else if (opt.starts_with("dialect:")) {
      section.dialect = opt.substr(8);
      if (section.dialect == "postgres") section.dialect = "postgresql";
      if (section.dialect == "mariadb") section.dialect = "mysql";
      if (std::find(kDialects.begin(), kDialects.end(), section.dialect) == kDialects.end()) {
        throw parse_error(path, line_no,
                          fmt::format("Unknown dialect '{}' in '{}'; known dialects: {}", text::shown(section.dialect), text::shown(opt),
                                      text::join(kDialects, ", ")));
      }
    } else {
      throw parse_error(path, line_no,
                        fmt::format("Unknown section option '{}'; known options: transaction:false, "
                                    "transaction:true, dialect:<{}>",
                                    text::shown(opt), text::join(kDialects, "|")));
    }
  }
}

/// The lines of a text one at a time (a data migration has a million), as text::lines() splits
/// them, with the UTF-8 byte order mark taken off the first.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) at_ = 3;
    read();
  }
  [[nodiscard]] bool done() const { return done_; }
  [[nodiscard]] std::string_view line() const { return line_; }
  [[nodiscard]] int number() const { return number_; }
  /// Where the current line starts.
  [[nodiscard]] std::size_t offset() const { return start_; }
  void next() {
    ++number_;
    read();
  }

 private:
  void read() {
    start_ = at_;
    if (at_ >= text_.size()) {
      done_ = true;
      line_ = {};
      return;
    }
    auto nl = text_.find('\n', at_);
    auto end = nl == std::string_view::npos ? text_.size() : nl;
    line_ = text_.substr(at_, end - at_);
    if (!line_.empty() && line_.back() == '\r') line_.remove_suffix(1);
    at_ = nl == std::string_view::npos ? text_.size() : nl + 1;
  }
  std::string_view text_;
  std::string_view line_;
  std::size_t at_ = 0, start_ = 0;
  int number_ = 1;
  bool done_ = false;
};

}  // namespace

std::vector<const Section*> Script::blocks(Direction direction, const std::string& dialect) const {
  std::vector<const Section*> own, generic;
  for (const auto& s : sections) {
    if (s.direction != direction) continue;
    if (s.dialect == dialect) own.push_back(&s);
    if (s.dialect.empty()) generic.push_back(&s);
  }
  return own.empty() ? generic : own;
}

const Section* Script::section(Direction direction, const std::string& dialect) const {
  auto all = blocks(direction, dialect);
  return all.empty() ? nullptr : all.front();
}

bool Script::irreversible(const std::string& dialect) const {
  return section(Direction::Downgrade, dialect) == nullptr;
}

Script parse_script(const std::string& path, std::string owned_text) {
  Script script;
  script.node.source = path;
  if (owned_text.find('\n') == std::string::npos && owned_text.find('\r') != std::string::npos) {
    throw parse_error(path, 1, "The file's lines end with CR alone (classic Mac OS); save it with LF line endings");
  }
  if (owned_text.find('\r') != std::string::npos) {
    // "\r\n" -> "\n", as text::lines() reads them, so the bodies can view the text as it is.
    std::string normalised;
    normalised.reserve(owned_text.size());
    for (auto l : text::lines(owned_text)) (normalised += l) += '\n';
    if (!owned_text.empty() && owned_text.back() != '\n' && !normalised.empty()) normalised.pop_back();
    owned_text = std::move(normalised);
  }
  script.text = std::make_shared<const std::string>(std::move(owned_text));
  const std::string& text = *script.text;
  if (auto nul = text.find('\0'); nul != std::string::npos) {
    // The databases read SQL up to a NUL and drop the rest; a UTF-16 file has one in every ASCII
    // character.
    throw parse_error(path, 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(nul), '\n')),
                      "NUL byte in the file (is it UTF-16? migrations are UTF-8 text)");
  }
  LineCursor lines(text);

  // Header: the comment lines at the top, up to the first line that is not a comment.
  bool in_message = true;
  bool have_id = false;
  std::vector<std::string> message_lines;
  std::vector<std::string> seen_keys;
  for (; !lines.done(); lines.next()) {
    auto line = lines.line();
    int line_no = lines.number();
    if (!is_comment(line) || is_directive(line)) break;
    auto content = comment_text(line);
    script.header += std::string(content) + "\n";
    if (in_message) {
      if (content.empty()) {
        if (!message_lines.empty()) in_message = false;
        continue;
      }
      if (!known_key(content)) {
        message_lines.emplace_back(content);
        continue;
      }
      in_message = false;
    }
    if (content.empty()) continue;
    auto kv = known_key(content);
    if (!kv) {
      auto hint = near_key(content);
      throw parse_error(path, line_no,
                        fmt::format("Unknown header key in '{}'{}; known keys: {}", text::shown(content),
                                    hint ? fmt::format(" (did you mean '{}'?)", *hint) : "", text::join(kKeys, ", ")));
    }
    auto& [key, value] = *kv;
    if (std::find(seen_keys.begin(), seen_keys.end(), key) != seen_keys.end()) {
      throw parse_error(path, line_no, fmt::format("Header key '{}' appears twice", key));
    }
    seen_keys.push_back(key);
    if (key == "Revision ID") {
      if (value.empty()) throw parse_error(path, line_no, "Empty 'Revision ID'");
      script.node.id = value;
      have_id = true;
    } else if (key == "Revises") {
      script.node.down_revisions = list_value(value);
    } else if (key == "Create Date") {
      script.create_date = value;
    } else if (key == "Branch Labels") {
      script.node.branch_labels = list_value(value);
    } else if (key == "Depends On") {
      script.node.depends_on = list_value(value);
    }
  }
  if (!have_id) {
    // A message line that looks like a misspelt key is the likely cause.
    const auto header_lines = text::lines(std::string_view(text).substr(0, lines.offset()));
    for (std::size_t j = 0; j < header_lines.size() && static_cast<int>(j) + 1 < lines.number(); ++j) {
      auto content = comment_text(header_lines[j]);
      if (!known_key(content)) {
        if (auto hint = near_key(content)) {
          throw parse_error(path, static_cast<int>(j) + 1,
                            fmt::format("Unknown header key in '{}' (did you mean '{}'?); known keys: {}", text::shown(content),
                                        *hint, text::join(kKeys, ", ")));
        }
      }
    }
    throw parse_error(path, 1,
                      "Missing 'Revision ID' in the header comment; a migration file starts with "
                      "'-- <message>', '--', '-- Revision ID: <id>', '-- Revises: <parents>'");
  }
  script.message = text::join(message_lines, " ");

  // Sections.
  // A body views the file's text (a data migration may be 100 MB): from its first line to the end
  // of its last.
  Section* current = nullptr;
  std::size_t body_start = std::string::npos, body_end = 0;
  auto close_section = [&]() {
    if (current && body_start != std::string::npos)
      current->body = std::string_view(text.data() + body_start, body_end - body_start);
    body_start = std::string::npos;
  };
  for (; !lines.done(); lines.next()) {
    auto line = lines.line();
    int line_no = lines.number();
    if (is_directive(line)) {
      close_section();
      Section s;
      s.directive_line = line_no;
      s.first_line = line_no + 1;
      parse_directive(path, line_no, line, s);
      script.sections.push_back(std::move(s));
      current = &script.sections.back();
      continue;
    }
    if (!current) {
      auto t = text::trim(line);
      if (t.empty() || t.starts_with("--")) continue;
      throw parse_error(path, line_no, "SQL before the first '-- migrate:upgrade' section");
    }
    const auto offset = static_cast<std::size_t>(line.data() - text.data());
    if (body_start == std::string::npos) body_start = offset;
    body_end = std::min(text.size(), offset + line.size() + 1);  // with its line break
  }
  close_section();
  bool has_upgrade = std::any_of(script.sections.begin(), script.sections.end(),
                                 [](const Section& s) { return s.direction == Direction::Upgrade; });
  if (!has_upgrade) {
    throw parse_error(path, lines.number() - 1, "No '-- migrate:upgrade' section");
  }
  return script;
}

}  // namespace retort::migrations
