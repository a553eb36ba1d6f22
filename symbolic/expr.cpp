#include "expr.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <stdexcept>
#include <unordered_set>

#include "node.hpp"
#include "rational.hpp"

namespace chainrule::symbolic {
namespace {

const Node& node_of(const Expr& e) { return *static_cast<const Node*>(e.id()); }

[[noreturn]] void wrong_kind(const char* what) {
    throw std::logic_error(std::string("chainrule::symbolic::Expr::") + what + ": wrong node kind");
}

// Visits every distinct node once (expressions are DAGs after hash-consing).
void visit_once(const Expr& e, std::unordered_set<const void*>& seen, const std::function<void(const Expr&)>& f) {
    if (!seen.insert(e.id()).second) return;
    f(e);
    for (const Expr& op : e.operands()) visit_once(op, seen, f);
}

}  // namespace

Expr::Expr() : Expr(Rational(0)) {}

Expr::Expr(double value) : Expr(shortest_decimal_rational(value)) {}

Expr::Expr(float value) : Expr(shortest_decimal_rational(value)) {}

Expr::Expr(long double value)
    : Expr(static_cast<long double>(static_cast<double>(value)) == value
               ? shortest_decimal_rational(static_cast<double>(value))
               : exact_rational(value)) {}

Expr::Expr(const Rational& value) : Expr(detail::raw_constant(value)) {}

Expr Expr::symbol(std::string name) {
    if (name.empty()) throw std::invalid_argument("chainrule::symbolic::Expr::symbol: empty name");
    return detail::raw_symbol(std::move(name));
}

Expr Expr::decimal(std::string_view text) { return Expr(parse_decimal(text)); }

Expr Expr::rational(const Integer& p, const Integer& q) {
    if (q == 0) throw std::invalid_argument("chainrule::symbolic::Expr::rational: zero denominator");
    return Expr(make_rational(p, q));
}

Expr Expr::exact(double value) { return Expr(exact_rational(value)); }

Kind Expr::kind() const noexcept { return node_->kind; }

const std::string& Expr::name() const {
    if (node_->kind != Kind::symbol) wrong_kind("name");
    return node_->name;
}

const Rational& Expr::value() const {
    if (node_->kind != Kind::constant) wrong_kind("value");
    return node_->value;
}

Function Expr::function() const {
    if (node_->kind != Kind::function) wrong_kind("function");
    return node_->fn;
}

std::span<const Expr> Expr::operands() const noexcept { return node_->ops; }

std::size_t Expr::hash() const noexcept { return node_->hash; }

bool is_constant(const Expr& e) noexcept { return e.kind() == Kind::constant; }
bool is_symbol(const Expr& e) noexcept { return e.kind() == Kind::symbol; }
bool is_zero(const Expr& e) noexcept { return is_constant(e) && node_of(e).value == 0; }
bool is_one(const Expr& e) noexcept { return is_constant(e) && node_of(e).value == 1; }
bool is_integer(const Expr& e) noexcept { return is_constant(e) && denominator(node_of(e).value) == 1; }

std::optional<Rational> constant_value(const Expr& e) {
    if (!is_constant(e)) return std::nullopt;
    return e.value();
}

bool contains(const Expr& e, const Expr& sub) {
    bool found = false;
    std::unordered_set<const void*> seen;
    visit_once(e, seen, [&](const Expr& n) { found = found || n == sub; });
    return found;
}

std::vector<std::string> free_symbols(const Expr& e) {
    std::set<std::string> names;
    std::unordered_set<const void*> seen;
    visit_once(e, seen, [&](const Expr& n) {
        if (is_symbol(n)) names.insert(n.name());
    });
    return {names.begin(), names.end()};
}

}  // namespace chainrule::symbolic
