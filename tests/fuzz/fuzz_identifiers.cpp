// libFuzzer harness: revision identifiers resolved and planned against a small branched graph.
// Invariant: an upgrade plan applies each revision at most once, a downgrade plan undoes each at
// most once; resolution, stamps and history ranges answer or throw retort::Error, nothing else.
#include <cstdint>
#include <set>
#include <string>

#include "retort/error.hpp"
#include "revision/graph.hpp"
#include "revision/identifiers.hpp"
#include "revision/planner.hpp"

using namespace retort::revisions;

namespace {

const Graph& graph() {
  static const Graph g = [] {
    std::vector<RevisionNode> nodes;
    auto node = [&](std::string id, std::vector<std::string> parents, std::vector<std::string> labels = {}) {
      RevisionNode n;
      n.id = std::move(id);
      n.down_revisions = std::move(parents);
      n.branch_labels = std::move(labels);
      n.source = n.id + ".sql";
      nodes.push_back(n);
    };
    node("a1b2c3", {}, {"core"});
    node("b2c3d4", {"a1b2c3"});
    node("c3d4e5", {"b2c3d4"});
    node("d4e5f6", {"b2c3d4"}, {"feature"});
    node("e5f6a7", {"c3d4e5", "d4e5f6"});
    node("f6a7b8", {}, {"other"});
    return Graph::build(nodes);
  }();
  return g;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)match_relative(text);
  for (const std::vector<std::string>& rows :
       {std::vector<std::string>{}, std::vector<std::string>{"b2c3d4"}, std::vector<std::string>{"c3d4e5", "f6a7b8"}}) {
    try {
      auto plan = plan_upgrade(graph(), rows, text);
      std::set<std::string> applied;
      for (const auto& step : plan.steps) {
        if (!step.revision) continue;
        const auto& id = graph().id(*step.revision);
        if (step.kind == retort::StepKind::Upgrade && !applied.insert(id).second) __builtin_trap();  // applied twice
      }
    } catch (const retort::Error&) {
    }
    try {
      auto plan = plan_downgrade(graph(), rows, text);
      std::set<std::string> undone;
      for (const auto& step : plan.steps) {
        if (step.revision && !undone.insert(graph().id(*step.revision)).second) __builtin_trap();  // undone twice
      }
    } catch (const retort::Error&) {
    }
    try {
      (void)plan_stamp(graph(), rows, {text}, false);
    } catch (const retort::Error&) {
    }
  }
  Resolver resolver(graph());
  try {
    (void)resolver.revisions(text);
  } catch (const retort::Error&) {
  }
  try {
    (void)history_range(resolver, RevArg::of(text), RevArg::of("heads"), text);
    (void)history_range(resolver, RevArg::of("base"), RevArg::of(text), text);
  } catch (const retort::Error&) {
  }
  return 0;
}
