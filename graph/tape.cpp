#include "tape.hpp"

#include <cctype>

namespace chainrule {

void validate_node_name(std::string_view name) {
    auto ident_start = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; };
    auto ident_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    bool ok = !name.empty() && ident_start(name.front());
    for (char c : name) ok = ok && ident_char(c);
    if (!ok)
        throw NameError("chainrule: node name '" + std::string(name) +
                        "' is not an identifier (letters, digits and '_', not starting with a digit)");
}

std::string describe_node(NodeIndex index, std::string_view name) {
    std::string s = "#" + std::to_string(index);
    if (!name.empty()) s += " '" + std::string(name) + "'";
    return s;
}

}  // namespace chainrule
