// End to end: `chainrule exercise` (issue 16) on the seed 001 network and two gallery
// models whose numbers vary — 30 variants with seed 7, each key the variant's worksheet
// number for number, no two variants alike, rejected draws reported, a planted wrong
// answer found with the student's own right value — and its bad input.
#include "run_process.hpp"
#include "../support/tool_on_path.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>
#include <set>
#include <sstream>

namespace exercise_cli_test {

using namespace cli_test;
using Catch::Contains;
using Json = nlohmann::json;

const char* const kModels[] = {"examples/exercises/bp_network_vary.chain",
                               "examples/exercises/tanh_cross_entropy_vary.chain",
                               "examples/exercises/relu_unit_vary.chain"};

// The key without the boxed blank numbers after its answers.
std::string unboxed(const std::string& key) {
    return std::regex_replace(key, std::regex(R"(\\quad\\boxed\{\\scriptstyle [0-9]+\})"), "");
}

// Every decimal number of a document, in order (a key may break a long row elsewhere than
// the worksheet, as its boxed numbers take room: compare numbers, not bytes).
std::vector<std::string> numbers_of(const std::string& doc) {
    std::vector<std::string> out;
    const std::regex number(R"([0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?)");
    for (auto it = std::sregex_iterator(doc.begin(), doc.end(), number); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[0]);
    return out;
}

TEST_CASE("exercise: 30 variants, seed 7, of three models: keys are the variants' worksheets, no two alike") {
    for (const char* model : kModels) {
        ScratchDir dir;
        const Result r = run({"exercise", source_path(model), "--variants", "30", "--seed", "7", "-o", dir.path()});
        INFO(model << "\n" << r.out << r.err);
        REQUIRE(r.exit_code == 0);
        CHECK_THAT(r.out, Contains("30 variants of") && Contains(" draws, "));
        const Json answers = Json::parse(read_file(dir / "answers.json"));
        REQUIRE(answers["variants"].size() == 30);
        std::set<std::string> seen;
        for (const Json& v : answers["variants"]) {
            const std::string k = std::to_string(v["variant"].get<int>());
            CHECK(seen.insert(v["values"].dump()).second);  // no two variants share numbers
            // The key is what `chainrule worksheet` prints for the variant, number for number,
            // with the blanks' numbers boxed after their answers.
            const Result w = run({"worksheet", (dir / ("variant-" + k + ".chain")).string()});
            CHECK(w.exit_code == 0);
            const std::string key = read_file(dir / ("key-" + k + ".md"));
            CHECK(numbers_of(unboxed(key)) == numbers_of(w.out));
            // Every blank's answer is the worksheet's number, boxed with the blank's number in
            // the key; the sheet shows the blank, not the answer.
            const std::string sheet = read_file(dir / ("sheet-" + k + ".md"));
            for (const Json& b : v["blanks"]) {
                const std::string n = std::to_string(b["blank"].get<int>()), answer = b["answer"].get<std::string>();
                INFO("blank " << n << " " << b["claim"] << " = " << answer);
                CHECK_THAT(key, Contains(answer + "\\quad\\boxed{\\scriptstyle " + n + "}"));
                CHECK_THAT(sheet, Contains("\\underline{\\hspace{5em}}_{\\,(" + n + ")}"));
                // (a short answer such as 0.5 may also be a given value)
                if ((b["kind"] == "gradient" || b["kind"] == "update") && answer.size() >= 8) CHECK_THAT(sheet, !Contains(answer));
            }
        }
    }
}

TEST_CASE("exercise: rejected draws are counted with their reason; the same seed gives the same set") {
    ScratchDir a, b, c;
    const std::string model = source_path("examples/exercises/relu_unit_vary.chain");
    const Result ra = run({"exercise", model, "--variants", "30", "--seed", "7", "-o", a.path()});
    const Result rb = run({"exercise", model, "--variants", "30", "--seed", "7", "-o", b.path()});
    const Result rc = run({"exercise", model, "--variants", "30", "--seed", "8", "-o", c.path()});
    REQUIRE(ra.exit_code == 0);
    // relu(w·x + b) on a grid: some draws sit on the kink z = 0, many make dE/dw vanish (z < 0).
    CHECK_THAT(ra.out, Contains("rejected:") && Contains("on or near the kink of relu") &&
                           Contains("the gradient dE/dw vanishes"));
    CHECK(ra.out.substr(ra.out.find('\n')) == rb.out.substr(rb.out.find('\n')));
    CHECK(read_file(a / "answers.csv") == read_file(b / "answers.csv"));
    CHECK(read_file(a / "answers.csv") != read_file(c / "answers.csv"));
    // Asking for more variants than the grid holds: exit 2, the reasons given.
    ScratchDir d;
    const Result too_many = run({"exercise", model, "--variants", "500", "-o", d.path()});
    CHECK(too_many.exit_code == 2);
    CHECK_THAT(too_many.err, Contains("well-posed variants") && Contains("widen the vary ranges"));
}

// The answer of a claim of variant k in answers.csv (columns variant,blank,kind,claim,answer,check line).
std::string answer(const std::string& csv, int k, const std::string& claim) {
    std::istringstream lines(csv);
    std::string line;
    const std::string prefix = std::to_string(k) + ",";
    while (std::getline(lines, line))
        if (line.rfind(prefix, 0) == 0) {
            std::vector<std::string> f;
            std::stringstream fields(line);
            for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
            if (f.size() >= 5 && f[3] == claim) return f[4];
        }
    return {};
}

TEST_CASE("exercise: a planted wrong answer on variant 5 is found with variant 5's right value") {
    ScratchDir dir;
    REQUIRE(run({"exercise", source_path(kModels[0]), "--variants", "30", "--seed", "7", "-o", dir.path()}).exit_code == 0);
    const std::string csv = read_file(dir / "answers.csv");
    const std::string right = answer(csv, 5, "dE/dw1"), other = answer(csv, 1, "dE/dw1");
    REQUIRE(!right.empty());
    REQUIRE(right != other);
    // The student copies their variant, claims three right numbers and a wrong dE/dw1.
    std::string student = read_file(dir / "variant-5.chain");
    student += "check out_h1 = " + answer(csv, 5, "out_h1") + "\n";
    student += "check dE/dw5 = " + answer(csv, 5, "dE/dw5") + "\n";
    student += "check dE/dw1 = 0.5\n";
    student += "check w5+ = " + answer(csv, 5, "w5+") + " lr=0.5\n";
    write_file(dir / "student-5.chain", student);
    const Result r = run({"check", (dir / "student-5.chain").string()});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Contains("4 claims: 3 correct, 1 wrong; first error: #3 dE/dw1"));
    CHECK_THAT(r.out, Contains(right.substr(0, 8)));  // the right value of variant 5, not variant 1
}

TEST_CASE("exercise --steps and --blank choose what the sheet asks") {
    ScratchDir dir;
    const std::string model = source_path(kModels[0]);
    REQUIRE(run({"exercise", model, "--variants", "1", "--steps", "forward", "-o", (dir / "a").string()}).exit_code == 0);
    const Json forward = Json::parse(read_file(dir / "a" / "answers.json"));
    REQUIRE(forward["variants"][0]["blanks"].size() == 11);  // in_h1 … E
    for (const Json& b : forward["variants"][0]["blanks"]) CHECK(b["kind"] == "value");
    const std::string sheet = read_file(dir / "a" / "sheet-1.md");
    CHECK_THAT(sheet, Contains("## Forward pass"));  // a first sheet: the forward pass alone
    CHECK_THAT(sheet, !Contains("Local partials") && !Contains("Gradient-descent update"));
    CHECK_THAT(read_file(dir / "a" / "key-1.md"), Contains("Local partials"));  // the key is the whole worksheet

    REQUIRE(run({"exercise", model, "--variants", "1", "--blank", "both", "-o", (dir / "b").string()}).exit_code == 0);
    const Json both = Json::parse(read_file(dir / "b" / "answers.json"));
    bool formula = false;
    for (const Json& b : both["variants"][0]["blanks"])
        if (b["kind"] == "local partial formula" && b["claim"] == "dout_o1/din_o1") {
            formula = true;
            CHECK(b["answer"] == "out_o1*(1 - out_o1)");
            CHECK(b["check"] == "");  // check judges numbers and formulas of dA/dB claims, not this text
        }
    CHECK(formula);
    CHECK_THAT(read_file(dir / "b" / "sheet-1.md"), !Contains("\\left(1 - \\mathrm{out}_{o_{1}}\\right)"));

    REQUIRE(run({"exercise", model, "--variants", "1", "--blank", "formulas", "-o", (dir / "f").string()}).exit_code == 0);
    const Json formulas = Json::parse(read_file(dir / "f" / "answers.json"));
    REQUIRE(!formulas["variants"][0]["blanks"].empty());
    for (const Json& b : formulas["variants"][0]["blanks"]) CHECK(b["kind"] == "local partial formula");

    const Result bad = run({"exercise", model, "--steps", "forward,backward", "-o", (dir / "c").string()});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Contains("unknown step 'backward'"));
}

TEST_CASE("exercise: sheets and keys compile with pdflatex, no overfull line; --format pdf joins them") {
    const auto pdflatex = test_support::require_on_path("pdflatex");
    if (!pdflatex) return;
    for (const char* model : kModels) {
        ScratchDir dir;
        REQUIRE(run({"exercise", source_path(model), "--variants", "2", "--seed", "7", "--format", "tex", "-o", dir.path()})
                    .exit_code == 0);
        for (const char* name : {"sheet-1", "key-1", "sheet-2", "key-2"}) {
            INFO(model << " " << name);
            const std::string command = "cd '" + dir.path().string() + "' && '" + pdflatex->string() +
                                        "' -interaction=nonstopmode -halt-on-error -no-shell-escape " + name +
                                        ".tex > /dev/null 2>&1";
            CHECK(std::system(command.c_str()) == 0);
            const std::string log = read_file(dir / (std::string(name) + ".log"));
            CHECK_THAT(log, !Contains("Overfull \\hbox"));
            CHECK_THAT(log, !Contains("was shrunk to the line width"));
        }
    }
    ScratchDir dir;
    const Result r = run({"exercise", source_path(kModels[0]), "--variants", "2", "--format", "pdf", "-o", dir.path()});
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("class.pdf (the sheets, then the keys)"));
    CHECK(fs::file_size(dir / "class.pdf") > fs::file_size(dir / "key-1.pdf"));
}

TEST_CASE("exercise --answers lists the check lines a student can write, without values") {
    ScratchDir dir;
    REQUIRE(run({"exercise", source_path(kModels[0]), "--variants", "2", "--seed", "7", "-o", dir.path()}).exit_code == 0);
    const Result r = run({"exercise", "--answers", (dir / "variant-2.chain").string()});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("check out_h1 = ___") && Contains("check dE/dw5 = ___") &&
                          Contains("check dout_o1/din_o1 = ___") && Contains("check w1+ = ___ lr=0.5"));
    std::istringstream lines(r.out);  // no value given away: every check line has ___ after =
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("check ", 0) == 0) CHECK(line.substr(line.find(" = ") + 3, 3) == "___");
}

TEST_CASE("exercise: bad vary clauses are exit 2 with file:line:col") {
    ScratchDir dir;
    struct Case {
        const char* text;
        const char* message;
    };
    const Case cases[] = {
        {"const c = 1 vary 0..2 step 1\nparam w = 1\nE = c*w\n", "m.chain:1:13: error: a const cannot vary"},
        {"param w = 1 vary 0..2 step 0\nE = w^2\n", "m.chain:1:28: error: the step of vary is 0"},
        {"param w = 1 vary 2..0 step 1\nE = w^2\n", "m.chain:1:18: error: vary 2..0 is empty"},
        {"param w = 3 vary 0..2 step 1\nE = w^2\n", "m.chain:1:11: error: the value 3 of 'w' is outside its vary range 0..2"},
        {"param w = 1 vary 0..2\nE = w^2\n", "m.chain:1:22: error: unexpected end of line; expected 'step'"},
        {"param w = 1 vary 0 2 step 1\nE = w^2\n", "m.chain:1:20: error: unexpected '2'; expected '..'"},
        {"param w = 1\nE = w^2\n", "nothing varies"},
    };
    for (const Case& c : cases) {
        write_file(dir / "m.chain", c.text);
        const Result r = run({"exercise", "m.chain", "-o", "out"}, {dir.path()});
        INFO(c.text);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains(c.message));
    }
    // An integer range: 1..3 is not the number "1." followed by ".3".
    write_file(dir / "m.chain", "param w = 2 vary 1..3 step 1\nE = w^2 + w\n");
    const Result r = run({"exercise", "m.chain", "--variants", "3", "-o", "out"}, {dir.path()});
    CHECK(r.exit_code == 0);
    CHECK_THAT(read_file(dir / "out" / "answers.csv"), Contains("check dE/dw = 3\n") && Contains("check dE/dw = 5\n") &&
                                                           Contains("check dE/dw = 7\n"));
}

}  // namespace exercise_cli_test
