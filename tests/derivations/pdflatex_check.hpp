#pragma once
// A LaTeX document must compile with pdflatex (when it is installed; else the check is
// skipped with a warning): the renderers' output is meant to be compiled as it is.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

inline void check_compiles_with_pdflatex(const std::string& tex, const std::string& stem) {
    if (std::system("command -v pdflatex > /dev/null 2>&1") != 0) {
        WARN("pdflatex not installed: compile step skipped");
        return;
    }
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("chainrule_pdflatex_" + stem + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "sheet.tex") << tex;
    const std::string cmd = "cd '" + dir.string() +
                            "' && pdflatex -interaction=nonstopmode -halt-on-error -no-shell-escape sheet.tex > log.txt 2>&1";
    const int rc = std::system(cmd.c_str());
    if (rc != 0) {
        std::ifstream log(dir / "log.txt");
        std::string all((std::istreambuf_iterator<char>(log)), {});
        FAIL("pdflatex failed:\n" << all.substr(all.size() > 3000 ? all.size() - 3000 : 0));
    }
    CHECK(fs::file_size(dir / "sheet.pdf") > 1000);
    fs::remove_all(dir);
}
