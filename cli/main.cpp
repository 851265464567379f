// retort's command line: parse arguments, call the library, print results (text or JSON).

#include <sqlite3.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "arguments.hpp"
#include "conveniences.hpp"
#include "interrupt.hpp"
#include "memory.hpp"
#include "output.hpp"

namespace retort::cli {

namespace {

Config load_config(const Arguments& a) {
  LoadOptions options;
  options.section = a.name;
  options.url = a.url;
  for (const auto& kv : a.x) {
    auto eq = kv.find('=');
    options.x[kv.substr(0, eq)] = eq == std::string::npos ? std::string() : kv.substr(eq + 1);
  }
  std::optional<std::filesystem::path> explicit_path;
  if (a.config) explicit_path = *a.config;
  return Config::load(Config::locate(explicit_path), options);
}

int open_editor(const std::vector<std::filesystem::path>& paths) {
  std::string editor;
  for (const char* var : {"EDITOR", "VISUAL"}) {
    if (const char* v = std::getenv(var); v && *v) {
      editor = v;
      break;
    }
  }
  if (editor.empty()) {
    for (const char* candidate : {"sensible-editor", "editor", "nano", "vim", "vi"}) {
      if (std::system(fmt::format("command -v {} >/dev/null 2>&1", candidate).c_str()) == 0) {
        editor = candidate;
        break;
      }
    }
  }
  if (editor.empty()) throw Error(ErrorCode::Config, "No editor found; set $EDITOR");
  // The editor value may carry arguments ("code -w"), so it goes through the shell; paths do not.
  std::vector<std::string> argv_storage = {"/bin/sh", "-c", editor + " \"$@\"", "retort-edit"};
  for (const auto& p : paths) argv_storage.push_back(p.string());
  std::vector<char*> argv;
  for (auto& s : argv_storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    execv("/bin/sh", argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw Error(ErrorCode::Io, fmt::format("Editor '{}' failed", editor));
  }
  return 0;
}

void print_entries(const Arguments& a, const std::vector<RevisionEntry>& entries,
                   std::string (*line)(const RevisionEntry&)) {
  if (a.json) {
    std::cout << json_entries(entries);
    return;
  }
  std::string out;  // one write for thousands of lines
  for (const auto& e : entries) {
    if (a.verbose) {
      out += verbose_entry(e);
    } else {
      out += line(e);
      out += '\n';
    }
  }
  std::cout << out;
}

void print_run(const Arguments& a, const RunResult& result, EventSink& sink) {
  if (a.json) {
    std::cout << json_run(a.command, result);
  } else if (a.sql) {
    std::cout << result.sql;
  } else if (a.plan) {
    if (result.steps.empty()) std::cout << "Nothing to do: the database is already at the target.\n";
    for (const auto& s : result.steps)
      std::cout << "Would run " << step_line(s).substr(std::string("Running ").size()) << "\n";
  } else if (result.steps.empty()) {
    // A run that changed nothing says so, and where the database is: silence reads as a hang.
    sink.on(Info{fmt::format("Nothing to do: the database is already at {}",
                             result.revisions_after.empty() ? std::string("base")
                                                            : fmt::format("{}", fmt::join(result.revisions_after, ", ")))});
  }
}

/// An in-memory database lives as long as the command: whatever a one-shot command does to it is
/// gone when it exits, which is never what a user of the command line wants to find out later.
void warn_if_memory(const Arguments& a, const Config& config, TextSink& sink) {
  const auto& cmd = a.command;
  const bool offline = a.sql && cmd != "current";
  const bool connects = cmd == "upgrade" || cmd == "downgrade" || cmd == "stamp" || cmd == "current" ||
                        cmd == "schema_dump" || (cmd == "schema_diagram" && a.live) || cmd == "ensure_version" || cmd == "ensure-version" ||
                        (cmd == "check" && !a.migrations) || (cmd == "history" && a.indicate_current);
  if (!connects || offline || config.url.empty()) return;
  try {
    auto url = Url::parse(config.url);
    if (!url.is_memory()) return;
    sink.on(Warning{fmt::format("{} is an in-memory database: it starts empty and vanishes when this command exits, "
                                "with everything the command did to it",
                                url.masked())});
  } catch (const Error&) {
    // A malformed URL is the command's own error to report.
  }
}

/// Writes `text` to -o FILE, or prints it (as JSON with --json).
void write_output(const Arguments& a, const std::string& text) {
  if (!a.output.empty()) {
    // Unchanged content is not written again, so a build does not recompile what did not change.
    std::ifstream in(a.output, std::ios::binary);
    std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.is_open() && old == text) return;
    in.close();
    std::ofstream file(a.output, std::ios::binary);
    file << text;
    if (!file.flush()) throw Error(ErrorCode::Io, "Cannot write " + a.output);
  } else if (a.json) {
    std::cout << json_sql(text);
  } else {
    std::cout << text;
  }
}

bool stderr_terminal() {
  return ::isatty(STDERR_FILENO) == 1 && std::getenv("TERM") != nullptr && std::string(std::getenv("TERM")) != "dumb";
}

/// `retort fleet <command> [REV]`: the targets, the run with live progress, the report, and the
/// failed targets written for a retry.
int run_fleet(const Arguments& a, const Config& config) {
  const auto command = fleet::command_named(a.revisions.front());
  const int sources = !a.fleet_targets.empty() + !a.fleet_glob.empty() + !a.fleet_query.empty();
  if (sources != 1)
    throw Error(ErrorCode::Usage, "fleet needs one of --targets FILE, --targets-glob PATTERN or --targets-query URL SQL");
  if (a.fleet_schemas && a.fleet_query.empty()) throw Error(ErrorCode::Usage, "fleet --schemas goes with --targets-query");
  if (a.revisions.size() > 1 && command != fleet::Command::Upgrade && command != fleet::Command::Downgrade)
    throw Error(ErrorCode::Usage, fmt::format("fleet {} takes no revision", a.revisions.front()));
  if (command == fleet::Command::Downgrade && a.revisions.size() < 2)
    throw Error(ErrorCode::Usage, "fleet downgrade needs a target revision, e.g. -1");
  const auto targets = !a.fleet_targets.empty() ? fleet::targets_from_file(a.fleet_targets)
                       : !a.fleet_glob.empty()  ? fleet::targets_from_glob(a.fleet_glob)
                                                : fleet::targets_from_query(a.fleet_query[0], a.fleet_query[1],
                                                                            a.fleet_schemas ? fleet::QueryNames::Schemas
                                                                                            : fleet::QueryNames::Databases);
  fleet::Options options;
  if (a.revisions.size() > 1) options.revision = a.revisions[1];
  options.jobs = a.jobs;
  options.fail_fast = a.fail_fast;
  options.canary = a.canary;
  options.plan = a.plan;
  FleetProgress progress({a.quiet, a.log_format == "json", stderr_terminal()}, targets.size());
  InterruptWatcher interrupt(options.cancel, [] {
    std::cerr << "\nInterrupted: the running targets are cancelled and roll back, no other target starts "
                 "(interrupt again to quit at once)\n";
  });
  auto report = fleet::run(config, targets, command, options, progress);
  std::cout << (a.json ? json_fleet(report) : fleet_text(report));
  std::string failed;
  for (const auto& t : report.targets)
    if (t.state != fleet::TargetResult::State::Done) failed += t.target.url + "\n";
  if (failed.empty()) return interrupt.interrupted() ? exit_code::interrupted : exit_code::ok;
  std::ofstream out(a.failed_file, std::ios::binary);
  out << "# targets that failed or did not run: retry with --targets " << a.failed_file << "\n" << failed;
  if (!out.flush()) throw Error(ErrorCode::Io, "Cannot write " + a.failed_file);
  if (!a.quiet && !a.json)
    std::cerr << fmt::format("Failed and skipped targets written to {}: retry with --targets {}\n", a.failed_file,
                             a.failed_file);
  return interrupt.interrupted() ? exit_code::interrupted : exit_code::error;
}

int dispatch(const Arguments& a, TextSink& sink) {
  const auto& cmd = a.command;
  auto rev_arg = [&] { return a.revisions.empty() ? std::string() : a.revisions.front(); };
  RunOptions run;
  run.sql = a.sql;
  run.plan = a.plan;
  run.backup = a.backup;
  run.resume = a.resume;
  run.tag = a.tag;
  run.purge = a.purge;
  if (cmd == "init") {
    InitOptions o;
    o.directory = a.directory;
    o.template_name = a.template_name;
    if (a.config) o.config_file = *a.config;
    auto r = init(o, sink);
    if (a.json)
      std::cout << json_init(r);
    else if (!a.quiet) {
      std::cout << fmt::format("Please edit configuration/connection settings in '{}' before proceeding.\n",
                               r.config_file.string());
    }
    return exit_code::ok;
  }
  if (cmd == "list_templates" || cmd == "list-templates") {
    auto ts = list_templates();
    if (a.json) {
      std::cout << json_templates(ts);
    } else {
      std::cout << "Available templates:\n\n";
      for (const auto& t : ts) std::cout << fmt::format("{} - {}\n", t.name, t.description);
      std::cout << "\nTemplates are used via the 'init' command, e.g.:\n\n  retort init --template generic ./scripts\n";
    }
    return exit_code::ok;
  }
  if ((cmd == "upgrade" || cmd == "downgrade") && a.sql && a.plan) {
    throw Error(ErrorCode::Usage, "--sql and --plan cannot be combined: --sql needs no database, --plan reads it");
  }
  if ((cmd == "upgrade" || cmd == "downgrade") && a.resume && (a.sql || a.plan)) {
    throw Error(ErrorCode::Usage, "--resume runs the rest of a migration on the database: it cannot be combined with "
                                  "--sql or --plan");
  }
  if (cmd == "embed" && !a.embed_dir.empty()) {
    // For build systems: a folder and its schema files, no config file needed.
    auto config = Config::for_directory(a.embed_dir, "");
    for (const auto& f : a.embed_schema) config.schema.push_back(std::filesystem::absolute(f));
    write_output(a, embed(config, a.embed_name));
    return exit_code::ok;
  }
  if (cmd == "lint" && a.list_rules) {
    std::cout << lint_rules_text(lint_rules(), a.json);
    return exit_code::ok;
  }
  auto config = load_config(a);
  warn_if_memory(a, config, sink);
  if (cmd == "revision") {
    RevisionOptions o;
    o.message = a.message;
    o.autogenerate = a.autogenerate;
    o.head = a.head;
    o.splice = a.splice;
    o.branch_labels = a.branch_labels;
    o.depends_on = a.depends_on;
    o.rev_id = a.rev_id;
    if (a.version_path) o.version_path = *a.version_path;
    auto e = revision(config, o, sink);
    if (a.json) std::cout << json_entry(e);
  } else if (cmd == "merge") {
    MergeOptions o;
    o.revisions = a.revisions;
    o.message = a.message;
    o.branch_labels = a.branch_labels;
    o.rev_id = a.rev_id;
    auto e = merge(config, o, sink);
    if (a.json) std::cout << json_entry(e);
  } else if (cmd == "upgrade") {
    print_run(a, upgrade(config, rev_arg(), run, sink), sink);
  } else if (cmd == "downgrade") {
    print_run(a, downgrade(config, rev_arg(), run, sink), sink);
  } else if (cmd == "stamp") {
    print_run(a, stamp(config, a.revisions, run, sink), sink);
  } else if (cmd == "current") {
    auto r = current(config, a.check_heads);
    if (a.json) {
      std::cout << json_current(r);
    } else {
      if (a.verbose) std::cout << fmt::format("Current revision(s) for {}:\n", r.url);
      for (const auto& e : r.revisions) std::cout << (a.verbose ? verbose_entry(e) : current_line(e) + "\n");
    }
  } else if (cmd == "history") {
    print_entries(a, history(config, {a.rev_range, a.indicate_current}), &short_line);
  } else if (cmd == "heads") {
    print_entries(a, heads(config, a.resolve_dependencies), &heads_line);
  } else if (cmd == "branches") {
    auto bs = branches(config);
    std::cout << (a.json ? json_branches(bs) : branches_text(bs, a.verbose));
  } else if (cmd == "show") {
    auto es = show(config, rev_arg());
    if (a.json)
      std::cout << json_entries(es);
    else
      for (const auto& e : es) std::cout << verbose_entry(e) << e.sql << (e.sql.empty() ? "" : "\n");
  } else if (cmd == "edit") {
    auto paths = edit_paths(config, rev_arg());
    if (a.json)
      std::cout << json_paths(paths);
    else
      open_editor(paths);
  } else if (cmd == "lint") {
    LintOptions o;
    o.range = rev_arg();
    o.dialects = a.lint_dialects;
    o.server_version = a.server_version;
    o.connect = a.connect;
    o.downgrade = a.downgrade;
    auto r = lint(config, o);
    std::cout << (a.json ? json_lint(r) : lint_text(r));
    return r.count("error") > 0 ? exit_code::error : exit_code::ok;
  } else if (cmd == "fleet") {
    return run_fleet(a, config);
  } else if (cmd == "verify") {
    auto r = verify(config);
    std::cout << (a.json ? json_verify(r) : verify_text(r));
    return r.ok() ? exit_code::ok : exit_code::error;
  } else if (cmd == "rehash") {
    auto e = rehash(config, rev_arg(), sink);
    if (a.json)
      std::cout << json_ledger_entry(e);
    else
      std::cout << fmt::format("Rehashed {}: its file's SQL ({}) is now what verify expects\n", e.revision, e.checksum);
  } else if (cmd == "resolve") {
    auto e = resolve(config, sink);
    if (a.json)
      std::cout << json_ledger_entry(e);
    else
      std::cout << fmt::format("Resolved {} {}: recorded that the database is back at its version table's revision\n",
                               e.revision, e.statements_run ? fmt::format("({} statements had run)", *e.statements_run)
                                                            : std::string());
  } else if (cmd == "restore") {
    auto r = restore(config, a.revisions.empty() ? std::string() : a.revisions.front(), sink);
    if (a.json) std::cout << json_restore(r);
  } else if (cmd == "status") {
    auto r = status(config);
    std::cout << (a.json ? json_status(r) : status_text(r));
  } else if (cmd == "check") {
    auto r = check(config, CheckOptions{a.migrations});
    if (a.json) {
      std::cout << json_check(r);
    } else if (r.differences.empty()) {
      std::cout << "No differences\n";
    } else {
      std::cout << fmt::format("Differences between {} and the desired schema:\n", r.compared);
      for (const auto& d : r.differences) std::cout << "  " << d << "\n";
      for (const auto& h : r.hints) std::cout << "hint: " << h << "\n";
    }
    if (!a.json) {
      for (const auto& n : r.not_compared) std::cout << "note: not compared (not modelled yet): " << n << "\n";
      for (const auto& w : r.warnings) std::cout << "warning: " << w << "\n";
    }
    return r.differences.empty() ? exit_code::ok : exit_code::differences;
  } else if (cmd == "schema_dump") {
    write_output(a, schema_dump(config));
  } else if (cmd == "schema_diagram") {
    DiagramOptions options;
    if (!a.format.empty()) options.format = a.format;
    options.live = a.live;
    write_output(a, schema_diagram(config, options));
  } else if (cmd == "graph") {
    GraphOptions options;
    if (!a.format.empty()) options.format = a.format;
    write_output(a, graph(config, options));
  } else if (cmd == "test") {
    auto report = testing::run(config, sink);
    if (a.json)
      std::cout << json_test(report);
    else
      std::cout << report.text();
    return report.passed() ? exit_code::ok : exit_code::error;
  } else if (cmd == "embed") {
    if (!a.embed_schema.empty()) throw Error(ErrorCode::Usage, "--schema goes with --dir; else the config's schema is used");
    write_output(a, embed(config, a.embed_name));
  } else if (cmd == "ensure_version" || cmd == "ensure-version") {
    auto sql = ensure_version(config, a.sql);
    if (a.json)
      std::cout << (a.sql ? json_sql(sql) : json_ok());
    else
      std::cout << sql;
  }
  return exit_code::ok;
}

}  // namespace

int main(int argc, char** argv) {
  prefer_huge_heap_pages();
  // The process is the CLI's own: SQLite's memory statistics (a mutex and counters around every
  // allocation, 7 % of an upgrade's instructions) serve no one here. Before SQLite initialises.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  // Listings print thousands of lines; C stdio sync would flush each one.
  std::ios::sync_with_stdio(false);
  CLI::App app{"retort: database schema migrations with plain SQL files", "retort"};
  Arguments args;
  define(app, args, command_named(argc, argv));
  app.footer(help_footer());
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const auto guess = did_you_mean(app, argc, argv);
    if (args.json) std::cout << json_error(Error(ErrorCode::Usage, e.what()));
    std::cerr << "FAILED: " << e.what() << "\n" << (guess.empty() ? "" : guess + "\n")
              << "Run 'retort --help' for usage.\n";
    return exit_code::usage;
  }

  if (args.version) {
    std::cout << "retort " << retort::version() << "\n";
    return exit_code::ok;
  }
  if (args.command.empty()) {
    std::cerr << app.help() << "\nFAILED: a command is required\n";
    return exit_code::usage;
  }
  TextSink sink(TextSink::Options{args.quiet, args.json, args.verbose, args.log_format == "json", stderr_terminal()});
  try {
    if (args.command == "completion") {
      std::cout << completion_script(app, args.revisions.front());
      return exit_code::ok;
    }
    if (args.command == "man") {
      std::cout << man_page(app, retort::version());
      return exit_code::ok;
    }
    return dispatch(args, sink);
  } catch (const Error& e) {
    if (args.json) std::cout << json_error(e);
    std::cerr << "FAILED: " << e.describe() << "\n";
    return e.code() == ErrorCode::Usage ? exit_code::usage : exit_code::error;
  } catch (const std::exception& e) {
    std::cerr << "FAILED: internal error: " << e.what() << "\n";
    return exit_code::error;
  }
}

}  // namespace retort::cli

int main(int argc, char** argv) { return retort::cli::main(argc, argv); }
