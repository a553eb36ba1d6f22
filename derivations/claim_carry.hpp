#pragma once
/// \file claim_carry.hpp
/// (internal to the claim checker) What a quantity would be if computed by the right
/// formula from the claimant's own earlier numbers: the "carried forward" test.
///
/// A quantity has several right formulas over the named graph, and a claimant may have
/// used any of them with any of their earlier claims in place of the true values:
///   - dA/dB: a claimed dA/dB; Σ over the nodes C reading B of dA/dC · ∂C/∂B; Σ over the
///     nodes P that A reads of ∂A/∂P · dP/dB (each factor again from claims or truth);
///   - ∂C/∂B (a direct edge): a claimed dC/dB when it is the only path; the local partial
///     formula evaluated at claimed node values;
///   - a value N: its definition evaluated at the claimed values of the nodes it reads;
///   - p⁺: p − η · (any candidate of dE/dp).
/// Each candidate remembers which claims it used. Candidate lists are capped at
/// kMaxCandidates (first the ones that use claims), so the search stays small.
///
/// A derivative no earlier claim can enter is its true value alone: the search does not
/// walk its routes (on a chain of N lines that walk visits ~N² pairs, each building a
/// named graph, whichever claims there are). Which claims can enter is read off the tape
/// (Gate).

#include "claim_truth.hpp"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace chainrule::derivations::detail {

inline constexpr std::size_t kMaxCandidates = 64;

struct Candidate {
    Real value;
    std::vector<std::size_t> used;  ///< indices of the claims it was computed from (sorted)
};

/// An earlier claim's number, by the quantity it is about.
struct EarlierClaim {
    std::size_t index = 0;
    ClaimQuantity quantity;  ///< resolved
    Real value;
};

class CarrySearch {
public:
    CarrySearch(QuantityTruth& truth, const std::vector<EarlierClaim>& earlier);
    /// Every value of q the right formulas give from the earlier claims (and the truth).
    std::vector<Candidate> candidates(const ClaimQuantity& q);

private:
    /// Where claims enter the search: a pair dA/dB can use one only when B reaches `lo`
    /// and `hi` reaches A (B ⇝ lo, hi ⇝ A on the tape).
    struct Gate {
        std::vector<bool> reaches_lo, from_hi;  ///< by tape index
    };
    void add_gate(NodeIndex lo, NodeIndex hi);
    bool may_use_claims(const std::string& a, const std::string& b) const;
    const Candidate* claimed(ClaimQuantity::Kind kind, const std::string& of, const std::string& wrt) const;
    const std::vector<Candidate>& derivative(const std::string& a, const std::string& b);
    std::vector<Candidate> derivative_routes(const std::string& a, const std::string& b);
    const std::vector<Candidate>& local(const std::string& c, const std::string& b);
    std::vector<Candidate> value(const std::string& n);
    /// The expression evaluated at claimed values where the claims have them.
    std::vector<Candidate> at_claimed_values(const symbolic::Expr& e);

    QuantityTruth& truth_;
    std::vector<Gate> gates_;
    std::map<std::tuple<int, std::string, std::string>, Candidate> claims_;
    std::map<std::pair<std::string, std::string>, std::vector<Candidate>> derivatives_, locals_;
};

}  // namespace chainrule::derivations::detail
