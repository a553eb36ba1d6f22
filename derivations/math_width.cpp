#include "math_width.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <string>

namespace chainrule::derivations {
namespace {

using C = AtomClass;

// Sizes of the styles relative to the text: 11pt text has 8pt scripts and 6pt
// second-level scripts, whose fonts are drawn relatively wider (Latin Modern's optical
// sizes: a digit is 0.531 em of the 8pt font and 0.611 em of the 6pt one, 0.5 em at 11pt).
constexpr double kScriptSize = 8.0 * 0.531 / (10.95 * 0.5);
constexpr double kScriptScriptSize = 6.0 * 0.611 / (10.95 * 0.5);
// TeX's thin, medium and thick math spaces (3, 4, 5 mu; 18 mu = 1 em).
constexpr double kThin = 3.0 / 18, kMed = 4.0 / 18, kThick = 5.0 / 18;
constexpr double kNullDelimiter = 1.2 / 10.95;  // \nulldelimiterspace: each side of a fraction
constexpr double kScriptSpace = 0.5 / 10.95;
constexpr double kPrime = 0.256;
constexpr int kMaxDepth = 200;

// The math italic letters a–z, A–Z of Latin Modern, in em: TeX's \wd of \hbox{$a$} at
// 11pt divided by 10.95pt.
constexpr std::array<double, 26> kItalicLower{0.529, 0.429, 0.433, 0.520, 0.466, 0.597, 0.513, 0.576, 0.345,
                                              0.469, 0.552, 0.318, 0.878, 0.600, 0.485, 0.503, 0.482, 0.479,
                                              0.469, 0.361, 0.572, 0.521, 0.743, 0.571, 0.526, 0.509};
constexpr std::array<double, 26> kItalicUpper{0.750, 0.809, 0.786, 0.856, 0.796, 0.782, 0.786, 0.912, 0.518,
                                              0.651, 0.921, 0.681, 1.079, 0.912, 0.791, 0.781, 0.791, 0.767,
                                              0.671, 0.723, 0.792, 0.806, 1.083, 0.907, 0.803, 0.754};
// The roman letters (function names, \text, \mathrm): Computer Modern's metrics, which
// Latin Modern keeps.
constexpr std::array<double, 26> kRomanLower{0.500, 0.556, 0.444, 0.556, 0.444, 0.306, 0.500, 0.556, 0.278,
                                             0.306, 0.528, 0.278, 0.833, 0.556, 0.500, 0.556, 0.528, 0.392,
                                             0.394, 0.389, 0.556, 0.528, 0.722, 0.528, 0.528, 0.444};
constexpr double kRomanUpper = 0.72;

// TeX's space between neighbouring atoms by class (The TeXbook, ch. 18): 0 none, 1 thin,
// 2 medium, 3 thick; negative: only in display and text style.
constexpr int kSpacing[8][8] = {
    // Ord Op  Bin Rel Open Close Punct Inner
    {0, 1, -2, -3, 0, 0, 0, -1},      // Ord
    {1, 1, 0, -3, 0, 0, 0, -1},       // Op
    {-2, -2, 0, 0, -2, 0, 0, -2},     // Bin
    {-3, -3, 0, 0, -3, 0, 0, -3},     // Rel
    {0, 0, 0, 0, 0, 0, 0, 0},         // Open
    {0, 1, -2, -3, 0, 0, 0, -1},      // Close
    {-1, -1, 0, -1, -1, -1, -1, -1},  // Punct
    {-1, 1, -2, -3, -1, 0, -1, -1},   // Inner
};

bool is_small(MathStyle s) { return s == MathStyle::Script || s == MathStyle::ScriptScript; }

double size_of(MathStyle s) {
    return s == MathStyle::Script ? kScriptSize : s == MathStyle::ScriptScript ? kScriptScriptSize : 1.0;
}
MathStyle script_of(MathStyle s) { return is_small(s) ? MathStyle::ScriptScript : MathStyle::Script; }
MathStyle fraction_of(MathStyle s) {
    return s == MathStyle::Display ? MathStyle::Text : s == MathStyle::Text ? MathStyle::Script : MathStyle::ScriptScript;
}

double space_between(C left, C right, MathStyle s) {
    const int code = kSpacing[static_cast<int>(left)][static_cast<int>(right)];
    if (code < 0 && is_small(s)) return 0;
    const int c = std::abs(code);
    return (c == 1 ? kThin : c == 2 ? kMed : c == 3 ? kThick : 0) * size_of(s);
}

struct Symbol {
    std::string_view name;
    C cls;
    double width;
};

// Commands that set one symbol: its class and width in em (Latin Modern, text size).
constexpr Symbol kSymbols[] = {
    {"alpha", C::Ord, 0.643}, {"beta", C::Ord, 0.618}, {"gamma", C::Ord, 0.573}, {"delta", C::Ord, 0.482},
    {"epsilon", C::Ord, 0.406}, {"varepsilon", C::Ord, 0.466}, {"zeta", C::Ord, 0.511}, {"eta", C::Ord, 0.532},
    {"theta", C::Ord, 0.497}, {"vartheta", C::Ord, 0.6}, {"iota", C::Ord, 0.35}, {"kappa", C::Ord, 0.58},
    {"lambda", C::Ord, 0.583}, {"mu", C::Ord, 0.603}, {"nu", C::Ord, 0.558}, {"xi", C::Ord, 0.484},
    {"pi", C::Ord, 0.606}, {"varpi", C::Ord, 0.83}, {"rho", C::Ord, 0.517}, {"varrho", C::Ord, 0.517},
    {"sigma", C::Ord, 0.607}, {"varsigma", C::Ord, 0.47}, {"tau", C::Ord, 0.55}, {"upsilon", C::Ord, 0.57},
    {"phi", C::Ord, 0.596}, {"varphi", C::Ord, 0.654}, {"chi", C::Ord, 0.626}, {"psi", C::Ord, 0.687},
    {"omega", C::Ord, 0.658}, {"Gamma", C::Ord, 0.625}, {"Delta", C::Ord, 0.833}, {"Theta", C::Ord, 0.778},
    {"Lambda", C::Ord, 0.694}, {"Xi", C::Ord, 0.667}, {"Pi", C::Ord, 0.75}, {"Sigma", C::Ord, 0.722},
    {"Upsilon", C::Ord, 0.778}, {"Phi", C::Ord, 0.722}, {"Psi", C::Ord, 0.778}, {"Omega", C::Ord, 0.722},
    {"partial", C::Ord, 0.586}, {"infty", C::Ord, 1.0}, {"ell", C::Ord, 0.417}, {"top", C::Ord, 0.778},
    {"bot", C::Ord, 0.778}, {"nabla", C::Ord, 0.833}, {"prime", C::Ord, 0.275}, {"emptyset", C::Ord, 0.5},
    {"hbar", C::Ord, 0.5}, {"imath", C::Ord, 0.345}, {"jmath", C::Ord, 0.43}, {"checkmark", C::Ord, 0.833},
    {"forall", C::Ord, 0.556}, {"exists", C::Ord, 0.556}, {"neg", C::Ord, 0.667}, {"vert", C::Ord, 0.278},
    {"Vert", C::Ord, 0.5}, {"|", C::Ord, 0.5}, {"backslash", C::Ord, 0.5}, {"%", C::Ord, 0.833},
    {"#", C::Ord, 0.833}, {"$", C::Ord, 0.5}, {"&", C::Ord, 0.778}, {"_", C::Ord, 0.5},
    {"ldots", C::Inner, 1.172}, {"cdots", C::Inner, 1.172}, {"dots", C::Inner, 1.172}, {"vdots", C::Ord, 0.278},
    {"cdot", C::Bin, 0.278}, {"times", C::Bin, 0.778}, {"pm", C::Bin, 0.778}, {"mp", C::Bin, 0.778},
    {"odot", C::Bin, 0.778}, {"oplus", C::Bin, 0.778}, {"otimes", C::Bin, 0.778}, {"ominus", C::Bin, 0.778},
    {"oslash", C::Bin, 0.778}, {"circ", C::Bin, 0.5}, {"bullet", C::Bin, 0.5}, {"ast", C::Bin, 0.5},
    {"star", C::Bin, 0.5}, {"div", C::Bin, 0.778}, {"cup", C::Bin, 0.667}, {"cap", C::Bin, 0.667},
    {"wedge", C::Bin, 0.667}, {"land", C::Bin, 0.667}, {"vee", C::Bin, 0.667}, {"lor", C::Bin, 0.667},
    {"setminus", C::Bin, 0.5}, {"dagger", C::Bin, 0.444}, {"ddagger", C::Bin, 0.444},
    {"le", C::Rel, 0.778}, {"leq", C::Rel, 0.778}, {"ge", C::Rel, 0.778}, {"geq", C::Rel, 0.778},
    {"ne", C::Rel, 0.778}, {"neq", C::Rel, 0.778}, {"approx", C::Rel, 0.778}, {"equiv", C::Rel, 0.778},
    {"sim", C::Rel, 0.778}, {"simeq", C::Rel, 0.778}, {"cong", C::Rel, 0.778}, {"propto", C::Rel, 0.778},
    {"doteq", C::Rel, 0.778}, {"ll", C::Rel, 1.0}, {"gg", C::Rel, 1.0}, {"subset", C::Rel, 0.778},
    {"subseteq", C::Rel, 0.778}, {"supset", C::Rel, 0.778}, {"supseteq", C::Rel, 0.778}, {"in", C::Rel, 0.667},
    {"notin", C::Rel, 0.667}, {"ni", C::Rel, 0.667}, {"to", C::Rel, 1.0}, {"rightarrow", C::Rel, 1.0},
    {"leftarrow", C::Rel, 1.0}, {"gets", C::Rel, 1.0}, {"mapsto", C::Rel, 1.0}, {"Rightarrow", C::Rel, 1.0},
    {"Leftarrow", C::Rel, 1.0}, {"implies", C::Rel, 1.6}, {"iff", C::Rel, 1.6}, {"longrightarrow", C::Rel, 1.6},
    {"Longrightarrow", C::Rel, 1.6}, {"mid", C::Rel, 0.278}, {"parallel", C::Rel, 0.5}, {"perp", C::Rel, 0.778},
    {"coloneqq", C::Rel, 1.1}, {"models", C::Rel, 0.778}, {"vdash", C::Rel, 0.611},
    {"langle", C::Open, 0.389}, {"lvert", C::Open, 0.278}, {"lVert", C::Open, 0.5}, {"lbrace", C::Open, 0.5},
    {"{", C::Open, 0.5}, {"lceil", C::Open, 0.444}, {"lfloor", C::Open, 0.444}, {"rangle", C::Close, 0.389},
    {"rvert", C::Close, 0.278}, {"rVert", C::Close, 0.5}, {"rbrace", C::Close, 0.5}, {"}", C::Close, 0.5},
    {"rceil", C::Close, 0.444}, {"rfloor", C::Close, 0.444}, {"colon", C::Punct, 0.278},
};

// Explicit spaces.
constexpr Symbol kKerns[] = {
    {"quad", C::Kern, 1.0}, {"qquad", C::Kern, 2.0}, {",", C::Kern, kThin}, {":", C::Kern, kMed},
    {">", C::Kern, kMed}, {";", C::Kern, kThick}, {"!", C::Kern, -kThin}, {" ", C::Kern, 0.333},
    {"enspace", C::Kern, 0.5}, {"enskip", C::Kern, 0.5}, {"thinspace", C::Kern, kThin},
    {"medspace", C::Kern, kMed}, {"thickspace", C::Kern, kThick}, {"negthinspace", C::Kern, -kThin},
};

// Operator names, set in roman with the class Op.
constexpr std::string_view kFunctions[] = {
    "ln",   "log",  "lg",     "exp",    "sin",    "cos",    "tan",    "cot",    "sec",    "csc",
    "sinh", "cosh", "tanh",   "coth",   "sech",   "csch",   "arcsin", "arccos", "arctan", "arccot",
    "min",  "max",  "det",    "lim",    "liminf", "limsup", "sup",    "inf",    "arg",    "deg",
    "dim",  "gcd",  "hom",    "ker",    "Pr",     "mod",    "bmod",
};

// Large operators: display width, text width, and whether display style puts the scripts
// above and below (limits).
struct BigOp {
    std::string_view name;
    double display, text;
    bool limits;
};
constexpr BigOp kBigOps[] = {
    {"sum", 1.319, 0.944, true},      {"prod", 1.2, 0.833, true},     {"coprod", 1.2, 0.833, true},
    {"bigcup", 1.0, 0.75, true},      {"bigcap", 1.0, 0.75, true},    {"bigoplus", 1.2, 0.833, true},
    {"bigotimes", 1.2, 0.833, true},  {"int", 0.8, 0.55, false},      {"oint", 0.8, 0.55, false},
};

// Commands whose one argument is math that is set (with an accent, a font) as one Ord atom.
constexpr std::string_view kMathArgument[] = {
    "mathrm", "mathbf",  "mathit",    "mathsf",     "mathtt",    "mathcal",   "mathbb",   "mathfrak",
    "mathscr", "boldsymbol", "bm",    "mathnormal", "pmb",       "hat",       "bar",      "tilde",
    "vec",    "dot",     "ddot",      "check",      "breve",     "acute",     "grave",    "mathring",
    "widehat", "widetilde", "overline", "underline", "overrightarrow", "phantom", "hphantom", "boxed",
};

// Commands whose one argument is text.
constexpr std::string_view kTextArgument[] = {"text",    "textrm", "textit", "textbf", "textsf",
                                               "texttt",  "textup", "textnormal", "mbox", "hbox", "emph"};

// Commands that set nothing.
constexpr std::string_view kInvisible[] = {"limits", "nolimits", "displaylimits", "nonumber", "notag", "strut",
                                           "mathstrut", "relax", "boldmath", "unboldmath", "nobreak", "allowbreak"};

template <class Range>
bool listed(const Range& names, std::string_view name) {
    return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

double roman_width(char c) {
    if (c >= 'a' && c <= 'z') return kRomanLower[static_cast<std::size_t>(c - 'a')];
    if (c >= 'A' && c <= 'Z') return kRomanUpper;
    if (c >= '0' && c <= '9') return 0.5;
    if (c == ' ') return 0.333;
    if (std::string_view(".,;:!'").find(c) != std::string_view::npos) return 0.278;
    if (c == '-') return 0.333;
    if (c == '(' || c == ')') return 0.389;
    if (c == '_') return 0.75;  // T1's underscore (\_) is wide
    return 0.5;
}

// The height class of some math, which decides how tall (and so how wide) a \left
// delimiter around it is: 0 plain, 1 a fraction in text style, 2 a fraction in display.
using Tallness = int;

struct Measured {
    double width = 0;
    Tallness tall = 0;
};

// The width of a delimiter (after \left, \right, \bigl, …) of a given height.
double delimiter_width(std::string_view delim, Tallness tall) {
    if (delim == ".") return kNullDelimiter;
    if (delim == "|" || delim == "\\vert" || delim == "\\lvert" || delim == "\\rvert") return 0.278;
    if (delim == "\\|" || delim == "\\Vert") return 0.5;
    const double growth = tall >= 2 ? 1.73 : tall == 1 ? 1.07 : 1.0;
    if (delim == "[" || delim == "]") return 0.278 * growth;
    if (delim == "\\{" || delim == "\\}" || delim == "\\lbrace" || delim == "\\rbrace") return 0.5 * growth;
    if (delim == "\\lceil" || delim == "\\rceil" || delim == "\\lfloor" || delim == "\\rfloor") return 0.444 * growth;
    return 0.389 * growth;  // ( ) \langle \rangle and anything else
}

// How tall \bigl, \Bigl, \biggl, \Biggl (and \big … without l/r) make a delimiter.
std::optional<Tallness> big_size(std::string_view name) {
    std::string_view base = name;
    if (base.size() > 3 && (base.back() == 'l' || base.back() == 'r' || base.back() == 'm')) base.remove_suffix(1);
    if (base == "big") return 1;
    if (base == "Big") return 1;
    if (base == "bigg" || base == "Bigg") return 2;
    return std::nullopt;
}

class Measurer {
public:
    explicit Measurer(std::string_view s) : s_(s) {}

    // The atoms of the whole formula, at its top level.
    std::vector<MathAtom> top(MathStyle style) {
        std::vector<MathAtom> atoms;
        Tallness tall = 0;
        while (p_ < s_.size()) {
            std::vector<MathAtom> part = list(style, tall);
            atoms.insert(atoms.end(), part.begin(), part.end());
            if (p_ < s_.size()) skip_stray();  // an unbalanced '}' or \right
        }
        reclassify(atoms);
        return atoms;
    }

    // The width of atoms set side by side, with TeX's spaces between them.
    static double total(const std::vector<MathAtom>& atoms, MathStyle style) {
        double w = 0;
        const MathAtom* previous = nullptr;
        for (const MathAtom& a : atoms) {
            w += a.width;
            if (a.cls == C::Kern) continue;
            if (previous != nullptr) w += space_between(previous->cls, a.cls, style);
            previous = &a;
        }
        return w;
    }

private:
    std::string_view s_;
    std::size_t p_ = 0;
    int depth_ = 0;

    void skip_space() {
        while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\n' || s_[p_] == '\t')) ++p_;
    }
    bool at(std::string_view text) const { return s_.substr(p_, text.size()) == text; }
    bool at_right() const { return at("\\right") && (p_ + 6 >= s_.size() || !is_letter(s_[p_ + 6])); }

    void skip_stray() {
        if (at_right()) {
            p_ += 6;
            delimiter();
        } else {
            ++p_;
        }
    }

    // A command's name after its backslash (letters, or one other character).
    std::string_view command_name() {
        const std::size_t start = p_;
        if (p_ < s_.size() && is_letter(s_[p_])) {
            while (p_ < s_.size() && is_letter(s_[p_])) ++p_;
            if (p_ < s_.size() && s_[p_] == '*') ++p_;  // \operatorname*
        } else if (p_ < s_.size()) {
            ++p_;
        }
        return s_.substr(start, p_ - start);
    }

    // The delimiter after \left, \right, \bigl, …: one character or one command.
    std::string_view delimiter() {
        skip_space();
        const std::size_t start = p_;
        if (p_ < s_.size() && s_[p_] == '\\') {
            ++p_;
            command_name();
        } else if (p_ < s_.size()) {
            ++p_;
        }
        return s_.substr(start, p_ - start);
    }

    // The raw text of a brace group (for \text{…}), or one character.
    std::string_view raw_argument() {
        skip_space();
        if (p_ >= s_.size()) return {};
        if (s_[p_] != '{') return s_.substr(p_++, 1);
        const std::size_t start = ++p_;
        int depth = 1;
        for (; p_ < s_.size(); ++p_) {
            if (s_[p_] == '\\') {
                ++p_;
                continue;
            }
            if (s_[p_] == '{') ++depth;
            if (s_[p_] == '}' && --depth == 0) break;
        }
        const std::string_view inside = s_.substr(start, p_ - start);
        if (p_ < s_.size()) ++p_;
        return inside;
    }

    // A math argument: a brace group, or one nucleus.
    Measured argument(MathStyle style) {
        skip_space();
        if (p_ >= s_.size()) return {};
        if (s_[p_] == '{') return group(style);
        MathAtom a;
        Tallness tall = 0;
        MathStyle st = style;
        nucleus(a, st, tall);
        return {a.width, tall};
    }

    Measured group(MathStyle style) {
        ++p_;  // '{'
        Tallness tall = 0;
        std::vector<MathAtom> atoms = list(style, tall);
        reclassify(atoms);
        if (p_ < s_.size() && s_[p_] == '}') ++p_;
        return {total(atoms, style), tall};
    }

    // The atoms of a list up to the end, a '}' or a \right (not consumed).
    std::vector<MathAtom> list(MathStyle style, Tallness& tall) {
        std::vector<MathAtom> atoms;
        if (++depth_ > kMaxDepth) {  // nested beyond reason: the rest as plain glyphs
            atoms.push_back({p_, s_.size(), C::Ord, 0.5 * static_cast<double>(s_.size() - p_)});
            p_ = s_.size();
            --depth_;
            return atoms;
        }
        for (;;) {
            skip_space();
            if (p_ >= s_.size() || s_[p_] == '}' || at_right()) break;
            MathAtom a;
            a.begin = p_;
            if (!nucleus(a, style, tall)) continue;  // a style switch: nothing to set
            scripts(a, style);
            a.end = p_;
            atoms.push_back(a);
        }
        --depth_;
        return atoms;
    }

    // A + or - with no left operand is a sign (TeX's rules 5 and 6): Ord, no spaces.
    static void reclassify(std::vector<MathAtom>& atoms) {
        C previous = C::Open;  // the start of a list behaves like an opening
        MathAtom* previous_atom = nullptr;
        for (MathAtom& a : atoms) {
            if (a.cls == C::Kern) continue;
            if (a.cls == C::Bin && (previous == C::Bin || previous == C::Op || previous == C::Rel ||
                                    previous == C::Open || previous == C::Punct))
                a.cls = C::Ord;
            if ((a.cls == C::Rel || a.cls == C::Close || a.cls == C::Punct) && previous_atom != nullptr &&
                previous_atom->cls == C::Bin)
                previous_atom->cls = C::Ord;
            previous = a.cls;
            previous_atom = &a;
        }
        if (previous_atom != nullptr && previous_atom->cls == C::Bin) previous_atom->cls = C::Ord;
    }

    // Sub- and superscripts and primes after a nucleus.
    void scripts(MathAtom& a, MathStyle style, bool limits = false) {
        double sup = 0, sub = 0;
        bool any = false;
        for (;;) {
            const std::size_t before = p_;  // spaces after the last script are not the atom's
            skip_space();
            if (p_ >= s_.size() || (s_[p_] != '\'' && s_[p_] != '^' && s_[p_] != '_')) {
                p_ = before;
                break;
            }
            const char c = s_[p_];
            if (c == '\'') {
                ++p_;
                sup += kPrime * size_of(style);
            } else if (c == '^' || c == '_') {
                ++p_;
                const Measured m = argument(script_of(style));
                (c == '^' ? sup : sub) = std::max(c == '^' ? sup : sub, m.width);
            } else {
                break;
            }
            any = true;
        }
        if (!any) return;
        if (limits)
            a.width = std::max({a.width, sup, sub});
        else
            a.width += std::max(sup, sub) + kScriptSpace * size_of(style);
    }

    // One nucleus (without its scripts); false for a style switch, which sets nothing.
    bool nucleus(MathAtom& a, MathStyle& style, Tallness& tall) {
        const double size = size_of(style);
        const char c = s_[p_];
        if (c == '{') {
            const Measured m = group(style);
            a.cls = C::Ord;
            a.width = m.width;
            tall = std::max(tall, m.tall);
            return true;
        }
        if (c == '\\') {
            ++p_;
            return command(command_name(), a, style, tall);
        }
        ++p_;
        a.cls = C::Ord;
        if (c >= 'a' && c <= 'z') {
            a.width = kItalicLower[static_cast<std::size_t>(c - 'a')] * size;
        } else if (c >= 'A' && c <= 'Z') {
            a.width = kItalicUpper[static_cast<std::size_t>(c - 'A')] * size;
        } else if (c >= '0' && c <= '9') {
            a.width = 0.5 * size;
        } else if (c == '+' || c == '-') {
            a.cls = C::Bin;
            a.width = 0.778 * size;
        } else if (c == '*') {
            a.cls = C::Bin;
            a.width = 0.5 * size;
        } else if (c == '=' || c == '<' || c == '>') {
            a.cls = C::Rel;
            a.width = 0.778 * size;
        } else if (c == ':') {
            a.cls = C::Rel;
            a.width = 0.278 * size;
        } else if (c == '(' || c == '[') {
            a.cls = C::Open;
            a.width = (c == '(' ? 0.389 : 0.278) * size;
        } else if (c == ')' || c == ']') {
            a.cls = C::Close;
            a.width = (c == ')' ? 0.389 : 0.278) * size;
        } else if (c == '!' || c == '?') {
            a.cls = C::Close;
            a.width = (c == '!' ? 0.278 : 0.472) * size;
        } else if (c == ',' || c == ';') {
            a.cls = C::Punct;
            a.width = 0.278 * size;
        } else if (c == '.' || c == '|') {
            a.width = 0.278 * size;
        } else if (c == '~') {
            a.cls = C::Kern;
            a.width = 0.333 * size;
        } else if (c == '&') {
            a.cls = C::Kern;  // an alignment tab
        } else if (c == '^' || c == '_') {
            --p_;  // a script with an empty nucleus: scripts() reads it
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            while (p_ < s_.size() && (static_cast<unsigned char>(s_[p_]) & 0xC0) == 0x80) ++p_;
            a.width = 0.6 * size;
        } else {
            a.width = 0.5 * size;
        }
        return true;
    }

    // \begin{env} … \end{env} (a bmatrix of numbers) as one atom, which no row break may
    // cut: as wide as its widest row (cells measured alone, an em between columns), plus
    // the brackets of a bracketed matrix.
    bool environment(MathAtom& a, MathStyle style, Tallness& tall) {
        const std::size_t open = s_.find('{', p_), close = s_.find('}', p_);
        if (open != p_ || close == std::string_view::npos) return a.cls = C::Ord, true;
        const std::string env(s_.substr(open + 1, close - open - 1));
        const std::string begin = "\\begin{" + env + "}", end = "\\end{" + env + "}";
        std::size_t at = close + 1, depth = 1, body_end = std::string_view::npos;
        while (depth > 0) {
            const std::size_t b = s_.find(begin, at), e = s_.find(end, at);
            if (e == std::string_view::npos) break;
            if (b != std::string_view::npos && b < e) ++depth, at = b + begin.size();
            else if (--depth == 0) body_end = e;
            else at = e + end.size();
        }
        const std::string_view body = s_.substr(close + 1, (body_end == std::string_view::npos ? s_.size() : body_end) - close - 1);
        p_ = body_end == std::string_view::npos ? s_.size() : body_end + end.size();
        double widest = 0;
        for (std::string_view row : split_top(body, "\\\\")) {
            double w = 0;
            const std::vector<std::string_view> cells = split_top(row, "&");
            for (std::string_view cell : cells) w += math_width(cell, style);
            widest = std::max(widest, w + static_cast<double>(cells.size() - 1) * size_of(style));
        }
        a.cls = C::Inner;
        a.width = widest + (env.find("matrix") != std::string::npos && env != "matrix" ? 0.9 * size_of(style) : 0.0);
        tall = std::max(tall, Tallness{2});
        return true;
    }

    // `text` split at `separator` outside braces.
    static std::vector<std::string_view> split_top(std::string_view text, std::string_view separator) {
        std::vector<std::string_view> parts;
        std::size_t from = 0;
        int depth = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            depth += text[i] == '{' ? 1 : text[i] == '}' ? -1 : 0;
            if (depth == 0 && text.compare(i, separator.size(), separator) == 0) {
                parts.push_back(text.substr(from, i - from));
                from = i + separator.size();
                i = from - 1;
            }
        }
        parts.push_back(text.substr(from));
        return parts;
    }

    // A command (its name already read): sets a, or returns false for a style switch.
    bool command(std::string_view name, MathAtom& a, MathStyle& style, Tallness& tall) {
        const double size = size_of(style);
        for (const Symbol& s : kSymbols)
            if (s.name == name) {
                a.cls = s.cls;
                a.width = s.width * size;
                return true;
            }
        for (const Symbol& s : kKerns)
            if (s.name == name) {
                a.cls = C::Kern;
                a.width = s.width * size;
                return true;
            }
        if (name == "displaystyle" || name == "textstyle" || name == "scriptstyle" || name == "scriptscriptstyle") {
            style = name == "displaystyle" ? MathStyle::Display
                    : name == "textstyle"  ? MathStyle::Text
                    : name == "scriptstyle" ? MathStyle::Script
                                            : MathStyle::ScriptScript;
            return false;
        }
        if (name == "begin") return environment(a, style, tall);
        if (listed(kInvisible, name) || name == "\\") {
            a.cls = C::Kern;
            return true;
        }
        if (listed(kFunctions, name)) {
            a.cls = C::Op;
            for (char ch : name) a.width += roman_width(ch) * size;
            return true;
        }
        for (const BigOp& op : kBigOps)
            if (op.name == name) {
                a.cls = C::Op;
                const bool display = style == MathStyle::Display;
                a.width = (display ? op.display : op.text) * size;
                if (op.limits && display) {
                    scripts(a, style, true);
                }
                return true;
            }
        if (name == "frac" || name == "dfrac" || name == "tfrac" || name == "cfrac" || name == "binom" ||
            name == "dbinom" || name == "tbinom") {
            const MathStyle inner = name == "dfrac" || name == "dbinom" || name == "cfrac" ? MathStyle::Text
                                    : name == "tfrac" || name == "tbinom"                 ? MathStyle::Script
                                                                                          : fraction_of(style);
            const Measured num = argument(inner), den = argument(inner);
            const Tallness here = inner == MathStyle::Text ? 2 : inner == MathStyle::Script && !is_small(style) ? 1 : 0;
            tall = std::max({tall, here, num.tall, den.tall});
            a.cls = C::Inner;
            a.width = std::max(num.width, den.width) + 2 * kNullDelimiter * size;
            if (name.find("binom") != std::string_view::npos) a.width += 2 * delimiter_width("(", here);
            return true;
        }
        if (name == "sqrt") {
            skip_space();
            if (p_ < s_.size() && s_[p_] == '[') {  // an index: set small, mostly over the radical sign
                while (p_ < s_.size() && s_[p_] != ']') ++p_;
                if (p_ < s_.size()) ++p_;
            }
            const Measured m = argument(style);
            tall = std::max(tall, m.tall);
            a.cls = C::Ord;
            a.width = m.width + 0.833 * size;
            return true;
        }
        if (name == "left") return left_right(a, style, tall);
        if (name == "middle") {
            a.cls = C::Rel;
            a.width = delimiter_width(delimiter(), tall) * size;
            return true;
        }
        if (const auto big = big_size(name)) {
            const char side = name.back();
            a.cls = side == 'l' ? C::Open : side == 'r' ? C::Close : side == 'm' ? C::Rel : C::Ord;
            a.width = delimiter_width(delimiter(), *big) * size;
            if (name.substr(0, 3) == "Big" && *big == 1) a.width *= 1.12;
            return true;
        }
        if (listed(kTextArgument, name)) {
            a.cls = C::Ord;
            a.width = text_width(raw_argument()) * size;
            return true;
        }
        if (name == "operatorname" || name == "operatorname*") {
            a.cls = C::Op;
            for (char ch : raw_argument()) a.width += roman_width(ch) * size;
            return true;
        }
        if (listed(kMathArgument, name)) {
            const Measured m = argument(style);
            tall = std::max(tall, m.tall);
            a.cls = C::Ord;
            a.width = m.width;
            return true;
        }
        if (name == "vphantom" || name == "color" || name == "hspace" || name == "hspace*" || name == "label") {
            raw_argument();
            a.cls = C::Kern;
            return true;
        }
        if (name == "textcolor") {
            raw_argument();
            const Measured m = argument(style);
            a.width = m.width;
            return true;
        }
        if (name == "mathop" || name == "mathbin" || name == "mathrel" || name == "mathord" || name == "mathopen" ||
            name == "mathclose" || name == "mathpunct" || name == "mathinner") {
            const Measured m = argument(style);
            a.width = m.width;
            a.cls = name == "mathop" ? C::Op : name == "mathbin" ? C::Bin : name == "mathrel" ? C::Rel
                    : name == "mathopen" ? C::Open : name == "mathclose" ? C::Close : name == "mathpunct" ? C::Punct
                    : name == "mathinner" ? C::Inner : C::Ord;
            return true;
        }
        if (name == "stackrel" || name == "overset" || name == "underset") {
            const Measured over = argument(script_of(style));
            const std::size_t base_start = p_;
            const Measured base = argument(style);
            const std::vector<MathAtom> base_atoms = Measurer(s_.substr(base_start, p_ - base_start)).top(style);
            a.cls = name == "stackrel" ? C::Rel : base_atoms.size() == 1 ? base_atoms[0].cls : C::Ord;
            a.width = std::max(over.width, base.width);
            return true;
        }
        // Anything else: one glyph, or as wide as its argument.
        skip_space();
        a.cls = C::Ord;
        a.width = 0.6 * size;
        if (p_ < s_.size() && s_[p_] == '{') a.width = std::max(a.width, group(style).width);
        return true;
    }

    // \left<delim> … \right<delim>: an Inner atom.
    bool left_right(MathAtom& a, MathStyle style, Tallness& tall) {
        const std::string_view open = delimiter();
        a.inner_begin = p_;
        Tallness inner_tall = 0;
        std::vector<MathAtom> inner = list(style, inner_tall);
        reclassify(inner);
        a.inner_end = p_;
        std::string_view close = ".";
        if (at_right()) {
            p_ += 6;
            close = delimiter();
        }
        a.close_end = p_;
        const double size = size_of(style);
        a.cls = C::Inner;
        a.width = total(inner, style) + (delimiter_width(open, inner_tall) + delimiter_width(close, inner_tall)) * size;
        tall = std::max(tall, inner_tall);
        return true;
    }
};

// The code point of the UTF-8 sequence at s[i] and its length (a bad byte: U+FFFD, 1).
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (n == 1 || i + n > s.size()) return {b < 0x80 ? b : 0xFFFD, 1};
    char32_t cp = b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return {cp, n};
}

bool is_wide(char32_t cp) {
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

}  // namespace

std::vector<MathAtom> top_level_atoms(std::string_view latex, MathStyle style) { return Measurer(latex).top(style); }

double math_width(std::string_view latex, MathStyle style) {
    return Measurer::total(Measurer(latex).top(style), style);
}

double text_width(std::string_view utf8) {
    double w = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto [cp, n] = decode(utf8, i);
        i += n;
        if (cp < 0x80)
            w += roman_width(static_cast<char>(cp));
        else if (is_wide(cp))
            w += 1.0;
        else if (cp == 0x2014)
            w += 1.0;
        else if (cp == 0x2013)
            w += 0.5;
        else
            w += 0.55;
    }
    return w;
}

}  // namespace chainrule::derivations
