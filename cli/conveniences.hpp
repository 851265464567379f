#pragma once
// What a shell user expects around the commands, all generated from the one set of option
// definitions (arguments.cpp): did-you-mean for a mistyped command or option, completion scripts,
// the man page.

#include <CLI/CLI.hpp>

#include <string>

namespace retort::cli {

/// "Did you mean 'upgrade'?" for the first command or long option of `argv` that `app` does not
/// know, when one it knows is close enough; empty otherwise.
[[nodiscard]] std::string did_you_mean(const CLI::App& app, int argc, const char* const* argv);

/// A completion script for `shell` (bash, zsh or fish); throws Error(Usage) for another.
[[nodiscard]] std::string completion_script(const CLI::App& app, const std::string& shell);

/// The man page (roff), section 1.
[[nodiscard]] std::string man_page(const CLI::App& app, const std::string& version);

/// The text after `--help`: examples, exit codes, environment variables.
[[nodiscard]] std::string help_footer();

}  // namespace retort::cli
