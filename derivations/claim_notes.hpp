#pragma once
/// \file claim_notes.hpp
/// The words of a claim's note at a kink, in English or Chinese: what claims.cpp records
/// as ClaimResult::note and what the claims document prints.

#include "claims.hpp"
#include "prose.hpp"

#include <string>

namespace chainrule::derivations {

/// A claim's note at a kink in `language`: "the one-sided value from the right: relu at
/// z = 0 is a kink; the convention gives 0", "右侧的单侧值：relu 在 z = 0 处是一个折点；…".
std::string kink_note_text(const KinkNote& k, Language language);

/// A wrong second derivative's slip in `language`: "this is ∂E/∂w5 (0.0818667050), the
/// first derivative, not the second", "这是一阶导数 ∂E/∂w5（0.0818667050），不是二阶导数".
std::string second_order_slip_text(const SecondOrderSlip& s, Language language);

}  // namespace chainrule::derivations
