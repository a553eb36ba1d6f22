#include "functions.hpp"

#include <algorithm>

namespace chainrule::lang {

namespace {

std::string arity_text(const FunctionInfo& f) {
    if (f.max_args == kAnyNumberOfArguments) return "at least " + std::to_string(f.min_args) + " argument";
    if (f.min_args == f.max_args) return std::to_string(f.min_args) + (f.min_args == 1 ? " argument" : " arguments");
    return std::to_string(f.min_args) + " or " + std::to_string(f.max_args) + " arguments";
}

std::string usage(std::string_view name, const FunctionInfo& f) {
    const std::string n(name);
    if (f.op == OpKind::Log && f.max_args == 2) return "log(x) or log(x, base)";
    if (f.op == OpKind::LeakyRelu) return "leaky_relu(x) or leaky_relu(x, slope)";
    if (f.max_args == kAnyNumberOfArguments) return n + "(a, b, …)";
    return n + (f.max_args == 2 ? "(a, b)" : "(x)");
}

}  // namespace

std::optional<FunctionInfo> find_language_function(std::string_view name) {
    if (name == "logsumexp") return FunctionInfo{OpKind::LogAddExp, 1, kAnyNumberOfArguments};
    const std::optional<OpKind> op = find_function(name);
    if (!op) return std::nullopt;  // find_function knows no operators (add, neg, …)
    if (*op == OpKind::Log) return FunctionInfo{*op, 1, name == "log" ? 2u : 1u};
    if (*op == OpKind::LeakyRelu) return FunctionInfo{*op, 1, 2};
    const std::size_t n = arity(*op) == 2 ? 2 : 1;
    return FunctionInfo{*op, n, n};
}

const std::vector<std::string>& function_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out{"logsumexp"};
        for (const FunctionName& f : function_table())
            if (find_language_function(f.name)) out.emplace_back(f.name);
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }();
    return names;
}

FunctionInfo resolve_call(const ExprNode& call, const Source& source) {
    const std::optional<FunctionInfo> f = find_language_function(call.text);
    if (!f)
        throw LangError(source, call.offset, "unknown function '" + call.text + "'",
                        "a function of the core (exp, log, sin, sigmoid, … — see docs/language.md)",
                        did_you_mean(call.text, function_names()));
    const std::size_t n = call.operands.size();
    if (n < f->min_args || n > f->max_args)
        throw LangError(source, call.offset,
                        call.text + " takes " + arity_text(*f) + ", got " + std::to_string(n),
                        usage(call.text, *f));
    return *f;
}

}  // namespace chainrule::lang
