// The rule catalogue and the FileLinter driver: ignore comments, the statement's first line, and
// dispatch to the dialect's rules.

#include <fmt/format.h>

#include <algorithm>

#include "lint/state.hpp"
#include "support/text.hpp"

namespace retort::linter {

namespace {

constexpr std::string_view both = "postgresql, sqlite";

const std::vector<Rule> catalogue = {
    {"index-not-concurrent", Severity::Error, "postgresql",
     "CREATE INDEX without CONCURRENTLY holds a SHARE lock on the table until the index is built: inserts, updates "
     "and deletes wait, for minutes on a big table. DROP INDEX without it takes an ACCESS EXCLUSIVE lock, which "
     "blocks reads too while it waits for running queries.",
     "CREATE (or DROP) INDEX CONCURRENTLY, in a block of its own: -- migrate:upgrade transaction:false "
     "(CONCURRENTLY cannot run in a transaction)."},
    {"concurrently-in-transaction", Severity::Error, "postgresql",
     "CONCURRENTLY cannot run inside a transaction block, nor can VACUUM, CREATE or DROP DATABASE, ALTER SYSTEM or "
     "CREATE or DROP TABLESPACE: PostgreSQL refuses the statement and the migration fails.",
     "Move the statement into a -- migrate:upgrade transaction:false block of its own (statements there commit one "
     "by one)."},
    {"add-not-null-column", Severity::Error, both,
     "Adding a NOT NULL column without a default fails on a table that has rows, though it passes on an empty "
     "development database.",
     "Add it with a DEFAULT; or add it nullable, backfill it, then make it NOT NULL (on PostgreSQL through a NOT "
     "VALID check: see set-not-null)."},
    {"add-column-rewrite", Severity::Error, "postgresql",
     "The new column's value is computed per row (a volatile default, serial, identity, a stored generated column, "
     "or any default before PostgreSQL 11), so PostgreSQL rewrites the table under an ACCESS EXCLUSIVE lock: reads "
     "and writes wait.",
     "Add the column without that default, set the default with ALTER COLUMN ... SET DEFAULT (new rows), and fill "
     "the existing rows in batches."},
    {"non-constant-default", Severity::Error, "sqlite",
     "SQLite refuses ADD COLUMN with a non-constant default (CURRENT_TIMESTAMP, a function call, an expression) on "
     "a table that has rows, though it passes on an empty development database.",
     "Add the column with a constant default (or none) and fill it with an UPDATE; or rebuild the table with the "
     "default in its CREATE TABLE."},
    {"column-type-rewrite", Severity::Error, "postgresql",
     "ALTER COLUMN ... TYPE rewrites the table and its indexes under an ACCESS EXCLUSIVE lock unless the old type "
     "converts without one (varchar to text, a wider varchar, numeric without a precision): reads and writes wait.",
     "Add a column of the new type, fill it in batches, move the application to it, then drop the old one; or "
     "keep to a change PostgreSQL makes without a rewrite."},
    {"constraint-not-valid", Severity::Error, "postgresql",
     "ADD CONSTRAINT ... FOREIGN KEY or CHECK scans the whole table to validate it while holding a lock that blocks "
     "writes (a foreign key locks the referenced table too).",
     "Add it NOT VALID (instant; new rows are checked), then ALTER TABLE ... VALIDATE CONSTRAINT in a later "
     "statement or migration, which lets writes go on."},
    {"unique-constraint-index", Severity::Warning, "postgresql",
     "ADD CONSTRAINT ... UNIQUE or PRIMARY KEY builds its index while blocking writes to the table.",
     "CREATE UNIQUE INDEX CONCURRENTLY first (in a transaction:false block), then ADD CONSTRAINT ... UNIQUE USING "
     "INDEX."},
    {"set-not-null", Severity::Error, "postgresql",
     "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock, unless a validated CHECK (column IS NOT "
     "NULL) already proves it (PostgreSQL 12 and later).",
     "ADD CONSTRAINT c CHECK (column IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c; then SET NOT NULL, which uses "
     "the check instead of a scan; then drop the check."},
    {"drop-table", Severity::Error, both,
     "Dropping a table loses its rows, and the code still running against the old schema fails until the new "
     "code is deployed.",
     "Stop using the table in one deploy, then drop it in a later migration, marked -- lint:ignore drop-table "
     "once the loss is intended."},
    {"drop-column", Severity::Error, both,
     "Dropping a column loses its data, and running code that still reads or writes it fails (an ORM lists every "
     "column it knows).",
     "Stop reading and writing the column in one deploy (tell the ORM to ignore it), then drop it in a later "
     "migration, marked -- lint:ignore drop-column."},
    {"rename", Severity::Error, both,
     "Renaming a table or column breaks the code that is running while the migration lands: its queries use the "
     "old name.",
     "Add the new column, write to both, fill it, move the reads, then drop the old one; for a table, leave a view "
     "under the old name for one release."},
    {"lock-timeout", Severity::Warning, "postgresql",
     "The migration takes ACCESS EXCLUSIVE locks with no lock_timeout: while it waits behind a long query, every "
     "other query on the table queues behind it and the application stalls.",
     "SET lock_timeout = '5s' at the top of the migration (or lock_timeout in the config), and run the migration "
     "again if it times out."},
    {"enum-value-in-transaction", Severity::Error, "postgresql",
     "A label added by ALTER TYPE ... ADD VALUE cannot be used in the transaction that added it (PostgreSQL fails "
     "with \"unsafe use of new value\"), and before PostgreSQL 12 ADD VALUE cannot run in a transaction at all.",
     "Put ADD VALUE in a -- migrate:upgrade transaction:false block before the statements that use the label, or "
     "use the label in a later migration."},
    {"rebuild-referenced-table", Severity::Error, "sqlite",
     "Other tables reference this table. retort runs SQLite migrations with foreign-key enforcement off (a rebuild "
     "needs it), so rows the copy leaves out or keys it changes leave dangling references nothing reports; and "
     "renaming the table away makes SQLite point those references at the old name.",
     "Rebuild as SQLite documents it: create the new table under another name, copy, drop the old one, rename the "
     "new one to the old name, keep the referenced key columns, and end with PRAGMA foreign_key_check (as retort's "
     "own rebuilds do)."},
    {"drop-column-in-use", Severity::Error, "sqlite",
     "SQLite refuses to drop a column that an index, view or trigger uses, so the migration fails; a foreign key "
     "referencing the column is left pointing at nothing (\"foreign key mismatch\" on the next write).",
     "Drop the indexes, views and triggers that use the column first and re-create them without it, in the same "
     "migration; rebuild the tables whose foreign keys reference it."},
    {"statement-fails", Severity::Error, "sqlite",
     "The statement fails on the schema the earlier migrations build (replayed in memory), so the migration cannot "
     "run.",
     "Fix the statement: the message is SQLite's own."},
    {"syntax-error", Severity::Error, "postgresql",
     "PostgreSQL's parser rejects the statement, so the migration fails when it runs.",
     "Fix the statement: the message is the parser's own."},
    {"alter-table-copy", Severity::Error, "mysql",
     "This ALTER TABLE (MODIFY or CHANGE COLUMN, CONVERT TO CHARACTER SET, a new primary key, ENGINE=, FORCE) may "
     "rebuild the table, and without a LOCK clause MySQL picks the algorithm itself: where it cannot work in place it "
     "copies the table, blocking writes for the whole copy.",
     "Say what is acceptable: ALGORITHM=INPLACE, LOCK=NONE (or ALGORITHM=INSTANT). MySQL then refuses the statement "
     "instead of locking; for a change it cannot make online, use an online schema-change tool (gh-ost, "
     "pt-online-schema-change)."},
    {"data-with-ddl", Severity::Warning, "mysql",
     "MySQL commits each DDL statement: row changes in a block with DDL commit one by one, so a failure leaves some "
     "of them done and the others not.",
     "Put the row changes in a -- migrate:upgrade block of their own: a block with no DDL runs in one transaction, "
     "which a failure rolls back whole."},
    {"unknown-rule", Severity::Warning, "postgresql, sqlite, mysql",
     "A -- lint:ignore comment names a rule that does not exist, so it silences nothing (a typo?).",
     "Name one of the rules 'retort lint --list-rules' prints."},
};

/// `-- lint:ignore a, b` comments by line.
std::map<int, std::set<std::string>> ignore_comments(std::string_view text) {
  std::map<int, std::set<std::string>> out;
  int line = 1;
  for (auto rest = text; !rest.empty(); ++line) {
    auto nl = rest.find('\n');
    auto l = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    auto dash = l.find("--");
    if (dash == std::string_view::npos) continue;
    auto body = text::trim(l.substr(dash + 2));
    constexpr std::string_view tag = "lint:ignore";
    if (body.substr(0, tag.size()) != tag) continue;
    for (auto& name : text::split(std::string(body.substr(tag.size())), ',')) {
      for (auto& word : text::split(std::string(text::trim(name)), ' ')) {
        if (!word.empty()) out[line].insert(std::string(word));
      }
    }
  }
  return out;
}

std::string first_line(std::string_view sql, const std::vector<Token>& tokens) {
  auto from = tokens.empty() ? 0 : tokens.front().offset;
  auto rest = sql.substr(from);
  auto shown = std::string(text::trim(rest.substr(0, rest.find('\n'))));
  if (shown.size() > 100) shown = shown.substr(0, 97) + "...";
  return shown;
}

}  // namespace

std::string_view severity_name(Severity s) { return s == Severity::Error ? "error" : "warning"; }

const std::vector<Rule>& rules() { return catalogue; }

const Rule* find_rule(std::string_view id) {
  for (const auto& r : catalogue)
    if (r.id == id) return &r;
  return nullptr;
}

std::string table_key(std::string_view schema, std::string_view name) {
  return text::lower(schema.empty() || schema == "main" ? std::string(name) : fmt::format("{}.{}", schema, name));
}

void FileLinter::State::add(std::string_view rule, int line, const std::string& statement, std::string message,
                            std::optional<Severity> severity) {
  const auto* r = find_rule(rule);
  Finding f{std::string(rule), severity.value_or(r->severity), line, std::move(message),
            std::string(r->why), std::string(r->instead), statement};
  findings.push_back(std::move(f));
}

bool FileLinter::State::error_at(int line) const {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.line == line && f.severity == Severity::Error; });
}

bool FileLinter::State::is_new(const std::string& table) const { return created.contains(table); }

FileLinter::FileLinter(std::string_view file_text, Context context) : state_(std::make_unique<State>()) {
  state_->context = std::move(context);
  state_->ignored = ignore_comments(file_text);
  for (const auto& [line, names] : state_->ignored) {
    for (const auto& name : names) {
      if (!find_rule(name))
        state_->add("unknown-rule", line, "-- lint:ignore " + name, fmt::format("no rule is called '{}'", name));
    }
  }
}

FileLinter::~FileLinter() = default;

void FileLinter::statement(const Statement& s, const SchemaBefore& before) {
  auto tokens = tokenize(s.sql, s.line);
  if (tokens.empty()) return;
  const int line = tokens.front().line;
  const auto shown = first_line(s.sql, tokens);
  if (state_->context.dialect == "postgresql") {
    postgres_statement(*state_, s, line, shown);
  } else if (state_->context.dialect == "sqlite") {
    sqlite_statement(*state_, s.sql, tokens, shown, before);
  } else if (state_->context.dialect == "mysql") {
    mysql_statement(*state_, s, tokens, shown);
  }
}

void FileLinter::failed(const Statement& s, std::string_view message) {
  auto tokens = tokenize(s.sql, s.line);
  const int line = tokens.empty() ? s.line : tokens.front().line;
  if (state_->error_at(line)) return;  // a rule already says why
  // The connection's own prefix says nothing the rule does not.
  constexpr std::string_view prefix = "Statement failed: ";
  if (message.substr(0, prefix.size()) == prefix) message.remove_prefix(prefix.size());
  state_->add("statement-fails", line, first_line(s.sql, tokens),
              fmt::format("fails on the schema the earlier migrations build: {}", message));
}

std::vector<Finding> FileLinter::finish() {
  auto& st = *state_;
  if (st.context.dialect == "sqlite") sqlite_finish(st);
  if (st.context.dialect == "mysql") mysql_finish(st);
  std::set<int> explained;  // lines where a rule says why the statement fails
  for (const auto& f : st.findings)
    if (f.severity == Severity::Error && f.rule != "statement-fails") explained.insert(f.line);
  std::vector<Finding> out;
  for (auto& f : st.findings) {
    if (f.rule == "statement-fails" && explained.contains(f.line)) continue;
    auto it = st.ignored.find(f.line - 1);
    if (f.rule != "unknown-rule" && it != st.ignored.end() && it->second.contains(f.rule)) continue;
    out.push_back(std::move(f));
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) { return a.line < b.line; });
  return out;
}

}  // namespace retort::linter
