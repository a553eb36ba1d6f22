#include "recognise.hpp"

#include "models/digit_image.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace chainrule::mnist_cli {

Recognition recognise(const models::Mlp<double>& model, std::span<const unsigned char> png) {
    Recognition r;
    r.input = models::mnist_input_from_png(png);
    const chainrule::Matrix<double> logits = model.logits(r.input);  // 1 × 10
    const double top = logits.maxCoeff();                       // softmax without overflow
    double sum = 0;
    for (int k = 0; k < 10; ++k) sum += r.probabilities[static_cast<std::size_t>(k)] = std::exp(logits(0, k) - top);
    for (double& p : r.probabilities) p /= sum;
    r.digit = static_cast<int>(std::max_element(r.probabilities.begin(), r.probabilities.end()) - r.probabilities.begin());
    return r;
}

std::string without_prefix(std::string message) {
    static constexpr std::string_view prefix = "chainrule: ";
    if (message.starts_with(prefix)) message.erase(0, prefix.size());
    return message;
}

std::string recognition_json(const Recognition& r) {
    nlohmann::json j;
    j["digit"] = r.digit;
    j["probabilities"] = r.probabilities;
    j["input"] = std::vector<double>(r.input.data(), r.input.data() + r.input.size());
    return j.dump();
}

}  // namespace chainrule::mnist_cli
