#include "equation_breaking.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace chainrule::derivations {
namespace {

// Where a formula may be cut, in order of preference; Unwrap opens a parenthesised group,
// Digits cuts a long number (table cells only). Arguments cuts after the commas of a group
// Unwrap opened, and its lines start again at Relation.
enum class Level { Relation, Sum, Product, Unwrap, Digits, Done, Arguments };

Level next(Level l) {
    switch (l) {
        case Level::Relation: return Level::Sum;
        case Level::Sum: return Level::Product;
        case Level::Product: return Level::Unwrap;
        case Level::Unwrap: return Level::Digits;
        case Level::Arguments: return Level::Relation;
        default: return Level::Done;
    }
}

std::string trimmed(std::string_view s) {
    const std::size_t b = s.find_first_not_of(' ');
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(' ') - b + 1));
}

bool starts_with_equals(std::string_view text) {
    const std::size_t b = text.find_first_not_of(' ');
    return b != std::string_view::npos && text[b] == '=';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Where a line stands, which decides how wide it is.
struct Context {
    MathStyle style = MathStyle::Display;
    double available = 0;
    std::string first_prefix;   // what precedes the first line: "{}=" in a row `lhs &= …`
    double first_indent = 0;    // the \quad of a continuation row
    bool equals_rows = false;   // a later line "= …" is a row `&= …` (not indented)
    bool cut_numbers = false;   // LongNumbers::Cut

    double width(const std::string& text, bool first) const {
        if (first) return first_indent + math_width(first_prefix + text, style);
        const double indent = equals_rows && starts_with_equals(text) ? 0.0 : 1.0;  // \quad
        return indent + math_width("{}" + text, style);
    }
};

std::string_view text_of(const std::string& text, const MathAtom& a) {
    return std::string_view(text).substr(a.begin, a.end - a.begin);
}

// Plain delimiters nest like braces. \bigl … \bigr are not among them: chainrule's printers
// write \left … \right, and a \bigl( is a group unwrap() has opened so that it may be cut.
constexpr std::string_view kOpeners[] = {"(", "[", "\\{", "\\lbrace", "\\langle", "\\lceil", "\\lfloor", "\\lvert", "\\lVert"};
constexpr std::string_view kClosers[] = {")", "]", "\\}", "\\rbrace", "\\rangle", "\\rceil", "\\rfloor", "\\rvert", "\\rVert"};

// The plain delimiter an atom starts with (its scripts may follow: ")^{2}"): +1 opens,
// -1 closes, 0 is none; `length` is its bytes.
struct Delimiter {
    int nesting = 0;
    std::size_t length = 0;
};

Delimiter delimiter_of(std::string_view atom) {
    auto starts = [&](std::string_view d) {
        const bool word = d.size() > 2;  // \lbrace, not \lbraces
        return atom.substr(0, d.size()) == d &&
               !(word && atom.size() > d.size() && std::isalpha(static_cast<unsigned char>(atom[d.size()])));
    };
    for (std::string_view d : kOpeners)
        if (starts(d)) return {1, d.size()};
    for (std::string_view d : kClosers)
        if (starts(d)) return {-1, d.size()};
    return {};
}

// How deeply each atom sits in plain delimiters (an opening delimiter is outside its group,
// the closing one inside). An unmatched closing delimiter is ignored.
std::vector<int> depths(const std::string& text, const std::vector<MathAtom>& atoms) {
    std::vector<int> depth(atoms.size());
    int d = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        depth[i] = d;
        d = std::max(0, d + delimiter_of(text_of(text, atoms[i])).nesting);
    }
    return depth;
}

bool cuts_at(Level level, const MathAtom& a, std::string_view text) {
    switch (level) {
        case Level::Relation: return a.cls == AtomClass::Rel && text == "=";
        case Level::Sum: return a.cls == AtomClass::Bin && (text == "+" || text == "-");
        case Level::Product: return a.cls == AtomClass::Bin && text == "\\cdot";
        default: return false;
    }
}

// The formula in pieces that begin at `starts` (byte offsets, ascending).
std::vector<std::string> pieces_at(const std::string& text, const std::vector<std::size_t>& starts) {
    std::vector<std::string> pieces;
    std::size_t from = 0;
    for (std::size_t at : starts) {
        pieces.push_back(trimmed(std::string_view(text).substr(from, at - from)));
        from = at;
    }
    pieces.push_back(trimmed(std::string_view(text).substr(from)));
    std::erase(pieces, std::string());
    return pieces;
}

// A number's digits are one-character atoms next to each other.
bool digit_atom(const std::string& text, const MathAtom& a) {
    return a.end == a.begin + 1 && (is_digit(text[a.begin]) || text[a.begin] == '.');
}

// Level::Digits: every run of more than 12 digits with a decimal point, cut before the
// 6th, 11th, … digit after the point.
std::vector<std::size_t> digit_cuts(const std::string& text, const std::vector<MathAtom>& atoms) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < atoms.size();) {
        std::size_t j = i;
        while (j < atoms.size() && digit_atom(text, atoms[j]) && (j == i || atoms[j].begin == atoms[j - 1].end)) ++j;
        if (j == i) {
            ++i;
            continue;
        }
        std::size_t point = i;
        while (point < j && text[atoms[point].begin] != '.') ++point;
        if (point < j && j - i > 12)
            for (std::size_t k = point + 6; k < j; k += 5) starts.push_back(atoms[k].begin);
        i = j;
    }
    return starts;
}

// The formula cut at `level`: before each top-level operator of the level (never before
// the first atom), after each top-level comma (Arguments), inside long numbers (Digits).
std::vector<std::string> cut(const std::string& text, Level level, MathStyle style) {
    const std::vector<MathAtom> atoms = top_level_atoms(text, style);
    if (level == Level::Digits) return pieces_at(text, digit_cuts(text, atoms));
    const std::vector<int> depth = depths(text, atoms);
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        if (depth[i] != 0) continue;
        const std::string t = trimmed(text_of(text, atoms[i]));
        if (level == Level::Arguments) {
            if (atoms[i].cls == AtomClass::Punct && t == "," && i + 1 < atoms.size()) starts.push_back(atoms[i].end);
        } else if (i > 0 && cuts_at(level, atoms[i], t)) {
            starts.push_back(atoms[i].begin);
        }
    }
    return pieces_at(text, starts);
}

bool has_cut(std::string_view inner, MathStyle style) {
    const std::string text(inner);
    for (Level l : {Level::Relation, Level::Sum, Level::Product, Level::Arguments})
        if (cut(text, l, style).size() > 1) return true;
    return false;
}

// A parenthesised group at the top level: a \left … \right atom or a plain ( … ) pair.
struct Group {
    std::size_t begin = 0, inner_begin = 0, inner_end = 0, close_end = 0;
    std::string open, close;  // the delimiters
    double width = 0;
};

std::vector<Group> groups(const std::string& text, MathStyle style) {
    const std::vector<MathAtom> atoms = top_level_atoms(text, style);
    const std::vector<int> depth = depths(text, atoms);
    const std::string_view all(text);
    std::vector<Group> out;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const MathAtom& a = atoms[i];
        if (depth[i] != 0) continue;
        if (a.inner_begin != MathAtom::npos && a.close_end != MathAtom::npos && a.inner_end + 6 <= a.close_end) {
            out.push_back({a.begin, a.inner_begin, a.inner_end, a.close_end,
                           trimmed(all.substr(a.begin + 5, a.inner_begin - a.begin - 5)),    // after "\left"
                           trimmed(all.substr(a.inner_end + 6, a.close_end - a.inner_end - 6)),  // after "\right"
                           a.width});
            continue;
        }
        const Delimiter open = delimiter_of(text_of(text, a));
        if (open.nesting != 1) continue;
        std::size_t j = i + 1;
        while (j < atoms.size() && !(depth[j] == 1 && delimiter_of(text_of(text, atoms[j])).nesting == -1)) ++j;
        if (j == atoms.size()) continue;  // not closed: not a group
        const Delimiter close = delimiter_of(text_of(text, atoms[j]));
        out.push_back({a.begin, a.begin + open.length, atoms[j].begin, atoms[j].begin + close.length,
                       std::string(all.substr(a.begin, open.length)), std::string(all.substr(atoms[j].begin, close.length)),
                       math_width(all.substr(a.begin, atoms[j].end - a.begin), style)});
    }
    return out;
}

// A group opened by unwrap(); `arguments`: its inside is a list cut after its commas.
struct Opened {
    std::string text;
    bool arguments = false;
};

// The widest top-level parenthesised group whose inside can be cut, opened up: its
// delimiters become \bigl … \bigr (\biggl around fractions in display, \Bigl in text),
// which TeX allows on different lines. Nothing when there is no such group.
std::optional<Opened> unwrap(const std::string& text, MathStyle style) {
    const std::string_view all(text);
    std::optional<Group> widest;
    for (const Group& g : groups(text, style)) {
        if (!has_cut(all.substr(g.inner_begin, g.inner_end - g.inner_begin), style)) continue;
        if (!widest || g.width > widest->width) widest = g;
    }
    if (!widest) return std::nullopt;
    const Group& g = *widest;
    const std::string inner = trimmed(all.substr(g.inner_begin, g.inner_end - g.inner_begin));
    const bool fraction = inner.find("\\frac") != std::string::npos;
    const std::string size = !fraction ? "\\big" : style == MathStyle::Display ? "\\bigg" : "\\Big";
    Opened opened{std::string(all.substr(0, g.begin)) + size + "l" + g.open + " " + inner + " " + size + "r" + g.close +
                      std::string(all.substr(g.close_end)),
                  false};
    opened.arguments = cut(inner, Level::Arguments, style).size() > 1;
    return opened;
}

// Pieces side by side; the groups of a cut number join without a space.
std::string joined(const std::vector<std::string>& pieces, std::size_t from, std::size_t to) {
    std::string s = pieces[from];
    for (std::size_t i = from + 1; i < to; ++i)
        s += (is_digit(s.back()) && is_digit(pieces[i].front()) ? "" : " ") + pieces[i];
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
        if (std::optional<Opened> opened = unwrap(text, c.style))
            return fit(opened->text, opened->arguments ? Level::Arguments : Level::Relation, c, first);
        return fit(text, Level::Digits, c, first);
    }
    if (level == Level::Digits && !c.cut_numbers) return {text};
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

std::vector<std::string> break_formula(std::string_view latex, double width_em, MathStyle style, LongNumbers numbers) {
    const Context c{style, width_em, "", 0.0, false, numbers == LongNumbers::Cut};
    return fit(std::string(latex), Level::Relation, c, true);
}

}  // namespace chainrule::derivations
