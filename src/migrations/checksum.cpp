#include "migrations/checksum.hpp"

#include <fmt/format.h>

#include "support/text.hpp"

namespace retort::migrations {

std::string normalised_v1(std::string_view sql) {
  std::string out;
  for (auto line : text::lines(sql)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    const auto content = text::trim(line);
    if (content.empty() || content.starts_with("--")) continue;
    out += line;
    out += '\n';
  }
  return out;
}

std::string checksum(const Script& script, const std::string& dialect) {
  text::Fnv1a hash;
  for (const auto direction : {Direction::Upgrade, Direction::Downgrade}) {
    hash.add(direction == Direction::Upgrade ? "\xff" "upgrade" : "\xff" "downgrade");
    for (const auto* block : script.blocks(direction, dialect)) {
      hash.add(block->transactional ? "\xff" "block" : "\xff" "block transaction:false");
      hash.add("\xff").add(normalised_v1(block->body));
    }
  }
  return fmt::format("v1:{:016x}", hash.value());
}

bool checksum_matches(const std::string& stored, const Script& script, const std::string& dialect) {
  if (stored.starts_with("v1:")) return stored == checksum(script, dialect);
  return false;
}

}  // namespace retort::migrations
