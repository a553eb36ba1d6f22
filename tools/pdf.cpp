#include "pdf.hpp"

#include "output.hpp"
#include "subprocess.hpp"

#include <fstream>
#include <sstream>
#include <vector>

extern char** environ;

namespace chainrule::tools {

namespace {

namespace fs = std::filesystem;

// The environment for TeX: this process's, with MKTEXTFM=0 — a font that is not
// installed is reported at once instead of METAFONT trying to make it.
std::vector<std::string> tex_environment() {
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e)
        if (std::string_view(*e).rfind("MKTEXTFM=", 0) != 0) env.emplace_back(*e);
    env.emplace_back("MKTEXTFM=0");
    return env;
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

void require_pdflatex() {
    if (!find_program("pdflatex"))
        throw ToolError("--format pdf needs pdflatex, which is not installed (Debian: apt-get install "
                        "texlive-latex-recommended); --format tex gives the LaTeX source");
}

std::string latex_to_pdf(const std::string& tex) {
    require_pdflatex();
    const std::optional<fs::path> pdflatex = find_program("pdflatex");
    ScratchDirectory dir;
    const fs::path source = dir.path() / "worksheet.tex";
    std::ofstream(source, std::ios::binary) << tex;
    const int status = run_quietly(*pdflatex,
                                   {"pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                                    "worksheet.tex"},
                                   dir.path(), dir.path() / "pdflatex.out", tex_environment());
    if (status != 0 || !fs::exists(dir.path() / "worksheet.pdf")) {
        if (const std::optional<std::string> missing = missing_package(read_file(dir.path() / "worksheet.log")))
            throw ToolError("pdflatex failed: " + *missing + "; --format tex gives the LaTeX source");
        throw ToolError("pdflatex failed: " + first_tex_error(dir.path() / "worksheet.log"));
    }
    return read_file(dir.path() / "worksheet.pdf");
}

}  // namespace chainrule::tools
