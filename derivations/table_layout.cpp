#include "table_layout.hpp"

#include "equation_breaking.hpp"
#include "math_width.hpp"

#include <algorithm>
#include <numeric>

namespace chainrule::derivations {
namespace {

constexpr double kNormalPadding = 2 * 6.0 / 10.95;   // \tabcolsep 6pt each side, in em
constexpr double kSmallPadding = 2 * 4.0 / 10.95;    // 4pt each side

// How wide text of each size is relative to 11pt: Latin Modern's 10 and 9pt fonts are
// drawn relatively wider (a digit: 0.5 and 0.514 em of its size).
double scale_of(TableSize size) {
    switch (size) {
        case TableSize::Small: return 10.0 / 10.95;
        case TableSize::Footnote: return 9.0 * 0.514 / (10.95 * 0.5);
        default: return 1.0;
    }
}
constexpr double kNotesWidth = 0.27 * 44.2;          // 0.27\linewidth of the 17 cm line
constexpr double kTextMinimum = 8.0;                 // text wraps no narrower, unless nothing else fits

// Widths of one column in em of the 11pt text: natural (on one line), whole (text wrapped
// to kTextMinimum or its longest word, formulas on one line), least (formulas cut too),
// narrow (text down to its longest word as well), digits (long numbers cut as well).
struct Column {
    double natural = 0, whole = 0, least = 0, narrow = 0, digits = 0;
};

double widest_word(const std::string& s) {
    double w = 0;
    for (std::size_t start = 0; start <= s.size();) {
        const std::size_t space = std::min(s.find(' ', start), s.size());
        w = std::max(w, text_width(std::string_view(s).substr(start, space - start)));
        start = space + 1;
    }
    return w;
}

// The widest piece a formula can be cut into (later pieces are one \quad indented).
double widest_piece(const std::string& latex, LongNumbers numbers) {
    const std::vector<std::string> lines = break_formula(latex, 0.0, MathStyle::Text, numbers);
    double w = 0;
    for (std::size_t i = 0; i < lines.size(); ++i)
        w = std::max(w, i ? 1.0 + math_width("{}" + lines[i], MathStyle::Text) : math_width(lines[i], MathStyle::Text));
    return w;
}

// A text or mixed cell wraps as a paragraph (TeX breaks its math after operators, never
// inside a number): down to 8 em, narrower only when that is not enough (to its longest
// word or formula piece). A formula alone is cut by wrapped_cell (render_latex.cpp).
Column measure(const Line& cell) {
    Column c;
    bool formula_only = true;
    double words = 0, pieces = 0, digit_pieces = 0;
    for (const Inline& piece : cell) {
        if (const auto* t = std::get_if<Text>(&piece)) {
            c.natural += text_width(t->text);
            words = std::max(words, widest_word(t->text));
            formula_only = false;
        } else {
            const std::string& latex = std::get<Math>(piece).latex;
            c.natural += math_width(latex, MathStyle::Text);
            pieces = std::max(pieces, widest_piece(latex, LongNumbers::Whole));
            digit_pieces = std::max(digit_pieces, widest_piece(latex, LongNumbers::Cut));
        }
    }
    if (formula_only) {
        c.whole = c.natural;
        c.least = c.narrow = pieces;
        c.digits = digit_pieces;
    } else {
        c.whole = c.least = std::min(c.natural, std::max({words, pieces, kTextMinimum}));
        c.narrow = c.digits = std::max(words, pieces);
    }
    return c;
}

std::vector<Column> measure(const Table& t) {
    std::vector<Column> columns(t.header.size());
    auto add = [&](const std::vector<Line>& cells) {
        for (std::size_t i = 0; i < std::min(columns.size(), cells.size()); ++i) {
            const Column c = measure(cells[i]);
            columns[i].natural = std::max(columns[i].natural, c.natural);
            columns[i].whole = std::max(columns[i].whole, c.whole);
            columns[i].least = std::max(columns[i].least, c.least);
            columns[i].narrow = std::max(columns[i].narrow, c.narrow);
            columns[i].digits = std::max(columns[i].digits, c.digits);
        }
    };
    add(t.header);
    for (const auto& r : t.rows) add(r);
    return columns;
}

// Water-filling: the cap c for which the columns, each min(natural, max(minimum, c)) wide,
// fill `budget`.
double cap_for(const std::vector<double>& natural, const std::vector<double>& minimum, double budget) {
    auto total = [&](double cap) {
        double sum = 0;
        for (std::size_t i = 0; i < natural.size(); ++i) sum += std::min(natural[i], std::max(minimum[i], cap));
        return sum;
    };
    double lo = 0, hi = *std::max_element(natural.begin(), natural.end());
    for (int k = 0; k < 60; ++k) {
        const double mid = (lo + hi) / 2;
        (total(mid) <= budget ? lo : hi) = mid;
    }
    return lo;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

TableLayout table_layout(const Table& t, double line_width) {
    enum Minimum { Whole, Least, Narrow, Digits };
    struct Attempt {
        TableSize size;
        Minimum minimum;
    };
    // In order: text wrapped, then formulas cut, at each size; below the normal size text
    // narrower than 8 em too; at the smallest size, long numbers cut as well. The last one
    // is also the layout of a table that fits at none.
    constexpr Attempt kAttempts[] = {{TableSize::Normal, Whole},    {TableSize::Normal, Least},
                                     {TableSize::Small, Whole},     {TableSize::Small, Least},
                                     {TableSize::Small, Narrow},    {TableSize::Footnote, Whole},
                                     {TableSize::Footnote, Least},  {TableSize::Footnote, Narrow},
                                     {TableSize::Footnote, Digits}};
    const std::vector<Column> columns = measure(t);
    const std::size_t fitted = t.wrap_last_column && !columns.empty() ? columns.size() - 1 : columns.size();
    for (const Attempt& a : kAttempts) {
        if (t.wrap_last_column && a.size == TableSize::Normal) continue;  // notes tables are at most small
        const double scale = scale_of(a.size), padding = a.size == TableSize::Normal ? kNormalPadding : kSmallPadding;
        const double budget = line_width - (t.wrap_last_column ? kNotesWidth + padding : 0.0);
        std::vector<double> natural(fitted), minimum(fitted);
        for (std::size_t i = 0; i < fitted; ++i) {
            const Column& c = columns[i];
            natural[i] = c.natural * scale + padding;
            const double least[] = {c.whole, c.least, c.narrow, c.digits};
            minimum[i] = least[a.minimum] * scale + padding;
        }
        const bool last = &a == std::end(kAttempts) - 1;
        if (sum(minimum) > budget && !last) continue;
        TableLayout layout{a.size, scale, std::vector<std::optional<double>>(columns.size()), a.minimum == Digits,
                           sum(minimum) > budget};
        if (sum(natural) <= budget || fitted == 0) return layout;
        const double cap = layout.overflow ? 0.0 : cap_for(natural, minimum, budget);
        for (std::size_t i = 0; i < fitted; ++i) {
            const double width = std::max(cap, minimum[i]);
            if (natural[i] > width + 1e-9) layout.wrap[i] = width - padding;
        }
        return layout;
    }
    return {};  // not reached: the last attempt always returns
}

}  // namespace chainrule::derivations
