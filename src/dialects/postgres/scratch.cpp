// The scratch place for a desired schema or a replay of migrations: a schema of its own (in
// dev_url, or in a transaction on the target that is always rolled back), plus one more per schema
// the scripts create or name. SQL run through the scratch connection has its schema names mapped
// (schema_names.hpp), and the inspector is told the real names back.

#include <fmt/format.h>
#include <unistd.h>
#include <cctype>
#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/postgres/schema_names.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::postgres {

namespace {

/// The extensions `CREATE EXTENSION [IF NOT EXISTS] name` statements in `sql` name, lower-cased
/// unless quoted. A word scan, not a parse: a comment that reads like one counts too.
void extensions_created(std::string_view sql, std::set<std::string>& out) {
  const auto lowered = text::lower(sql);
  std::string_view s = lowered;
  auto skip_space = [&](std::size_t& i) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  auto word = [&](std::size_t& i, std::string_view w) {
    if (s.substr(i, w.size()) != w) return false;
    if (i + w.size() < s.size() && (std::isalnum(static_cast<unsigned char>(s[i + w.size()])) || s[i + w.size()] == '_'))
      return false;
    i += w.size();
    skip_space(i);
    return true;
  };
  for (auto at = s.find("create"); at != std::string_view::npos; at = s.find("create", at + 1)) {
    if (at > 0 && (std::isalnum(static_cast<unsigned char>(s[at - 1])) || s[at - 1] == '_')) continue;
    std::size_t i = at;
    if (!word(i, "create") || !word(i, "extension")) continue;
    auto j = i;
    if (word(j, "if") && word(j, "not") && word(j, "exists")) i = j;
    if (i < s.size() && s[i] == '"') {
      auto end = s.find('"', i + 1);
      if (end != std::string_view::npos) out.insert(std::string(sql.substr(i + 1, end - i - 1)));
      continue;
    }
    auto end = i;
    while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_' || s[end] == '-')) ++end;
    if (end > i) out.insert(std::string(s.substr(i, end - i)));
  }
}

/// A connection whose SQL has its schema names mapped to scratch names first, noting the
/// extensions it creates.
class MappedConnection final : public Connection {
 public:
  MappedConnection(PostgresConnection& conn, SchemaNames& names, std::set<std::string>& extensions)
      : conn_(conn), names_(names), extensions_(extensions) {}
  void run_script(std::string_view script, int first_line, const StatementCallback& on_statement) override {
    extensions_created(script, extensions_);
    conn_.run_script(names_.rewrite(script), first_line, on_statement);
  }
  long long execute(std::string_view sql) override {
    extensions_created(sql, extensions_);
    return conn_.execute(names_.rewrite(sql));
  }
  std::vector<Row> query(std::string_view sql) override { return conn_.query(names_.rewrite(sql)); }
  bool table_exists(const std::string& schema, const std::string& table) override {
    const auto* mapped = names_.find(schema);
    return conn_.table_exists(mapped ? *mapped : schema, table);
  }
  void begin() override { conn_.begin(); }
  void commit() override { conn_.commit(); }
  void rollback() override { conn_.rollback(); }
  [[nodiscard]] bool in_transaction() const override { return conn_.in_transaction(); }

 private:
  PostgresConnection& conn_;
  SchemaNames& names_;
  std::set<std::string>& extensions_;
};

/// Per schema, the names of the objects extensions installed there own.
std::map<std::string, std::set<std::string>> extension_members(PostgresConnection& conn) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& row : conn.query(
           "SELECT n.nspname, x.name FROM pg_depend d JOIN LATERAL ("
           "SELECT t.typname::text AS name, t.typnamespace AS ns FROM pg_type t "
           "WHERE d.classid = 'pg_type'::regclass AND t.oid = d.objid "
           "UNION ALL SELECT p.proname::text, p.pronamespace FROM pg_proc p "
           "WHERE d.classid = 'pg_proc'::regclass AND p.oid = d.objid "
           "UNION ALL SELECT o.oprname::text, o.oprnamespace FROM pg_operator o "
           "WHERE d.classid = 'pg_operator'::regclass AND o.oid = d.objid "
           "UNION ALL SELECT c.opcname::text, c.opcnamespace FROM pg_opclass c "
           "WHERE d.classid = 'pg_opclass'::regclass AND c.oid = d.objid) x ON true "
           "JOIN pg_namespace n ON n.oid = x.ns WHERE d.deptype = 'e' AND d.refclassid = 'pg_extension'::regclass")) {
    out[row[0].value_or("")].insert(row[1].value_or(""));
  }
  return out;
}

std::string current_schema(PostgresConnection& conn) {
  auto rows = conn.query("SELECT current_schema()");
  return rows.empty() || !rows.front().front() ? std::string("public") : *rows.front().front();
}

class SchemaScratch final : public Scratch {
 public:
  /// `extensions`: the target's extensions, created in the scratch when its database (dev_url)
  /// lacks them, so a desired schema written for the target loads.
  SchemaScratch(std::unique_ptr<PostgresConnection> conn, const std::string& prefix, bool on_target,
                const std::vector<std::string>& extensions = {})
      : conn_(std::move(conn)), names_(prefix, current_schema(*conn_)), mapped_(*conn_, names_, created_extensions_), on_target_(on_target) {
    if (on_target_) conn_->begin();  // everything below is rolled back in the destructor
    for (auto& [schema, members] : extension_members(*conn_)) names_.keep(schema, std::move(members));
    extension_path_ = extension_schemas(*conn_);
    auto path = extension_path_;
    path.insert(path.begin(), names_.default_scratch());
    conn_->execute(fmt::format("CREATE SCHEMA {}", names_.default_scratch()));
    if (!on_target_) {
      // The scratch database's own extensions are not the target's: neither side has them.
      for (auto& name : conn_->query_column("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'")) {
        if (std::find(extensions.begin(), extensions.end(), name) == extensions.end())
          ignored_extensions_.push_back(std::move(name));
      }
    }
    for (const auto& name : extensions) {
      if (conn_->query(fmt::format("SELECT 1 FROM pg_extension WHERE extname = {}", text::sql_literal(name))).empty())
        create_extension(name);
    }
    conn_->execute(fmt::format("SET {}search_path TO {}", on_target_ ? "LOCAL " : "", text::join(path, ", ")));
  }
  ~SchemaScratch() override {
    try {
      if (on_target_) {
        conn_->rollback();
      } else {
        if (conn_->in_transaction()) conn_->rollback();
        // Every schema a script created or was given, mapped or not yet.
        auto rows =
            conn_->query(fmt::format("SELECT quote_ident(nspname) FROM pg_namespace WHERE starts_with(nspname, '{}')",
                                     names_.default_scratch()));
        for (const auto& row : rows) conn_->execute(fmt::format("DROP SCHEMA {} CASCADE", row.front().value_or("")));
      }
    } catch (...) {
      // Cleaning up must not hide the error that got us here.
    }
  }
  Connection& connection() override { return mapped_; }
  InspectOptions inspect_options() const override {
    InspectOptions o;
    o.schema = names_.default_scratch();
    o.schemas = names_.others();
    o.extension_schemas = extension_path_;
    // The scratch database's own extensions, unless a script ran here creates one of them (then
    // `IF NOT EXISTS` did nothing, and the target still needs it).
    for (const auto& name : ignored_extensions_) {
      if (!created_extensions_.contains(name)) o.ignore_extensions.push_back(name);
    }
    return o;
  }
  void provide_schemas(const std::vector<std::string>& names) override {
    for (const auto& name : names) {
      if (!names_.find(name)) conn_->execute(fmt::format("CREATE SCHEMA {}", names_.provide(name)));
    }
  }

 private:
  void create_extension(const std::string& name) {
    try {
      conn_->execute(fmt::format("CREATE EXTENSION {} WITH SCHEMA {}", dialect().quote_identifier(name),
                                 names_.default_scratch()));
    } catch (const Error& e) {
      throw Error(ErrorCode::Config,
                  fmt::format("The target database has extension {}, which dev_url's server cannot create: {}", name,
                              e.what()))
          .with_dialect("postgresql");
    }
  }

  std::unique_ptr<PostgresConnection> conn_;
  std::vector<std::string> extension_path_;
  std::vector<std::string> ignored_extensions_;
  std::set<std::string> created_extensions_;
  SchemaNames names_;
  MappedConnection mapped_;
  bool on_target_;
};

/// A database created on the target's server for one replay and dropped afterwards (retort test,
/// check --migrations without dev_url): transaction:false sections can run there.
class TemporaryDatabase final : public Scratch {
 public:
  TemporaryDatabase(const Url& target, const ConnectOptions& options, const std::string& name)
      : admin_(std::make_unique<PostgresConnection>(target, options)), name_(name) {
    const auto extensions =
        admin_->query_column("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1");
    try {
      admin_->execute(fmt::format("CREATE DATABASE {}", name_));
    } catch (const Error& e) {
      throw Error(ErrorCode::Config,
                  fmt::format("Replaying the migrations on PostgreSQL needs a scratch database: set dev_url in the "
                              "config, or let the user create databases (CREATE DATABASE failed: {})",
                              e.message()))
          .with_dialect("postgresql");
    }
    Url url = target;
    url.database = name_;
    url.original = fmt::format("{} (temporary database {})", target.masked(), name_);
    inner_ = std::make_unique<SchemaScratch>(std::make_unique<PostgresConnection>(url, options), name_, false,
                                             extensions);
  }
  ~TemporaryDatabase() override {
    inner_.reset();  // its session first, so the drop needs no force in the usual case
    try {
      admin_->execute(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name_));
    } catch (const Error&) {
      // Best effort: a leftover retort_scratch_* database is harmless and named for its process.
    }
  }
  TemporaryDatabase(const TemporaryDatabase&) = delete;
  TemporaryDatabase& operator=(const TemporaryDatabase&) = delete;
  Connection& connection() override { return inner_->connection(); }
  InspectOptions inspect_options() const override { return inner_->inspect_options(); }
  void provide_schemas(const std::vector<std::string>& names) override { inner_->provide_schemas(names); }

 private:
  std::unique_ptr<PostgresConnection> admin_;
  std::string name_;
  std::unique_ptr<Scratch> inner_;
};

}  // namespace

std::unique_ptr<Scratch> scratch(const Url& target, const std::string& dev_url, const ConnectOptions& options,
                                 bool autocommit) {
  std::random_device rd;
  auto prefix = fmt::format("retort_scratch_{}_{:08x}", ::getpid(), rd());
  if (!dev_url.empty()) {
    std::vector<std::string> extensions;
    {
      PostgresConnection conn(target, options);
      extensions = conn.query_column("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1");
    }
    return std::make_unique<SchemaScratch>(std::make_unique<PostgresConnection>(Url::parse(dev_url), options), prefix,
                                           false, extensions);
  }
  // transaction:false sections cannot run inside the rolled-back transaction used otherwise.
  if (autocommit) {
    // Named after the target too (within PostgreSQL's 63 bytes), so a leftover says whose it was.
    std::string owner;
    for (char c : target.database) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') owner += static_cast<char>(std::tolower(c));
    }
    const auto room = 63 - prefix.size() - 1;
    return std::make_unique<TemporaryDatabase>(target, options, prefix + "_" + owner.substr(0, room));
  }
  return std::make_unique<SchemaScratch>(std::make_unique<PostgresConnection>(target, options), prefix, true);
}

}  // namespace retort::dialects::postgres
