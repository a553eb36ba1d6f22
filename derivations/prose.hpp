#pragma once
/// \file prose.hpp
/// The documents' own prose in each language they are written in: every heading, sentence
/// and table word of a worksheet (worksheet_document.cpp), of the ops' conventions at their
/// singular points (singular_points.hpp) and of a claim check (claims_document.cpp), one
/// catalogue entry per phrase with its English and Chinese text side by side (prose.cpp).
///
/// A phrase is a template with numbered holes `{0}`, `{1}`, … that `say` fills with pieces
/// of a Line (math, names, numbers), so each language orders them as it needs:
///   say(Language::English, Phrase::PathsIntroMany, {text("3"), math("E"), math("w")})
///     → "Chain rule over the 3 paths from $E$ down to $w$ (…):"
///   say(Language::Chinese, …) → "对从 $E$ 到 $w$ 的 3 条路径应用链式法则（…）："
/// Numbers and formulas are never in the catalogue: only words.

#include "document.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chainrule::derivations {

/// The language of a document's prose. Formulas and numbers are the same in every one.
enum class Language { English, Chinese };

/// "en" → English, "zh" → Chinese (simplified); anything else → nullopt.
std::optional<Language> parse_language(std::string_view code);

/// Every phrase of the catalogue (the holes each one has are listed in prose.cpp).
enum class Phrase {
    // lists and roles
    ListComma, ListAnd, RoleVariable, RoleConstant, RoleDefined, Given,
    // title, notation, forward pass
    DefaultTitle, NotationHeading, NotationIntro, HeaderSymbol, HeaderKind, HeaderDefinition, HeaderValue,
    PrecisionTwoRungs, PrecisionLadder, PrecisionUnsettledOne, PrecisionUnsettledMany, PrecisionOutOfRange,
    DerivativeNotation, HeldFixedNotation, ForwardPassHeading,
    // the paths style
    SingleFactorDirect, SingleFactorThrough, PathsIntroOne, PathsIntroMany, LocalPartialsIntro, ProductOne,
    ProductsMany,
    // the deltas style
    DeltasHeading, DeltasIntro, DeltasGradientOne, DeltasGradientMany,
    // singular points and one-sided values
    SingularHeading, SingularWhere, SingularKink, SingularJump, SingularInfiniteDerivative, SingularOther, BothSidesAgree,
    TwoOneSidedValues,
    // the ops' conventions at their singular points ({0}: the function's name where it varies)
    ConventionRelu, ConventionAbs, ConventionJump, ConventionLeakyRelu, ConventionTie, ConventionHypot,
    ConventionAtan2, ConventionCbrt, ConventionAsinAcos, ConventionLogZero, ConventionLogNegative,
    ConventionFractionalPowerOfNegative, ConventionPowerInfiniteDerivative, ConventionPowerInfiniteValue, ConventionSelu,
    ConventionRuleValue,
    // cross-checks, update, summary
    CrossCheck, CrossCheckOf, CrossCheckAgrees, CrossCheckDisagrees, CrossCheckUndefined, CrossCheckCannotConfirm,
    CrossCheckAllOne, CrossCheckAllMany, UpdateHeading, UpdateIntro, SummaryHeading, HeaderParameter, HeaderGradient,
    HeaderCheck, HeaderAfterStep, AgreesWithReverseMode, Disagrees, CannotConfirm,
    // second derivatives (--order 2)
    SecondOrderHeading, SecondOrderIntro, SecondOrderProductRule, SecondOrderFactors, SecondOrderTangents,
    SecondOrderNumbers, SecondOrderCheckAgrees, SecondOrderCheckOther, SecondOrderCheckDisagrees, SecondOrderHessian,
    SecondOrderHessianOnly,
    // exercise sheets
    SheetNameLine, KeyLegend,
    // the HTML page's graph (render_html.hpp)
    GraphCaption, GraphHint, GraphParameters, GraphNotDrawn, FactorOnePath, FactorManyPaths,
    // claim checks
    ClaimTitle, HeaderClaim, HeaderVerdict, HeaderRightValue, HeaderDifference, HeaderNote, VerdictCorrect,
    VerdictCarriedForward, VerdictWrong, VerdictHoldsIdentically, VerdictHoldsAtThisPointOnly, VerdictCannotBeChecked,
    ClaimCountOne,
    ClaimCountMany, FirstErrorIs, VerdictCount, SummaryColon, SummaryComma, SummarySemicolon, AgreementExact, AgreementRounded, AgreementTruncated, AgreementWithinOneUnit,
    CarriedFrom, FollowsFrom, FirstError, NothingCarried, CarriedInto, FormulaGives, HoldsAtPoints, RightValueUnsettled,
    // claims at a kink ({0}: where, ClaimKinkWhere; numbers formatted)
    ClaimKinkWhere, ClaimKinkLeft, ClaimKinkRight, ClaimKinkConvention, ClaimKinkNeither, ClaimKinkDifferentiable,
    // second derivatives: at a kink, and the slips of a wrong one ({0}: a quantity or the right value)
    ClaimKinkSecondOrder, SlipFirstDerivative, SlipOtherEntry, SlipFirstProduct, SlipSign, SlipTwice, SlipHalf,
    Count_
};

/// The phrase in `language` with hole {k} replaced by args[k] (a hole may appear more
/// than once, or not at all). Throws std::out_of_range for a hole with no argument.
Line say(Language language, Phrase phrase, const std::vector<Line>& args = {});

/// A phrase as plain text: every argument is text (numbers, names, words), joined in.
std::string say_text(Language language, Phrase phrase, const std::vector<std::string>& args = {});

/// "a, b and c" (English), "a、b 和 c" (Chinese): the items joined as a list.
Line list_of(Language language, const std::vector<Line>& items);

/// The phrase's template in a language, holes unfilled (for the tests of the catalogue).
std::string_view phrase_template(Language language, Phrase phrase);

}  // namespace chainrule::derivations
