#pragma once
/// \file render_dot.hpp
/// The named graph of a worksheet as Graphviz DOT: one node per named node, labelled with
/// its name, value and adjoint ∂E/∂node; an edge from each node to the nodes that read it
/// (data flow, bottom to top), labelled with the local partial's value. Names are quoted
/// and escaped, so any name is safe.

#include "worksheet.hpp"

#include <string>

namespace chainrule::derivations {

std::string render_dot(const Worksheet& w);

}  // namespace chainrule::derivations
