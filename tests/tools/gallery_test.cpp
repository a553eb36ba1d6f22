// The gallery (examples/gallery): every model's worksheet compiles with pdflatex with no
// line running into the margin, and Unicode titles (an em dash, umlauts, Chinese) reach
// the PDF's text. Nothing here depends on the worksheets' prose, only on layout and on
// the titles the models set.
#include "run_process.hpp"
#include "../support/tool_on_path.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace gallery_test {

using namespace cli_test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const fs::path kGallery = fs::path(CHAINRULE_SOURCE_DIR) / "examples" / "gallery";

// A model's command-line options: the words of its "# options: …" comment line (words in
// double quotes stay together), as the gallery's README shows them.
std::vector<std::string> options_of(const fs::path& model) {
    std::istringstream lines(read_file(model));
    for (std::string line; std::getline(lines, line);) {
        const std::size_t at = line.find("# options:");
        if (at != 0) continue;
        std::vector<std::string> words;
        std::string word;
        bool quoted = false, any = false;
        for (char c : line.substr(10)) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) words.push_back(word);
                word.clear();
                any = false;
            } else {
                word += c;
                any = true;
            }
        }
        if (any) words.push_back(word);
        return words;
    }
    return {};
}

std::vector<fs::path> gallery_models() {
    std::vector<fs::path> models;
    for (const auto& e : fs::directory_iterator(kGallery))
        if (e.path().extension() == ".chain") models.push_back(e.path());
    std::sort(models.begin(), models.end());
    return models;
}

// Runs a shell command in `dir`; its exit status.
int shell(const fs::path& dir, const std::string& command) {
    return std::system(("cd '" + dir.string() + "' && " + command + " > /dev/null 2>&1").c_str());
}

// The text pdftotext reads from a PDF, without white space (pdftotext may put spaces
// between CJK characters set from different subfonts).
std::string pdf_text(const fs::path& pdftotext, const fs::path& pdf) {
    const fs::path txt = pdf.parent_path() / (pdf.stem().string() + ".txt");
    REQUIRE(shell(pdf.parent_path(), "'" + pdftotext.string() + "' -enc UTF-8 '" + pdf.string() + "' '" + txt.string() + "'") == 0);
    std::string text = read_file(txt);
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\f' || c == '\t'; });
    return text;
}

std::string squeezed(std::string s) {
    std::erase(s, ' ');
    return s;
}

}  // namespace

TEST_CASE("gallery: at least eight models, each listed in its README with its options") {
    const std::vector<fs::path> models = gallery_models();
    CHECK(models.size() >= 8);
    const std::string readme = read_file(kGallery / "README.md");
    for (const fs::path& m : models) {
        INFO(m.filename());
        CHECK_THAT(readme, Contains(m.filename().string()));
        for (const std::string& option : options_of(m)) CHECK_THAT(readme, Contains(option));
    }
}

namespace {

// The document's body: the preamble defines \resizebox for equation blocks.
std::string body_of(const std::string& tex) { return tex.substr(tex.find("\\begin{document}")); }

// Compiles each gallery model's worksheet (its options, then `extra`, whose --digits
// replaces the model's) with pdflatex: no line
// more than 3pt into the margin, no equation block or table shrunk, no table set smaller
// than \footnotesize (9 pt, 0.82 of the text) or too wide for the line.
void compile_gallery(const std::vector<std::string>& extra) {
    const auto pdflatex = test_support::require_on_path("pdflatex");
    if (!pdflatex) return;
    const auto kpsewhich = test_support::find_on_path("kpsewhich");
    const bool cjk = kpsewhich && shell(".", "'" + kpsewhich->string() + "' CJKutf8.sty gbsnu4e.tfm") == 0;
    ScratchDir dir;
    for (const fs::path& model : gallery_models()) {
        INFO(model.filename());
        const std::string stem = model.stem().string();
        std::vector<std::string> args{"worksheet", model.string(), "--format", "tex", "-o", (dir / (stem + ".tex")).string()};
        const std::vector<std::string> own = options_of(model);
        for (std::size_t i = 0; i < own.size(); ++i) {
            if (own[i] == "--digits" && std::find(extra.begin(), extra.end(), own[i]) != extra.end()) {
                ++i;  // `extra` sets the digits
                continue;
            }
            args.push_back(own[i]);
        }
        args.insert(args.end(), extra.begin(), extra.end());
        const Result r = run(args);
        REQUIRE(r.exit_code == 0);
        const std::string tex = read_file(dir / (stem + ".tex"));
        if (tex.find("CJKutf8") != std::string::npos && !cjk) {
            WARN("not compiled: the LaTeX CJK package is not installed (latex-cjk-chinese)");
            continue;
        }
        CHECK(shell(dir.path(), "'" + pdflatex->string() + "' -interaction=nonstopmode -halt-on-error -no-shell-escape " +
                                    stem + ".tex") == 0);
        const std::string log = read_file(dir / (stem + ".log"));
        const std::regex overfull(R"(Overfull \\hbox \(([0-9.]+)pt too wide\))");
        for (auto it = std::sregex_iterator(log.begin(), log.end(), overfull); it != std::sregex_iterator(); ++it) {
            INFO((*it)[0]);
            CHECK(std::stod((*it)[1]) <= 3.0);
        }
        CHECK_THAT(log, !Contains("was shrunk to the line width"));  // rows were broken, not shrunk
        CHECK_THAT(log, !Contains("a table is wider than the line"));
        for (const char* smaller : {"\\scriptsize", "\\tiny", "\\resizebox", "\\scalebox"})
            CHECK_THAT(body_of(tex), !Contains(smaller));  // tables wrap, they are not made small
        CHECK_THAT(log, !Contains("Missing character"));
        CHECK_THAT(tex, !Contains("\\missingglyph{"));  // every character had a font
    }
}

}  // namespace

TEST_CASE("gallery: every worksheet compiles with pdflatex, no line more than 3pt into the margin") {
    compile_gallery({});
}

TEST_CASE("gallery: at 40 digits too, tables wrap (numbers cut in their cells) and nothing is shrunk") {
    compile_gallery({"--digits", "40"});
}

TEST_CASE("gallery: a wide Notation table wraps its definition at the text's size") {
    const fs::path model = kGallery / "11_wide_sum.chain";
    std::vector<std::string> args{"worksheet", model.string(), "--format", "tex"};
    const Result r = run(args);
    REQUIRE(r.exit_code == 0);
    const std::string notation = r.out.substr(r.out.find("\\subsection*{Notation}"));
    const std::string table = notation.substr(0, notation.find("\\end{longtable}"));
    CHECK_THAT(table, StartsWith("\\subsection*{Notation}"));
    CHECK_THAT(table, !Contains("\\small") && !Contains("\\footnotesize"));  // the text's own size
    CHECK_THAT(table, Contains("\\begin{longtable}{ll>{\\raggedright\\arraybackslash}p{"));  // the definition wraps
    CHECK_THAT(table, Contains("$\\newline$\\quad{}+ w_{"));  // at a +, onto a second line of its cell
}

TEST_CASE("gallery: a title with underscores is plain text in every format, names in formulas are subscripts") {
    const fs::path model = kGallery / "11_wide_sum.chain";
    const std::vector<std::string> options = options_of(model);
    REQUIRE(options.size() == 2);
    REQUIRE(options[0] == "--title");
    REQUIRE(options[1] == "neuron_10: loss_total by w_1, w_10 and b");
    // Three titles: the gallery's, one that is nothing but underscores and TeX's script
    // characters, and the default (which names loss_total).
    for (const std::string& title : {options[1], std::string("_a_ ^b^ __init__ x_{1}")}) {
        INFO(title);
        Result md = run({"worksheet", model.string(), "--title", title});
        REQUIRE(md.exit_code == 0);
        std::string escaped;  // Markdown escapes _ ^ { } … so that the viewer shows them
        for (char c : title) escaped += std::string(std::string_view("_{}").find(c) != std::string_view::npos ? "\\" : "") + c;
        CHECK_THAT(md.out, StartsWith("# " + escaped + "\n"));
        Result tex = run({"worksheet", model.string(), "--title", title, "--format", "tex"});
        REQUIRE(tex.exit_code == 0);
        CHECK_THAT(tex.out, Contains("w_{10}"));  // w_10 in a formula: w with subscript 10
        CHECK_THAT(tex.out, Contains("\\mathrm{loss}_{\\mathrm{total}}"));
    }
    const Result tex = run({"worksheet", model.string(), "--title", options[1], "--format", "tex"});
    CHECK_THAT(tex.out, Contains("\\Large neuron\\_10: loss\\_total by w\\_1, w\\_10 and b\\end{center}"));
    const Result fallback = run({"worksheet", model.string()});
    CHECK_THAT(fallback.out, StartsWith("# ") && Contains("loss\\_total"));
}

TEST_CASE("gallery: the underscores of a title reach the PDF text") {
    const auto pdflatex = test_support::require_on_path("pdflatex");
    const auto pdftotext = test_support::require_on_path("pdftotext");
    if (!pdflatex || !pdftotext) return;
    ScratchDir dir;
    const fs::path model = kGallery / "11_wide_sum.chain";
    for (const std::string& title : {std::string("neuron_10: loss_total by w_1, w_10 and b"), std::string("_a_ ^b^ __init__ x_{1}")}) {
        INFO(title);
        const Result r = run({"worksheet", model.string(), "--format", "pdf", "-o", (dir / "t.pdf").string(), "--title", title});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK_THAT(pdf_text(*pdftotext, dir / "t.pdf"), StartsWith(squeezed(title)));  // the first line, as typed
    }
}

TEST_CASE("gallery: the em dash, the umlauts and the Chinese title reach the PDF text") {
    const auto pdflatex = test_support::require_on_path("pdflatex");
    const auto pdftotext = test_support::require_on_path("pdftotext");
    const auto kpsewhich = test_support::require_on_path("kpsewhich");
    if (!pdflatex || !pdftotext || !kpsewhich) return;
    if (shell(".", "'" + kpsewhich->string() + "' CJKutf8.sty gbsnu4e.tfm") != 0) {
        std::cout << "SKIPPED: the LaTeX CJK package or the Arphic font gbsn is not installed" << std::endl;
        return;
    }
    ScratchDir dir;
    for (const char* name : {"09_uebung_3", "10_fanxiang_chuanbo"}) {
        const fs::path model = kGallery / (std::string(name) + ".chain");
        const std::vector<std::string> options = options_of(model);
        REQUIRE(options.size() == 2);
        REQUIRE(options[0] == "--title");
        std::vector<std::string> args{"worksheet", model.string(), "--format", "pdf", "-o", (dir / (std::string(name) + ".pdf")).string()};
        args.insert(args.end(), options.begin(), options.end());
        const Result r = run(args);  // through the CLI's own PDF path (tools/pdf.cpp)
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const std::string text = pdf_text(*pdftotext, dir / (std::string(name) + ".pdf"));
        CHECK_THAT(text, Contains(squeezed(options[1])));  // the whole title, as typed
    }
    CHECK_THAT(pdf_text(*pdftotext, dir / "09_uebung_3.pdf"), Contains("Übung3—Rückwärts"));
    CHECK_THAT(pdf_text(*pdftotext, dir / "10_fanxiang_chuanbo.pdf"), Contains("反向传播"));
}

TEST_CASE("gallery: Markdown keeps Unicode titles as they are") {
    for (const char* name : {"09_uebung_3", "10_fanxiang_chuanbo"}) {
        const fs::path model = kGallery / (std::string(name) + ".chain");
        std::vector<std::string> args{"worksheet", model.string()};
        const std::vector<std::string> options = options_of(model);
        args.insert(args.end(), options.begin(), options.end());
        const Result r = run(args);
        REQUIRE(r.exit_code == 0);
        CHECK_THAT(r.out, StartsWith("# " + options[1] + "\n"));
    }
}

TEST_CASE("worksheet as PDF: a missing CJK package is named with its Debian packages") {
    ScratchDir dir;
    // A stand-in pdflatex that fails as a TeX installation without the CJK package does.
    const fs::path fake = dir / "pdflatex";
    write_file(fake, "#!/bin/sh\necho \"! LaTeX Error: File \\`CJKutf8.sty' not found.\" > worksheet.log\nexit 1\n");
    fs::permissions(fake, fs::perms::owner_all);
    const fs::path model = kGallery / "10_fanxiang_chuanbo.chain";
    std::vector<std::string> args{"worksheet", model.string(), "--format", "pdf", "-o", (dir / "x.pdf").string()};
    for (const std::string& o : options_of(model)) args.push_back(o);
    const Result r = run(args, {dir.path(), dir.path().string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("Chinese text") && Contains("latex-cjk-chinese latex-cjk-chinese-arphic-gbsn00lp"));
    CHECK_FALSE(fs::exists(dir / "x.pdf"));
}

TEST_CASE("worksheet as PDF: pdflatex found through a relative PATH entry runs in its scratch directory") {
    ScratchDir dir;
    fs::create_directory(dir / "bin");
    // A stand-in pdflatex that writes its PDF into the directory it runs in.
    const fs::path fake = dir / "bin" / "pdflatex";
    write_file(fake, "#!/bin/sh\nprintf '%%PDF-stand-in' > worksheet.pdf\n");
    fs::permissions(fake, fs::perms::owner_all);
    const Result r = run({"worksheet", (kGallery / "04_weight_decay.chain").string(), "--format", "pdf", "-o", "x.pdf"},
                         {dir.path(), "bin"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(read_file(dir / "x.pdf") == "%PDF-stand-in");
    CHECK(listing(dir.path()) == std::vector<std::string>{"bin", "x.pdf"});  // nothing left behind here
}

}  // namespace gallery_test
