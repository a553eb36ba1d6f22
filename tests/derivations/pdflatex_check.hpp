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
#include <iterator>
#include <string>

inline void check_compiles_with_pdflatex(const std::string& tex, const std::string& stem) {
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
    fs::remove_all(dir);
}
