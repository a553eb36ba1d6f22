// Every function of the core under every name (aliases included), with its arity: the
// tape (value, reverse-mode gradient) and the symbolic engine (evaluate, diff) must read
// each call the same way, to 40 digits.
#include "lang/calculus.hpp"
#include "lang/functions.hpp"
#include "lang/parser.hpp"
#include "lang/to_symbolic.hpp"
#include "symbolic/diff.hpp"
#include "symbolic/evaluate.hpp"

#include <catch2/catch.hpp>

#include <set>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace functions_test {

using namespace chainrule;
using namespace chainrule::lang;

namespace {

bool close(const Real& a, const Real& b) {
    const Real scale = std::max<Real>(Real(1), boost::multiprecision::abs(b));
    return boost::multiprecision::abs(a - b) <= scale * Real("1e-40");
}

// The calls to try for a function name: every accepted arity, at points in its domain.
std::vector<std::string> calls_of(const std::string& name, const FunctionInfo& f) {
    if (f.op == OpKind::Log && f.max_args == 2) return {"log(x)", "log(x, 2)", "log(x, y)"};
    if (f.op == OpKind::LeakyRelu) return {"leaky_relu(x)", "leaky_relu(-x, 0.2)", "leaky_relu(x*y, 1/8)"};
    if (f.max_args == kAnyNumberOfArguments)
        return {name + "(x)", name + "(x, y)", name + "(y, x*y, 2, x)", name + "(x, x, x)"};
    if (f.max_args == 2) return {name + "(x, y)", name + "(y, x)", name + "(x, 2)"};
    return {name + "(x)", name + "(x*y)"};
}

void check_tape_against_symbolic(const std::string& text) {
    INFO(text);
    const Source source{"expression", text};
    const ExprNode tree = parse_expression(source);
    const Point point{{"x", "y"}, {Real("0.3"), Real("0.7")}};
    const Gradient g = gradient_at(tree, source, point);
    const symbolic::Expr f = to_symbolic(tree, source);
    const std::map<std::string, Real> at{{"x", Real("0.3")}, {"y", Real("0.7")}};
    CHECK(close(g.value, symbolic::evaluate(f, at)));
    CHECK(close(g.partials[0], symbolic::evaluate(symbolic::diff(f, "x"), at)));
    CHECK(close(g.partials[1], symbolic::evaluate(symbolic::diff(f, "y"), at)));
}

}  // namespace

TEST_CASE("every op of the core that is a function has a name") {
    std::set<OpKind> named;
    for (const std::string& n : function_names()) named.insert(find_language_function(n)->op);
    for (int i = 0; i < static_cast<int>(OpKind::Count_); ++i) {
        const auto op = static_cast<OpKind>(i);
        const bool operator_or_leaf = op == OpKind::Input || op == OpKind::Const || op == OpKind::Neg ||
                                      op == OpKind::Add || op == OpKind::Sub || op == OpKind::Mul ||
                                      op == OpKind::Div;
        const bool internal_param_op = has_param(op) && op != OpKind::LeakyRelu;
        if (operator_or_leaf || internal_param_op) continue;
        INFO(op_name(op));
        CHECK(named.count(op) == 1);
    }
}

TEST_CASE("the aliases of the seed notes are functions") {
    for (const char* alias : {"ln", "tg", "ctg", "arcsin", "arccos", "arctan", "arcctg", "logistic", "heaviside"})
        CHECK(find_language_function(alias).has_value());
    CHECK(find_language_function("tg")->op == OpKind::Tan);
    CHECK(find_language_function("arctan")->op == OpKind::Atan);
    CHECK(find_language_function("ln")->op == OpKind::Log);
    CHECK_FALSE(find_language_function("add").has_value());  // an operator, not a function
    CHECK_FALSE(find_language_function("pow_const").has_value());
    CHECK_FALSE(find_language_function("sinus").has_value());
}

TEST_CASE("arities: log and leaky_relu take 1 or 2, ln 1, pow atan2 hypot min max 2") {
    CHECK(find_language_function("log")->max_args == 2);
    CHECK(find_language_function("ln")->max_args == 1);
    CHECK(find_language_function("leaky_relu")->min_args == 1);
    CHECK(find_language_function("leaky_relu")->max_args == 2);
    for (const char* f : {"pow", "atan2", "hypot", "min", "max"}) {
        CHECK(find_language_function(f)->min_args == 2);
        CHECK(find_language_function(f)->max_args == 2);
    }
}

TEST_CASE("every function under every name: the tape and the symbolic engine agree") {
    for (const std::string& name : function_names())
        for (const std::string& call : calls_of(name, *find_language_function(name)))
            check_tape_against_symbolic(call);
}

TEST_CASE("operators agree too, including folded constants and powers") {
    for (const char* text : {"x + y - 3*x/y", "-x^2 + 2^-y", "x**y**2", "(x - y)^3/2", "1/3*x + 2^x + x^0.5",
                             "x/(1 - y)^2", "--x*+y", "2^3^2*x", "1e-3*x + .5*y"})
        check_tape_against_symbolic(text);
}

TEST_CASE("a wrong number of arguments is an error at the call, for every function") {
    for (const std::string& name : function_names()) {
        const FunctionInfo f = *find_language_function(name);
        std::vector<std::size_t> wrong{f.min_args - 1};
        if (f.max_args != kAnyNumberOfArguments) wrong.push_back(f.max_args + 1);
        for (const std::size_t n : wrong) {
            std::string call = name + "(";
            for (std::size_t i = 0; i < n; ++i) call += i ? ", x" : "x";
            call += ")";
            INFO(call);
            const Source source{"expression", "  " + call};
            try {
                gradient_at(parse_expression(source), source, Point{{"x"}, {Real(1)}});
                FAIL("no error");
            } catch (const LangError& e) {
                CHECK(e.column() == 3);
                CHECK_THAT(e.message(), Catch::Contains(name + " takes"));
            }
        }
    }
}

}  // namespace functions_test
