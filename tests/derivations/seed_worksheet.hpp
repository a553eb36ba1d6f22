#pragma once
// The worksheet of the seed 001 network (2-2-2 sigmoid, squared error; one bias per layer)
// with the given options, for the derivations tests.
#include "autodiff/seed_network.hpp"
#include "derivations/worksheet.hpp"

#include <utility>
#include <vector>

namespace seed_worksheet {

inline chainrule::derivations::Worksheet seed_sheet(chainrule::derivations::WorksheetOptions options) {
    chainrule::Tape<chainrule::Real> tape;
    std::vector<chainrule::Real> p;
    for (const auto& s : seed_network::seed_parameters(false)) p.emplace_back(s);
    auto net = seed_network::record(tape, p);
    return chainrule::derivations::make_worksheet(tape, net.E, std::move(options));
}

}  // namespace seed_worksheet
