#pragma once
/// The checks `retort test` runs, for a program's own test suite (GoogleTest or any other): on a
/// scratch database (SQLite in memory; PostgreSQL `dev_url`, else a throw-away schema on the
/// target), never the configured database.
///
///   TEST(Migrations, Stairway) { EXPECT_NO_THROW(retort::testing::stairway(config)); }
///   TEST(Migrations, All) { auto r = retort::testing::run(config); EXPECT_TRUE(r.passed()) << r.text(); }

#include <string>
#include <vector>

#include "retort/config.hpp"
#include "retort/events.hpp"

namespace retort::testing {

/// One failed check.
struct Finding {
  std::string check;     ///< "single head", "stairway" or "desired schema"
  std::string revision;  ///< the revision at fault, when there is one
  std::string file;
  std::string message;
  std::vector<std::string> differences;  ///< schema differences, one line each
};

struct Report {
  std::size_t revisions = 0;            ///< revisions the stairway walked
  bool desired_schema_configured = false;  ///< the config (or the compiled-in set) has one
  bool desired_schema_checked = false;     ///< compared: configured, and the stairway reached head
  std::vector<Finding> findings;
  [[nodiscard]] bool passed() const { return findings.empty(); }
  /// What the command line prints: one line per check, then each finding.
  [[nodiscard]] std::string text() const;
};

/// Every check: a single head; the stairway; the desired schema when one is configured.
Report run(const Config& config, EventSink& sink);
Report run(const Config& config);

/// The graph has exactly one head; throws Error naming the heads otherwise.
void single_head(const Config& config);
/// For every revision in apply order: upgrade one step, downgrade it and compare the schema with
/// the one before (exactly), upgrade again. Throws Error naming the first revision whose
/// downgrade is not the inverse of its upgrade, with the differences.
void stairway(const Config& config);
/// The migrations, all applied, produce the desired schema; throws Error with the differences.
void produces_desired_schema(const Config& config);

}  // namespace retort::testing
