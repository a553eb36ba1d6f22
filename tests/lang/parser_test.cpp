// The parser, construct by construct: declarations, definitions, every operator with its
// precedence and associativity, calls, numbers, comments and line endings, the directives
// (label, derive, lr, check) and the command-line mini-languages.
#include "lang_test_support.hpp"

#include <catch2/catch.hpp>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace parser_test {

using namespace lang_test;

namespace {

template <class T>
const T& statement(const Program& p, std::size_t i) {
    REQUIRE(i < p.statements.size());
    REQUIRE(std::holds_alternative<T>(p.statements[i]));
    return std::get<T>(p.statements[i]);
}

}  // namespace

TEST_CASE("declarations: input, target, param, const, several per line, signed values") {
    const Program p = program("input  i1 = 0.1, i2 = 0.2\ntarget o1 = -1e-2\nparam w = +3\nconst c=.5");
    REQUIRE(p.statements.size() == 5);
    const auto& i1 = statement<Declaration>(p, 0);
    CHECK(i1.kind == DeclarationKind::Input);
    CHECK(i1.name.text == "i1");
    CHECK(i1.name.offset == 7);
    CHECK(i1.value.text == "0.1");
    CHECK(i1.value.offset == 12);
    CHECK(statement<Declaration>(p, 1).name.text == "i2");
    CHECK(statement<Declaration>(p, 2).kind == DeclarationKind::Target);
    CHECK(statement<Declaration>(p, 2).value.text == "-1e-2");
    CHECK(statement<Declaration>(p, 3).kind == DeclarationKind::Param);
    CHECK(statement<Declaration>(p, 3).value.text == "+3");
    CHECK(statement<Declaration>(p, 4).kind == DeclarationKind::Const);
    CHECK(statement<Declaration>(p, 4).value.text == ".5");
}

TEST_CASE("definitions keep the name, its position and the expression") {
    const Program p = program("param w = 1\n  E_o1 = 1/2*(w - 3)^2  # squared error\n");
    const auto& d = statement<Definition>(p, 1);
    CHECK(d.name.text == "E_o1");
    CHECK(d.name.offset == 14);
    CHECK(sexpr(d.expression) == "(1 / 2 * ((w - 3) ^ 2))");
    CHECK(d.expression.offset == 21);
}

TEST_CASE("precedence: + - below * / below unary minus below ^") {
    CHECK(parsed("a + b*c") == "(a + (b * c))");
    CHECK(parsed("a*b + c") == "((a * b) + c)");
    CHECK(parsed("a - b - c") == "(a - b - c)");
    CHECK(parsed("a / b / c") == "(a / b / c)");
    CHECK(parsed("a/b*c") == "(a / b * c)");
    CHECK(parsed("(a + b)*c") == "((a + b) * c)");
    CHECK(parsed("a - (b - c)") == "(a - (b - c))");
    CHECK(parsed("-x^2") == "(-(x ^ 2))");
    CHECK(parsed("-x*y") == "((-x) * y)");
    CHECK(parsed("2*-3") == "(2 * (-3))");
    CHECK(parsed("a - -b") == "(a - (-b))");
    CHECK(parsed("--x") == "(-(-x))");
    CHECK(parsed("+x") == "x");
}

TEST_CASE("^ and ** are the same right-associative power, with a signed exponent") {
    CHECK(parsed("a^b^c") == "(a ^ (b ^ c))");
    CHECK(parsed("a**b**c") == "(a ^ (b ^ c))");
    CHECK(parsed("a^b**c") == "(a ^ (b ^ c))");
    CHECK(parsed("2^-1") == "(2 ^ (-1))");
    CHECK(parsed("x ** -y ^ 2") == "(x ^ (-(y ^ 2)))");
    CHECK(parsed("(a^b)^c") == "((a ^ b) ^ c)");
    CHECK(parsed("sin(y)^2") == "(sin(y) ^ 2)");
    CHECK_THROWS_AS(parsed("a * *b"), LangError);
}

TEST_CASE("calls: every arity, nesting, blanks, function names as written") {
    CHECK(parsed("sigmoid(x)") == "sigmoid(x)");
    CHECK(parsed("log(x, 2)") == "log(x, 2)");
    CHECK(parsed("max( a ,b )") == "max(a, b)");
    CHECK(parsed("pi()") == "pi()");  // arity is checked later, not by the parser
    CHECK(parsed("atan2(sin(x), cos(x)^2) + 1") == "(atan2(sin(x), (cos(x) ^ 2)) + 1)");
    CHECK(parsed("tg (x)") == "tg(x)");
    const ExprNode call = parse_expression(Source{"e", "  hypot(a, b)"});
    CHECK(call.kind == ExprNode::Kind::Call);
    CHECK(call.offset == 2);
    CHECK(call.operands[1].offset == 11);
}

TEST_CASE("numbers: integers, decimals, leading point, scientific notation") {
    for (const char* n : {"0", "42", "0.1", ".5", "1e3", "2.5E-3", "1e+2", "007"}) {
        const ExprNode e = parse_expression(Source{"e", n});
        CHECK(e.kind == ExprNode::Kind::Number);
        CHECK(e.text == n);
    }
    CHECK(parsed("1e-3*x") == "(1e-3 * x)");
    CHECK(parsed("2e1^2") == "(2e1 ^ 2)");
}

TEST_CASE("names: letters, digits and underscores") {
    CHECK(parsed("_a1 + b_2_c + E") == "(_a1 + b_2_c + E)");
    CHECK(parsed("input + lr") == "(input + lr)");  // keywords only matter at the start of a line
}

TEST_CASE("blank lines, comments, tabs, CRLF line endings, a BOM and no final newline") {
    const Program p = program("\xEF\xBB\xBF# title\r\n\r\n\tparam\tw = 1 # the weight\r\n   \r\nE = w*w");
    REQUIRE(p.statements.size() == 2);
    CHECK(statement<Definition>(p, 1).name.text == "E");
    CHECK(program("").statements.empty());
    CHECK(program("# only a comment").statements.empty());
    CHECK(program("\n\n\n").statements.empty());
}

TEST_CASE("label: the name and the LaTeX between the quotes, unvalidated by the parser") {
    const Program p = program("param b_h = 1\nlabel  b_h \"b_{1}\"   # shown as b_1\n");
    const auto& l = statement<LabelDirective>(p, 1);
    CHECK(l.name.text == "b_h");
    CHECK(l.latex == "b_{1}");
    CHECK(l.latex_offset == 26);
    CHECK(statement<LabelDirective>(program("label x \"\\hat{y}\""), 0).latex == "\\hat{y}");
    CHECK(statement<LabelDirective>(program("label x \"\""), 0).latex.empty());
}

TEST_CASE("derive: the output and an optional wrt list") {
    const Program p = program("derive E wrt w5, w1   # both\nderive L\nderive  F  wrt  a,b ,c");
    const auto& d = statement<DeriveDirective>(p, 0);
    CHECK(d.offset == 0);
    CHECK(d.output.text == "E");
    CHECK(d.output.offset == 7);
    REQUIRE(d.wrt.size() == 2);
    CHECK(d.wrt[0].text == "w5");
    CHECK(d.wrt[1].text == "w1");
    CHECK(d.wrt[1].offset == 17);
    CHECK(statement<DeriveDirective>(p, 1).wrt.empty());
    CHECK(statement<DeriveDirective>(p, 2).wrt.size() == 3);
}

TEST_CASE("lr: an unsigned number") {
    const Program p = program("lr 0.5");
    const auto& lr = statement<LearningRateDirective>(p, 0);
    CHECK(lr.value.text == "0.5");
    CHECK(lr.value.offset == 3);
    CHECK(statement<LearningRateDirective>(program("lr 1e-3 # small"), 0).value.text == "1e-3");
}

TEST_CASE("check: the raw claim up to a comment, trimmed, with its position") {
    const Program p = program("param w = 1\ncheck dE/dw5 = 0.0819 (paths: 1)  # from the seed\ncheck  anything, even ) ( or \"\n");
    const auto& c = statement<CheckDirective>(p, 1);
    CHECK(c.offset == 12);
    CHECK(c.text == "dE/dw5 = 0.0819 (paths: 1)");
    CHECK(c.text_offset == 18);
    CHECK(statement<CheckDirective>(p, 2).text == "anything, even ) ( or \"");
}

TEST_CASE("statements keep file order") {
    const Program p = program("param w = 1\nE = w\nlabel w \"v\"\nderive E\nlr 1\ncheck E > 0");
    REQUIRE(p.statements.size() == 6);
    CHECK(p.statements[0].index() == 0);
    CHECK(p.statements[1].index() == 1);
    CHECK(p.statements[2].index() == 2);
    CHECK(p.statements[3].index() == 3);
    CHECK(p.statements[4].index() == 4);
    CHECK(p.statements[5].index() == 5);
}

TEST_CASE("bindings of --at and --from") {
    const auto b = parse_bindings(Source{"--at", "x=3, y = -1.5e0 ,z=.25"});
    REQUIRE(b.size() == 3);
    CHECK(b[0].name.text == "x");
    CHECK(b[0].value.text == "3");
    CHECK(b[1].value.text == "-1.5e0");
    CHECK(b[1].value.offset == 9);
    CHECK(b[2].name.text == "z");
    CHECK(parse_bindings(Source{"--at", ""}).empty());
    CHECK(parse_bindings(Source{"--at", "  "}).empty());
}

TEST_CASE("conditions of --until") {
    const Condition c = parse_condition(Source{"--until", "J < 0.01"});
    CHECK(c.quantity == Condition::Quantity::Value);
    CHECK(c.comparison == Condition::Comparison::Less);
    CHECK(c.bound.text == "0.01");
    const Condition n = parse_condition(Source{"--until", " |grad|<=1e-6 "});
    CHECK(n.quantity == Condition::Quantity::GradientNorm);
    CHECK(n.comparison == Condition::Comparison::LessEqual);
    CHECK(n.bound.text == "1e-6");
}

TEST_CASE("a lone number (--lr)") {
    CHECK(parse_number(Source{"--lr", " 0.1 "}).text == "0.1");
    CHECK(parse_number(Source{"--lr", "-2"}).text == "-2");
    CHECK_THROWS_AS(parse_number(Source{"--lr", "0.1x"}), LangError);
}

TEST_CASE("nesting: 200 levels parse, deeper is an error, not a crash") {
    const std::string ok = std::string(199, '(') + "x" + std::string(199, ')');
    CHECK(parsed(ok) == "x");
    const std::string deep = std::string(5000, '(') + "x" + std::string(5000, ')');
    try {
        parse_expression(Source{"e", deep});
        FAIL("no error");
    } catch (const LangError& e) {
        CHECK(e.message().find("nested too deeply") != std::string::npos);
        CHECK(e.column() == 201);
    }
    CHECK_THROWS_AS(parse_expression(Source{"e", std::string(5000, '-') + "x"}), LangError);
    CHECK_THROWS_AS(parse_expression(Source{"e", "x" + std::string(5000, '^') }), LangError);
}

TEST_CASE("long flat sums and products are wide nodes, not deep ones") {
    std::string text = "x";
    for (int i = 0; i < 20000; ++i) text += i % 2 ? " + x" : " * x";
    const ExprNode e = parse_expression(Source{"e", text});
    CHECK(e.kind == ExprNode::Kind::Sum);
    CHECK(e.operands.size() == 10001);
}

}  // namespace parser_test
