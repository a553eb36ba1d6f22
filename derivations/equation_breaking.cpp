#include "equation_breaking.hpp"

#include <algorithm>
#include <optional>

namespace chainrule::derivations {
namespace {

// Where a formula may be cut, in order of preference; Unwrap opens a \left … \right group.
enum class Level { Relation, Sum, Product, Unwrap, Done };

Level next(Level l) { return static_cast<Level>(static_cast<int>(l) + 1); }

std::string trimmed(std::string_view s) {
    const std::size_t b = s.find_first_not_of(' ');
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(' ') - b + 1));
}

bool starts_with_equals(std::string_view text) {
    const std::size_t b = text.find_first_not_of(' ');
    return b != std::string_view::npos && text[b] == '=';
}

// Where a line stands, which decides how wide it is.
struct Context {
    MathStyle style = MathStyle::Display;
    double available = 0;
    std::string first_prefix;   // what precedes the first line: "{}=" in a row `lhs &= …`
    double first_indent = 0;    // the \quad of a continuation row
    bool equals_rows = false;   // a later line "= …" is a row `&= …` (not indented)

    double width(const std::string& text, bool first) const {
        if (first) return first_indent + math_width(first_prefix + text, style);
        const double indent = equals_rows && starts_with_equals(text) ? 0.0 : 1.0;  // \quad
        return indent + math_width("{}" + text, style);
    }
};

bool cuts_at(Level level, const MathAtom& a, std::string_view text) {
    switch (level) {
        case Level::Relation: return a.cls == AtomClass::Rel && text == "=";
        case Level::Sum: return a.cls == AtomClass::Bin && (text == "+" || text == "-");
        case Level::Product: return a.cls == AtomClass::Bin && text == "\\cdot";
        default: return false;
    }
}

// The formula cut before each top-level operator of `level` (never before the first atom).
std::vector<std::string> cut(const std::string& text, Level level, MathStyle style) {
    const std::vector<MathAtom> atoms = top_level_atoms(text, style);
    std::vector<std::string> pieces;
    std::size_t start = 0;
    for (std::size_t i = 1; i < atoms.size(); ++i) {
        const MathAtom& a = atoms[i];
        if (!cuts_at(level, a, trimmed(std::string_view(text).substr(a.begin, a.end - a.begin)))) continue;
        pieces.push_back(trimmed(std::string_view(text).substr(start, a.begin - start)));
        start = a.begin;
    }
    pieces.push_back(trimmed(std::string_view(text).substr(start)));
    std::erase(pieces, std::string());
    return pieces;
}

bool has_cut(std::string_view inner, MathStyle style) {
    const std::string text(inner);
    for (Level l : {Level::Relation, Level::Sum, Level::Product})
        if (cut(text, l, style).size() > 1) return true;
    return false;
}

// The widest top-level \left … \right group whose inside can be cut, opened up: its
// delimiters become \bigl … \bigr (\biggl around fractions in display, \Bigl in text),
// which TeX allows on different lines. Nothing when there is no such group.
std::optional<std::string> unwrap(const std::string& text, MathStyle style) {
    const std::vector<MathAtom> atoms = top_level_atoms(text, style);
    const MathAtom* widest = nullptr;
    for (const MathAtom& a : atoms) {
        if (a.inner_begin == MathAtom::npos || a.close_end == MathAtom::npos || a.inner_end + 6 > a.close_end) continue;
        if (!has_cut(std::string_view(text).substr(a.inner_begin, a.inner_end - a.inner_begin), style)) continue;
        if (widest == nullptr || a.width > widest->width) widest = &a;
    }
    if (widest == nullptr) return std::nullopt;
    const MathAtom& a = *widest;
    const std::string_view all(text);
    const std::string open = trimmed(all.substr(a.begin + 5, a.inner_begin - a.begin - 5));  // after "\left"
    const std::string close = trimmed(all.substr(a.inner_end + 6, a.close_end - a.inner_end - 6));  // after "\right"
    const std::string inner = trimmed(all.substr(a.inner_begin, a.inner_end - a.inner_begin));
    const bool fraction = inner.find("\\frac") != std::string::npos;
    const std::string size = !fraction ? "\\big" : style == MathStyle::Display ? "\\bigg" : "\\Big";
    return std::string(all.substr(0, a.begin)) + size + "l" + open + " " + inner + " " + size + "r" + close +
           std::string(all.substr(a.close_end));
}

std::string joined(const std::vector<std::string>& pieces, std::size_t from, std::size_t to) {
    std::string s = pieces[from];
    for (std::size_t i = from + 1; i < to; ++i) s += " " + pieces[i];
    return s;
}

// Greedy: each line takes as many pieces as fit; at `=` the formula keeps the first line to
// itself ("z = formula", then "= numbers = value"). Returns where each line starts.
std::vector<std::size_t> greedy_lines(const std::vector<std::string>& pieces, Level level, const Context& c, bool first) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 1; i < pieces.size(); ++i) {
        const bool formula_alone = level == Level::Relation && i == 1;
        if (formula_alone || c.width(joined(pieces, starts.back(), i + 1), first && starts.back() == 0) > c.available)
            starts.push_back(i);
    }
    return starts;
}

// The same number of lines as greedy_lines, as even as can be: the widest line as narrow
// as possible (so a long product does not leave one factor alone on its last line).
// Dynamic programming over (pieces placed, lines used); only when every piece fits alone.
std::vector<std::size_t> balanced_lines(const std::vector<std::string>& pieces, std::size_t lines, const Context& c,
                                        bool first) {
    const std::size_t n = pieces.size();
    constexpr double kNone = 1e300;
    std::vector<std::vector<double>> best(n + 1, std::vector<double>(lines + 1, kNone));
    std::vector<std::vector<std::size_t>> from(n + 1, std::vector<std::size_t>(lines + 1, 0));
    std::vector<std::vector<double>> width(n + 1, std::vector<double>(n + 1, kNone));  // of pieces [k, i)
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t i = k + 1; i <= n; ++i) width[k][i] = c.width(joined(pieces, k, i), first && k == 0);
    best[0][0] = 0;
    for (std::size_t j = 1; j <= lines; ++j)
        for (std::size_t i = 1; i <= n; ++i)
            for (std::size_t k = j - 1; k < i; ++k) {
                if (best[k][j - 1] >= kNone) continue;
                const double w = width[k][i];
                if (w > c.available) continue;
                const double worst = std::max(best[k][j - 1], w);
                if (worst < best[i][j]) {
                    best[i][j] = worst;
                    from[i][j] = k;
                }
            }
    if (best[n][lines] >= kNone) return {};
    std::vector<std::size_t> starts(lines);
    for (std::size_t i = n, j = lines; j > 0; --j) {
        starts[j - 1] = from[i][j];
        i = from[i][j];
    }
    return starts;
}

// `text` in lines that fit `c.available`, cutting at `level` and then at the later ones.
std::vector<std::string> fit(const std::string& text, Level level, const Context& c, bool first) {
    if (level == Level::Done || c.width(text, first) <= c.available) return {text};
    if (level == Level::Unwrap) {
        if (std::optional<std::string> opened = unwrap(text, c.style)) return fit(*opened, Level::Relation, c, first);
        return {text};
    }
    const std::vector<std::string> pieces = cut(text, level, c.style);
    if (pieces.size() < 2) return fit(text, next(level), c, first);
    std::vector<std::size_t> starts = greedy_lines(pieces, level, c, first);
    if (level != Level::Relation && pieces.size() <= 64)
        if (std::vector<std::size_t> even = balanced_lines(pieces, starts.size(), c, first); !even.empty())
            starts = std::move(even);
    std::vector<std::string> lines;
    for (std::size_t k = 0; k < starts.size(); ++k) {
        const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : pieces.size();
        for (std::string& l : fit(joined(pieces, starts[k], end), next(level), c, first && k == 0))
            lines.push_back(std::move(l));
    }
    return lines;
}

}  // namespace

Equations break_equations(const Equations& block, double width_em) {
    double lhs = 0;
    for (const EquationRow& row : block.rows) lhs = std::max(lhs, math_width(row.lhs, MathStyle::Display));
    const double available = std::max(width_em - lhs, 0.5 * width_em);
    Equations out;
    for (const EquationRow& row : block.rows) {
        const Context c{MathStyle::Display, available, row.continues ? "{}" : "{}=", row.continues ? 1.0 : 0.0, true};
        const std::vector<std::string> lines = fit(row.rhs, Level::Relation, c, true);
        out.rows.push_back({row.lhs, lines.front(), row.continues});
        for (std::size_t k = 1; k < lines.size(); ++k) {
            if (starts_with_equals(lines[k]))
                out.rows.push_back({"", trimmed(std::string_view(lines[k]).substr(lines[k].find('=') + 1)), false});
            else
                out.rows.push_back({"", lines[k], true});
        }
    }
    return out;
}

std::vector<std::string> break_formula(std::string_view latex, double width_em, MathStyle style) {
    const Context c{style, width_em, "", 0.0, false};
    return fit(std::string(latex), Level::Relation, c, true);
}

}  // namespace chainrule::derivations
