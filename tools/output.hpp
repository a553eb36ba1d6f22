#pragma once
/// \file output.hpp
/// Where a command's result goes: standard output, or a file written atomically — a
/// temporary file in the target's directory, renamed over the target only once complete,
/// so that a reader never sees half a file and an error leaves nothing behind (an
/// existing file keeps its old content).

#include "../lang/diagnostic.hpp"  // chainrule::Error

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>

namespace chainrule::tools {

/// An error of the command line itself (files, external programs, option values).
class ToolError : public Error {
public:
    using Error::Error;
};

/// Writes `bytes` to `path` atomically. Throws ToolError (naming the path and the system's
/// reason) when the directory is missing or not writable, the path is a directory, ….
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

/// Writes `bytes` to `path` (atomically) when a path is given, else to `out`.
void emit(std::string_view bytes, const std::string& path, std::ostream& out);

}  // namespace chainrule::tools
