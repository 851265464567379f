#pragma once
// Small statement-level helpers shared by the dialects.

#include <chrono>
#include <string>
#include <string_view>

#include "support/text.hpp"

namespace retort::dialects {

/// True for BEGIN / START TRANSACTION / COMMIT / END / ROLLBACK / ABORT (not ROLLBACK TO):
/// statements that would end the transaction retort runs a migration in.
[[nodiscard]] bool ends_transaction(std::string_view sql);
/// Throws Error(Migration) naming the statement and its line when ends_transaction(sql): retort
/// runs the migration in a transaction it must end itself.
void refuse_ending_transaction(std::string_view sql, int line, const char* dialect);

using text::skip_space_and_comments;

/// Throws Error(Parse) naming the line of the first NUL byte in `script`: both dialects' parsers
/// stop there (SQLite's prepare, libpq's C strings), so the statements after it would be lost.
void reject_nul(std::string_view script, int first_line, const char* dialect);

/// "5 s", "200 ms", "5 min" for messages.
[[nodiscard]] std::string wait_text(std::chrono::milliseconds d);

/// Sleeps for a jittered, growing back-off step (attempt 0, 1, 2, ...), capped at one second.
void back_off(int attempt);

}  // namespace retort::dialects
