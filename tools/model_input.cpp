#include "model_input.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>

namespace chainrule::tools {

lang::Model load_model(const std::string& path) {
    lang::Model model;
    if (path != "-") {
        model = lang::load_model_file(path);
    } else {
        std::ostringstream text;
        text << std::cin.rdbuf();
        model = lang::load_model_text(std::move(text).str(), "<stdin>");
    }
    for (const std::string& w : model.warnings) std::cerr << w << "\n";  // a node named pi or e
    return model;
}

std::string output_path(const std::string& model, const std::string& format, const std::string& output) {
    if (!output.empty() || (format != "pdf" && format != "html")) return output;
    if (model == "-") return "worksheet." + format;
    return std::filesystem::path(model).filename().replace_extension("." + format).string();
}

}  // namespace chainrule::tools
