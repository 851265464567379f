// The revision graph against Alembic 1.8.1 itself (issue 15): random graphs — branch points,
// merges, several bases, labels, Depends On, file order unlike creation order — and random queries
// (resolve, heads, upgrade / downgrade / stamp with the version rows after every step, history
// ranges), answered by retort's planner and by Alembic's own RevisionMap through
// alembic_graph.py, then compared.
//
// Seeded and bounded in time: RETORT_DIFF_SEED (default fixed), RETORT_DIFF_SECONDS (default 20),
// RETORT_DIFF_GRAPHS (most graphs, default 4000). A failure prints the seed, the graph and both
// answers.
//
// Deliberate differences (SPEC §5, docs/coming-from-alembic.md), each checked rather than skipped:
//   exact-up:   `upgrade +N` / `label@+N` where Alembic's walk is ambiguous (a branch point above)
//               or runs another number of migrations than N (a merge drags in its other parents):
//               retort runs exactly the first N migrations of `upgrade heads` (`label@heads`).
//   exact-down: `downgrade -N` / `label@-N` from several current heads (Alembic walks from the
//               table's first row, an order the database does not define), or where Alembic's walk
//               is ambiguous (a merge below) or undoes another number than N: retort undoes
//               exactly the first N migrations of `downgrade base` (`label@base`).
//   stamp-keep: a stamp that would leave an applied revision out of the version table without
//               moving below it (a merged-away branch): retort refuses and names it, unless
//               --purge; the test checks that Alembic's rows really lose that revision.
//   ancestor-dep: a Depends On naming one of the revision's own ancestors orders nothing, and retort
//               drops it; Alembic keeps it and, undoing that revision, writes a row for the
//               ancestor beside its child (overlapping rows its next run refuses). Checked by
//               asking Alembic the same query on the graph without those dependencies.
// Error messages are not compared (retort's name the files and candidates); that both fail is.
// Alembic keeps a revision's several Depends On in a Python set, so their order changes from run to
// run; the adaptor pins the declared order, which is retort's.

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include "retort/error.hpp"
#include "revision/planner.hpp"
#include "support/shell.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

namespace retort::test {
namespace {

using nlohmann::json;
using revisions::Graph;
using revisions::Index;
using revisions::RevSet;

long env_number(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtol(v, nullptr, 10) : fallback;
}

struct Spec {
  std::string id;
  std::vector<std::string> down, labels, deps;
};

/// A random graph, in a random file order.
std::vector<Spec> random_graph(std::mt19937& rng) {
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  const std::size_t n = 1 + pick(chance(0.2) ? 18 : 10);
  std::vector<Spec> revs;
  std::vector<std::set<std::size_t>> up;  // ancestors through Revises, by creation index
  static const char* hex = "0123456789abcdef";
  std::set<std::string> used;
  for (std::size_t i = 0; i < n; ++i) {
    Spec s;
    // Mostly long ids sharing prefixes (partial ids), some of three characters or fewer.
    do {
      std::size_t len = chance(0.2) ? 2 + pick(2) : 6 + pick(3);
      s.id = chance(0.5) ? "ab" : "";
      while (s.id.size() < len) s.id += hex[pick(16)];
    } while (!used.insert(s.id).second);
    std::set<std::size_t> anc;
    if (i > 0 && !chance(0.15)) {
      std::size_t p = pick(i);
      s.down.push_back(revs[p].id);
      anc = up[p];
      anc.insert(p);
      if (i > 2 && chance(0.2)) {  // a merge with a revision unrelated to the first parent
        std::size_t q = pick(i);
        if (q != p && !up[p].count(q) && !up[q].count(p)) {
          s.down.push_back(revs[q].id);
          anc.insert(up[q].begin(), up[q].end());
          anc.insert(q);
        }
      }
    }
    if (chance(0.25)) s.labels.push_back("lbl" + std::to_string(i));
    for (int k = 0; k < 2 && i > 0 && chance(k == 0 ? 0.25 : 0.2); ++k) {
      std::size_t d = pick(i);
      // A Depends On naming an ancestor is rare (see ancestor-dep above).
      if (!anc.count(d) || chance(0.2)) {
        bool by_label = !revs[d].labels.empty() && chance(0.3);
        auto dep = by_label ? revs[d].labels.front() : revs[d].id;
        if (std::find(s.deps.begin(), s.deps.end(), dep) == s.deps.end()) s.deps.push_back(dep);
      }
    }
    up.push_back(anc);
    revs.push_back(std::move(s));
  }
  std::shuffle(revs.begin(), revs.end(), rng);
  return revs;
}

Graph build(const std::vector<Spec>& specs) {
  std::vector<revisions::RevisionNode> nodes;
  for (const auto& s : specs) nodes.push_back({s.id, s.down, s.labels, s.deps, "versions/" + s.id + ".sql"});
  return Graph::build(std::move(nodes));
}

/// The same graph without Depends On entries that name one of the revision's own ancestors.
std::vector<Spec> without_ancestor_deps(const std::vector<Spec>& specs, const Graph& g) {
  auto out = specs;
  for (auto& s : out) {
    auto self = *g.find(s.id);
    auto up = g.parent_ancestors({self});
    std::erase_if(s.deps, [&](const std::string& d) {
      auto i = g.find(d);
      if (!i) i = g.find_label(d);
      return i && *i != self && up.contains(*i);
    });
  }
  return out;
}

/// A random applied state, as version rows: the heads of an ancestor-closed set.
std::vector<std::string> random_rows(const Graph& g, std::mt19937& rng) {
  std::vector<Index> picked;
  for (Index i = 0; i < g.size(); ++i) {
    if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) picked.push_back(i);
  }
  if (std::uniform_int_distribution<int>(0, 5)(rng) == 0) picked.clear();
  return g.ids(g.heads_of(g.ancestors(picked)));
}

/// Identifiers worth asking about in `g`.
std::vector<std::string> identifier_pool(const Graph& g, const std::vector<Spec>& specs) {
  std::vector<std::string> pool{"head", "heads", "base", "-1", "-2", "+1", "+2", "head-1", "heads-1", "base+1",
                                "zzzz", "ab", "a", "base-1"};
  std::vector<std::string> labels;
  for (const auto& s : specs) labels.insert(labels.end(), s.labels.begin(), s.labels.end());
  for (Index i = 0; i < g.size(); ++i) {
    const auto& id = g.id(i);
    pool.push_back(id);
    pool.push_back(id.substr(0, std::min<std::size_t>(id.size(), 4)));
    pool.push_back(id + "+1");
    pool.push_back(id + "-1");
    pool.push_back(id + "-2");
    pool.push_back(id + "@head");
  }
  for (const auto& l : labels) {
    for (const char* suffix : {"", "@head", "@heads", "@base", "@-1", "@+1", "@base+1", "@head-1"}) {
      pool.push_back(l + suffix);
    }
    pool.push_back(l + "@" + g.id(0));
    pool.push_back(l + "@" + g.id(0) + "+1");
  }
  return pool;
}

json spec_json(const std::vector<Spec>& specs) {
  json revs = json::array();
  for (const auto& s : specs) revs.push_back({{"id", s.id}, {"down", s.down}, {"deps", s.deps}, {"labels", s.labels}});
  return revs;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

json plan_json(const Graph& g, const revisions::Plan& plan) {
  json steps = json::array(), rows = json::array();
  auto current = plan.rows_before;
  for (const auto& s : plan.steps) {
    if (s.kind == StepKind::Stamp) {
      steps.push_back({"stamp", ""});
    } else {
      steps.push_back({s.kind == StepKind::Upgrade ? "up" : "down", g.id(*s.revision)});
    }
    current = revisions::rows_after(current, s);
    rows.push_back(sorted(current));
  }
  return {{"steps", steps}, {"rows", rows}};
}

/// retort's answer to one query, in the adaptor's shape.
json retort_answer(const Graph& g, const json& q) {
  try {
    const std::string op = q["op"];
    if (op == "heads") return {{"heads", g.ids(g.heads())}};
    if (op == "real_heads") return {{"heads", g.ids(g.real_heads())}};
    if (op == "resolve") {
      json out = json::array();
      for (const auto& s : revisions::Resolver(g).revisions(q["id"].get<std::string>())) {
        if (s.is_revision())
          out.push_back(g.id(s.rev));
        else if (s.kind == revisions::Spot::Kind::Base)
          out.push_back("base");
        else
          out.push_back(nullptr);
      }
      return {{"revisions", out}};
    }
    if (op == "upgrade" || op == "downgrade") {
      auto rows = q["rows"].get<std::vector<std::string>>();
      auto target = q["target"].get<std::string>();
      return plan_json(g, op == "upgrade" ? revisions::plan_upgrade(g, rows, target)
                                          : revisions::plan_downgrade(g, rows, target));
    }
    if (op == "stamp") {
      auto plan = revisions::plan_stamp(g, q["rows"].get<std::vector<std::string>>(),
                                        q["targets"].get<std::vector<std::string>>(), q["purge"].get<bool>());
      return {{"final", sorted(plan.rows_after)}};
    }
    if (op == "history") {
      auto end = [](const json& v) {
        return v.is_array() ? revisions::RevArg::of_rows(v.get<std::vector<std::string>>())
                            : revisions::RevArg::of(v.get<std::string>());
      };
      revisions::Resolver resolver(g);
      return {{"revisions", g.ids(revisions::history_range(resolver, end(q["lower"]), end(q["upper"]), "range"))}};
    }
  } catch (const Error& e) {
    return {{"error", e.message()}};
  }
  return {{"error", "unknown query"}};
}

/// Alembic's answer reduced to what retort's answer holds (stamps: the final rows only).
json comparable(const json& q, const json& a) {
  if (a.contains("error")) return {{"error", true}};
  if (q["op"] == "stamp") {
    const auto& rows = a["rows"];
    auto before = q["purge"].get<bool>() ? std::vector<std::string>{} : q["rows"].get<std::vector<std::string>>();
    return {{"final", rows.empty() ? sorted(before) : rows.back().get<std::vector<std::string>>()}};
  }
  return a;
}

json reduce(const json& a) { return a.contains("error") ? json{{"error", true}} : a; }

/// The first n steps of a full plan answer (with the rows after each).
json prefix(const json& full, std::size_t n) {
  json steps = json::array(), rows = json::array();
  for (std::size_t k = 0; k < n && k < full["steps"].size(); ++k) {
    steps.push_back(full["steps"][k]);
    rows.push_back(full["rows"][k]);
  }
  return {{"steps", steps}, {"rows", rows}};
}

struct Query {
  json q;
  std::optional<std::size_t> companion;  ///< index of the heads/base plan a relative query may fall back to
};

/// Whether a disagreement is one of the deliberate differences, checked against Alembic's answers.
std::string deliberate(const Graph& g, const Query& query, const json& mine, const json& theirs,
                       const std::vector<json>& answers) {
  const auto& q = query.q;
  const std::string op = q["op"];
  if ((op == "upgrade" || op == "downgrade") && query.companion) {
    auto rel = revisions::match_relative(q["target"].get<std::string>());
    if (rel && !rel->symbol) {
      const auto n = static_cast<std::size_t>(rel->steps < 0 ? -rel->steps : rel->steps);
      const auto& full = answers[*query.companion];
      const bool ambiguous = theirs.contains("error") &&
                             theirs["error"].get<std::string>().find("Ambiguous walk") != std::string::npos;
      const bool other_count = !theirs.contains("error") && theirs["steps"].size() != n;
      std::set<std::string> distinct;
      for (const auto& r : q["rows"]) distinct.insert(r.get<std::string>());
      const bool several = op == "downgrade" && !rel->branch && distinct.size() > 1;
      if (ambiguous || other_count || several) {
        const std::string why = op == "upgrade" ? "exact-up" : "exact-down";
        if (full.contains("error") || full["steps"].size() < n) return mine.contains("error") ? why : "";
        return reduce(mine) == prefix(full, n) ? why : "";
      }
    }
  }
  if (op == "stamp" && mine.contains("error") && !theirs.contains("error") && !q["purge"].get<bool>() &&
      mine["error"].get<std::string>().find("would forget") != std::string::npos) {
    // Alembic's rows must really have lost an applied revision that the stamp did not move below.
    auto rows = q["rows"].get<std::vector<std::string>>();
    auto after = theirs["final"].get<std::vector<std::string>>();
    std::vector<Index> before_revs, after_revs, dests;
    for (const auto& r : rows) before_revs.push_back(*g.find(r));
    for (const auto& r : after) after_revs.push_back(*g.find(r));
    revisions::Resolver resolver(g);
    for (const auto& s : resolver.revisions(q["targets"].get<std::vector<std::string>>())) {
      if (s.is_revision()) dests.push_back(s.rev);
    }
    auto applied = g.ancestors(before_revs), kept = g.ancestors(after_revs), moved = g.descendants(dests);
    for (Index i = 0; i < g.size(); ++i) {
      if (applied.contains(i) && !kept.contains(i) && !moved.contains(i)) return "stamp-keep";
    }
  }
  return "";
}

std::string describe(const std::vector<Spec>& specs) {
  std::string out;
  for (const auto& s : specs) {
    out += "  " + s.id + ": " + text::join(s.down, " ");
    if (!s.labels.empty() || !s.deps.empty()) out += " | " + text::join(s.labels, " ");
    if (!s.deps.empty()) out += " | " + text::join(s.deps, " ");
    out += "\n";
  }
  return out;
}

/// The queries asked of one graph: random ones, or (exhaustive) every identifier of the pool from
/// a few states.
std::vector<Query> make_queries(const Graph& g, const std::vector<Spec>& specs, std::mt19937& rng, bool exhaustive) {
  auto pool = identifier_pool(g, specs);
  auto any = [&] { return pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(rng)]; };
  std::vector<Query> qs{{{{"op", "heads"}}, {}}, {{{"op", "real_heads"}}, {}}};
  auto move = [&](bool up, const std::vector<std::string>& rows, const std::string& target) {
    auto rel = revisions::match_relative(target);
    std::optional<std::size_t> companion;
    if (rel && !rel->symbol) {
      // The plan a relative count falls back to (the deliberate differences above).
      std::string full = (rel->branch ? *rel->branch + "@" : "") + (up ? "heads" : "base");
      qs.push_back({{{"op", up ? "upgrade" : "downgrade"}, {"rows", rows}, {"target", full}}, {}});
      companion = qs.size() - 1;
    }
    qs.push_back({{{"op", up ? "upgrade" : "downgrade"}, {"rows", rows}, {"target", target}}, companion});
  };
  auto history_end = [&](const std::vector<std::string>& rows, const char* empty) {
    return rows.empty() ? json(empty) : json(rows);
  };
  if (exhaustive) {
    std::vector<std::vector<std::string>> states{{}, g.ids(g.real_heads())};
    for (int k = 0; k < 4; ++k) states.push_back(random_rows(g, rng));
    for (const auto& id : pool) {
      qs.push_back({{{"op", "resolve"}, {"id", id}}, {}});
      for (const auto& rows : states) {
        move(true, rows, id);
        move(false, rows, id);
        qs.push_back({{{"op", "stamp"}, {"rows", rows}, {"targets", {id}}, {"purge", false}}, {}});
      }
      qs.push_back({{{"op", "history"}, {"lower", id}, {"upper", "heads"}}, {}});
      qs.push_back({{{"op", "history"}, {"lower", "base"}, {"upper", id}}, {}});
      qs.push_back({{{"op", "history"}, {"lower", id}, {"upper", any()}}, {}});
      qs.push_back({{{"op", "history"}, {"lower", history_end(states[2], "base")}, {"upper", id}}, {}});
    }
    return qs;
  }
  for (int k = 0; k < 6; ++k) qs.push_back({{{"op", "resolve"}, {"id", any()}}, {}});
  for (int k = 0; k < 8; ++k) move(k % 2 == 0, random_rows(g, rng), any());
  for (int k = 0; k < 3; ++k) {
    std::vector<std::string> targets{any()};
    if (k == 2) targets.push_back(any());
    qs.push_back({{{"op", "stamp"}, {"rows", random_rows(g, rng)}, {"targets", targets}, {"purge", k == 1}}, {}});
  }
  for (int k = 0; k < 3; ++k) {
    json lower = k == 0 ? history_end(random_rows(g, rng), "base") : json(any());
    json upper = k == 1 ? history_end(random_rows(g, rng), "heads") : json(any());
    qs.push_back({{{"op", "history"}, {"lower", lower}, {"upper", upper}}, {}});
  }
  return qs;
}

class Differential {
 public:
  explicit Differential(std::uint32_t seed) : seed_(seed) {
    python_ = std::getenv("RETORT_PYTHON") ? std::getenv("RETORT_PYTHON") : "/usr/bin/python3";
  }

  [[nodiscard]] bool alembic_available() const { return shell(python_ + " -c 'import alembic' 2>&1").status == 0; }

  /// Asks both tools every query of every graph and tallies the comparison.
  void run(const std::vector<std::vector<Spec>>& batch, const std::vector<std::vector<Query>>& batch_queries) {
    std::vector<std::pair<std::size_t, std::optional<std::size_t>>> slots;  // request graphs per entry
    json request = {{"graphs", json::array()}};
    for (std::size_t b = 0; b < batch.size(); ++b) {
      json graph_queries = json::array();
      for (const auto& q : batch_queries[b]) graph_queries.push_back(q.q);
      request["graphs"].push_back({{"revisions", spec_json(batch[b])}, {"queries", graph_queries}});
      std::optional<std::size_t> alt;
      if (auto plain = without_ancestor_deps(batch[b], build(batch[b])); spec_json(plain) != spec_json(batch[b])) {
        request["graphs"].push_back({{"revisions", spec_json(plain)}, {"queries", graph_queries}});
        alt = request["graphs"].size() - 1;
      }
      slots.push_back({request["graphs"].size() - (alt ? 2 : 1), alt});
    }
    auto in = dir_.write("request.json", request.dump());
    auto out = dir_.path() / "answers.json";
    auto status = shell("PYTHONHASHSEED=0 " + python_ + " " + ALEMBIC_ADAPTOR + " < " + in.string() + " > " + out.string() + " 2>&1").status;
    ASSERT_EQ(status, 0) << "the Alembic adaptor failed: " << std::ifstream(out).rdbuf();
    json answers = json::parse(std::ifstream(out));
    for (std::size_t b = 0; b < batch.size(); ++b) {
      auto g = build(batch[b]);
      const auto& qs = batch_queries[b];
      auto reduce_all = [&](const json& all) {
        std::vector<json> r;
        for (std::size_t k = 0; k < qs.size(); ++k) r.push_back(comparable(qs[k].q, all[k]));
        return r;
      };
      const auto& raw = answers["answers"][slots[b].first];
      auto reduced = reduce_all(raw);
      std::optional<std::vector<json>> plain;
      if (slots[b].second) plain = reduce_all(answers["answers"][*slots[b].second]);
      for (std::size_t k = 0; k < qs.size(); ++k) {
        auto mine = retort_answer(g, qs[k].q);
        ++queries_;
        if (reduce(mine) == reduced[k]) {
          ++tally_["same"];
          continue;
        }
        // The raw Alembic error text is kept for the classification.
        auto why = deliberate(g, qs[k], mine, raw[k].contains("error") ? raw[k] : reduced[k], reduced);
        if (why.empty() && plain) {
          const auto& plain_raw = answers["answers"][*slots[b].second][k];
          if (reduce(mine) == (*plain)[k]) {
            why = "ancestor-dep";
          } else if (auto also = deliberate(g, qs[k], mine, plain_raw.contains("error") ? plain_raw : (*plain)[k], *plain);
                     !also.empty()) {
            why = "ancestor-dep+" + also;
          }
        }
        if (!why.empty()) {
          ++tally_[why];
          continue;
        }
        ++tally_["undocumented"];
        if (++failures_ <= env_number("RETORT_DIFF_SHOW", 10)) {
          ADD_FAILURE() << "seed " << seed_ << ", graph " << graphs_ + static_cast<long>(b) << " (file order):\n"
                        << describe(batch[b]) << "query: " << qs[k].q.dump() << "\nretort:  " << mine.dump()
                        << "\nalembic: " << raw[k].dump();
        }
      }
    }
    graphs_ += static_cast<long>(batch.size());
  }

  void report() const {
    std::string summary;
    for (const auto& [k, v] : tally_) summary += fmt::format(" {}={}", k, v);
    std::cout << fmt::format("seed {}: {} graphs, {} queries:{}\n", seed_, graphs_, queries_, summary);
  }

  [[nodiscard]] long graphs() const { return graphs_; }
  [[nodiscard]] long failures() const { return failures_; }

 private:
  std::uint32_t seed_;
  std::string python_;
  TempDir dir_;
  std::map<std::string, long> tally_;
  long graphs_ = 0, queries_ = 0, failures_ = 0;
};

TEST(AlembicDifferential, RandomGraphsAndQueries) {
  const auto seed = static_cast<std::uint32_t>(env_number("RETORT_DIFF_SEED", 20261201));
  Differential diff(seed);
  if (!diff.alembic_available()) {
    FAIL() << "Alembic is not installed (Debian python3-alembic; scripts/install-deps.sh installs it)";
  }
  const auto seconds = env_number("RETORT_DIFF_SECONDS", 20);
  const auto max_graphs = env_number("RETORT_DIFF_GRAPHS", 4000);
  std::mt19937 rng(seed);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (diff.graphs() < max_graphs && std::chrono::steady_clock::now() < deadline) {
    std::vector<std::vector<Spec>> batch;
    std::vector<std::vector<Query>> queries;
    for (int b = 0; b < 100; ++b) {
      auto specs = random_graph(rng);
      queries.push_back(make_queries(build(specs), specs, rng, false));
      batch.push_back(std::move(specs));
    }
    diff.run(batch, queries);
  }
  diff.report();
  EXPECT_GT(diff.graphs(), 0);
  EXPECT_EQ(diff.failures(), 0);
}

/// Graphs of one's own, every identifier asked from several states: RETORT_DIFF_FILE names a file
/// of graphs, one revision per line as "id: parents | labels | depends_on", graphs separated by a
/// blank line, in file order.
TEST(AlembicDifferential, GraphsFromFile) {
  const char* file = std::getenv("RETORT_DIFF_FILE");
  if (!file || !*file) GTEST_SKIP() << "RETORT_DIFF_FILE is not set";
  Differential diff(0);
  ASSERT_TRUE(diff.alembic_available());
  std::ifstream in(file);
  std::vector<std::vector<Spec>> batch;
  std::vector<Spec> current;
  std::string line;
  auto words = [](const std::string& t) { return text::split(t, ' '); };
  while (true) {
    bool more = static_cast<bool>(std::getline(in, line));
    if (!more || text::trim(line).empty()) {
      if (!current.empty()) batch.push_back(std::move(current));
      current.clear();
      if (!more) break;
      continue;
    }
    auto colon = line.find(':');
    auto parts = text::split(line.substr(colon + 1), '|', true, false);
    Spec s{std::string(text::trim(line.substr(0, colon))), {}, {}, {}};
    if (!parts.empty()) s.down = words(parts[0]);
    if (parts.size() > 1) s.labels = words(parts[1]);
    if (parts.size() > 2) s.deps = words(parts[2]);
    current.push_back(std::move(s));
  }
  std::mt19937 rng(1);
  std::vector<std::vector<Query>> queries;
  for (const auto& specs : batch) queries.push_back(make_queries(build(specs), specs, rng, true));
  diff.run(batch, queries);
  diff.report();
  EXPECT_EQ(diff.failures(), 0);
}

}  // namespace
}  // namespace retort::test
