#include "arguments.hpp"

#include <algorithm>
#include <iterator>

namespace retort::cli {

namespace {

CLI::App* command(CLI::App& app, Arguments& args, const std::string& name, const std::string& help,
                  const std::string& alias = "") {
  auto* sub = app.add_subcommand(name, help);
  if (!alias.empty()) sub->alias(alias);
  sub->callback([&args, name] { args.command = name; });
  sub->fallthrough();
  return sub;
}

}  // namespace

std::string_view command_named(int argc, const char* const* argv) {
  static constexpr std::string_view commands[] = {
      "init", "list-templates", "revision", "merge", "upgrade", "downgrade", "stamp", "current", "history", "heads",
      "branches", "show", "edit", "check", "schema", "graph", "test", "embed", "lint", "fleet", "verify", "rehash",
      "resolve", "restore", "status", "ensure-version"};
  // The global options as define() writes them: those that take the next word, and flags.
  static constexpr std::string_view with_value[] = {"-c", "--config", "-n", "--name", "-x", "--url", "--log-format"};
  static constexpr std::string_view flags[] = {"-q", "--quiet", "--json", "--version"};
  const auto among = [](std::string_view word, const auto& list) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
  };
  for (int i = 1; i < argc; ++i) {
    std::string_view word = argv[i];
    if (among(word, with_value)) {
      ++i;
    } else if (word.starts_with("--") && word.find('=') != std::string_view::npos &&
               among(word.substr(0, word.find('=')), with_value)) {
      // --url=..., one word
    } else if (!among(word, flags)) {
      // The first other word: a command (by either spelling), or anything else (help, a typo,
      // a combined short option), for which every command is defined.
      if (word == "list_templates") return "list-templates";
      if (word == "ensure_version") return "ensure-version";
      return among(word, commands) ? word : std::string_view{};
    }
  }
  return {};
}

void define(CLI::App& app, Arguments& a, std::string_view only) {
  // Only the command the line names, when it names one: defining all of them is most of a short
  // command's own start-up (docs/benchmarks.md).
  const auto want = [only](std::string_view name) { return only.empty() || only == name; };
  app.require_subcommand(0, 1);
  app.fallthrough();
  app.add_option("-c,--config", a.config, "Config file (default: $RETORT_CONFIG, else ./retort.toml)");
  app.add_option("-n,--name", a.name, "Table of the config file to read (default: retort)");
  app.add_option("-x", a.x, "key=value passed to templates and library callers (repeatable)");
  app.add_option("--url", a.url, "Database URL; overrides the config file");
  app.add_flag("-q,--quiet", a.quiet, "Do not print progress or generated-file lines");
  app.add_flag("--json", a.json, "Print one JSON document on stdout");
  app.add_flag("--version", a.version, "Print the version and exit");
  app.add_option("--log-format", a.log_format, "Progress on stderr as text (default) or json (one event per line)")
      ->check(CLI::IsMember({"text", "json"}));

  if (want("init")) {
    auto* init = command(app, a, "init", "Initialize a new scripts directory.");
    init->add_option("directory", a.directory, "Directory for the migrations")->required();
    init->add_option("-t,--template", a.template_name, "Project template (see list-templates)");
  }
  if (want("list-templates")) {
    command(app, a, "list-templates", "List available templates.", "list_templates");
  }
  if (want("revision")) {
    auto* rev = command(app, a, "revision", "Create a new revision file.");
    rev->add_option("-m,--message", a.message, "Message string to use with 'revision'");
    rev->add_flag("--autogenerate", a.autogenerate,
                  "Write the SQL from the difference between the desired schema and the database");
    rev->add_option("--head", a.head, "Revision to base the new revision on (default: head)");
    rev->add_flag("--splice", a.splice, "Allow a non-head revision as the parent");
    rev->add_option("--branch-label", a.branch_labels, "Branch label for the new revision (repeatable)");
    rev->add_option("--depends-on", a.depends_on, "Revision the new one depends on (repeatable)");
    rev->add_option("--rev-id", a.rev_id, "Revision id to use instead of a generated one");
    rev->add_option("--version-path", a.version_path, "Version directory to write the file into");
  }
  if (want("merge")) {
    auto* merge = command(app, a, "merge", "Merge two or more revisions together. Creates a new migration file.");
    merge->add_option("revisions", a.revisions, "Revisions to merge, e.g. heads")->required();
    merge->add_option("-m,--message", a.message, "Message string");
    merge->add_option("--branch-label", a.branch_labels, "Branch label for the merge revision");
    merge->add_option("--rev-id", a.rev_id, "Revision id to use instead of a generated one");
  }
  if (want("upgrade") || want("downgrade")) {
    for (const char* name : {"upgrade", "downgrade"}) {
      if (!want(name)) continue;
      bool up = std::string(name) == "upgrade";
      auto* run = command(app, a, name, up ? "Upgrade to a later version." : "Revert to a previous version.");
      run->add_option("revision", a.revisions, "Target, e.g. head, +1, -1, <rev>, label@head; start:end with --sql")
          ->required()
          ->expected(1);
      run->add_flag("--sql", a.sql, "Print the SQL instead of running it");
      run->add_option("--tag", a.tag, "Arbitrary tag passed to library callers");
      run->add_flag("--plan", a.plan, "Read the database and list the steps that would run; change nothing");
      run->add_flag("--backup", a.backup, "Back up the database before the first step (as backup = true)");
      run->add_flag("--resume", a.resume,
                    "Go on with a migration that stopped half-way, from the first statement that did not stay");
      run->add_flag("-v,--verbose", a.verbose, "One line per statement with its duration");
    }
  }
  if (want("stamp")) {
    auto* stamp =
        command(app, a, "stamp", "'stamp' the revision table with the given revision; don't run any migrations.");
    stamp->add_option("revisions", a.revisions, "Revisions to stamp")->required();
    stamp->add_flag("--sql", a.sql, "Print the SQL instead of running it");
    stamp->add_option("--tag", a.tag, "Arbitrary tag passed to library callers");
    stamp->add_flag("--purge", a.purge, "Delete every version row before stamping");
  }
  if (want("current")) {
    auto* current = command(app, a, "current", "Display the current revision for a database.");
    current->add_flag("-v,--verbose", a.verbose, "Use more verbose output");
    current->add_flag("--check-heads", a.check_heads, "Fail unless the database is at all heads");
  }
  if (want("history")) {
    auto* history = command(app, a, "history", "List changeset scripts in chronological order.");
    history->add_option("-r,--rev-range", a.rev_range, "Range [start]:[end]; current, -N and +N allowed");
    history->add_flag("-v,--verbose", a.verbose, "Use more verbose output");
    history->add_flag("-i,--indicate-current", a.indicate_current, "Mark the current revisions (reads the database)");
  }
  if (want("heads")) {
    auto* heads = command(app, a, "heads", "Show current available heads in the script directory.");
    heads->add_flag("-v,--verbose", a.verbose, "Use more verbose output");
    heads->add_flag("--resolve-dependencies", a.resolve_dependencies, "Treat dependency versions as down revisions");
  }
  if (want("branches")) {
    auto* branches = command(app, a, "branches", "Show current branch points.");
    branches->add_flag("-v,--verbose", a.verbose, "Use more verbose output");
  }
  if (want("show")) {
    auto* show = command(app, a, "show", "Show the revision(s) denoted by the given symbol.");
    show->add_option("revision", a.revisions, "Revision, e.g. head, current, <rev>")->required()->expected(1);
  }
  if (want("edit")) {
    auto* edit = command(app, a, "edit", "Edit revision script(s) using $EDITOR.");
    edit->add_option("revision", a.revisions, "Revision, e.g. head, current, <rev>")->required()->expected(1);
  }
  if (want("check")) {
    auto* check = command(app, a, "check", "Check the database (or the migrations) against the desired schema.");
    check->add_flag("--migrations", a.migrations, "Replay the migrations into a scratch database instead");
  }
  if (want("schema")) {
    auto* schema = app.add_subcommand("schema", "Work with the database's schema.");
    schema->require_subcommand(1);
    schema->fallthrough();
    auto* dump = command(*schema, a, "dump", "Write the database's schema as a desired-schema file.");
    dump->callback([&a] { a.command = "schema_dump"; });
    dump->add_option("-o,--output", a.output, "File to write (default: standard output)");

    auto* diagram = command(*schema, a, "diagram", "Draw the desired (or --live) schema's tables and foreign keys.");
    diagram->callback([&a] { a.command = "schema_diagram"; });
    diagram->add_option("--format", a.format, "mermaid (an erDiagram, the default) or dot (Graphviz)");
    diagram->add_flag("--live", a.live, "Draw the connected database's schema instead of the desired one");
    diagram->add_option("-o,--output", a.output, "File to write (default: standard output)");
  }
  if (want("graph")) {
    auto* graph = command(app, a, "graph", "Draw the revision graph, and the database's revisions when it can be read.");
    graph->add_option("--format", a.format, "dot (Graphviz, the default) or mermaid");
    graph->add_option("-o,--output", a.output, "File to write (default: standard output)");
  }
  if (want("test")) {
    command(app, a, "test",
            "Test the migrations on a scratch database: one head; each revision up, down and up again "
            "with the schema compared; the desired schema reached.");
  }
  if (want("embed")) {
    auto* embed = command(app, a, "embed", "Write the C++ source that compiles the migrations into a program.");
    embed->add_option("-o,--output", a.output, "File to write (default: standard output)");
    embed->add_option("--name", a.embed_name, "Name of the set, for Config::embedded(url, name)")
        ->capture_default_str();
    embed->add_option("--dir", a.embed_dir, "A migrations folder (holding versions/) to read instead of the config's");
    embed->add_option("--schema", a.embed_schema, "Desired-schema files to compile in (with --dir)");
  }
  if (want("lint")) {
    auto* lint = command(app, a, "lint",
                         "Check the migrations' SQL for statements that lock or rewrite big tables, fail on tables "
                         "with rows, or break running code; exit 1 on errors.");
    lint->add_option("range", a.revisions,
                     "start:end (as history), a revision (heads, an id, a label) or a migration file; default: all")
        ->expected(0, 1);
    lint->add_option("--dialect", a.lint_dialects, "Lint for this dialect (repeatable; default: the config's dialects, else the URL's)");
    lint->add_option("--server-version", a.server_version, "PostgreSQL version the migrations will run on (11, 15.4)");
    lint->add_flag("--connect", a.connect, "Read the server version from the database");
    lint->add_flag("--downgrade", a.downgrade, "Lint the downgrade sections too");
    lint->add_flag("--list-rules", a.list_rules, "List the rules and exit");
  }
  if (want("fleet")) {
    auto* fleet = command(app, a, "fleet",
                          "Run upgrade, downgrade, current, check or status on many databases; exit 1 when any fails.");
    fleet->add_option("command", a.revisions, "upgrade|downgrade|current|check|status, then the target revision")
        ->required()
        ->expected(1, 2);
    fleet->add_option("--targets", a.fleet_targets, "File of database URLs, one per line (${VAR} expanded, # comments)");
    fleet->add_option("--targets-glob", a.fleet_glob, "SQLite files matching a pattern, e.g. 'devices/*.db'");
    fleet->add_option("--targets-query", a.fleet_query,
                      "URL and SQL: a query whose first column gives database names (on that server) or URLs")
        ->expected(2);
    fleet->add_flag("--schemas", a.fleet_schemas,
                    "--targets-query gives schema names in its database (one schema per tenant), not databases");
    fleet->add_option("-j,--jobs", a.jobs, "Targets run at once (default 1)")->check(CLI::Range(1u, 256u));
    fleet->add_flag("--fail-fast", a.fail_fast, "After the first failure, start no other target");
    fleet->add_option("--canary", a.canary, "Run the first N targets first; stop everything if one fails");
    fleet->add_flag("--plan", a.plan, "List what each target would run; change nothing");
    fleet->add_option("--failed-file", a.failed_file,
                      "Where the failed targets are written for a retry with --targets (default retort-fleet-failed.txt)");
  }
  if (want("verify")) {
    command(app, a, "verify",
            "Check that applied migrations match their files and the ledger; exit 1 listing what does not.");
  }
  if (want("rehash")) {
    auto* rehash = command(app, a, "rehash", "Accept a deliberate edit of an applied migration (recorded in the ledger).");
    rehash->add_option("revision", a.revisions, "The applied revision whose file was edited")->required()->expected(1);
  }
  if (want("resolve")) {
    command(app, a, "resolve",
            "After a migration stopped half-way (MySQL DDL commits as it goes) and the database was put back by hand: "
            "record that in the ledger, so runs go on.");
  }
  if (want("restore")) {
    auto* restore = command(app, a, "restore", "Put a SQLite backup back (default: the newest), under the migrator lock.");
    restore->add_option("file", a.revisions, "The backup file")->expected(0, 1);
  }
  if (want("status")) {
    command(app, a, "status", "List every revision in apply order: applied or pending, when, by whom, checksum.");
  }
  if (want("completion")) {
    auto* completion = command(app, a, "completion", "Print a shell completion script (bash, zsh or fish).");
    completion->add_option("shell", a.revisions, "bash, zsh or fish")->required()->expected(1);
  }
  if (want("man")) {
    command(app, a, "man", "Print the man page (roff).")->group("");
  }
  if (want("ensure-version")) {
    auto* ensure = command(app, a, "ensure-version", "Create the version table.", "ensure_version");
    ensure->add_flag("--sql", a.sql, "Print the SQL instead of running it");
  }
}

}  // namespace retort::cli
