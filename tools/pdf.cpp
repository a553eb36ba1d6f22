#include "pdf.hpp"

#include "output.hpp"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace chainrule::tools {

namespace {

namespace fs = std::filesystem;

class ScratchDirectory {
public:
    ScratchDirectory() {
        std::string pattern = (fs::temp_directory_path() / "chainrule-pdf-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw ToolError("cannot create a scratch directory for pdflatex");
        path_ = pattern;
    }
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;
    ~ScratchDirectory() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return std::move(s).str();
}

// Runs `argv` with no terminal input and its output in `log`; returns its exit status.
int run_quietly(const fs::path& program, const std::vector<std::string>& args, const fs::path& log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw ToolError("cannot run " + program.string());
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) throw ToolError("lost track of " + program.string());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

// The first "! …" error line of a TeX log, or a pointer to the log.
std::string first_tex_error(const fs::path& log) {
    std::istringstream lines(read_file(log));
    for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line.front() == '!') return line;
    return "see its log for details";
}

}  // namespace

std::optional<fs::path> find_program(std::string_view name) {
    const char* path = std::getenv("PATH");
    if (path == nullptr) return std::nullopt;
    std::istringstream dirs(path);
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
}

std::string latex_to_pdf(const std::string& tex) {
    const std::optional<fs::path> pdflatex = find_program("pdflatex");
    if (!pdflatex)
        throw ToolError("--format pdf needs pdflatex, which is not installed (Debian: apt-get install "
                        "texlive-latex-recommended); --format tex gives the LaTeX source");
    ScratchDirectory dir;
    const fs::path source = dir.path() / "worksheet.tex";
    std::ofstream(source, std::ios::binary) << tex;
    const int status = run_quietly(*pdflatex,
                                   {"pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                                    "-output-directory=" + dir.path().string(), source.string()},
                                   dir.path() / "pdflatex.out");
    if (status != 0 || !fs::exists(dir.path() / "worksheet.pdf"))
        throw ToolError("pdflatex failed: " + first_tex_error(dir.path() / "worksheet.log"));
    return read_file(dir.path() / "worksheet.pdf");
}

}  // namespace chainrule::tools
