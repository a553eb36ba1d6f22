#include "matrix_declarations.hpp"

#include "data_files.hpp"

#include "../models/layers.hpp"
#include "../models/splitmix.hpp"

#include <cmath>
#include <string>

namespace chainrule::lang {

namespace {

[[noreturn]] void declaration_error(const Source& source, std::size_t offset, std::string what, std::string expected = {},
                       std::string hint = {}) {
    throw LangError(source, offset, std::move(what), std::move(expected), std::move(hint));
}

Eigen::Index dimension(const Source& source, const NumberText& n) {
    if (n.text.size() > 7 || std::stol(n.text) < 1)
        declaration_error(source, n.offset, "a dimension of " + n.text, "a whole number from 1 to 4000000");
    return std::stol(n.text);
}

std::optional<Shape> declared_shape(const Declaration& d, const Source& source) {
    if (!d.shape) return std::nullopt;
    const Shape s{dimension(source, d.shape->rows), dimension(source, d.shape->cols)};
    if (s.rows * s.cols > kMaxDeclaredEntries)
        declaration_error(source, d.shape->offset, "a " + shape_text(s) + " matrix has more than " +
                                          std::to_string(kMaxDeclaredEntries) + " entries",
             {}, "declare large matrices in C++ (docs/matrix.md)");
    return s;
}

// Entries −a + 2a·u (or lo + (hi − lo)·u), u from splitmix64(seed), row by row.
Matrix<Real> random_uniform(Shape s, double lo, double hi, std::uint64_t seed) {
    models::SplitMix64 rng(seed);
    Matrix<Real> out(s.rows, s.cols);
    for (Eigen::Index r = 0; r < s.rows; ++r)
        for (Eigen::Index c = 0; c < s.cols; ++c) out(r, c) = Real(rng.uniform(lo, hi));
    return out;
}

class Initialiser {
public:
    Initialiser(const Declaration& d, const Source& source, const std::filesystem::path& directory)
        : m_(*d.matrix), name_(m_.initialiser.text), source_(source), directory_(directory),
          shape_(declared_shape(d, source)) {}

    Matrix<Real> value() {
        if (name_ == "load") return load();
        if (name_ == "zeros" || name_ == "ones") {
            arguments(0, false);
            return Matrix<Real>::Constant(shape().rows, shape().cols, Real(name_ == "ones" ? 1 : 0));
        }
        if (name_ == "xavier" || name_ == "he") {
            arguments(0, true);
            const models::Init init = name_ == "he" ? models::Init::He : models::Init::Xavier;
            const double a = models::init_bound(init, shape().rows, shape().cols);
            return random_uniform(shape(), -a, a, seed());
        }
        if (name_ == "uniform") {
            arguments(2, true);
            const double lo = bound(m_.arguments[0]), hi = bound(m_.arguments[1]);
            if (!(lo < hi)) declaration_error(source_, m_.arguments[0].offset, "uniform(lo, hi, seed N) needs lo < hi");
            return random_uniform(shape(), lo, hi, seed());
        }
        declaration_error(source_, m_.offset, "unknown initialiser '" + name_ + "'",
             "a number, a matrix [1, 2; 3, 4], zeros, ones, xavier(seed N), he(seed N), uniform(lo, hi, seed N) or "
             "load(\"file.csv\")");
    }

private:
    Shape shape() const {
        if (!shape_)
            declaration_error(source_, m_.offset, name_ + " needs the matrix's shape", {},
                 "declare it with the name: W[2,3] = " + name_ + (name_ == "zeros" || name_ == "ones" ? "" : "(…)"));
        return *shape_;
    }

    void arguments(std::size_t numbers, bool seeded) const {
        const std::string usage = name_ == "uniform" ? "uniform(lo, hi, seed N)" : seeded ? name_ + "(seed N)" : name_;
        if (m_.arguments.size() != numbers || m_.file || (seeded != m_.seed.has_value()))
            declaration_error(source_, m_.offset, name_ + " takes " + usage, usage,
                 seeded && !m_.seed ? "the seed makes the numbers the same on every run" : "");
    }

    // A bound of uniform(lo, hi, …): a double, so that |bound| ≤ 1e300.
    double bound(const NumberText& n) const {
        const Real v = real_value(n.text);
        if (!(abs(v) <= Real("1e300")))
            declaration_error(source_, n.offset, "the bound " + n.text + " is out of range", "a number between -1e300 and 1e300");
        return v.convert_to<double>();
    }

    std::uint64_t seed() const {
        if (m_.seed->text.size() > 19) declaration_error(source_, m_.seed->offset, "the seed is too large", "at most 19 digits");
        return std::stoull(m_.seed->text);
    }

    Matrix<Real> load() const {
        if (!m_.file || !m_.arguments.empty() || m_.seed)
            declaration_error(source_, m_.offset, "load takes a file name", "load(\"file.csv\") or load(\"file.json\")");
        if (m_.file->text.empty()) declaration_error(source_, m_.file->offset, "an empty file name", "load(\"x.csv\")");
        const std::filesystem::path path = directory_ / m_.file->text;
        Matrix<Real> value;
        try {
            value = load_matrix_file(path);
        } catch (const LangError& e) {  // the data file's own place, reported at the load in the model
            std::string where = e.source_name();
            if (e.line() != 0) where += ":" + std::to_string(e.line()) + ":" + std::to_string(e.column());
            declaration_error(source_, m_.file->offset, where + ": " + e.message(), e.expected());
        }
        if (shape_ && shape_of(value) != *shape_)
            declaration_error(source_, m_.file->offset,
                 m_.file->text + " holds a " + shape_text(shape_of(value)) + " matrix, declared " + shape_text(*shape_));
        return value;
    }

    const MatrixValue& m_;
    const std::string& name_;
    const Source& source_;
    const std::filesystem::path& directory_;
    std::optional<Shape> shape_;
};

}  // namespace

Matrix<Real> literal_matrix(const std::vector<std::vector<NumberText>>& rows, const Source& source) {
    const std::size_t cols = rows.front().size();
    if (rows.size() * cols > static_cast<std::size_t>(kMaxDeclaredEntries))
        declaration_error(source, rows.front().front().offset,
                          "a literal of more than " + std::to_string(kMaxDeclaredEntries) + " entries", {},
                          "load large data from a file: load(\"x.csv\")");
    Matrix<Real> out(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(cols));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (rows[r].size() != cols)
            declaration_error(source, rows[r].front().offset,
                              "row " + std::to_string(r + 1) + " of the matrix has " + std::to_string(rows[r].size()) +
                                  " entries, row 1 has " + std::to_string(cols),
                              "rows of the same length");
        for (std::size_t c = 0; c < cols; ++c)
            out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = real_value(rows[r][c].text);
    }
    return out;
}

Matrix<Real> declared_matrix(const Declaration& d, const Source& source, const std::filesystem::path& directory) {
    if (!d.matrix->initialiser.text.empty()) return Initialiser(d, source, directory).value();
    const std::optional<Shape> shape = declared_shape(d, source);
    Matrix<Real> value = literal_matrix(d.matrix->rows, source);
    if (shape && shape_of(value) != *shape)
        declaration_error(source, d.matrix->offset,
             "the matrix is " + shape_text(shape_of(value)) + ", declared " + shape_text(*shape), {},
             "the shape is [rows,cols]");
    return value;
}

}  // namespace chainrule::lang
