#include "layers.hpp"

#include <array>
#include <utility>

namespace chainrule::models {

namespace {

constexpr std::array<std::pair<Activation, std::string_view>, 4> kActivations{{
    {Activation::Identity, "identity"},
    {Activation::Sigmoid, "sigmoid"},
    {Activation::Relu, "relu"},
    {Activation::Tanh, "tanh"},
}};

constexpr std::array<std::pair<Init, std::string_view>, 3> kInits{{
    {Init::Zero, "zero"},
    {Init::Xavier, "xavier"},
    {Init::He, "he"},
}};

// The name of `value` in `table`, or the value of `name` (ModelError listing the names).
template <class E, std::size_t N>
std::string_view name_in(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [e, name] : table)
        if (e == value) return name;
    return "?";
}
template <class E, std::size_t N>
E parse_in(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view name, std::string_view what) {
    std::string known;
    for (const auto& [e, n] : table) {
        if (n == name) return e;
        known += (known.empty() ? "" : ", ") + std::string(n);
    }
    throw ModelError("chainrule: unknown " + std::string(what) + " '" + std::string(name) + "' (available: " + known + ")");
}

}  // namespace

std::string_view activation_name(Activation a) { return name_in(kActivations, a); }
Activation parse_activation(std::string_view name) { return parse_in(kActivations, name, "activation"); }
std::string_view init_name(Init init) { return name_in(kInits, init); }
Init parse_init(std::string_view name) { return parse_in(kInits, name, "initialisation"); }

double init_bound(Init init, Eigen::Index fan_in, Eigen::Index fan_out) {
    if (fan_in < 1 || fan_out < 1)
        throw ModelError("chainrule: init_bound: fans must be positive, got " + std::to_string(fan_in) + " and " +
                         std::to_string(fan_out));
    switch (init) {
        case Init::Xavier: return std::sqrt(6.0 / static_cast<double>(fan_in + fan_out));
        case Init::He: return std::sqrt(6.0 / static_cast<double>(fan_in));
        case Init::Zero: break;
    }
    return 0.0;
}

}  // namespace chainrule::models
