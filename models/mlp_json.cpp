#include "mlp_json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace chainrule::models {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& why) {
    throw ParameterFileError("chainrule: parameter file '" + path.string() + "': " + why);
}

json matrix_rows(const Matrix<double>& m) {
    json rows = json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        json row = json::array();
        for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(m(i, j));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string sizes_text(const std::vector<Eigen::Index>& sizes) {
    std::string s;
    for (Eigen::Index n : sizes) s += (s.empty() ? "" : "-") + std::to_string(n);
    return s;
}

// One number of the file: finite, else ParameterFileError naming where.
double number_at(const json& v, const std::filesystem::path& path, const std::string& where) {
    if (!v.is_number() || !std::isfinite(v.get<double>())) fail(path, where + " is " + v.dump() + ", not a finite number");
    return v.get<double>();
}

// Reads `rows` (an array of arrays) into m, which has the expected shape.
void read_matrix(const json& rows, Matrix<double>& m, const std::filesystem::path& path, const std::string& what) {
    const std::string shape = std::to_string(m.rows()) + "×" + std::to_string(m.cols());
    if (!rows.is_array() || static_cast<Eigen::Index>(rows.size()) != m.rows())
        fail(path, what + " must be " + std::to_string(m.rows()) + " rows (shape " + shape + ")");
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        const json& row = rows[static_cast<std::size_t>(i)];
        if (!row.is_array() || static_cast<Eigen::Index>(row.size()) != m.cols())
            fail(path, what + " row " + std::to_string(i) + " must have " + std::to_string(m.cols()) + " numbers (shape " + shape + ")");
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            m(i, j) = number_at(row[static_cast<std::size_t>(j)], path, what + "[" + std::to_string(i) + "][" + std::to_string(j) + "]");
    }
}

json read_json(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, std::filesystem::exists(path) ? "cannot be read" : "not found");
    try {
        const json doc = json::parse(in);
        if (!doc.is_object() || doc.value("format", "") != "chainrule-mlp" || doc.value("version", 0) != 1)
            fail(path, "not a chainrule-mlp file of version 1 (expected {\"format\": \"chainrule-mlp\", \"version\": 1, …})");
        return doc;
    } catch (const json::exception& e) {
        fail(path, std::string("not valid JSON (") + e.what() + ")");
    }
}

std::vector<Eigen::Index> file_sizes(const json& doc, const std::filesystem::path& path) {
    const json& s = doc.contains("sizes") ? doc["sizes"] : json();
    std::vector<Eigen::Index> sizes;
    if (s.is_array())
        for (const json& n : s) sizes.push_back(n.is_number_integer() && n.get<long long>() > 0 ? n.get<Eigen::Index>() : 0);
    if (sizes.size() < 2 || std::find(sizes.begin(), sizes.end(), 0) != sizes.end())
        fail(path, "\"sizes\" must list at least two positive layer sizes");
    return sizes;
}

void read_layers(const json& doc, Mlp<double>& model, const std::filesystem::path& path) {
    const json& layers = doc.contains("layers") ? doc["layers"] : json();
    if (!layers.is_array() || layers.size() != model.layers().size())
        fail(path, "\"layers\" must hold " + std::to_string(model.layers().size()) + " layers");
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const json& layer = layers[l];
        const std::string name = "layer " + std::to_string(l + 1);
        if (!layer.is_object() || !layer.contains("weight") || !layer.contains("bias"))
            fail(path, name + " must be {\"weight\": […], \"bias\": […]}");
        read_matrix(layer["weight"], model.layers()[l].weight(), path, name + " weight");
        read_matrix(json::array({layer["bias"]}), model.layers()[l].bias(), path, name + " bias");
    }
}

// Writes `text` to a temporary file next to `path` and renames it over `path`.
void write_atomically(const std::filesystem::path& path, const std::string& text) {
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const std::filesystem::path temporary = dir / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            fail(path, "cannot be written");
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        fail(path, "cannot be written (" + error.message() + ")");
    }
}

}  // namespace

std::string mlp_to_json(const Mlp<double>& model) {
    json layers = json::array();
    for (const Linear<double>& layer : model.layers())
        layers.push_back({{"weight", matrix_rows(layer.weight())}, {"bias", matrix_rows(layer.bias())[0]}});
    const json doc = {{"format", "chainrule-mlp"},
                      {"version", 1},
                      {"sizes", model.sizes()},
                      {"activation", std::string(activation_name(model.hidden_activation()))},
                      {"layers", std::move(layers)}};
    return doc.dump() + "\n";  // nlohmann writes doubles with enough digits to read back exactly
}

void save_mlp(const Mlp<double>& model, const std::filesystem::path& path) {
    if (path.empty() || !path.has_filename()) fail(path, "not a file name");
    write_atomically(path, mlp_to_json(model));
}

Mlp<double> load_mlp(const std::filesystem::path& path) {
    const json doc = read_json(path);
    const json& a = doc.contains("activation") ? doc["activation"] : json();
    if (!a.is_string()) fail(path, "\"activation\" must be a name (sigmoid, relu, …)");
    Activation activation{};
    try {
        activation = parse_activation(a.get<std::string>());
    } catch (const ModelError& e) {
        fail(path, e.what());
    }
    Mlp<double> model(file_sizes(doc, path), activation, Init::Zero);
    read_layers(doc, model, path);
    return model;
}

void load_parameters(Mlp<double>& model, const std::filesystem::path& path) {
    const json doc = read_json(path);
    const std::vector<Eigen::Index> sizes = file_sizes(doc, path);
    if (sizes != model.sizes())
        fail(path, "holds a " + sizes_text(sizes) + " network, the model is " + sizes_text(model.sizes()));
    Mlp<double> loaded(sizes, model.hidden_activation(), Init::Zero);
    read_layers(doc, loaded, path);  // all or nothing: the model changes only when the whole file is right
    model = std::move(loaded);
}

}  // namespace chainrule::models
