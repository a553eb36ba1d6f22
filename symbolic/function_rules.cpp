#include "function_rules.hpp"

namespace chainrule::symbolic {

ops::Facts function_facts(Function f) noexcept {
    if (is_unary_rule(f)) return visit_unary_rule(f, []<class Rule>() { return Rule::facts; });
    if (is_binary_rule(f)) return visit_binary_rule(f, []<class Rule>() { return Rule::facts; });
    return {};
}

std::string latex_function_name(Function f) {
    if (const std::string_view latex = function_facts(f).latex; !latex.empty()) return std::string(latex);
    std::string name;
    for (const char c : function_name(f)) {
        if (c == '_') name += '\\';
        name += c;
    }
    return "\\operatorname{" + name + "}";
}

}  // namespace chainrule::symbolic
