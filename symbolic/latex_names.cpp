#include "latex_names.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <regex>
#include <stdexcept>
#include <vector>

namespace chainrule::symbolic {
namespace {

struct GreekName {
    std::string_view name;
    std::string_view latex;
};

// Greek letter names a symbol may use, and their LaTeX.  Capitals that look
// like Latin letters have no LaTeX command and map to the Latin letter.
constexpr std::array<GreekName, 54> greek = {{
    {"alpha", "\\alpha"},     {"beta", "\\beta"},       {"gamma", "\\gamma"},       {"delta", "\\delta"},
    {"epsilon", "\\epsilon"}, {"zeta", "\\zeta"},       {"eta", "\\eta"},           {"theta", "\\theta"},
    {"iota", "\\iota"},       {"kappa", "\\kappa"},     {"lambda", "\\lambda"},     {"mu", "\\mu"},
    {"nu", "\\nu"},           {"xi", "\\xi"},           {"omicron", "o"},           {"pi", "\\pi"},
    {"rho", "\\rho"},         {"sigma", "\\sigma"},     {"tau", "\\tau"},           {"upsilon", "\\upsilon"},
    {"phi", "\\phi"},         {"chi", "\\chi"},         {"psi", "\\psi"},           {"omega", "\\omega"},
    {"varepsilon", "\\varepsilon"}, {"vartheta", "\\vartheta"}, {"varphi", "\\varphi"}, {"varpi", "\\varpi"},
    {"varrho", "\\varrho"},   {"varsigma", "\\varsigma"}, {"Alpha", "A"},           {"Beta", "B"},
    {"Gamma", "\\Gamma"},     {"Delta", "\\Delta"},     {"Epsilon", "E"},           {"Zeta", "Z"},
    {"Eta", "H"},             {"Theta", "\\Theta"},     {"Iota", "I"},              {"Kappa", "K"},
    {"Lambda", "\\Lambda"},   {"Mu", "M"},              {"Nu", "N"},                {"Xi", "\\Xi"},
    {"Omicron", "O"},         {"Pi", "\\Pi"},           {"Rho", "P"},               {"Sigma", "\\Sigma"},
    {"Tau", "T"},             {"Upsilon", "\\Upsilon"}, {"Phi", "\\Phi"},           {"Chi", "X"},
    {"Psi", "\\Psi"},         {"Omega", "\\Omega"},
}};

// Commands a label may use besides the Greek letters: typography only, none
// of them can read files, define macros or change catcodes.
constexpr std::array<std::string_view, 12> safe_commands = {
    "mathrm", "mathbf", "mathit", "hat", "bar", "tilde", "vec", "dot", "ddot", "prime", "partial", "ell",
};

std::optional<std::string_view> greek_latex(std::string_view name) {
    for (const auto& g : greek)
        if (g.name == name) return g.latex;
    return std::nullopt;
}

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

bool is_identifier(std::string_view name) {
    if (name.empty() || !is_alpha(name.front()) || name.back() == '_') return false;
    if (name.find("__") != std::string_view::npos) return false;
    return std::all_of(name.begin(), name.end(), [](char c) { return is_alpha(c) || is_digit(c) || c == '_'; });
}

std::string letters_latex(std::string_view letters) {
    if (letters.size() == 1) return std::string(letters);
    if (auto g = greek_latex(letters)) return std::string(*g);
    return "\\mathrm{" + std::string(letters) + "}";
}

std::string render(std::string_view name);

// A subscript: leading digit groups become a comma list (5_2 -> 5,2).
std::string subscript(std::string_view rest) {
    const auto cut = rest.find('_');
    const std::string_view head = rest.substr(0, cut);
    if (!is_digits(head)) return render(rest);
    if (cut == std::string_view::npos) return std::string(head);
    return std::string(head) + "," + subscript(rest.substr(cut + 1));
}

std::string render(std::string_view name) {
    const auto cut = name.find('_');
    const std::string_view head = name.substr(0, cut);
    const auto digits_at = head.find_first_of("0123456789");
    const std::string_view letters = head.substr(0, digits_at);
    const std::string_view digits = digits_at == std::string_view::npos ? "" : head.substr(digits_at);

    std::string base;
    std::vector<std::string> subs;
    if (digits.empty() || is_digits(digits)) {
        base = letters_latex(letters);
        if (!digits.empty()) subs.emplace_back(digits);
    } else {
        base = "\\mathrm{" + std::string(head) + "}";  // mixed like h1a: alphanumeric, safe
    }
    if (cut != std::string_view::npos) subs.push_back(subscript(name.substr(cut + 1)));
    if (subs.empty()) return base;
    std::string joined = subs.front();
    for (std::size_t i = 1; i < subs.size(); ++i) joined += "," + subs[i];
    return base + "_{" + joined + "}";
}

// Thrown by the label checks below; label_latex adds the label to the message.
[[noreturn]] void refuse(const std::string& why) { throw std::invalid_argument(why); }

// One character of UTF-8 text: its code point and byte length; length 0 when the bytes
// at i are not valid UTF-8 (a stray or missing continuation byte, an overlong form, a
// surrogate, beyond U+10FFFF).
struct Utf8Char {
    char32_t code = 0;
    std::size_t length = 0;
};

Utf8Char decode_utf8(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return {lead, 1};
    std::size_t length = 0;
    char32_t code = 0, smallest = 0;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2, code = lead & 0x1Fu, smallest = 0x80;
    else if (lead >= 0xE0 && lead <= 0xEF) length = 3, code = lead & 0x0Fu, smallest = 0x800;
    else if (lead >= 0xF0 && lead <= 0xF4) length = 4, code = lead & 0x07u, smallest = 0x10000;
    if (length == 0 || i + length > text.size()) return {};
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return {};
        code = (code << 6) | (byte(i + k) & 0x3Fu);
    }
    if (code < smallest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return {};
    return {code, length};
}

// Characters a terminal acts on or that hide or reorder the text around them.
bool is_invisible(char32_t c) {
    return (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F) || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

std::string hex_escape(const char* prefix, unsigned value, int digits) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = prefix;
    for (int d = digits - 1; d >= 0; --d) out += hex[(value >> (4 * d)) & 0xFu];
    return out;
}

struct TypedLetter {
    char32_t code;
    std::string_view latex;
};

// Letters a label may type as UTF-8, and the commands they stand for. ε and φ are the
// curly forms (\varepsilon, \varphi), as their glyphs are; capitals that look Latin are Latin.
constexpr std::array<TypedLetter, 57> typed_letters = {{
    {U'α', "\\alpha"},   {U'β', "\\beta"},  {U'γ', "\\gamma"},      {U'δ', "\\delta"},   {U'ε', "\\varepsilon"},
    {U'ζ', "\\zeta"},    {U'η', "\\eta"},   {U'θ', "\\theta"},      {U'ι', "\\iota"},    {U'κ', "\\kappa"},
    {U'λ', "\\lambda"},  {U'μ', "\\mu"},    {U'ν', "\\nu"},         {U'ξ', "\\xi"},      {U'ο', "o"},
    {U'π', "\\pi"},      {U'ρ', "\\rho"},   {U'ς', "\\varsigma"},   {U'σ', "\\sigma"},   {U'τ', "\\tau"},
    {U'υ', "\\upsilon"}, {U'φ', "\\varphi"}, {U'χ', "\\chi"},       {U'ψ', "\\psi"},     {U'ω', "\\omega"},
    {U'ϵ', "\\epsilon"}, {U'ϑ', "\\vartheta"}, {U'ϕ', "\\phi"},     {U'ϖ', "\\varpi"},   {U'ϱ', "\\varrho"},
    {U'µ', "\\mu"},      {U'Α', "A"},        {U'Β', "B"},              {U'Γ', "\\Gamma"},   {U'Δ', "\\Delta"},
    {U'Ε', "E"},          {U'Ζ', "Z"},        {U'Η', "H"},              {U'Θ', "\\Theta"},   {U'Ι', "I"},
    {U'Κ', "K"},          {U'Λ', "\\Lambda"}, {U'Μ', "M"},              {U'Ν', "N"},          {U'Ξ', "\\Xi"},
    {U'Ο', "O"},          {U'Π', "\\Pi"},    {U'Ρ', "P"},              {U'Σ', "\\Sigma"},   {U'Τ', "T"},
    {U'Υ', "\\Upsilon"}, {U'Φ', "\\Phi"},   {U'Χ', "X"},              {U'Ψ', "\\Psi"},     {U'Ω', "\\Omega"},
    {U'∂', "\\partial"}, {U'ℓ', "\\ell"},
}};

std::optional<std::string_view> typed_letter_latex(char32_t code) {
    for (const auto& t : typed_letters)
        if (t.code == code) return t.latex;
    return std::nullopt;
}

// The label with its typed letters replaced by commands; any other non-ASCII text is
// refused here, so the ASCII checks below see every character.
std::string with_letter_commands(std::string_view label) {
    std::string out;
    for (std::size_t i = 0; i < label.size();) {
        const Utf8Char c = decode_utf8(label, i);
        const auto latex = c.length > 1 ? typed_letter_latex(c.code) : std::nullopt;
        if (c.length == 1) out += label[i];
        else if (latex) out += *latex;
        else refuse("character '" + escape_text_for_message(label.substr(i, std::max<std::size_t>(c.length, 1))) +
                    "' is not allowed (Greek letters such as α are)");
        i += std::max<std::size_t>(c.length, 1);
        if (latex && latex->front() == '\\' && i < label.size() && is_alpha(label[i])) out += ' ';  // \alpha x
    }
    return out;
}

bool allowed_command(std::string_view command) {
    if (auto g = greek_latex(command); g && g->size() > 1 && g->substr(1) == command) return true;
    return std::find(safe_commands.begin(), safe_commands.end(), command) != safe_commands.end();
}

bool allowed_character(char c) {
    return is_alpha(c) || is_digit(c) || std::string_view("_^{},'+-() ").find(c) != std::string_view::npos;
}

// Returns the index of the last character of the command starting at i.
// Something a script (^, _) or an accent can apply to starts at position j: not the end
// of the label, a closing brace, another script or a space.
bool has_argument(std::string_view label, std::size_t j) {
    return j < label.size() && std::string_view("^_} ").find(label[j]) == std::string_view::npos;
}

std::size_t check_command(std::string_view label, std::size_t i) {
    std::size_t j = i + 1;
    while (j < label.size() && is_alpha(label[j])) ++j;
    const std::string_view command = label.substr(i + 1, j - i - 1);
    if (command.empty())
        refuse("a backslash must start a whitelisted command (found \"\\" +
               escape_text_for_message(label.substr(i + 1, 1)) + "\")");
    if (!allowed_command(command)) refuse("command \\" + std::string(command) + " is not allowed");
    static constexpr std::string_view needs_argument[] = {"mathrm", "mathbf", "mathit", "hat", "bar",
                                                         "tilde", "vec", "dot", "ddot"};
    for (std::string_view n : needs_argument)
        if (command == n && !has_argument(label, j)) refuse("\\" + std::string(command) + " needs an argument");
    return j - 1;
}

}  // namespace

std::string latex_name(std::string_view name) {
    if (!is_identifier(name)) return "\\mbox{" + escape_text_for_latex(name) + "}";
    return render(name);
}

// True when the script at position i follows an earlier script of the same kind on the
// same base (x_1_2, x^a^b), which TeX rejects: scan back over the previous script's
// argument (one character or one brace group).
bool double_script(std::string_view label, std::size_t i) {
    if (i < 2) return false;
    std::size_t k = i - 1;
    if (label[k] == '}') {  // skip back over a brace group
        int depth = 0;
        while (true) {
            if (label[k] == '}') ++depth;
            if (label[k] == '{' && --depth == 0) break;
            if (k == 0) return false;
            --k;
        }
    }
    return k >= 1 && label[k - 1] == label[i];
}

namespace {

// The checks of validate_latex_label on a label whose letters are commands (ASCII only).
void check_label(std::string_view label) {
    int depth = 0;
    for (std::size_t i = 0; i < label.size(); ++i) {
        const char c = label[i];
        if (c == '\\') {
            i = check_command(label, i);
            continue;
        }
        if (!allowed_character(c))
            refuse("character '" + escape_text_for_message(std::string_view(&label[i], 1)) + "' is not allowed");
        if (c == '^' && i + 1 < label.size() && label[i + 1] == '^')
            refuse("\"^^\" (TeX character-code escape) is not allowed");
        if ((c == '^' || c == '_') && !has_argument(label, i + 1))
            refuse(std::string("'") + c + "' needs something to apply to");
        if ((c == '^' || c == '_') && double_script(label, i))
            refuse(std::string("double ") + (c == '^' ? "superscript" : "subscript") + " (use braces: x_{1,2})");
        if (c == '{') ++depth;
        if (c == '}' && --depth < 0) refuse("unbalanced braces: '}' without '{'");
    }
    if (depth != 0) refuse("unbalanced braces: '{' not closed");
}

}  // namespace

std::string label_latex(std::string_view label) {
    try {
        if (label.empty()) refuse("empty label");
        std::string latex = with_letter_commands(label);
        check_label(latex);
        return latex;
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("chainrule: LaTeX label \"" + escape_text_for_message(label) +
                                    "\" rejected: " + e.what());
    }
}

void validate_latex_label(std::string_view label) { label_latex(label); }

void validate_latex_number(std::string_view text) {
    // A decimal or scientific number, and what precision/number_format.hpp prints for a
    // number the precision ladder could not settle: a dagger (fewer digits certain), a zero
    // within a bound, a ? (no digit certain, or out of the arithmetic's range).
    static const std::regex number(
        R"re((-?[0-9]+(\.[0-9]+)?(( \\(times|cdot) 10\^\{-?[0-9]+\})(\{\}\^\{\\dagger\})?|\^\{\\dagger\})?))re"
        R"re(|0_\{\\pm 10\^\{-?[0-9]+\}\}|\\text\{\?\})re");
    if (!std::regex_match(text.begin(), text.end(), number))
        throw std::invalid_argument("chainrule: \"" + escape_text_for_message(text) +
                                    "\" is not the LaTeX of a number (expected e.g. -0.25 or 1.5 \\times 10^{-12})");
}

std::string escape_text_for_latex(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '\\': out += "\\textbackslash{}"; break;
        case '^': out += "\\textasciicircum{}"; break;
        case '~': out += "\\textasciitilde{}"; break;
        case '<': out += "\\textless{}"; break;
        case '>': out += "\\textgreater{}"; break;
        case '|': out += "\\textbar{}"; break;
        case '{': case '}': case '$': case '&': case '#': case '_': case '%':
            out += '\\';
            out += c;
            break;
        case '\n': case '\r': case '\t': out += ' '; break;  // text stays on one line
        default:
            if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;  // drop control characters
        }
    }
    return out;
}

std::string escape_text_for_message(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Char c = decode_utf8(text, i);
        if (c.length == 0) out += hex_escape("\\x", static_cast<unsigned char>(text[i]), 2);
        else if (!is_invisible(c.code)) out.append(text.substr(i, c.length));
        else out += c.code < 0x80 ? hex_escape("\\x", c.code, 2) : hex_escape("\\u", c.code, 4);
        i += std::max<std::size_t>(c.length, 1);
    }
    return out;
}

std::string superscript_base(std::string_view latex) {
    const std::string base(latex);
    if (base.find_first_of("^'") == std::string::npos) return base;
    static constexpr std::string_view accents[] = {"\\hat", "\\bar", "\\tilde", "\\vec", "\\dot", "\\ddot",
                                                   "\\check", "\\breve", "\\acute", "\\grave", "\\widehat",
                                                   "\\widetilde", "\\mathring"};
    const bool accent = std::any_of(std::begin(accents), std::end(accents),
                                    [&](std::string_view a) { return base.rfind(a, 0) == 0; });
    return "{" + base + (accent ? "{}" : "") + "}";
}

}  // namespace chainrule::symbolic
