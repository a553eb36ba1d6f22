// chainrule exercise MODEL.chain: one variant per student (lang/exercise.hpp), each with its
// answer key (the variant's worksheet) and every answer in a CSV and a JSON file for
// grading; --answers VARIANT.chain lists the check lines a student can write.
#include "commands.hpp"
#include "model_input.hpp"
#include "output.hpp"
#include "pdf.hpp"

#include "../lang/exercise.hpp"
#include "../lang/model_worksheet.hpp"
#include "../lang/outputs.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

namespace chainrule::tools {

namespace {

namespace fs = std::filesystem;

std::string key_of(const lang::Model& variant, const ExerciseArgs& args) {
    const derivations::Worksheet w = lang::model_worksheet(variant, lang::WorksheetRequest{{}, {}, args.digits, {}});
    if (args.format == "pdf") return latex_to_pdf(lang::worksheet_output(w, "tex", args.language));
    return lang::worksheet_output(w, args.format, args.language);
}

// A CSV field: quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

int list_answers(const ExerciseArgs& args, Streams io) {
    const lang::Model model = load_model(args.answers);
    io.out << "# What you can claim on " << args.answers << ": add the lines you want checked to your copy of\n"
           << "# the file with your number in place of ___, then run: chainrule check YOUR-COPY.chain\n";
    for (const lang::Answer& a : lang::answers(model, args.digits))
        io.out << "check " << a.claim << " = ___" << a.suffix << "    # " << a.kind << "\n";
    return 0;
}

}  // namespace

int run_exercise(const ExerciseArgs& args, Streams io) {
    if (!args.answers.empty()) return list_answers(args, io);
    if (args.model.empty()) throw Error("give the model (MODEL.chain), or --answers VARIANT.chain");
    if (args.output.empty()) throw Error("give the directory for the set with -o DIR");
    const lang::Model model = load_model(args.model);
    const lang::Exercise ex = lang::make_exercise(model, {args.variants, args.seed, args.digits, 0});

    const fs::path dir(args.output);
    fs::create_directories(dir);
    std::ostringstream csv;
    csv << "variant,kind,claim,value,check line\n";
    nlohmann::json json = {{"model", model.source.name}, {"seed", args.seed}, {"varied", ex.varied}};
    for (const lang::Variant& v : ex.variants) {
        const std::string k = std::to_string(v.number);
        write_file_atomically(dir / ("variant-" + k + ".chain"), v.text);
        const lang::Model variant = lang::load_model_text(v.text, (dir / ("variant-" + k + ".chain")).string());
        write_file_atomically(dir / ("key-" + k + "." + args.format), key_of(variant, args));
        nlohmann::json entry = {{"variant", v.number}, {"values", nlohmann::json::object()}, {"answers", nlohmann::json::array()}};
        for (std::size_t i = 0; i < ex.varied.size(); ++i) entry["values"][ex.varied[i]] = v.values[i];
        for (const lang::Answer& a : lang::answers(variant, args.digits)) {
            const std::string line = "check " + a.claim + " = " + a.value + a.suffix;
            csv << v.number << "," << a.kind << "," << csv_field(a.claim) << "," << a.value << "," << csv_field(line)
                << "\n";
            entry["answers"].push_back({{"kind", a.kind}, {"claim", a.claim}, {"value", a.value}, {"check", line}});
        }
        json["variants"].push_back(std::move(entry));
    }
    write_file_atomically(dir / "answers.csv", csv.str());
    write_file_atomically(dir / "answers.json", json.dump(2) + "\n");

    std::size_t rejected = 0;
    for (const auto& [reason, count] : ex.rejected) rejected += count;
    io.out << ex.variants.size() << " variants of " << args.model << " in " << dir.string() << " (seed " << args.seed
           << "; varied:";
    for (const std::string& n : ex.varied) io.out << " " << n;
    io.out << "): variant-K.chain, key-K." << args.format << ", answers.csv, answers.json\n"
           << ex.draws << " draws, " << rejected << " rejected" << (rejected ? ":" : "") << "\n";
    for (const auto& [reason, count] : ex.rejected) io.out << "  " << count << " " << reason << "\n";
    return 0;
}

}  // namespace chainrule::tools
