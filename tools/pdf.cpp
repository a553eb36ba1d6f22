#include "pdf.hpp"

#include "output.hpp"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <optional>
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

// The environment for TeX: this process's, with MKTEXTFM=0 — a font that is not
// installed is reported at once instead of METAFONT trying to make it.
std::vector<std::string> tex_environment() {
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e)
        if (std::string_view(*e).rfind("MKTEXTFM=", 0) != 0) env.emplace_back(*e);
    env.emplace_back("MKTEXTFM=0");
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> p;
    for (std::string& s : strings) p.push_back(s.data());
    p.push_back(nullptr);
    return p;
}

// Runs `args` in directory `cwd` (where TeX may leave files such as missfont.log) with no
// terminal input and its output in `log`; returns its exit status.
int run_quietly(const fs::path& program, std::vector<std::string> args, const fs::path& cwd, const fs::path& log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    std::vector<std::string> env = tex_environment();
    std::vector<char*> argv = pointers(args), envp = pointers(env);
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw ToolError("cannot run " + program.string());
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) throw ToolError("lost track of " + program.string());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

// What a failed run lacked, in words a user can act on: the LaTeX packages and fonts the
// renderers use (derivations/latex_text.hpp), with their Debian packages.
std::optional<std::string> missing_package(const std::string& log) {
    if (log.find("`CJKutf8.sty' not found") != std::string::npos)
        return "the document has Chinese text, which needs the LaTeX CJK package (Debian: apt-get install "
               "latex-cjk-chinese latex-cjk-chinese-arphic-gbsn00lp)";
    if (log.find("gbsn") != std::string::npos && log.find("not loadable") != std::string::npos)
        return "the document has Chinese text, which needs the Arphic font gbsn for pdflatex (Debian: apt-get "
               "install latex-cjk-chinese-arphic-gbsn00lp)";
    const std::size_t file = log.find("! LaTeX Error: File `");
    if (file != std::string::npos) {
        const std::size_t start = file + 21, end = log.find('\'', start);
        return "pdflatex lacks the LaTeX file " + log.substr(start, end - start) +
               " (Debian: scripts/install-deps.sh installs what chainrule's documents use)";
    }
    return std::nullopt;
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
    // Absolute: pdflatex runs in the scratch directory, where a relative PATH entry would not resolve.
    const int status = run_quietly(fs::absolute(*pdflatex),
                                   {"pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                                    "worksheet.tex"},
                                   dir.path(), dir.path() / "pdflatex.out");
    if (status != 0 || !fs::exists(dir.path() / "worksheet.pdf")) {
        if (const std::optional<std::string> missing = missing_package(read_file(dir.path() / "worksheet.log")))
            throw ToolError("pdflatex failed: " + *missing + "; --format tex gives the LaTeX source");
        throw ToolError("pdflatex failed: " + first_tex_error(dir.path() / "worksheet.log"));
    }
    return read_file(dir.path() / "worksheet.pdf");
}

}  // namespace chainrule::tools
