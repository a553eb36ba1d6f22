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
/// The structure (which partials, which paths) is computed once; the numbers by
/// evaluate_derivation, at the current precision, so that the precision ladder can repeat
/// it (worksheet.hpp). The result is compared with the reverse-mode gradient of the same
/// tape.

#include "named_graph.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <optional>
#include <vector>

namespace chainrule::derivations {

/// Past this many paths the paths style is replaced by the deltas style.
inline constexpr std::size_t kMaxPaths = 64;

/// ∂(of)/∂(wrt) for two named nodes, `of` reading `wrt` (possibly through unnamed nodes):
/// of's definition differentiated by wrt with every other node it reads held fixed.
///
/// Notation (worksheet_document): when `of` depends on `wrt` only through this read, the
/// local partial is also the derivative of `of` by `wrt` through the graph, and both are
/// written ∂of/∂wrt. When some other read of `of` depends on `wrt` too (E = ½(y − t)² +
/// λw² with y = wx), the two differ, and the local partial is written with the reads it
/// holds fixed as a subscript, (∂E/∂w)_y, as thermodynamics writes (∂p/∂T)_V; those
/// reads are `held_fixed`.
struct LocalPartial {
    std::size_t of = 0;
    std::size_t wrt = 0;
    symbolic::Expr formula;  ///< simplified, in terms of named nodes
    Real value;
    Certainty certainty;  ///< of value, set by the precision ladder
    /// The other reads of `of` that depend on `wrt` (ascending); empty when the local
    /// partial equals the derivative through the graph.
    std::vector<std::size_t> held_fixed;
};

/// The reads of `of` other than `wrt` that depend on `wrt` (see LocalPartial::held_fixed).
std::vector<std::size_t> held_fixed_reads(const NamedGraph& g, std::size_t of, std::size_t wrt);

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
    Certainty product_certainty;
};

/// δ_N = Σ δ_C · ∂C/∂N over the named nodes C that read N.
struct DeltaStep {
    std::size_t node = 0;
    std::vector<std::pair<std::size_t, LocalPartial>> terms;  ///< (consumer C, ∂C/∂N)
    Real value;
    Certainty certainty;
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
    Certainty result_certainty, reverse_mode_certainty, after_update_certainty;
    /// When the model sits on a kink (singular_points.hpp) and wrt is a variable: the
    /// limits of ∂output/∂wrt from the left and from the right (set by make_worksheet).
    std::optional<Real> from_left, from_right;
    /// The gradient as an exact rational, when it is one worth a fraction next to its
    /// decimal (−47/25 = −1.88): set by whoever knows the inputs exactly (lang/: a
    /// .chain model's numbers are decimals, lang/exact_gradient.hpp), never by
    /// make_worksheet. Set only when `result` equals it, it is not an integer, its
    /// numerator and denominator are below 10⁶ and its denominator is not a power of ten
    /// (3/10 says no more than 0.3); nothing for an irrational result (σ, exp, π, …).
    std::optional<symbolic::Rational> exact_result;
    /// after_update (wrt − η·result) as an exact rational, by the same rules; needs an
    /// exact learning rate and an exact value of wrt.
    std::optional<symbolic::Rational> exact_after_update;
};

/// Computes every number of `d` from its formulas and the graph's values and adjoints,
/// at the current precision: local partials, path products, deltas, the result, the
/// reverse-mode gradient (after_update is the worksheet's: see make_worksheet).
void evaluate_derivation(const NamedGraph& g, GradientDerivation& d);

/// The value of a formula over named nodes at the graph's values (current precision).
Real evaluate_formula(const NamedGraph& g, const symbolic::Expr& formula);

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
