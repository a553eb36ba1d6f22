#pragma once
// The one place where tests look for an external tool (pdflatex): on PATH, as the
// chainrule CLI looks for it (tools/pdf.cpp), never at a fixed path such as /usr/bin.
//
// A test that cannot run its check without the tool calls require_on_path() FIRST, before
// any assertion, and returns when it gives nothing: the line "SKIPPED: <tool> not found on
// PATH" goes to standard output, and ctest (SKIP_REGULAR_EXPRESSION "SKIPPED:", set in
// tests/CMakeLists.txt and tests/tools/CMakeLists.txt) reports the test as skipped with
// that reason instead of passing it with zero assertions. Calling it first means a skip
// can never hide a failed assertion of the same test case.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

namespace test_support {

/// The first executable regular file called `name` in a directory of PATH (an empty entry
/// is the current directory, as for the shell), or nothing.
inline std::optional<std::filesystem::path> find_on_path(std::string_view name) {
    const char* path = std::getenv("PATH");
    if (path == nullptr) return std::nullopt;
    std::string_view rest(path);
    for (;;) {
        const std::size_t colon = rest.find(':');
        std::string_view dir = rest.substr(0, colon);
        if (dir.empty()) dir = ".";
        const std::filesystem::path candidate = std::filesystem::path(dir) / name;
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        if (colon == std::string_view::npos) return std::nullopt;
        rest.remove_prefix(colon + 1);
    }
}

/// find_on_path(), and when the tool is missing prints "SKIPPED: <name> not found on PATH"
/// for ctest. Usage, first statement of the test case:
///     const auto pdflatex = test_support::require_on_path("pdflatex");
///     if (!pdflatex) return;
inline std::optional<std::filesystem::path> require_on_path(std::string_view name) {
    std::optional<std::filesystem::path> found = find_on_path(name);
    if (!found) std::cout << "SKIPPED: " << name << " not found on PATH" << std::endl;
    return found;
}

}  // namespace test_support
