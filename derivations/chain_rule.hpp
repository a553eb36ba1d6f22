#pragma once
/// \file chain_rule.hpp
/// The chain rule over a named graph. For an output E and a node p:
///
/// - **local partials** \f$\partial N/\partial M\f$ for every named node N and every named
///   node M it reads: symbolic differentiation of N's definition, simplified, and
///   rewritten in terms of named nodes (∂out/∂in of a sigmoid reads out(1 − out));
/// - **paths** style: \f$\frac{\partial E}{\partial p} = \sum_{\text{paths}} \prod
///   \frac{\partial N_k}{\partial N_{k+1}}\f$, one product per path from E down to p;
/// - **deltas** style: \f$\delta_N = \partial E/\partial N = \sum_{C \text{ reads } N}
///   \delta_C\,\partial C/\partial N\f$, once per node (linear in the graph size), used
///   when there are more than `kMaxPaths` paths.
///
/// Every number is computed in 50-digit arithmetic and the result is compared with the
/// reverse-mode gradient of the same tape.

#include "named_graph.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace chainrule::derivations {

/// Past this many paths the paths style is replaced by the deltas style.
inline constexpr std::size_t kMaxPaths = 64;

/// ∂(of)/∂(wrt) for two named nodes, `of` reading `wrt` (possibly through unnamed nodes).
struct LocalPartial {
    std::size_t of = 0;
    std::size_t wrt = 0;
    symbolic::Expr formula;  ///< simplified, in terms of named nodes
    Real value;
};

/// One factor of a path product. When a factor with partial ≡ 1 (E = E_o1 + E_o2) sits
/// on a chain that cannot branch, it is merged into the next factor, so that the product
/// reads ∂E/∂out_o1 · … as a person writes it; `through` lists the skipped nodes.
struct PathFactor {
    LocalPartial partial;
    std::size_t of = 0;  ///< the upper node of the (possibly merged) factor
    std::vector<std::size_t> through;
};

struct ChainPath {
    std::vector<std::size_t> nodes;  ///< E, …, p
    std::vector<PathFactor> factors;
    Real product;
};

/// δ_N = Σ δ_C · ∂C/∂N over the named nodes C that read N.
struct DeltaStep {
    std::size_t node = 0;
    std::vector<std::pair<std::size_t, LocalPartial>> terms;  ///< (consumer C, ∂C/∂N)
    Real value;
};

enum class ChainStyle { Paths, Deltas };

struct GradientDerivation {
    std::size_t output = 0;
    std::size_t wrt = 0;
    ChainStyle style = ChainStyle::Paths;
    double path_count = 0;  ///< number of paths from output to wrt (may be huge)
    std::vector<ChainPath> paths;
    std::vector<DeltaStep> deltas;  ///< from the output down to wrt
    Real result;                    ///< sum of the path products, or δ_wrt
    Real reverse_mode;              ///< the adjoint of wrt from the reverse sweep
    /// wrt − η·result after one gradient-descent step (set by make_worksheet when the
    /// worksheet has a learning rate η).
    std::optional<Real> after_update;
};

/// ∂(of)/∂(wrt), simplified and rewritten in terms of named nodes, with its value.
LocalPartial local_partial(const NamedGraph& g, std::size_t of, std::size_t wrt);

/// Every local partial of the graph: ∂N/∂M for each named node N and each M it reads.
std::vector<LocalPartial> all_local_partials(const NamedGraph& g);

/// Number of paths from node `from` down to node `to` (as a double: it can be huge).
double count_paths(const NamedGraph& g, std::size_t from, std::size_t to);

/// The derivation of ∂(output)/∂(wrt) in the requested style. Throws Error when the
/// paths style is requested for more than kMaxPaths paths.
GradientDerivation derive_paths(const NamedGraph& g, std::size_t wrt);
GradientDerivation derive_deltas(const NamedGraph& g, std::size_t wrt);
/// Paths when there are at most kMaxPaths paths, deltas otherwise.
GradientDerivation derive_auto(const NamedGraph& g, std::size_t wrt);

}  // namespace chainrule::derivations
