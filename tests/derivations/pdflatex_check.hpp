#pragma once
// A LaTeX document must compile with pdflatex: the renderers' output is meant to be
// compiled as it is. pdflatex is found on PATH; without it the test case is reported by
// ctest as skipped ("SKIPPED: pdflatex not found on PATH"), so call this before any other
// assertion of the test case (a skip must not hide a failure).
#include "../support/tool_on_path.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

// Whether pdflatex has the CJK package and its Chinese font (Debian: latex-cjk-chinese,
// latex-cjk-chinese-arphic-gbsn00lp), which documents with Chinese text need; asked with
// kpsewhich. Without them (or without pdflatex) the test case is reported skipped: call it
// first, like require_on_path.
inline bool require_cjk_package() {
    const auto kpsewhich = test_support::require_on_path("kpsewhich");
    if (!kpsewhich || !test_support::require_on_path("pdflatex")) return false;
    const std::string cmd = "'" + kpsewhich->string() + "' CJKutf8.sty gbsnu4e.tfm > /dev/null 2>&1";
    if (std::system(cmd.c_str()) == 0) return true;
    std::cout << "SKIPPED: the LaTeX CJK package or the Arphic font gbsn is not installed "
                 "(Debian: latex-cjk-chinese latex-cjk-chinese-arphic-gbsn00lp)" << std::endl;
    return false;
}

// The widths in points of every "Overfull \hbox (…pt too wide)" of a TeX log.
inline std::vector<double> overfull_boxes(const std::string& log) {
    std::vector<double> widths;
    const std::string mark = "Overfull \\hbox (";
    for (std::size_t p = 0; (p = log.find(mark, p)) != std::string::npos; p += mark.size())
        widths.push_back(std::strtod(log.c_str() + p + mark.size(), nullptr));
    return widths;
}

// Compiles `tex`; with `max_overfull_pt` >= 0, also fails on a line that runs more than
// that many points into the margin (an "Overfull \hbox" of the log).
inline void check_compiles_with_pdflatex(const std::string& tex, const std::string& stem, double max_overfull_pt = -1) {
    const auto pdflatex = test_support::require_on_path("pdflatex");
    if (!pdflatex) return;
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("chainrule_pdflatex_" + stem + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "sheet.tex") << tex;
    const std::string cmd = "cd '" + dir.string() +
                            "' && '" + pdflatex->string() + "' -interaction=nonstopmode -halt-on-error -no-shell-escape sheet.tex > log.txt 2>&1";
    const int rc = std::system(cmd.c_str());
    if (rc != 0) {
        std::ifstream log(dir / "log.txt");
        std::string all((std::istreambuf_iterator<char>(log)), {});
        FAIL("pdflatex failed:\n" << all.substr(all.size() > 3000 ? all.size() - 3000 : 0));
    }
    CHECK(fs::file_size(dir / "sheet.pdf") > 1000);
    if (max_overfull_pt >= 0) {
        std::ifstream log(dir / "sheet.log");
        const std::string all((std::istreambuf_iterator<char>(log)), {});
        for (double w : overfull_boxes(all)) CHECK(w <= max_overfull_pt);
    }
    fs::remove_all(dir);
}
