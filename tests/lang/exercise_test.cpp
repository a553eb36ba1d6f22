// The exercise layer (lang/exercise.hpp, lang/variation.hpp): exact decimal grids, what
// makes a variant ill-posed, and the text of a variant.
#include "lang/exercise.hpp"
#include "lang/variation.hpp"

#include <catch2/catch.hpp>

namespace exercise_test {

using namespace chainrule::lang;

VariationGrid grid_of(const std::string& text) {
    const Program p = parse_program(Source{"m.chain", text});
    return VariationGrid(p.source, std::get<Declaration>(p.statements.front()));
}

TEST_CASE("vary grids are exact decimals from LOW to HIGH") {
    const VariationGrid g = grid_of("param w = 0.4 vary 0.1..0.9 step 0.05\n");
    REQUIRE(g.size() == 17);  // 0.1, 0.15, …, 0.9
    CHECK(g.text(0) == "0.1");
    CHECK(g.text(1) == "0.15");
    CHECK(g.text(2) == "0.2");  // exact: not 0.20000000000000001
    CHECK(g.text(16) == "0.9");
    const VariationGrid h = grid_of("input x = 0 vary -1..1 step 0.3\n");  // HIGH need not be on the grid
    REQUIRE(h.size() == 7);
    CHECK(h.text(0) == "-1");
    CHECK(h.text(3) == "-0.1");
    CHECK(h.text(6) == "0.8");
    CHECK(grid_of("param w = 5 vary 5..5 step 1\n").size() == 1);
    CHECK(plain_decimal(Rational(1, 8)) == "0.125");
    CHECK(plain_decimal(Rational(-3, 100)) == "-0.03");
    CHECK(plain_decimal(Rational(1250)) == "1250");
}

TEST_CASE("ill-posed variants: a kink, a tie, a saturated unit, a vanishing gradient") {
    CHECK_THAT(ill_posed(load_model_text("param w = 1\ninput x = 0\nE = relu(w*x - 0)^2 + w\n", "m.chain"), 10),
               Catch::Contains("kink of relu"));
    CHECK_THAT(ill_posed(load_model_text("param a = 1, b = 1\nE = max(a, b) + a*b\n", "m.chain"), 10),
               Catch::Contains("tie of max"));
    CHECK_THAT(ill_posed(load_model_text("param w = 10\nE = sigmoid(w)\n", "m.chain"), 10),
               Catch::Contains("saturates sigmoid"));
    CHECK_THAT(ill_posed(load_model_text("param w = 5\nE = tanh(w)\n", "m.chain"), 10),
               Catch::Contains("saturates tanh"));
    CHECK_THAT(ill_posed(load_model_text("param w = 2\ninput x = 0\nE = w*x + 1\n", "m.chain"), 10),
               Catch::Contains("the gradient dE/dw vanishes"));
    CHECK_THAT(ill_posed(load_model_text("param w = 2\ninput x = 0\nh = sqrt(w*x)\nE = h + w\n", "m.chain"), 10),
               Catch::Contains("infinite or undefined"));
    CHECK_THAT(ill_posed(load_model_text("param w = -0.6\ninput x = 0.5\ny = w*x + 0.3\nE = y^2 + w\n", "m.chain"), 10),
               Catch::Contains("exactly 0"));
    CHECK(ill_posed(load_model_text("param w = 2\ninput x = 0.5\nE = sigmoid(w*x)\n", "m.chain"), 10).empty());
}

TEST_CASE("a variant's text: values replaced, vary clauses and check lines gone, a title naming it") {
    const Model m = load_model_text("title \"Sheet 3\"\n"
                                    "param w = 0.4 vary 0.1..0.9 step 0.1, v = 2   # a comment stays\n"
                                    "E = w^2*v\n"
                                    "check dE/dw = 1.6\n",
                                    "sheet.chain");
    const std::string t = variant_text(m, {"0.7"}, 4, 11);
    CHECK(t == "# Variant 4 of sheet.chain (chainrule exercise --seed 11)\n"
               "title \"Sheet 3 (variant 4)\"\n"
               "param w = 0.7, v = 2   # a comment stays\n"
               "E = w^2*v\n");
    const Model untitled = load_model_text("param w = 0.4 vary 0.1..0.9 step 0.1\nE = w^2\n", "dir/sheet.chain");
    CHECK_THAT(variant_text(untitled, {"0.2"}, 1, 7), Catch::Contains("title \"sheet (variant 1)\"\nparam w = 0.2\n"));
}

TEST_CASE("make_exercise: a byte-order mark, CRLF lines and an odd file name give variants that read back") {
    const Model m = load_model_text("\xEF\xBB\xBFparam w = 0.5 vary 0.1..0.9 step 0.1\r\nE = w^2 + w\r\n", "my\"q\t.chain");
    const Exercise ex = make_exercise(m, {3, 1, 10, 0});
    REQUIRE(ex.variants.size() == 3);
    CHECK(ex.variants[0].text.rfind("# Variant 1 of my_q_.chain (chainrule exercise --seed 1)\r\ntitle \"my_q_ (variant 1)\"\r\nparam w = ", 0) == 0);
    // An unused varied value gives identical numbers: those variants are rejected.
    const Model unused = load_model_text("param w = 0.5 vary 0.1..0.9 step 0.1, u = 1 vary 1..5 step 1\nE = w^2 + w\n", "m.chain");
    const Exercise u = make_exercise(unused, {9, 1, 10, 0});
    CHECK(u.variants.size() == 9);
    CHECK_THROWS_WITH(make_exercise(unused, {10, 1, 10, 0}), Catch::Contains("gives the same numbers as an earlier variant"));
    // Fewer grid combinations than variants, and grid values beyond --digits: said at once.
    CHECK_THROWS_WITH(make_exercise(m, {10, 1, 10, 0}), Catch::Contains("give 9 different variants, fewer than the 10"));
    CHECK_THROWS_WITH(make_exercise(load_model_text("param w = 0.11 vary 0.11..0.19 step 0.01\nE = w^2 + w\n", "m.chain"),
                                    {3, 1, 1, 0}),
                      Catch::Contains("needs more than 1 significant digits"));
}

TEST_CASE("make_exercise: the seed fixes the set; answers are the worksheet's claims") {
    const Model m = load_model_text("param w = 0.5 vary 0.1..0.9 step 0.1\ninput x = 2 vary 1..3 step 1\n"
                                    "E = (w*x - 1)^2\nlr 0.1\n",
                                    "m.chain");
    const Exercise a = make_exercise(m, {5, 3, 10, 0}), b = make_exercise(m, {5, 3, 10, 0});
    REQUIRE(a.variants.size() == 5);
    for (std::size_t k = 0; k < 5; ++k) CHECK(a.variants[k].text == b.variants[k].text);
    // E = (w·x − 1)², dE/dw = 2(w·x − 1)·x: with w = 0.5, x = 2 it vanishes (rejected if drawn).
    for (const Variant& v : a.variants) CHECK_FALSE((v.values[0] == "0.5" && v.values[1] == "2"));
    const std::vector<Answer> ans = answers(load_model_text(a.variants[0].text, "v.chain"), 10);
    REQUIRE(ans.size() == 3);  // E, dE/dw, w+
    CHECK(ans[0].claim == "E");
    CHECK(ans[1].claim == "dE/dw");
    CHECK(ans[2].claim == "w+");
    CHECK(ans[2].suffix == " lr=0.1");
    CHECK_THROWS_WITH(make_exercise(load_model_text("param w = 1\nE = w^2\n", "m.chain"), {}),
                      Catch::Contains("nothing varies"));
}

}  // namespace exercise_test
