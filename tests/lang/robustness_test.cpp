// The semantic stage under random damage: thousands of deterministic mutations of the
// shipped models (characters inserted, deleted, replaced; lines swapped or repeated)
// must each load or fail with a LangError — never another exception, never a crash.
// (The parser alone is fuzzed with libFuzzer: tests/lang/fuzz/.)
#include "lang/model.hpp"
#include "lang/model_worksheet.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace robustness_test {

using namespace chainrule::lang;

namespace {

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return std::move(s).str();
}

// Characters the grammar cares about, so that mutations reach past the first token.
constexpr std::string_view kAlphabet = "abcwxyzE_019.e+-*/^(),=\"# \t\n\\{}";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string mutate(std::string text, std::mt19937& rng) {
    const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    const int edits = 1 + static_cast<int>(pick(4));
    for (int i = 0; i < edits && !text.empty(); ++i) {
        const std::size_t at = pick(text.size());
        switch (pick(5)) {
            case 0: text.insert(at, 1, kAlphabet[pick(kAlphabet.size())]); break;
            case 1: text.erase(at, 1 + pick(3)); break;
            case 2: text[at] = kAlphabet[pick(kAlphabet.size())]; break;
            default: {
                std::vector<std::string> lines = lines_of(text);
                if (lines.size() < 2) break;
                std::swap(lines[pick(lines.size())], lines[pick(lines.size())]);
                if (pick(2) == 0) lines.push_back(lines[pick(lines.size())]);
                text.clear();
                for (const std::string& l : lines) text += l + "\n";
            }
        }
    }
    return text;
}

}  // namespace

TEST_CASE("mutated models load or fail with a LangError") {
    std::mt19937 rng(20240601);
    int loaded = 0, rejected = 0;
    for (const char* name : {"bp_network.chain", "bp_network_four_biases.chain", "zhou_alice.chain"}) {
        const std::string original = read(std::filesystem::path(CHAINRULE_SOURCE_DIR) / "examples" / name);
        for (int i = 0; i < 1500; ++i) {
            const std::string text = mutate(original, rng);
            try {
                const Model m = load_model_text(text, name);
                ++loaded;
                if (i % 100 == 0 && m.output) {  // and now and then the worksheet as well
                    try {
                        (void)model_worksheet(m);
                    } catch (const LangError&) {
                    }
                }
            } catch (const LangError&) {
                ++rejected;
            } catch (const std::exception& e) {
                FAIL("not a LangError: " << e.what() << "\n--- input ---\n" << text);
            }
        }
    }
    CHECK(loaded > 100);  // the mutations keep some models valid …
    CHECK(rejected > 1000);  // … and break most
}

}  // namespace robustness_test
