#include "table_layout.hpp"

#include "equation_breaking.hpp"
#include "math_width.hpp"

#include <algorithm>
#include <numeric>

namespace chainrule::derivations {
namespace {

constexpr double kNormalPadding = 2 * 6.0 / 10.95;   // \tabcolsep 6pt each side, in em
constexpr double kSmallPadding = 2 * 4.0 / 10.95;    // 4pt each side

// How wide text of each size is relative to 11pt: Latin Modern's 10, 9 and 8pt fonts are
// drawn relatively wider (a digit: 0.5, 0.514, 0.531 em of its size).
double scale_of(TableSize size) {
    switch (size) {
        case TableSize::Small: return 10.0 / 10.95;
        case TableSize::Footnote: return 9.0 * 0.514 / (10.95 * 0.5);
        case TableSize::Script: return 8.0 * 0.531 / (10.95 * 0.5);
        default: return 1.0;
    }
}
constexpr double kNotesWidth = 0.27 * 44.2;          // 0.27\linewidth of the 17 cm line
constexpr double kTextMinimum = 8.0;                 // text wraps no narrower than this

// Widths of one column in em of the 11pt text: natural (on one line), whole (text wrapped
// to kTextMinimum or its longest word, formulas on one line), least (formulas cut too).
struct Column {
    double natural = 0, whole = 0, least = 0;
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
double widest_piece(const std::string& latex) {
    const std::vector<std::string> lines = break_formula(latex, 0.0, MathStyle::Text);
    double w = 0;
    for (std::size_t i = 0; i < lines.size(); ++i)
        w = std::max(w, i ? 1.0 + math_width("{}" + lines[i], MathStyle::Text) : math_width(lines[i], MathStyle::Text));
    return w;
}

Column measure(const Line& cell) {
    Column c;
    bool formula_only = true;
    for (const Inline& piece : cell) {
        if (const auto* t = std::get_if<Text>(&piece)) {
            c.natural += text_width(t->text);
            c.least = std::max(c.least, widest_word(t->text));
            formula_only = false;
        } else {
            const std::string& latex = std::get<Math>(piece).latex;
            c.natural += math_width(latex, MathStyle::Text);
            c.least = std::max(c.least, widest_piece(latex));
        }
    }
    c.whole = formula_only ? c.natural : std::min(c.natural, std::max(c.least, kTextMinimum));
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
    enum Minimum { Natural, Whole, Least };
    struct Attempt {
        TableSize size;
        Minimum minimum;
    };
    // In order: as it is; text wrapped; small; small with text wrapped; small with formulas
    // cut; footnote size and script size likewise.
    constexpr Attempt kAttempts[] = {{TableSize::Normal, Natural}, {TableSize::Normal, Whole},
                                     {TableSize::Small, Natural},  {TableSize::Small, Whole},
                                     {TableSize::Small, Least},    {TableSize::Footnote, Least},
                                     {TableSize::Script, Least}};
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
            minimum[i] = (a.minimum == Natural ? c.natural : a.minimum == Whole ? c.whole : c.least) * scale + padding;
        }
        if (sum(minimum) > budget) continue;
        TableLayout layout{a.size, scale, std::vector<std::optional<double>>(columns.size())};
        if (sum(natural) <= budget || fitted == 0) return layout;
        const double cap = cap_for(natural, minimum, budget);
        for (std::size_t i = 0; i < fitted; ++i) {
            const double width = std::max(cap, minimum[i]);
            if (natural[i] > width + 1e-9) layout.wrap[i] = width - padding;
        }
        return layout;
    }
    return {TableSize::Small, scale_of(TableSize::Small), std::vector<std::optional<double>>(columns.size()), true};
}

}  // namespace chainrule::derivations
