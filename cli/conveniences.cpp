#include "conveniences.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <set>

#include "retort/error.hpp"

namespace retort::cli {

namespace {

/// Optimal string alignment distance: a swap of two neighbours counts once ("upgarde").
std::size_t distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

/// The closest of `known` to `word`, when close enough to be a typo (git's rule of thumb).
std::string closest(const std::string& word, const std::vector<std::string>& known) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& k : known) {
    auto dist = distance(word, k);
    if (dist < best_distance || (dist == best_distance && !best.empty() && k < best)) {
      if (dist < best_distance) best_distance = dist;
      best = k;
    }
  }
  return best;
}

std::vector<const CLI::App*> commands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); });
}

std::vector<std::string> names_of(const CLI::App& app) {
  std::vector<std::string> out;
  for (const auto* sub : commands_of(app)) {
    out.push_back(sub->get_name());
    for (const auto& alias : sub->get_aliases()) out.push_back(alias);
  }
  return out;
}

std::vector<std::string> long_options(const CLI::App& app) {
  std::vector<std::string> out{"help"};
  for (const auto* opt : app.get_options()) {
    for (const auto& l : opt->get_lnames()) out.push_back(l);
  }
  return out;
}

bool takes_value(const CLI::Option* opt) { return opt->get_expected_max() > 0 && !opt->get_positional(); }

/// The global options that take a value, so that their value is not read as a command.
bool global_with_value(const CLI::App& app, const std::string& token) {
  for (const auto* opt : app.get_options()) {
    if (!takes_value(opt)) continue;
    for (const auto& l : opt->get_lnames()) {
      if (token == "--" + l) return true;
    }
    for (const auto& s : opt->get_snames()) {
      if (token == "-" + s) return true;
    }
  }
  return false;
}

const CLI::App* find_command(const CLI::App& app, const std::string& name) {
  for (const auto* sub : commands_of(app)) {
    if (sub->get_name() == name) return sub;
    const auto& aliases = sub->get_aliases();
    if (std::find(aliases.begin(), aliases.end(), name) != aliases.end()) return sub;
  }
  return nullptr;
}

std::string roff(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
  }
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
  return out;
}

std::string option_synopsis(const CLI::Option* opt) {
  std::vector<std::string> names;
  for (const auto& s : opt->get_snames()) names.push_back("-" + s);
  for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
  std::string out;
  for (std::size_t k = 0; k < names.size(); ++k) out += (k ? ", " : "") + names[k];
  if (takes_value(opt)) out += " " + (opt->get_option_text().empty() ? std::string("VALUE") : opt->get_option_text());
  return out;
}

/// Every command path (`upgrade`, `schema dump`) with its options, in definition order.
void walk(const CLI::App& app, const std::string& prefix,
          std::vector<std::pair<std::string, const CLI::App*>>& out) {
  for (const auto* sub : commands_of(app)) {
    if (sub->get_group().empty()) continue;  // hidden
    const auto path = prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name();
    out.emplace_back(path, sub);
    walk(*sub, path, out);
  }
}

}  // namespace

std::string did_you_mean(const CLI::App& app, int argc, const char* const* argv) {
  const CLI::App* scope = &app;
  bool command_seen = false;
  for (int i = 1; i < argc; ++i) {
    const std::string token = argv[i];
    if (token == "--") break;
    if (token.starts_with("--")) {
      const auto name = token.substr(2, token.find('=') == std::string::npos ? std::string::npos : token.find('=') - 2);
      auto known = long_options(app);
      if (scope != &app) {
        auto own = long_options(*scope);
        known.insert(known.end(), own.begin(), own.end());
      }
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        auto guess = closest(name, known);
        return guess.empty() ? std::string() : fmt::format("Did you mean '--{}'?", guess);
      }
      if (!command_seen && global_with_value(app, token) && token.find('=') == std::string::npos) ++i;
      continue;
    }
    if (token.starts_with("-")) {
      if (!command_seen && global_with_value(app, token)) ++i;
      continue;
    }
    if (command_seen && commands_of(*scope).empty()) continue;  // a positional argument
    if (auto* sub = find_command(*scope, token)) {
      scope = sub;
      command_seen = true;
      continue;
    }
    if (command_seen && scope != &app && !commands_of(*scope).empty()) {
      auto guess = closest(token, names_of(*scope));
      return guess.empty() ? std::string() : fmt::format("Did you mean '{}'?", guess);
    }
    if (!command_seen) {
      auto guess = closest(token, names_of(app));
      return guess.empty() ? std::string() : fmt::format("Did you mean '{}'?", guess);
    }
  }
  return {};
}

std::string completion_script(const CLI::App& app, const std::string& shell) {
  std::vector<std::pair<std::string, const CLI::App*>> paths;
  walk(app, "", paths);
  auto options_of = [](const CLI::App* a) {
    std::string out;
    for (const auto* opt : a->get_options()) {
      for (const auto& l : opt->get_lnames()) out += (out.empty() ? "--" : " --") + l;
    }
    return out;
  };
  std::string top;
  for (const auto& [path, sub] : paths) {
    if (path.find(' ') == std::string::npos) top += (top.empty() ? "" : " ") + path;
  }
  const std::string keywords = "head heads base current";
  if (shell == "bash" || shell == "zsh") {
    std::string out = shell == "zsh" ? "#compdef retort\nautoload -U +X bashcompinit && bashcompinit\n" : "";
    out += "# retort completion for " + shell + ": source it, or put it where your shell loads completions.\n";
    out += "_retort() {\n  local cur=${COMP_WORDS[COMP_CWORD]} cmd=\"\" sub=\"\" w\n";
    out += "  for w in \"${COMP_WORDS[@]:1:$((COMP_CWORD-1))}\"; do\n";
    out += "    case $w in -*) ;; *) if [ -z \"$cmd\" ]; then cmd=$w; elif [ -z \"$sub\" ]; then sub=$w; fi ;; esac\n";
    out += "  done\n  local words\n  case \"$cmd $sub\" in\n";
    for (auto it = paths.rbegin(); it != paths.rend(); ++it) {
      const auto& [path, sub] = *it;
      std::string children;
      for (const auto* c : commands_of(*sub)) children += " " + c->get_name();
      auto pattern = path.find(' ') == std::string::npos ? "\"" + path + " \"*" : "\"" + path + "\"";
      out += fmt::format("    {}) words=\"{}{} {}\" ;;\n", pattern, options_of(sub), children, keywords);
    }
    out += fmt::format("    *) words=\"{} {}\" ;;\n  esac\n", top, options_of(&app));
    out += "  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n}\ncomplete -F _retort retort\n";
    return out;
  }
  if (shell == "fish") {
    // A description in fish's single quotes: only \\ and \' are special there.
    auto q = [](const std::string& text) {
      std::string out = "'";
      for (char c : text) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
      }
      return out + "'";
    };
    std::string out = "# retort completion for fish: save as ~/.config/fish/completions/retort.fish\n";
    out += "complete -c retort -f\n";
    for (const auto* opt : app.get_options()) {
      for (const auto& l : opt->get_lnames()) {
        out += fmt::format("complete -c retort -l {} -d {}\n", l, q(opt->get_description()));
      }
    }
    for (const auto& [path, sub] : paths) {
      const auto first = path.substr(0, path.find(' '));
      if (path.find(' ') == std::string::npos) {
        out += fmt::format("complete -c retort -n '__fish_use_subcommand' -a {} -d {}\n", path, q(sub->get_description()));
      } else {
        out += fmt::format("complete -c retort -n '__fish_seen_subcommand_from {}' -a {} -d {}\n", first,
                           path.substr(path.find(' ') + 1), q(sub->get_description()));
      }
      for (const auto* opt : sub->get_options()) {
        for (const auto& l : opt->get_lnames()) {
          out += fmt::format("complete -c retort -n '__fish_seen_subcommand_from {}' -l {} -d {}\n", first, l,
                             q(opt->get_description()));
        }
      }
    }
    out += fmt::format("complete -c retort -n 'not __fish_use_subcommand' -a '{}'\n", keywords);
    return out;
  }
  throw Error(ErrorCode::Usage, fmt::format("No completion for shell '{}'; known: bash, zsh, fish", shell));
}

std::string help_footer() {
  return R"(Examples:
  retort init migrations                 start a project (retort.toml, migrations/versions/)
  retort revision -m "create users"      write a new migration file
  retort upgrade head                    apply every pending migration
  retort downgrade -1                    undo exactly one
  retort upgrade --sql base:head         print the SQL instead of running it
  retort revision --autogenerate -m "x"  write the SQL from the difference to the schema files
  retort graph | dot -Tsvg > graph.svg   a picture of the revision graph

Exit codes: 0 success; 1 error (a bad file or graph, a failed migration, a database error);
2 bad usage; 3 `check` found differences.

Environment: RETORT_CONFIG (the config file when -c is not given), DATABASE_URL (read by the
generated retort.toml), EDITOR (for `edit`).
Shell completion: retort completion bash|zsh|fish. Documentation: `man retort`, README.md, docs/.)";
}

std::string man_page(const CLI::App& app, const std::string& version) {
  std::vector<std::pair<std::string, const CLI::App*>> paths;
  walk(app, "", paths);
  std::string out = fmt::format(".TH RETORT 1 \"\" \"retort {}\" \"User Commands\"\n", version);
  out += ".SH NAME\nretort \\- database schema migrations with plain SQL files\n";
  out += ".SH SYNOPSIS\n.B retort\n[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]\n";
  out += ".SH DESCRIPTION\n" + roff(app.get_description()) +
         ". Migrations are SQL files in a revision graph (branches, merges, labels, dependencies), "
         "applied and undone along it as Alembic does, with a version table recording where a "
         "database is.\n";
  out += ".SH GLOBAL OPTIONS\n";
  for (const auto* opt : app.get_options()) {
    if (opt->get_lnames().empty() && opt->get_snames().empty()) continue;
    out += ".TP\n.B " + roff(option_synopsis(opt)) + "\n" + roff(opt->get_description()) + "\n";
  }
  out += ".SH COMMANDS\n";
  for (const auto& [path, sub] : paths) {
    std::string positionals;
    for (const auto* opt : sub->get_options()) {
      if (opt->get_positional()) positionals += " " + opt->get_name(true);
    }
    out += ".SS " + roff(path + positionals) + "\n" + roff(sub->get_description()) + "\n";
    for (const auto* opt : sub->get_options()) {
      if (opt->get_positional() || (opt->get_lnames().empty() && opt->get_snames().empty())) continue;
      if (opt->get_lnames() == std::vector<std::string>{"help"}) continue;
      out += ".TP\n.B " + roff(option_synopsis(opt)) + "\n" + roff(opt->get_description()) + "\n";
    }
  }
  std::string footer = help_footer();
  out += ".SH EXAMPLES\n.nf\n" + roff(footer.substr(footer.find('\n') + 1, footer.find("\n\nExit") - footer.find('\n') - 1)) +
         "\n.fi\n";
  out += ".SH EXIT STATUS\n0 success; 1 error (a bad file or graph, a failed migration, a database error); "
         "2 bad usage; 3 \\fBcheck\\fR found differences.\n";
  out += ".SH ENVIRONMENT\n.TP\n.B RETORT_CONFIG\nthe config file when \\fB\\-c\\fR is not given\n"
         ".TP\n.B DATABASE_URL\nread by the generated retort.toml\n.TP\n.B EDITOR\nthe editor \\fBedit\\fR opens\n";
  out += ".SH SEE ALSO\n\\fBalembic\\fR(1), \\fBsqlite3\\fR(1), \\fBpsql\\fR(1)\n";
  return out;
}

}  // namespace retort::cli
