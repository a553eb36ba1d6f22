#include "arithmetic.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "node.hpp"
#include "rational.hpp"

namespace chainrule::symbolic {
namespace {

// Collects the terms of a sum: nested sums are spliced in, numeric terms are
// added into one constant that keeps the position of the first of them.
class SumBuilder {
public:
    void add(const Expr& t) {
        if (t.kind() == Kind::sum) {
            for (const Expr& sub : t.operands()) add(sub);
        } else if (is_constant(t)) {
            if (!constant_slot_) {
                constant_slot_ = terms_.size();
                terms_.push_back(t);
            }
            constant_ += t.value();
        } else {
            terms_.push_back(t);
        }
    }

    Expr build() {
        if (constant_slot_) {
            if (constant_ == 0) terms_.erase(terms_.begin() + static_cast<std::ptrdiff_t>(*constant_slot_));
            else terms_[*constant_slot_] = Expr(constant_);
        }
        if (terms_.empty()) return Expr(0);
        if (terms_.size() == 1) return terms_.front();
        return detail::raw_sum(std::move(terms_));
    }

private:
    std::vector<Expr> terms_;
    Rational constant_ = 0;
    std::optional<std::size_t> constant_slot_;
};

// Collects the factors of a product: nested products are spliced in, numeric
// factors are multiplied into one leading coefficient.
class ProductBuilder {
public:
    void add(const Expr& f) {
        if (f.kind() == Kind::product) {
            for (const Expr& sub : f.operands()) add(sub);
        } else if (is_constant(f)) {
            coefficient_ *= f.value();
        } else {
            factors_.push_back(f);
        }
    }

    Expr build() {
        if (coefficient_ == 0) return Expr(0);
        if (coefficient_ != 1) factors_.insert(factors_.begin(), Expr(coefficient_));
        if (factors_.empty()) return Expr(1);
        if (factors_.size() == 1) return factors_.front();
        return detail::raw_product(std::move(factors_));
    }

private:
    std::vector<Expr> factors_;
    Rational coefficient_ = 1;
};

}  // namespace

Expr make_sum(std::vector<Expr> terms) {
    SumBuilder b;
    for (const Expr& t : terms) b.add(t);
    return b.build();
}

Expr make_product(std::vector<Expr> factors) {
    ProductBuilder b;
    for (const Expr& f : factors) b.add(f);
    return b.build();
}

namespace {

bool is_call(const Expr& e, Function f) { return e.kind() == Kind::function && e.function() == f; }

// logsumexp(logsumexp(a, b), c) = logsumexp(a, b, c): a tape records logsumexp of n
// arguments as n - 1 binary nodes, the formula shows one n-ary call.
std::vector<Expr> flattened_logsumexp(std::vector<Expr> args) {
    if (std::none_of(args.begin(), args.end(), [](const Expr& a) { return is_call(a, Function::logsumexp); }))
        return args;
    std::vector<Expr> flat;
    for (const Expr& a : args) {
        if (is_call(a, Function::logsumexp)) flat.insert(flat.end(), a.operands().begin(), a.operands().end());
        else flat.push_back(a);
    }
    return flat;
}

}  // namespace

Expr make_power(const Expr& base, const Expr& exponent) {
    if (is_zero(exponent)) return Expr(1);
    if (is_one(exponent) || is_one(base)) return is_one(base) ? Expr(1) : base;
    if (is_constant(base) && is_constant(exponent)) {
        if (auto folded = exact_power(base.value(), exponent.value())) return Expr(*folded);
        if (base.value() == 0 && exponent.value() > 0) return Expr(0);
    }
    if (is_call(base, Function::e)) return make_function(Function::exp, {exponent});  // e^u is exp(u)
    return detail::raw_power(base, exponent);
}

Expr make_function(Function f, std::vector<Expr> args) {
    if (!accepts_arguments(f, args.size()))
        throw std::invalid_argument("chainrule::symbolic: " + std::string(function_name(f)) + " takes " +
                                    (is_variadic(f) ? "at least " : "") + std::to_string(function_arity(f)) +
                                    " argument(s), got " + std::to_string(args.size()));
    if (f == Function::exp && is_one(args[0])) return detail::raw_function(Function::e, {});  // exp(1) is e
    if (f == Function::logsumexp) {
        args = flattened_logsumexp(std::move(args));
        if (args.size() == 1) return args.front();  // logsumexp(a) = a
    }
    return detail::raw_function(f, std::move(args));
}

SumChain::SumChain(const Expr& first) { add(first); }

// As SumBuilder::add: nested sums spliced in, numbers added up at the first one's place.
void SumChain::splice(const Expr& t) {
    if (t.kind() == Kind::sum) {
        for (const Expr& sub : t.operands()) splice(sub);
    } else if (is_constant(t)) {
        if (!slot_) {
            slot_ = terms_.size();
            terms_.push_back(t);
        }
        constant_ += t.value();
    } else {
        terms_.push_back(t);
    }
}

// After each term the state is what re-adding the built sum would give: a numeric term
// that became 0 is dropped (a later number takes the place where it then comes), and an
// empty sum is the number 0 (at the front).
void SumChain::add(const Expr& term) {
    splice(term);
    if (!slot_ || constant_ != 0) return;
    terms_.erase(terms_.begin() + static_cast<std::ptrdiff_t>(*slot_));
    slot_.reset();
    if (terms_.empty()) splice(Expr(0));
}

Expr SumChain::value() const {
    SumBuilder b;
    for (const Expr& t : terms_) b.add(is_constant(t) ? Expr(constant_) : t);
    return b.build();
}

ProductChain::ProductChain(const Expr& first) { multiply(first); }

// As ProductBuilder::add; a product with the factor 0 stays 0 whatever follows.
void ProductChain::multiply(const Expr& f) {
    if (f.kind() == Kind::product) {
        for (const Expr& sub : f.operands()) multiply(sub);
    } else if (is_constant(f)) {
        coefficient_ *= f.value();
        if (coefficient_ == 0) factors_.clear();
    } else if (coefficient_ != 0) {
        factors_.push_back(f);
    }
}

Expr ProductChain::value() const {
    ProductBuilder b;
    b.add(Expr(coefficient_));
    for (const Expr& f : factors_) b.add(f);
    return b.build();
}

namespace detail {

Expr rebuild(const Expr& e, std::vector<Expr> ops) {
    switch (e.kind()) {
    case Kind::sum: return make_sum(std::move(ops));
    case Kind::product: return make_product(std::move(ops));
    case Kind::power: return make_power(ops.at(0), ops.at(1));
    case Kind::function: return make_function(e.function(), std::move(ops));
    case Kind::constant:
    case Kind::symbol: break;
    }
    return e;
}

}  // namespace detail

Expr operator+(const Expr& a, const Expr& b) { return make_sum({a, b}); }
Expr operator-(const Expr& a, const Expr& b) { return make_sum({a, -b}); }
Expr operator*(const Expr& a, const Expr& b) { return make_product({a, b}); }
Expr operator/(const Expr& a, const Expr& b) { return make_product({a, make_power(b, Expr(-1))}); }
Expr operator-(const Expr& a) { return make_product({Expr(-1), a}); }

Expr& operator+=(Expr& a, const Expr& b) { return a = a + b; }
Expr& operator-=(Expr& a, const Expr& b) { return a = a - b; }
Expr& operator*=(Expr& a, const Expr& b) { return a = a * b; }
Expr& operator/=(Expr& a, const Expr& b) { return a = a / b; }

}  // namespace chainrule::symbolic
