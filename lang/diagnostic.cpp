#include "diagnostic.hpp"

#include "../symbolic/latex_names.hpp"

#include <algorithm>
#include <vector>

namespace chainrule::lang {

std::string message_text(std::string_view text) { return symbolic::escape_text_for_message(text); }

namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

std::size_t line_start(std::string_view text, std::size_t offset) {
    const std::size_t nl = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
}

std::string_view line_at(std::string_view text, std::size_t offset) {
    const std::size_t begin = line_start(text, offset);
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    if (end > begin && text[end - 1] == '\r') --end;
    return text.substr(begin, end - begin);
}

// The caret line under the shown (escaped) source line: every character of the shown
// text before the error becomes a space, tabs kept, so that the caret lines up under
// the source line whatever the tab width and however long an escape such as \x1b is.
std::string caret_line(std::string_view shown_before) {
    std::string out;
    for (char c : shown_before)
        if (!is_continuation_byte(c)) out += c == '\t' ? '\t' : ' ';
    return out + '^';
}

// User text as the report quotes it (control bytes, invalid UTF-8 escaped).
std::string shown(std::string_view text) { return symbolic::escape_text_for_message(text); }

std::string first_line_of(std::string_view name, LineColumn at, std::string_view message,
                          std::string_view expected, std::string_view severity = "error") {
    // Built with append: GCC 12 warns (-Wrestrict, a false positive) on literal + string.
    std::string out = shown(name);
    if (at.line > 0) out.append(":").append(std::to_string(at.line)).append(":").append(std::to_string(at.column));
    out.append(": ").append(severity).append(": ").append(message);
    if (!expected.empty()) out.append("; expected ").append(expected);
    return out;
}

std::string report(const Source& source, std::size_t offset, std::string_view message, std::string_view expected,
                   std::string_view hint) {
    offset = std::min(offset, source.text.size());
    const std::string_view line = line_at(source.text, offset);
    const std::size_t before = std::min(offset - line_start(source.text, offset), line.size());
    std::string out = first_line_of(source.name, line_column(source.text, offset), message, expected);
    out += "\n  " + shown(line) + "\n  " + caret_line(shown(line.substr(0, before)));
    if (!hint.empty()) out += "\n  hint: " + std::string(hint);
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

}  // namespace

LineColumn line_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    const std::size_t begin = line_start(text, offset);
    const auto line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + begin, '\n')) + 1;
    std::size_t column = 1;
    for (std::size_t i = begin; i < offset; ++i)
        if (!is_continuation_byte(text[i])) ++column;
    return {line, column};
}

// Messages are escaped once, here, so that every error quotes user text safely whoever
// built the message (escaping is idempotent: an already escaped part stays as it is).
LangError::LangError(const Source& source, std::size_t offset, std::string message, std::string expected,
                     std::string hint)
    : Error(report(source, offset, shown(message), shown(expected), shown(hint))),
      source_name_(source.name),
      where_(line_column(source.text, offset)),
      message_(shown(message)),
      expected_(shown(expected)),
      hint_(shown(hint)) {}

LangError::LangError(std::string source_name, std::string message)
    : Error(first_line_of(source_name, {}, shown(message), {})),
      source_name_(std::move(source_name)),
      message_(shown(message)) {}

std::string LangError::first_line() const { return first_line_of(source_name_, where_, message_, expected_); }

std::string warning_line(const Source& source, std::size_t offset, std::string_view message) {
    return first_line_of(source.name, line_column(source.text, offset), shown(message), {}, "warning");
}

std::string describe_token(std::string_view text, std::size_t offset) {
    if (offset >= text.size()) return "end of input";
    const char c = text[offset];
    if (c == '\n' || c == '\r') return "end of line";
    std::size_t end = offset + 1;
    if (is_word_char(c))
        while (end < text.size() && is_word_char(text[end])) ++end;
    else
        while (end < text.size() && is_continuation_byte(text[end])) ++end;
    constexpr std::size_t kMaxShown = 24;  // a long token is cut: the caret shows where it is
    std::string token(text.substr(offset, std::min(end - offset, kMaxShown)));
    return "'" + token + (end - offset > kMaxShown ? "…'" : "'");
}

std::string closest_name(std::string_view name, std::span<const std::string> candidates) {
    const auto common_prefix = [&](std::string_view c) {
        return static_cast<std::size_t>(std::mismatch(name.begin(), name.end(), c.begin(), c.end()).first - name.begin());
    };
    std::string best;
    std::size_t best_distance = 3;
    for (const std::string& c : candidates) {
        const std::size_t d = edit_distance(name, c);
        // Ties go to the longer common prefix: "sinn" means sin rather than sign.
        const bool better = d < best_distance || (d == best_distance && !best.empty() && common_prefix(c) > common_prefix(best));
        if (better && d < name.size()) {
            best = c;
            best_distance = d;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view name, std::span<const std::string> candidates) {
    const std::string best = closest_name(name, candidates);
    return best.empty() ? std::string() : "did you mean '" + best + "'?";
}

}  // namespace chainrule::lang
