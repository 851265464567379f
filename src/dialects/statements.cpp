#include "dialects/statements.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <random>
#include <thread>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects {

namespace {

std::pair<std::string, std::size_t> word_at(std::string_view sql, std::size_t from) {
  while (from < sql.size() && std::isspace(static_cast<unsigned char>(sql[from]))) ++from;
  std::size_t to = from;
  while (to < sql.size() && std::isalpha(static_cast<unsigned char>(sql[to]))) ++to;
  return {text::lower(sql.substr(from, to - from)), to};
}

}  // namespace

void refuse_ending_transaction(std::string_view sql, int line, const char* dialect) {
  if (!ends_transaction(sql)) return;
  throw Error(ErrorCode::Migration,
              "Statement would end retort's transaction; remove BEGIN/COMMIT from the migration, or put it in a "
              "'transaction:false' section")
      .with_statement(std::string(sql))
      .with_dialect(dialect)
      .at_line(line);
}

bool ends_transaction(std::string_view sql) {
  auto [first, end] = word_at(sql, 0);
  if (first == "begin" || first == "commit" || first == "end" || first == "abort") return true;
  if (first == "start") return word_at(sql, end).first == "transaction";
  if (first == "rollback") {
    auto [second, end2] = word_at(sql, end);
    if (second == "transaction" || second == "work") second = word_at(sql, end2).first;
    return second != "to" && second != "prepared";
  }
  return false;
}

void reject_nul(std::string_view script, int first_line, const char* dialect) {
  const auto at = script.find('\0');
  if (at == std::string_view::npos) return;
  const auto line = first_line + static_cast<int>(std::count(script.begin(), script.begin() + at, '\n'));
  throw Error(ErrorCode::Parse,
              "NUL byte in the SQL: the database would stop reading there and drop the statements after it; "
              "nothing was run")
      .with_dialect(dialect)
      .at_line(line);
}

std::string wait_text(std::chrono::milliseconds d) {
  auto ms = d.count();
  if (ms % 60'000 == 0 && ms > 0) return fmt::format("{} min", ms / 60'000);
  if (ms % 1000 == 0) return fmt::format("{} s", ms / 1000);
  return fmt::format("{} ms", ms);
}

void back_off(int attempt) {
  // Jitter keeps replicas that started together from polling in lock-step.
  static thread_local std::mt19937 rng{std::random_device{}()};
  double base = std::min(1000.0, 20.0 * std::pow(1.5, std::min(attempt, 20)));
  std::uniform_real_distribution<double> jitter(0.75, 1.25);
  std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long long>(base * jitter(rng) * 1000)));
}

}  // namespace retort::dialects
