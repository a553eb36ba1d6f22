#pragma once
/// \file diagnostic.hpp
/// Errors of the .chain language and of the command-line mini-languages (expressions,
/// `x=3, y=1` bindings, `J < 0.01` conditions), reported the way compilers do:
///
///     bp.chain:3:17: error: unknown name 'w9'; expected a name declared by input, …
///       in_h1 = w1*i1 + w9*i2 + b_h
///                       ^
///       hint: did you mean 'w1'?
///
/// The first line is complete on its own (for scripts and one-line logs); the source
/// line and the caret follow. Columns count characters (UTF-8 code points), not bytes,
/// so the caret lands under the right character even after "−" or "σ" in a comment.
///
/// User text is quoted safely: the file name, the message, the expected text, the hint
/// and the source line pass through symbolic::escape_text_for_message (an ESC byte shows
/// as \x1b, NUL as \x00, an invalid UTF-8 byte as \xff), and the caret lines up under
/// the escaped line. The accessors return the escaped texts.

#include "../graph/errors.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace chainrule::lang {

/// Any text made safe to print in a message: control characters, direction overrides,
/// zero-width characters and invalid UTF-8 spelled out (`\x1b`, `\u202e`, `\xff`), as
/// symbolic::escape_text_for_message does for every message of the language.
std::string message_text(std::string_view text);

/// A text to parse, with the name messages give it: a file path, "expression", "--at".
struct Source {
    std::string name;
    std::string text;
};

/// A line and column (both 1-based; the column counts code points) in a Source.
struct LineColumn {
    std::size_t line = 0;
    std::size_t column = 0;
};

/// The line and column of byte `offset` of `text` (an offset past the end is clamped).
LineColumn line_column(std::string_view text, std::size_t offset);

/// A syntax or semantic error of a source. what() is the full report (first line,
/// source line, caret, hint); first_line() the one-line form.
class LangError : public Error {
public:
    /// An error at byte `offset` of `source`: `message` says what is wrong, `expected`
    /// (optional) what would have been right, `hint` (optional) how to fix it.
    LangError(const Source& source, std::size_t offset, std::string message, std::string expected = {},
              std::string hint = {});
    /// An error about a source as a whole (no position), e.g. a file that cannot be read.
    LangError(std::string source_name, std::string message);

    const std::string& source_name() const noexcept { return source_name_; }
    /// 1-based line and column; 0 when the error has no position.
    std::size_t line() const noexcept { return where_.line; }
    std::size_t column() const noexcept { return where_.column; }
    const std::string& message() const noexcept { return message_; }
    const std::string& expected() const noexcept { return expected_; }
    const std::string& hint() const noexcept { return hint_; }
    /// "file:line:col: error: message; expected …"
    std::string first_line() const;

private:
    std::string source_name_;
    LineColumn where_;
    std::string message_;
    std::string expected_;
    std::string hint_;
};

/// A warning about byte `offset` of `source`, one line: "file:line:col: warning: message"
/// (user text escaped as in errors). Warnings do not stop anything; the CLI prints them on
/// stderr.
std::string warning_line(const Source& source, std::size_t offset, std::string_view message);

/// The token at byte `offset` as a message shows it: 'w2', '(', "end of line",
/// "end of input". Identifiers and numbers are shown whole, anything else as one character.
std::string describe_token(std::string_view text, std::size_t offset);

/// The candidate closest to `name` (edit distance ≤ 2, and less than the name's
/// length), or "" — for "did you mean 'w1'?" hints.
std::string closest_name(std::string_view name, std::span<const std::string> candidates);

/// "did you mean 'w1'?" for the closest candidate, or "".
std::string did_you_mean(std::string_view name, std::span<const std::string> candidates);

}  // namespace chainrule::lang
