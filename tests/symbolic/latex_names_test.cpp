// latex_name conventions, label validation against injection, text escaping.
#include <catch2/catch.hpp>

#include "symbolic/latex_names.hpp"

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace latex_names_test {

using namespace chainrule::symbolic;

TEST_CASE("symbol names follow the hand-written conventions", "[latex_names]") {
    CHECK(latex_name("w5") == "w_{5}");
    CHECK(latex_name("out_h1") == "\\mathrm{out}_{h_{1}}");
    CHECK(latex_name("in_o1") == "\\mathrm{in}_{o_{1}}");
    CHECK(latex_name("E_o1") == "E_{o_{1}}");
    CHECK(latex_name("b_h") == "b_{h}");
    CHECK(latex_name("x") == "x");
    CHECK(latex_name("out") == "\\mathrm{out}");
    CHECK(latex_name("E_total") == "E_{\\mathrm{total}}");
    CHECK(latex_name("x_10") == "x_{10}");
    CHECK(latex_name("w_5_2") == "w_{5,2}");
    CHECK(latex_name("w5_a") == "w_{5,a}");
    CHECK(latex_name("h1a") == "\\mathrm{h1a}");
}

TEST_CASE("Greek names become Greek letters", "[latex_names]") {
    for (const char* g : {"alpha", "beta", "gamma", "delta", "epsilon", "eta", "theta", "lambda", "mu", "sigma", "tau",
                          "phi", "omega"})
        CHECK(latex_name(g) == std::string("\\") + g);
    CHECK(latex_name("eta2") == "\\eta_{2}");
    CHECK(latex_name("beta_1") == "\\beta_{1}");
    CHECK(latex_name("Delta") == "\\Delta");
    CHECK(latex_name("Omega") == "\\Omega");
    CHECK(latex_name("Alpha") == "A");  // LaTeX has no \Alpha
    CHECK(latex_name("delta_o1") == "\\delta_{o_{1}}");
    CHECK(latex_name("etaX") == "\\mathrm{etaX}");
}

TEST_CASE("non-identifiers are escaped, never interpreted", "[latex_names]") {
    CHECK(latex_name("a$b") == "\\mbox{a\\$b}");
    CHECK(latex_name("\\input{x}") == "\\mbox{\\textbackslash{}input\\{x\\}}");
    CHECK(latex_name("x_") == "\\mbox{x\\_}");
    CHECK(latex_name("a__b") == "\\mbox{a\\_\\_b}");
    CHECK(latex_name("1x") == "\\mbox{1x}");
}

TEST_CASE("labels may use only harmless LaTeX", "[latex_names]") {
    for (const char* ok : {"x", "\\hat{y}", "\\mathrm{out}_{h_{1}}", "w'_{5}", "\\alpha^{(2)}", "\\bar{x} + 1",
                           "\\Delta w_{i,j}", "\\tilde{\\theta}", "x^{\\prime}", "a - (b + c)"})
        CHECK_NOTHROW(validate_latex_label(ok));
    for (const char* bad : {"\\input{/etc/passwd}", "\\write18{rm -rf /}", "\\def\\x{y}", "\\catcode`\\^=7",
                            "\\include{a}", "\\immediate", "\\csname input\\endcsname", "\\Alpha", "x}", "{x",
                            "}{", "$x$", "50%", "#1", "a & b", "x\\\\y", "\\", "x\\,y", "^^5cinput", "a~b", "",
                            "x;y", "\\mathrmx"}) {
        INFO(bad);
        CHECK_THROWS_AS(validate_latex_label(bad), std::invalid_argument);
    }
}

TEST_CASE("rejections explain themselves", "[latex_names]") {
    CHECK_THROWS_WITH(validate_latex_label("\\input{a}"), Catch::Contains("\\input is not allowed"));
    CHECK_THROWS_WITH(validate_latex_label("{x"), Catch::Contains("unbalanced braces"));
    CHECK_THROWS_WITH(validate_latex_label("a$"), Catch::Contains("'$'"));
}

TEST_CASE("escaping arbitrary text", "[latex_names]") {
    CHECK(escape_text_for_latex("plain text 1.5") == "plain text 1.5");
    CHECK(escape_text_for_latex("\\{}$&#^_%~") ==
          "\\textbackslash{}\\{\\}\\$\\&\\#\\textasciicircum{}\\_\\%\\textasciitilde{}");
    CHECK(escape_text_for_latex("50% of a_1") == "50\\% of a\\_1");
}

TEST_CASE("number texts", "[latex_names]") {
    // the forms precision/number_format.hpp gives numbers the ladder could not settle, too
    for (const char* ok : {"0", "-0.25", "12345", "1.5 \\times 10^{-12}", "-2 \\cdot 10^{3}", "0.123^{\\dagger}",
                           "-1.5 \\times 10^{-12}{}^{\\dagger}", "0_{\\pm 10^{-801}}", "0_{\\pm 10^{801}}", "\\text{?}"})
        CHECK_NOTHROW(validate_latex_number(ok));
    for (const char* bad : {"", "-", "1.", ".5", "1e-5", "1.5 \\times 10^{x}", "x", "1 \\input", "1{}", "--1",
                            "1^{\\dagger}^{\\dagger}", "1.5 \\times 10^{-12}^{\\dagger}", "0_{\\pm x}", "\\text{x}",
                            "1_{\\pm 10^{-3}}", "^{\\dagger}"}) {
        INFO(bad);
        CHECK_THROWS_AS(validate_latex_number(bad), std::invalid_argument);
    }
}

TEST_CASE("labels that would stop pdflatex are rejected: dangling and double scripts, bare accents") {
    using chainrule::symbolic::validate_latex_label;
    for (const char* bad : {"a^", "_", "x_1_2", "x^a^b", "x_{1}_{2}", "\\hat", "\\partial^", "\\mathrm", "a_ b", "\\hat}"})
        CHECK_THROWS_AS(validate_latex_label(bad), std::invalid_argument);
    for (const char* good : {"b_{1}", "x_1^2", "x_{1,2}", "\\hat{y}", "\\mathrm{out}_{h_{1}}", "w^{(1)}_{23}", "\\partial E"})
        CHECK_NOTHROW(validate_latex_label(good));
}

TEST_CASE("escape_text_for_latex also covers < > | and keeps text on one line") {
    using chainrule::symbolic::escape_text_for_latex;
    CHECK(escape_text_for_latex("a<b>c|d") == "a\\textless{}b\\textgreater{}c\\textbar{}d");
    CHECK(escape_text_for_latex("one\ntwo\tthree\x01") == "one two three");
}

}  // namespace latex_names_test
