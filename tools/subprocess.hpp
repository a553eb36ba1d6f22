#pragma once
/// \file subprocess.hpp
/// Running the external programs some formats need (pdflatex for PDF, Graphviz's dot for
/// the HTML graph, pdfunite for a class set): found on PATH, run without a shell, with no
/// terminal input and their output in a log file, in a scratch directory removed afterwards.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chainrule::tools {

/// The executable `name` in the directories of PATH, if any, as an absolute path.
std::optional<std::filesystem::path> find_program(std::string_view name);

/// A fresh directory under the system's temporary directory, removed with everything in it
/// when this object goes. Throws ToolError when it cannot be made.
class ScratchDirectory {
public:
    ScratchDirectory();
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;
    ~ScratchDirectory();
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// The whole content of a file ("" when it cannot be read).
std::string read_file(const std::filesystem::path& p);

/// Runs `program` with `args` (args[0] is its name) in directory `cwd`, stdin from
/// /dev/null, stdout and stderr into `log`, with environment `env` (empty: this process's).
/// Returns its exit status (128 when it died of a signal). Throws ToolError when it cannot
/// be started.
int run_quietly(const std::filesystem::path& program, std::vector<std::string> args, const std::filesystem::path& cwd,
                const std::filesystem::path& log, std::vector<std::string> env = {});

}  // namespace chainrule::tools
