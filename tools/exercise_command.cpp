// chainrule exercise MODEL.chain: one variant per student (lang/exercise.hpp), each with its
// blank sheet and its answer key (derivations::exercise_sheet), every blank's answer in a
// CSV and a JSON file for grading, and with --format pdf one PDF of all sheets then all
// keys; --answers VARIANT.chain lists the check lines a student can write.
#include "commands.hpp"
#include "html_output.hpp"
#include "model_input.hpp"
#include "output.hpp"
#include "pdf.hpp"
#include "subprocess.hpp"

#include "../lang/exercise.hpp"
#include "../lang/model_worksheet.hpp"
#include "../lang/outputs.hpp"
#include "../precision/number_format.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace chainrule::tools {

namespace {

namespace fs = std::filesystem;

derivations::SheetParts parts_of(const ExerciseArgs& args) {
    auto has = [&](const char* step) { return std::find(args.steps.begin(), args.steps.end(), step) != args.steps.end(); };
    return {has("forward"), has("local"), has("paths"), has("update"), args.blank != "formulas",
            args.blank != "numbers"};
}

// A sheet or key of a variant in the asked format (pdf: the tex through pdflatex; html:
// html_output.hpp).
std::string sheet_of(const derivations::Worksheet& w, derivations::SheetKind kind, const ExerciseArgs& args,
                     std::vector<derivations::Blank>* blanks) {
    if (args.format == "html") return sheet_html(w, kind, parts_of(args), args.language, blanks);
    const std::string format = args.format == "pdf" ? "tex" : args.format;
    const std::string text = lang::sheet_output(w, kind, parts_of(args), format, args.language, blanks);
    return args.format == "pdf" ? latex_to_pdf(text) : text;
}

std::string join_steps(const ExerciseArgs& args) {
    std::string out;
    for (const std::string& s : args.steps) out += (out.empty() ? "" : ",") + s;
    return out;
}

// A CSV field: quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

// The check line that claims a blank's answer, or "" for what `check` does not judge (a
// delta, a formula).
std::string check_line(const derivations::Blank& b, const lang::Model& variant) {
    if (b.kind == "delta" || b.kind == "local partial formula") return {};
    std::string line = "check " + b.claim + " = " + b.answer;
    if (b.kind == "update" && variant.learning_rate) line += " lr=" + format_number(*variant.learning_rate, 10);
    return line;
}

// pdfunite (poppler-utils) joins the sheets, then the keys, into one file to print; run
// without a shell, so that no file name is ever read as a command.
void join_pdfs(const std::vector<fs::path>& parts, const fs::path& out) {
    const std::optional<fs::path> pdfunite = find_program("pdfunite");
    if (!pdfunite) throw ToolError("joining the sheets needs pdfunite (Debian: apt-get install poppler-utils)");
    std::vector<std::string> args{"pdfunite"};
    for (const fs::path& p : parts) args.push_back(fs::absolute(p).string());
    args.push_back(fs::absolute(out).string());
    ScratchDirectory dir;
    if (run_quietly(*pdfunite, args, dir.path(), dir.path() / "pdfunite.log") != 0)
        throw ToolError("pdfunite could not join the sheets into " + out.string() + ": " +
                        read_file(dir.path() / "pdfunite.log"));
}

int list_answers(const ExerciseArgs& args, Streams io) {
    const lang::Model model = load_model(args.answers);
    lang::require_scalar_model(model, "exercise");
    io.out << "# What you can claim on " << args.answers << ": add the lines you want checked to your copy of\n"
           << "# the file with your number in place of ___, then run: chainrule check YOUR-COPY.chain\n";
    for (const lang::Answer& a : lang::answers(model, args.digits))
        io.out << "check " << a.claim << " = ___" << a.suffix << "    # " << a.kind << "\n";
    return 0;
}

// The set's files in DIR: what an earlier run left there is removed first, so that a
// smaller set does not sit next to old sheets; the model itself is never among them.
void clear_old_set(const fs::path& dir, const std::string& model) {
    if (!fs::exists(dir)) return;
    if (!fs::is_directory(dir)) throw Error("-o " + dir.string() + " is a file, not a directory");
    const auto ours = [](const std::string& name) {
        for (const char* prefix : {"variant-", "sheet-", "key-"})
            if (name.rfind(prefix, 0) == 0) return true;
        return name == "answers.csv" || name == "answers.json" || name == "class.pdf";
    };
    std::error_code ec;
    const fs::path model_path = fs::weakly_canonical(model, ec);
    for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
        if (!e.is_regular_file() || !ours(e.path().filename().string())) continue;
        if (fs::weakly_canonical(e.path(), ec) == model_path)
            throw Error("the model " + model + " is in " + dir.string() + " under a name the set uses: choose another -o");
        fs::remove(e.path());
    }
}

}  // namespace

int run_exercise(const ExerciseArgs& args, Streams io) {
    if (!args.answers.empty()) {
        if (!args.model.empty() || !args.output.empty())
            throw Error("--answers VARIANT.chain takes no MODEL and no -o (it lists check lines)");
        return list_answers(args, io);
    }
    if (args.model.empty()) throw Error("give the model (MODEL.chain), or --answers VARIANT.chain");
    if (args.output.empty()) throw Error("give the directory for the set with -o DIR");
    if (args.steps.empty()) throw Error("--steps needs at least one of forward, local, paths, update");
    const lang::Model model = load_model(args.model);
    lang::require_scalar_model(model, "exercise");
    const lang::Exercise ex = lang::make_exercise(model, {args.variants, args.seed, args.digits, 0});

    // What the format needs is checked before the old set is cleared: a missing KaTeX,
    // Graphviz or pdflatex must not cost a teacher the set that is there.
    if (args.format == "html") require_html_tools();
    if (args.format == "pdf") require_pdflatex();
    const fs::path dir(args.output);
    clear_old_set(dir, args.model);
    fs::create_directories(dir);
    std::ostringstream csv;
    csv << "variant,blank,kind,claim,answer,check line\n";
    nlohmann::json json = {{"model", model.source.name}, {"seed", args.seed}, {"varied", ex.varied}};
    std::vector<fs::path> sheets, keys;
    for (const lang::Variant& v : ex.variants) {
        const std::string k = std::to_string(v.number);
        const fs::path chain = dir / ("variant-" + k + ".chain");
        write_file_atomically(chain, v.text);
        const lang::Model variant = lang::load_model_text(v.text, chain.string());
        const derivations::Worksheet w =
            lang::model_worksheet(variant, lang::WorksheetRequest{{}, {}, args.digits, {}});
        std::vector<derivations::Blank> blanks;
        sheets.push_back(dir / ("sheet-" + k + "." + args.format));
        keys.push_back(dir / ("key-" + k + "." + args.format));
        write_file_atomically(sheets.back(), sheet_of(w, derivations::SheetKind::Blank, args, &blanks));
        if (blanks.empty())
            throw Error("--steps " + join_steps(args) + " --blank " + args.blank + " asks for nothing on " + args.model +
                        " (no number or formula of those parts to compute; without lr there is no update)");
        write_file_atomically(keys.back(), sheet_of(w, derivations::SheetKind::Key, args, nullptr));
        nlohmann::json entry = {{"variant", v.number}, {"values", nlohmann::json::object()}, {"blanks", nlohmann::json::array()}};
        for (std::size_t i = 0; i < ex.varied.size(); ++i) entry["values"][ex.varied[i]] = v.values[i];
        for (const derivations::Blank& b : blanks) {
            const std::string line = check_line(b, variant);
            csv << v.number << "," << b.number << "," << b.kind << "," << csv_field(b.claim) << "," << csv_field(b.answer)
                << "," << csv_field(line) << "\n";
            entry["blanks"].push_back(
                {{"blank", b.number}, {"kind", b.kind}, {"claim", b.claim}, {"answer", b.answer}, {"check", line}});
        }
        json["variants"].push_back(std::move(entry));
    }
    write_file_atomically(dir / "answers.csv", csv.str());
    write_file_atomically(dir / "answers.json", json.dump(2) + "\n");
    if (args.format == "pdf") {
        std::vector<fs::path> all = sheets;
        all.insert(all.end(), keys.begin(), keys.end());
        join_pdfs(all, dir / "class.pdf");
    }

    std::size_t rejected = 0;
    for (const auto& [reason, count] : ex.rejected) rejected += count;
    io.out << ex.variants.size() << " variants of " << args.model << " in " << dir.string() << " (seed " << args.seed
           << "; varied:";
    for (const std::string& n : ex.varied) io.out << " " << n;
    io.out << "): variant-K.chain, sheet-K." << args.format << ", key-K." << args.format << ", answers.csv, answers.json"
           << (args.format == "pdf" ? ", class.pdf (the sheets, then the keys)" : "") << "\n"
           << ex.draws << " draws, " << rejected << " rejected" << (rejected ? ":" : "") << "\n";
    for (const auto& [reason, count] : ex.rejected) io.out << "  " << count << " " << reason << "\n";
    return 0;
}

}  // namespace chainrule::tools
