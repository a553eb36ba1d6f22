#include "data_files.hpp"

#include <nlohmann/json.hpp>
#include <tao/pegtl.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace chainrule::lang {

namespace {

namespace pg = tao::pegtl;

// ---------------------------------------------------------------- CSV (a PEGTL grammar)
namespace csv {
struct blanks : pg::star<pg::one<' ', '\t'>> {};
struct digits : pg::plus<pg::digit> {};
struct number : pg::seq<pg::opt<pg::one<'+', '-'>>,
                        pg::sor<pg::seq<digits, pg::opt<pg::one<'.'>, digits>>, pg::seq<pg::one<'.'>, digits>>,
                        pg::opt<pg::one<'e', 'E'>, pg::opt<pg::one<'+', '-'>>, digits>> {};
struct cell : number {};
struct separator : pg::seq<blanks, pg::one<','>, blanks> {};
struct row_end : pg::seq<blanks, pg::sor<pg::eolf, pg::seq<pg::one<'\r'>, pg::eolf>>> {};
struct row : pg::seq<blanks, pg::must<cell>, pg::star<separator, pg::must<cell>>, pg::must<row_end>> {};
struct skipped : pg::seq<blanks, pg::opt<pg::one<'#'>, pg::star<pg::not_one<'\n'>>>, pg::eolf> {};
struct file : pg::seq<pg::opt<pg::utf8::bom>, pg::until<pg::eof, pg::sor<skipped, row>>> {};

struct State {
    std::vector<std::vector<std::string>> rows;  ///< the last one is being filled
    std::vector<std::size_t> row_offsets;        ///< where each row starts
};
template <class Rule>
struct action : pg::nothing<Rule> {};
template <>
struct action<cell> {
    template <class In>
    static void apply(const In& in, State& s) {
        if (s.rows.back().empty()) s.row_offsets.push_back(in.position().byte);
        s.rows.back().push_back(in.string());
    }
};
template <>
struct action<row> {
    template <class In>
    static void apply(const In&, State& s) {
        s.rows.emplace_back();  // the next row's cells go here
    }
};
template <class Rule>
struct control : pg::normal<Rule> {
    template <class In, class... States>
    [[noreturn]] static void raise(const In& in, States&&...) {
        throw pg::parse_error(std::is_same_v<Rule, row_end> ? "',' and a number, or the end of the line"
                                                            : "a number",
                              in);
    }
};
}  // namespace csv

struct Cells {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> row_offsets;  ///< empty for JSON
};

Cells csv_cells(const Source& source) {
    csv::State state;
    state.rows.emplace_back();
    pg::memory_input<pg::tracking_mode::eager, pg::eol::lf_crlf> in(source.text, source.name);
    try {
        pg::parse<csv::file, csv::action, csv::control>(in, state);
    } catch (const pg::parse_error& e) {
        const std::size_t offset = e.positions().front().byte;
        throw LangError(source, offset, "unexpected " + describe_token(source.text, offset), std::string(e.message()));
    }
    state.rows.pop_back();
    return {std::move(state.rows), std::move(state.row_offsets)};
}

// ---------------------------------------------------------------- JSON (nlohmann's SAX: the number's text)
class JsonCells : public nlohmann::json_sax<nlohmann::json> {
public:
    explicit JsonCells(const Source& source) : source_(source) {}
    std::vector<std::vector<std::string>> rows;

    bool number(const std::string& text) {
        if (depth_ == 1) {  // a flat array: a column
            if (!rows.empty() && !flat_) return wrong("a number after a row [ … ]");
            rows.push_back({text});
            flat_ = true;
        } else if (depth_ == 2 && !flat_) {
            rows.back().push_back(text);
        } else {
            return wrong("a number where " + std::string(depth_ == 2 ? "a row [ … ]" : "nothing") + " fits");
        }
        return true;
    }
    bool null() override { return wrong("null"); }
    bool boolean(bool) override { return wrong("true or false"); }
    bool number_integer(number_integer_t v) override { return number(std::to_string(v)); }
    bool number_unsigned(number_unsigned_t v) override { return number(std::to_string(v)); }
    bool number_float(number_float_t, const string_t& s) override { return number(s); }
    bool string(string_t&) override { return wrong("a string"); }
    bool binary(binary_t&) override { return wrong("binary data"); }
    bool start_object(std::size_t) override { return wrong("an object { … }"); }
    bool key(string_t&) override { return false; }
    bool end_object() override { return false; }
    bool start_array(std::size_t) override {
        if (++depth_ > 2) return wrong("an array nested more than twice");
        if (depth_ == 2) {
            if (flat_) return wrong("a row after numbers");
            rows.emplace_back();
        }
        return true;
    }
    bool end_array() override {
        --depth_;
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
        std::string what = e.what();
        if (const auto k = what.find("syntax error"); k != std::string::npos) what.erase(0, k);
        else if (const auto colon = what.find("] "); colon != std::string::npos) what.erase(0, colon + 2);
        throw LangError(source_, position == 0 ? 0 : position - 1, "not JSON: " + what);
    }

private:
    bool wrong(const std::string& what) {
        throw LangError(source_.name, "expected an array of rows of numbers ([[1, 2], [3, 4]]), found " + what);
    }
    const Source& source_;
    int depth_ = 0;
    bool flat_ = false;
};

Cells json_cells(const Source& source) {
    JsonCells cells(source);
    nlohmann::json::sax_parse(source.text, &cells);
    return {std::move(cells.rows), {}};
}

// A number the 50-digit arithmetic takes as it is: not absurdly long, exponent within ±9999.
void check_data_number(const Source& source, const std::string& text, std::size_t row) {
    const auto e = text.find_first_of("eE");
    const bool wild = text.size() > 100 ||
                      (e != std::string::npos && (text.size() - e > 6 || std::abs(std::stol(text.substr(e + 1))) > 9999));
    if (wild)
        throw LangError(source.name, "row " + std::to_string(row + 1) + ": the number " + text.substr(0, 40) +
                                         (text.size() > 40 ? "…" : "") + " is out of range");
}

std::string read_data_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw LangError(path.string(), "cannot read the data file: it is a directory");
    // Only a regular file of bounded size: not a device (/dev/zero never ends) or a pipe.
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
        throw LangError(path.string(), "cannot read the data file: it is not a regular file");
    if (const auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxDataFileBytes)
        throw LangError(path.string(), "the data file is larger than " + std::to_string(kMaxDataFileBytes >> 20) + " MiB");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw LangError(path.string(), std::string("cannot read the data file: ") + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    return std::move(text).str();
}

}  // namespace

Matrix<Real> load_matrix_file(const std::filesystem::path& path) {
    const Source source{path.string(), read_data_file(path)};
    const bool json = path.extension() == ".json";
    const Cells cells = json ? json_cells(source) : csv_cells(source);
    const std::vector<std::vector<std::string>>& rows = cells.rows;
    if (rows.empty() || rows.front().empty()) throw LangError(source.name, "the data file holds no numbers");
    const std::size_t cols = rows.front().size();
    if (rows.size() * cols > kMaxDataEntries)
        throw LangError(source.name, "the data file holds more than " + std::to_string(kMaxDataEntries) + " numbers");
    Matrix<Real> m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(cols));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (rows[r].size() != cols) {
            const std::string what = "row " + std::to_string(r + 1) + " has " + std::to_string(rows[r].size()) +
                                     " numbers, row 1 has " + std::to_string(cols);
            if (cells.row_offsets.empty()) throw LangError(source.name, what);
            throw LangError(source, cells.row_offsets[r], what, "rows of the same length");
        }
        for (std::size_t c = 0; c < cols; ++c) {
            check_data_number(source, rows[r][c], r);
            m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = real_value(rows[r][c]);
        }
    }
    return m;
}

}  // namespace chainrule::lang
