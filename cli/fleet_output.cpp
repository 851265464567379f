// A fleet's progress (a live line on a terminal, one line per finished target in a log) and its
// report (a text table, or JSON).

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "json_text.hpp"
#include "output.hpp"

namespace retort::cli {

namespace {

using State = fleet::TargetResult::State;

std::string rows(const std::optional<std::vector<std::string>>& r) {
  if (!r) return "?";
  return r->empty() ? "base" : fmt::format("{}", fmt::join(*r, ","));
}

nlohmann::json rows_json(const std::optional<std::vector<std::string>>& r) {
  return r ? nlohmann::json(*r) : nlohmann::json(nullptr);
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

const char* state_name(State s) { return s == State::Done ? "done" : s == State::Failed ? "failed" : "skipped"; }

}  // namespace

FleetProgress::FleetProgress(Options options, std::size_t total)
    : o_(options), total_(total), began_(std::chrono::steady_clock::now()) {}

FleetProgress::~FleetProgress() {
  if (o_.terminal && !o_.quiet) std::cerr << "\r\033[K" << std::flush;
}

void FleetProgress::started(const fleet::Target&) {
  ++running_;
  show();
}

void FleetProgress::finished(const fleet::TargetResult& r) {
  --running_;
  ++(r.state == State::Failed ? failed_ : done_);
  if (o_.quiet) return;
  if (o_.json_log) {
    nlohmann::json j{{"event", "target_finished"}, {"target", r.target.name}, {"state", state_name(r.state)},
                     {"before", rows_json(r.before)}, {"after", rows_json(r.after)}, {"steps", r.steps.size()},
                     {"duration_ms", r.duration.count()}};
    if (r.state == State::Failed) j["error"] = {{"kind", r.error_kind}, {"message", r.error}};
    std::cerr << json_line(j) << "\n";
  } else if (!o_.terminal) {
    if (r.state == State::Failed)
      std::cerr << fmt::format("FAILED {}: {}\n", r.target.name, first_line(r.error));
    else
      std::cerr << fmt::format("done {}: {} -> {}, {} step{}, {} ms\n", r.target.name, rows(r.before), rows(r.after),
                               r.steps.size(), r.steps.size() == 1 ? "" : "s", r.duration.count());
  }
  show();
}

void FleetProgress::show() {
  if (!o_.terminal || o_.quiet || o_.json_log) return;
  const auto finished = done_ + failed_;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began_).count();
  const double rate = seconds > 0 ? static_cast<double>(finished) / seconds : 0;
  std::string eta = rate > 0 ? fmt::format(", ETA {:.0f} s", static_cast<double>(total_ - finished) / rate) : "";
  std::cerr << fmt::format("\r\033[Kfleet: {}/{} done, {} failed, {} running, {} waiting, {:.1f}/s{}", done_, total_,
                           failed_, running_, total_ - finished - running_, rate, eta)
            << std::flush;
}

std::string fleet_text(const fleet::Report& report) {
  std::size_t width = 6;
  for (const auto& t : report.targets) width = std::max(width, t.target.name.size());
  std::string out = fmt::format("{:<{}}  {:<14} {:<14} {:>5} {:>8}  {}\n", "target", width, "before", "after",
                                "steps", "time", "result");
  for (const auto& t : report.targets) {
    std::string result = state_name(t.state);
    if (t.state == State::Failed) result = "FAILED: " + first_line(t.error);
    if (!t.pending.empty()) result += fmt::format(" ({} pending: {})", t.pending.size(), fmt::join(t.pending, ", "));
    const bool ran = t.state != State::Skipped;
    out += fmt::format("{:<{}}  {:<14} {:<14} {:>5} {:>8}  {}\n", t.target.name, width, ran ? rows(t.before) : "-",
                       ran ? rows(t.after) : "-", ran ? std::to_string(t.steps.size()) : "-",
                       ran ? fmt::format("{} ms", t.duration.count()) : "-", result);
    for (const auto& d : t.differences) out += "    " + d + "\n";
  }
  out += fmt::format("{} target{}: {} done, {} failed, {} skipped in {:.1f} s\n", report.targets.size(),
                     report.targets.size() == 1 ? "" : "s", report.count(State::Done), report.count(State::Failed),
                     report.count(State::Skipped), static_cast<double>(report.duration.count()) / 1000.0);
  return out;
}

std::string json_fleet(const fleet::Report& report) {
  using json = nlohmann::json;
  json targets = json::array();
  for (const auto& t : report.targets) {
    json steps = json::array();
    for (const auto& s : t.steps) steps.push_back({{"revision", s.revision}, {"from", s.from}, {"to", s.to}});
    json j{{"target", t.target.name}, {"state", state_name(t.state)}, {"before", rows_json(t.before)}, {"after", rows_json(t.after)},
           {"steps", steps}, {"duration_ms", t.duration.count()}, {"pending", t.pending},
           {"differences", t.differences}};
    j["error"] = t.state == State::Failed ? json{{"kind", t.error_kind}, {"message", t.error}} : json(nullptr);
    targets.push_back(j);
  }
  json doc{{"targets", targets},
           {"done", report.count(State::Done)},
           {"failed", report.count(State::Failed)},
           {"skipped", report.count(State::Skipped)},
           {"duration_ms", report.duration.count()}};
  return json_document(doc);
}

}  // namespace retort::cli
