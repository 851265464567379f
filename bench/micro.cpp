// Google Benchmark micro-benchmarks for the hot paths: parsing a migration file, building the
// graph, resolving identifiers, planning an upgrade over 10,000 revisions.

#include <benchmark/benchmark.h>
#include <malloc.h>

#include <fmt/format.h>

#include "migrations/script.hpp"
#include "revision/graph.hpp"
#include "revision/identifiers.hpp"
#include "revision/planner.hpp"

namespace {

using namespace retort;

std::string id_of(int i) { return fmt::format("{:012x}", static_cast<unsigned long long>(i) * 7919 + 1000003); }

std::vector<revisions::RevisionNode> linear_nodes(int n) {
  std::vector<revisions::RevisionNode> nodes;
  nodes.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    revisions::RevisionNode node;
    node.id = id_of(i);
    if (i > 0) node.down_revisions = {id_of(i - 1)};
    node.source = "versions/" + node.id + ".sql";
    nodes.push_back(std::move(node));
  }
  return nodes;
}

/// Ten branches merged every 100 revisions, with labels and dependencies: a busier graph.
std::vector<revisions::RevisionNode> branchy_nodes(int n) {
  auto nodes = linear_nodes(n);
  for (int i = 100; i < n; i += 100) {
    nodes[static_cast<std::size_t>(i)].down_revisions = {id_of(i - 1), id_of(i - 50)};
    nodes[static_cast<std::size_t>(i - 49)].down_revisions = {id_of(i - 51)};
    nodes[static_cast<std::size_t>(i - 30)].depends_on = {id_of(i - 70)};
  }
  nodes[1].branch_labels = {"main_line"};
  return nodes;
}

const char* const kFile = R"(-- add device location
--
-- Revision ID: 3f2a9c1b7d4e
-- Revises: 1a2b3c4d5e6f
-- Create Date: 2026-11-22 10:00:00.000000
-- Branch Labels: devices

-- migrate:upgrade
ALTER TABLE devices ADD COLUMN location VARCHAR(255);
UPDATE devices SET location = 'unknown' WHERE location IS NULL;
CREATE INDEX ix_devices_location ON devices (location);

-- migrate:downgrade
DROP INDEX ix_devices_location;
ALTER TABLE devices DROP COLUMN location;
)";

void BM_ParseScript(benchmark::State& state) {
  const std::string text = kFile;
  for (auto _ : state) benchmark::DoNotOptimize(migrations::parse_script("versions/x.sql", text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseScript);

void BM_BuildGraphLinear(benchmark::State& state) {
  auto nodes = linear_nodes(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(revisions::Graph::build(nodes));
}
BENCHMARK(BM_BuildGraphLinear)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_BuildGraphBranchy(benchmark::State& state) {
  auto nodes = branchy_nodes(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(revisions::Graph::build(nodes));
}
BENCHMARK(BM_BuildGraphBranchy)->Arg(10000)->Unit(benchmark::kMillisecond);

/// Every tenth revision depends on one twenty back: Depends On is normalised per revision that
/// has one, which must not cost the whole graph below it each time (at three sizes: linear).
void BM_BuildGraphDependencies(benchmark::State& state) {
  const auto n = static_cast<int>(state.range(0));
  auto nodes = linear_nodes(n);
  for (int i = 20; i < n; i += 10) nodes[static_cast<std::size_t>(i)].depends_on = {id_of(i - 20)};
  for (auto _ : state) benchmark::DoNotOptimize(revisions::Graph::build(nodes));
}
BENCHMARK(BM_BuildGraphDependencies)->Arg(10000)->Arg(20000)->Arg(40000)->Unit(benchmark::kMillisecond);

void BM_ResolveIdentifiers(benchmark::State& state) {
  auto g = revisions::Graph::build(branchy_nodes(10000));
  revisions::Resolver r(g);
  const std::vector<std::string> symbols = {"heads", id_of(5000), id_of(7777).substr(0, 9), "main_line@head",
                                            "main_line@base"};
  for (auto _ : state) {
    for (const auto& s : symbols) benchmark::DoNotOptimize(r.resolve(s));
  }
}
BENCHMARK(BM_ResolveIdentifiers)->Unit(benchmark::kMicrosecond);

void BM_PlanUpgradeFromBase(benchmark::State& state) {
  auto g = revisions::Graph::build(linear_nodes(10000));
  for (auto _ : state) benchmark::DoNotOptimize(revisions::plan_upgrade(g, {}, "head"));
}
BENCHMARK(BM_PlanUpgradeFromBase)->Unit(benchmark::kMillisecond);

void BM_PlanNoOpAtHead(benchmark::State& state) {
  auto g = revisions::Graph::build(linear_nodes(10000));
  const std::vector<std::string> rows = {id_of(9999)};
  for (auto _ : state) benchmark::DoNotOptimize(revisions::plan_upgrade(g, rows, "head"));
}
BENCHMARK(BM_PlanNoOpAtHead)->Unit(benchmark::kMillisecond);

void BM_PlanDowngradeBranchy(benchmark::State& state) {
  const auto n = static_cast<int>(state.range(0));
  auto g = revisions::Graph::build(branchy_nodes(n));
  const std::vector<std::string> rows = {id_of(n - 1)};
  for (auto _ : state) benchmark::DoNotOptimize(revisions::plan_downgrade(g, rows, "-100"));
}
// Two sizes: the exact-count rule simulates the whole plan, so its cost must grow linearly.
BENCHMARK(BM_PlanDowngradeBranchy)->Arg(10000)->Arg(20000)->Arg(40000)->Unit(benchmark::kMillisecond);

}  // namespace

// The heap keeps what a run frees, as the CLI's does (cli/memory.cpp): with glibc's defaults each
// iteration hands a large plan's memory back to the kernel and page-faults it in again, which on a
// virtual machine costs more than the work measured (4 x at 40,000 revisions).
int main(int argc, char** argv) {
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
