#include "second_order_claims.hpp"

#include "diagnostic.hpp"

#include <utility>
#include <vector>

namespace chainrule::lang {
namespace {

class SecondOrderReader {
public:
    SecondOrderReader(const Model& m, const ClaimSyntax& s) : model_(m), s_(s) {}

    derivations::ClaimQuantity read() const {
        check_order();
        const std::string of = known(s_.of);
        const auto [b, c] = leaves();
        return {derivations::ClaimQuantity::Kind::SecondDerivative, of, leaf(b), {}, leaf(c)};
    }

private:
    [[noreturn]] void fail(std::size_t offset, std::string message, std::string expected = {}, std::string hint = {}) const {
        throw LangError(model_.source, offset, std::move(message), std::move(expected), std::move(hint));
    }

    bool is_name(const std::string& n) const { return model_.names.find(n) != model_.names.end(); }

    const std::string& known(const Name& n) const {
        if (!is_name(n.text))
            fail(n.offset, "unknown name '" + n.text + "'", "a name the model declares or defines",
                 did_you_mean(n.text, model_.order));
        return n.text;
    }

    void check_order() const {
        const std::string& order = s_.order.text;
        if (order == "2") return;
        if (order == "1") fail(s_.order.offset, "a first derivative has no order", "dE/dw5");
        fail(s_.order.offset, "only first and second derivatives can be checked, not derivatives of order " + order,
             "d2E/dw5^2 or dE/dw5");
    }

    // B and C of ∂²A/∂B∂C as written: dw5^2, dw1 dw5, ∂w1∂w5, dw1dw5.
    std::pair<Name, Name> leaves() const {
        if (!s_.wrt2.text.empty()) {
            for (const Name* p : {&s_.power, &s_.power2})
                if (!p->text.empty()) fail(p->offset, "a mixed second derivative has no power", "d2E/dw1 dw5");
            return {s_.wrt, s_.wrt2};
        }
        if (s_.power.text.empty()) return split();
        if (s_.power.text != "2")
            fail(s_.power.offset, "the power of d" + s_.wrt.text + " is the order of the derivative, 2, not " + s_.power.text,
                 "d2E/d" + s_.wrt.text + "^2");
        if (!is_name(s_.wrt.text) && !splits().empty())
            fail(s_.power.offset, "a mixed second derivative has no power", "d2E/dw1dw5 or d2E/dw5^2");
        return {s_.wrt, s_.wrt};
    }

    // Every way of reading the identifier after 'd' as two names joined by 'd': w1dw5.
    std::vector<std::pair<Name, Name>> splits() const {
        const std::string& t = s_.wrt.text;
        std::vector<std::pair<Name, Name>> out;
        for (std::size_t k = 1; k + 1 < t.size(); ++k)
            if (t[k] == 'd' && is_name(t.substr(0, k)) && is_name(t.substr(k + 1)))
                out.push_back({Name{t.substr(0, k), s_.wrt.offset}, Name{t.substr(k + 1), s_.wrt.offset + k + 1}});
        return out;
    }

    // dw1dw5 as two names; dw5 alone is missing its power or its second name.
    std::pair<Name, Name> split() const {
        const std::string& t = s_.wrt.text;
        const std::vector<std::pair<Name, Name>> ways = splits();
        if (ways.size() == 1 && !is_name(t)) return ways.front();
        if (!ways.empty())
            fail(s_.wrt.offset, "'" + t + "' can be read as names in more than one way", {},
                 "write the two names apart: d2E/d" + ways.front().first.text + " d" + ways.front().second.text);
        if (is_name(t))
            fail(s_.wrt.offset + t.size(), "a second derivative needs ^2 after the name or a second name",
                 "d2E/d" + t + "^2, or d2E/d" + t + " dX with a second leaf X");
        for (std::size_t k = 1; k + 1 < t.size(); ++k)  // w1dw9: the unknown part
            if (t[k] == 'd' && is_name(t.substr(0, k))) known(Name{t.substr(k + 1), s_.wrt.offset + k + 1});
        known(s_.wrt);
        return {};
    }

    std::string leaf(const Name& n) const {
        known(n);
        if (model_.at(n.text).kind == NameKind::Definition)
            fail(n.offset, "'" + n.text + "' is defined by an expression: second derivatives are by a leaf",
                 "a param, input, target or const");
        return n.text;
    }

    const Model& model_;
    const ClaimSyntax& s_;
};

}  // namespace

derivations::ClaimQuantity second_order_quantity(const Model& model, const ClaimSyntax& s) {
    return SecondOrderReader(model, s).read();
}

}  // namespace chainrule::lang
