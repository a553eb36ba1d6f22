// Time to generate derivation worksheets (the derivations issue: the full seed 001
// worksheet, every parameter in both styles, in < 50 ms; a chain of 1000 named nodes in
// deltas style in < 1 s). Run: build/release/bench/bench_worksheet
#include "../examples/bp_network/seed_001_network.hpp"
#include "derivations/render_markdown.hpp"
#include "derivations/worksheet.hpp"

#include <benchmark/benchmark.h>

using chainrule::Tape;
using chainrule::derivations::Real;
namespace d = chainrule::derivations;

namespace {

d::Worksheet seed_worksheet() {
    Tape<Real> t;
    const auto E = examples::record_seed_001_network(t);
    d::WorksheetOptions o;
    o.style = d::StyleChoice::Both;
    o.learning_rate = Real("0.5");
    return d::make_worksheet(t, E, o);
}

void BM_seed_worksheet_all_parameters_both_styles(benchmark::State& state) {
    for (auto _ : state) {
        std::string md = d::render_markdown(d::worksheet_document(seed_worksheet()));
        benchmark::DoNotOptimize(md);
    }
}
BENCHMARK(BM_seed_worksheet_all_parameters_both_styles)->Unit(benchmark::kMillisecond);

void BM_chain_1000_named_nodes_deltas(benchmark::State& state) {
    for (auto _ : state) {
        Tape<Real> t;
        auto y = t.variable(Real("0.3"), "x");
        for (int k = 0; k < 1000; ++k) y = sin(y).named("s" + std::to_string(k));
        d::WorksheetOptions o;
        o.style = d::StyleChoice::Deltas;
        std::string md = d::render_markdown(d::worksheet_document(d::make_worksheet(t, y, o)));
        benchmark::DoNotOptimize(md);
    }
}
BENCHMARK(BM_chain_1000_named_nodes_deltas)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
