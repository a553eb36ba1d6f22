#include "matrix_claims.hpp"

#include "../derivations/claim_truth.hpp"
#include "../models/splitmix.hpp"
#include "constants.hpp"
#include "matrix_declarations.hpp"
#include "matrix_model_worksheet.hpp"
#include "matrix_recorder.hpp"
#include "parser.hpp"

#include <functional>

namespace chainrule::lang {

namespace {

using Verdict = MatrixClaimResult::Verdict;

// What a claim is about: the value of `of`, or d of / d wrt.
struct Quantity {
    std::string of, wrt;  ///< wrt empty: a value claim
};

// ---------------------------------------------------------------- the model at a point
// The model at a point: the model's own (draw 0), or its param and input declarations with
// each entry x moved to x(1 + u/4), u in [−1, 1) from splitmix64(draw) — relative, so that
// a positive entry stays positive and a zero stays zero; targets and consts keep their values
// (labels stay labels). `variable`: a leaf declared as a param there, so that the reverse
// sweep gives its gradient (dJ/dX of an input X).
Model model_at(const Model& base, std::size_t draw, const std::string& variable = {}) {
    if (draw == 0 && variable.empty()) return record_again(base);
    Program program = parse_program(base.source);
    models::SplitMix64 rng(0x6d6174636c61696dULL + draw);
    const auto moved = [&rng, draw](const Real& x) {
        if (draw == 0) return x.str(60, std::ios_base::scientific);
        return Real(x * (1 + Real(rng.uniform(-1, 1)) / 4)).str(60, std::ios_base::scientific);
    };
    for (Statement& s : program.statements) {
        auto* d = std::get_if<Declaration>(&s);
        if (d == nullptr) continue;
        const bool moves = d->kind == DeclarationKind::Param || d->kind == DeclarationKind::Input;
        if (d->name.text == variable) d->kind = DeclarationKind::Param;  // the same value, now differentiated
        if (!moves) continue;  // its own text: the same value, and the same draws for the others
        const ModelName& n = base.at(d->name.text);
        d->variation.reset();
        if (!n.matrix) {
            d->value.text = moved(n.node.value());
            continue;
        }
        const Matrix<Real> value = n.matrix->value();
        MatrixValue m;
        m.offset = d->name.offset;
        for (Eigen::Index r = 0; r < value.rows(); ++r) {
            m.rows.emplace_back();
            for (Eigen::Index c = 0; c < value.cols(); ++c) m.rows.back().push_back({moved(value(r, c)), d->name.offset});
        }
        d->matrix = std::move(m);
    }
    return build_model(std::move(program));
}

Matrix<Real> as_matrix(const ModelValue& v) {
    if (const Mat<Real>* m = std::get_if<Mat<Real>>(&v)) return m->value();
    return Matrix<Real>::Constant(1, 1, std::get<Var<Real>>(v).value());
}

// The right value on the model at a point: the node's value, or the adjoint of wrt in a
// reverse sweep from the scalar `of` (of a replayed copy: the model's tape is untouched).
Matrix<Real> right_value(const Model& p, const Quantity& q) {
    const ModelName& of = p.at(q.of);
    if (q.wrt.empty()) return of.matrix ? of.matrix->value() : Matrix<Real>::Constant(1, 1, of.node.value());
    Tape<Real> swept = replay<Real>(p.tape);
    backward(swept.var(of.index()));
    const ModelName& wrt = p.at(q.wrt);
    if (wrt.matrix) return swept.adjoint_matrix(wrt.index());
    return Matrix<Real>::Constant(1, 1, swept.adjoint(wrt.index()));
}

// The claimed formula on the model at a point (recorded after its nodes), or nothing when
// it has no value there (shapes that do not fit, a domain left).
std::optional<Matrix<Real>> formula_value(Model& p, const ExprNode& e, std::string* why = nullptr) {
    const ValueResolver resolve = [&p](const ExprNode& n) -> ModelValue {
        const ModelName& m = p.at(n.text);
        if (m.matrix) return *m.matrix;
        return m.node;
    };
    try {
        return as_matrix(record_value(p.tape, e, p.source, resolve));
    } catch (const LangError& error) {
        if (why != nullptr) *why = error.message();
    } catch (const std::exception& error) {
        if (why != nullptr) *why = error.what();
    }
    return std::nullopt;
}

// The 100-digit values, with an entry that shrank by 30 orders from 50 to 100 digits taken
// as the 0 it is: rounding left over from a cancellation (−0.4 + 0.6 − 0.2 is 6.7e-52 at
// 50 digits, 1e-101 at 100), not a value — so that a claimed 0 is right and such noise
// neither appears as a number nor feeds a diagnosis.
Matrix<Real> cleaned(const Matrix<Real>& at50, const Matrix<Real>& at100) {
    Matrix<Real> out = at100;
    if (at50.rows() != at100.rows() || at50.cols() != at100.cols() || out.size() == 0) return out;
    const Real scale = std::max(Real(1), Real(at100.cwiseAbs().maxCoeff()));
    for (Eigen::Index k = 0; k < out.size(); ++k)
        if (abs(at100(k)) <= Real("1e-30") * abs(at50(k)) || (at50(k) == 0 && abs(at100(k)) <= Real("1e-80") * scale))
            out(k) = 0;
    return out;
}

// Entry by entry to 1e-30 relative (a far smaller floor for the entries that cancel to 0);
// a NaN or an infinity never agrees.
// The significant digits a decimal literal shows: "0.049653476370000" has 14.
int shown_digits(const std::string& text) {
    const std::string mantissa = text.substr(0, text.find_first_of("eE"));
    const auto first = mantissa.find_first_of("123456789");
    if (first == std::string::npos) return 1;
    int n = 0;
    for (std::size_t k = first; k < mantissa.size(); ++k) n += mantissa[k] >= '0' && mantissa[k] <= '9';
    return n;
}

bool same(const Matrix<Real>& a, const Matrix<Real>& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
    Real scale = 0;
    for (Eigen::Index k = 0; k < b.size(); ++k) {
        if (!boost::multiprecision::isfinite(a(k)) || !boost::multiprecision::isfinite(b(k))) return false;
        scale = std::max(scale, Real(abs(b(k))));
    }
    for (Eigen::Index k = 0; k < b.size(); ++k)
        if (abs(a(k) - b(k)) > Real("1e-30") * std::max(abs(a(k)), abs(b(k))) + Real("1e-45") * scale) return false;
    return true;
}

// q when a = q·b for one constant q (entries where b is 0 must be 0 in a too), within
// `slack(k)` per entry.
std::optional<Real> ratio(const Matrix<Real>& a, const Matrix<Real>& b, const std::function<Real(Eigen::Index)>& slack) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return std::nullopt;
    Eigen::Index pivot = 0;
    for (Eigen::Index k = 1; k < b.size(); ++k)
        if (abs(b(k)) > abs(b(pivot))) pivot = k;
    if (b(pivot) == 0) return std::nullopt;
    const Real q = a(pivot) / b(pivot);
    if (q == 0) return std::nullopt;  // a zero claim is no multiple worth naming
    for (Eigen::Index k = 0; k < b.size(); ++k)
        if (abs(a(k) - q * b(k)) > slack(k) * (1 + abs(q))) return std::nullopt;
    return q;
}

// "4 times the right value: the factor 1/4 is missing", …; empty for q = 1.
std::string factor_text(const Real& q) {
    const Real n = round(q), inverse = round(1 / q);
    const auto whole = [](const Real& x, const Real& k) { return abs(x - k) <= Real("1e-9") * abs(k); };
    if (whole(q, Real(1))) return {};
    if (whole(q, Real(-1))) return "the negative of the right value (the sign)";
    if (whole(q, n) && n > 1) return n.str() + " times the right value: the factor 1/" + n.str() + " is missing";
    if (whole(q, n) && n < -1) return (-n).str() + " times the negative of the right value: a factor 1/" + (-n).str() +
                                      " and the sign";
    if (abs(inverse) > 1 && whole(1 / q, inverse))
        return "1/" + inverse.str() + " of the right value: a factor 1/" + inverse.str() + " too many";
    return q.str(6) + " times the right value";
}

// ---------------------------------------------------------------- variants of a formula
struct Variant {
    ExprNode expression;
    std::string slip;  ///< what the claimant wrote instead
};

void collect_variants(const ExprNode& root, const ExprNode& e, std::vector<std::size_t>& path, std::vector<Variant>& out);

// A copy of root with the node at `path` replaced by f(node).
ExprNode changed(const ExprNode& root, const std::vector<std::size_t>& path, const std::function<void(ExprNode&)>& f) {
    ExprNode copy = root;
    ExprNode* n = &copy;
    for (std::size_t i : path) n = &n->operands[i];
    f(*n);
    return copy;
}

void collect_variants(const ExprNode& root, const ExprNode& e, std::vector<std::size_t>& path, std::vector<Variant>& out) {
    if (e.kind == ExprNode::Kind::Name)
        out.push_back({changed(root, path, [](ExprNode& n) { n = ExprNode{ExprNode::Kind::Transpose, n.offset, {}, {n}, {}}; }),
                       e.text + " where " + e.text + "' (its transpose) is meant"});
    if (e.kind == ExprNode::Kind::Transpose && e.operands[0].kind == ExprNode::Kind::Name)
        out.push_back({changed(root, path, [](ExprNode& n) { n = ExprNode(n.operands[0]); }),
                       e.operands[0].text + "' where " + e.operands[0].text + " (no transpose) is meant"});
    if (e.kind == ExprNode::Kind::Product)
        for (std::size_t i = 1; i < e.ops.size(); ++i) {
            if (e.ops[i] != '*' && e.ops[i] != kHadamard) continue;
            const bool product = e.ops[i] == '*';
            out.push_back({changed(root, path, [i, product](ExprNode& n) { n.ops[i] = product ? kHadamard : '*'; }),
                           product ? "the matrix product * where the element-wise (Hadamard) product .* is meant"
                                   : "the element-wise product .* where the matrix product * is meant"});
        }
    for (std::size_t i = 0; i < e.operands.size(); ++i) {
        path.push_back(i);
        collect_variants(root, e.operands[i], path, out);
        path.pop_back();
    }
}

std::vector<Variant> variants(const ExprNode& e) {
    std::vector<Variant> out;
    std::vector<std::size_t> path;
    collect_variants(e, e, path, out);
    return out;
}

// ---------------------------------------------------------------- judging
class MatrixClaimJudge {
public:
    // The model's point (draw 0) and `points` random ones where the model has a value (a
    // draw that leaves a domain — log of a moved entry, a label moved off an integer — is
    // skipped; at most 3·points draws are tried).
    MatrixClaimJudge(const Model& model, std::size_t points) : model_(model) {
        draws_.push_back(0);
        for (std::size_t draw = 1; draws_.size() <= points && draw <= 3 * points; ++draw) {
            try {
                model_at(model, draw);
                draws_.push_back(draw);
            } catch (const std::exception&) {
            }
        }
    }

    MatrixClaimResult judge(const CheckDirective& c) {
        const ClaimSyntax s = parse_claim(model_.source, c.text_offset, c.text.size());
        const Quantity q = quantity(s);
        MatrixClaimResult r;
        r.text = c.text;
        const std::vector<Matrix<Real>> right = rights(q);
        r.right = right.front();
        if (const std::optional<std::vector<std::string>> numbers = claimed_numbers(s.claimed, r.right))
            judge_numbers(r, *numbers, s.claimed);
        else
            judge_formula(r, formula(s.claimed), right);
        return r;
    }

private:
    [[noreturn]] void fail(std::size_t offset, std::string message, std::string hint = {}) const {
        throw LangError(model_.source, offset, std::move(message), {}, std::move(hint));
    }

    const ModelName& known(const Name& n) const {
        auto it = model_.names.find(n.text);
        if (it == model_.names.end())
            fail(n.offset, "unknown name '" + n.text + "'", did_you_mean(n.text, model_.order));
        return it->second;
    }

    Quantity quantity(const ClaimSyntax& s) const {
        if (s.kind == ClaimSyntax::Kind::HigherDerivative)
            fail(s.order.offset, "second derivatives of matrix models are not checked yet", "claim a gradient (dJ/dW = …)");
        if (s.kind == ClaimSyntax::Kind::Update)
            fail(s.of.offset, "updates (" + s.of.text + "+ = …) of matrix models are not checked yet",
                 "claim the gradient: d" + model_.output.value_or("J") + "/d" + s.of.text + " = …");
        const ModelName& of = known(s.of);
        if (s.kind == ClaimSyntax::Kind::Value) return {s.of.text, {}};
        const ModelName& wrt = known(s.wrt);
        const std::vector<bool> reads = needed_nodes(model_.tape, of.index());
        if (wrt.kind == NameKind::Definition && (wrt.index() >= reads.size() || !reads[wrt.index()]))
            fail(s.wrt.offset, "'" + s.of.text + "' does not read '" + s.wrt.text + "' on the tape",
                 "bce(A, Y) of A = sigmoid(Z) is computed from Z (bce_with_logits): claim d" + s.of.text + "/dZ");
        if (of.matrix)
            fail(s.of.offset, "d" + s.of.text + "/d" + s.wrt.text + " of the " + shape_text(of.matrix->shape()) +
                                  " matrix " + s.of.text + " is a Jacobian: claims are about gradients of scalars",
                 "claim the gradient of the loss, e.g. d" + model_.output.value_or("J") + "/d" + s.wrt.text);
        return {s.of.text, s.wrt.text};
    }

    // The entries of a numeric claim (a number, −number, or a literal of numbers), or nothing.
    static std::optional<std::vector<std::string>> claimed_numbers(const ExprNode& e, const Matrix<Real>&) {
        if (e.kind == ExprNode::Kind::Number) return std::vector<std::string>{e.text};
        if (e.kind == ExprNode::Kind::Negate && e.operands[0].kind == ExprNode::Kind::Number)
            return std::vector<std::string>{"-" + e.operands[0].text};
        if (e.kind != ExprNode::Kind::Matrix) return std::nullopt;
        std::vector<std::string> out;
        for (const ExprNode& n : e.operands) out.push_back(n.text);
        return out;
    }

    void judge_numbers(MatrixClaimResult& r, const std::vector<std::string>& texts, const ExprNode& e) const {
        std::vector<std::vector<NumberText>> rows{{NumberText{texts.front(), e.offset}}};
        if (e.kind == ExprNode::Kind::Matrix) rows = literal_rows(e);
        const Matrix<Real> claimed = literal_matrix(rows, model_.source);  // checks the row lengths
        for (const auto& row : rows)
            for (const NumberText& n : row) r.claimed_digits = std::max(r.claimed_digits, shown_digits(n.text));
        Matrix<Real> unit(claimed.rows(), claimed.cols());
        for (Eigen::Index i = 0; i < claimed.rows(); ++i)
            for (Eigen::Index j = 0; j < claimed.cols(); ++j)
                unit(i, j) = derivations::detail::last_digit_unit(rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].text);
        r.claimed = claimed;
        if (claimed.rows() == r.right.rows() && claimed.cols() == r.right.cols()) {
            for (Eigen::Index k = 0; k < claimed.size(); ++k)
                r.wrong_entries += !derivations::detail::matches(claimed(k), r.right(k), unit(k));
            r.verdict = r.wrong_entries == 0 ? Verdict::Correct : Verdict::Wrong;
            if (r.wrong_entries != 0)
                if (const std::optional<Real> q = round_factor(claimed, r.right, unit)) r.diagnosis = factor_text(*q);
            return;
        }
        r.verdict = Verdict::Wrong;
        r.wrong_entries = static_cast<std::size_t>(claimed.size());
        r.diagnosis = layout_text(claimed.rows(), claimed.cols(), r.right);
        if (const std::optional<Real> q = round_factor(claimed, r.right.transpose(), unit))
            r.diagnosis = join(r.diagnosis, factor_text(*q));
    }

    // A factor that explains rounded numbers: ±n or ±1/n (n = 1 … 10000) with every entry
    // within one unit of its last digit of q·right; nothing when none does.
    static std::optional<Real> round_factor(const Matrix<Real>& claimed, const Matrix<Real>& right, const Matrix<Real>& unit) {
        const std::optional<Real> q = ratio(claimed, right, [&unit](Eigen::Index k) { return Real(2 * unit(k)); });
        if (!q || *q == 0) return std::nullopt;
        for (const Real& nice : {Real(round(*q)), Real(1 / round(1 / *q))}) {
            if (!boost::multiprecision::isfinite(nice) || nice == 0 || abs(round(*q)) > 10000) continue;
            bool fits = true;
            for (Eigen::Index k = 0; k < claimed.size() && fits; ++k)
                fits = derivations::detail::within(claimed(k), Real(nice * right(k)), unit(k));
            if (fits) return nice;
        }
        return std::nullopt;
    }

    static std::string layout_text(Eigen::Index rows, Eigen::Index cols, const Matrix<Real>& right) {
        const std::string right_shape = shape_text({right.rows(), right.cols()});
        if (rows == right.cols() && cols == right.rows())
            return "a " + shape_text({rows, cols}) + " matrix, the transpose of the right " + right_shape +
                   " one: the gradient has the shape of the parameter (the layout of this sheet, PyTorch and The "
                   "Matrix Cookbook)";
        return "a " + shape_text({rows, cols}) + " matrix where the right value is " + right_shape;
    }

    // A claimed formula with its names checked and pi, e bound as in the model.
    ExprNode formula(const ExprNode& typed) const {
        ExprNode e = bind_constants(typed, [this](std::string_view n) { return model_.names.contains(n); });
        check_names(e);
        return e;
    }
    void check_names(const ExprNode& e) const {
        if (e.kind == ExprNode::Kind::Name) known(Name{e.text, e.offset});
        for (const ExprNode& o : e.operands) check_names(o);
    }

    // The values of a formula (or a variant) at every point: nothing at the first point that has none.
    // Each at 50 and 100 digits (cleaned): a fresh model per point, the claim's nodes go on its tape.
    std::vector<std::optional<Matrix<Real>>> values(const ExprNode& e, std::string* why = nullptr) const {
        std::vector<std::optional<Matrix<Real>>> out;
        for (std::size_t draw : draws_) {
            const auto at = [&](int digits) {
                PrecisionScope scope(digits);
                Model p = model_at(model_, draw);
                return formula_value(p, e, draw == 0 ? why : nullptr);
            };
            const std::optional<Matrix<Real>> low = at(kWorkingDigits), high = at(2 * kWorkingDigits);
            out.push_back(low && high ? std::optional(cleaned(*low, *high)) : std::nullopt);
        }
        return out;
    }

    // The right values at every point; an input, target or const is a param there, so that
    // its gradient is the derivative (a constant leaf has none).
    std::vector<Matrix<Real>> rights(const Quantity& q) const {
        std::string variable;
        if (!q.wrt.empty() && model_.at(q.wrt).kind != NameKind::Param && model_.at(q.wrt).kind != NameKind::Definition)
            variable = q.wrt;
        std::vector<Matrix<Real>> out;
        for (std::size_t draw : draws_) {
            const auto at = [&](int digits) {
                PrecisionScope scope(digits);
                return right_value(model_at(model_, draw, variable), q);
            };
            out.push_back(cleaned(at(kWorkingDigits), at(2 * kWorkingDigits)));
        }
        return out;
    }

    void judge_formula(MatrixClaimResult& r, const ExprNode& e, const std::vector<Matrix<Real>>& right) {
        r.formula = true;
        std::string why;
        const std::vector<std::optional<Matrix<Real>>> claimed = values(e, &why);
        if (claimed.front()) r.claimed = *claimed.front();
        for (std::size_t k = 0; k < claimed.size(); ++k) {
            if (!claimed[k]) continue;
            ++r.points_checked;
            r.points_holding += same(*claimed[k], right[k]);
        }
        const bool here = claimed.front() && same(*claimed.front(), right.front());
        if (here && r.points_holding == r.points_checked && r.points_checked >= 3) {
            r.verdict = Verdict::HoldsIdentically;
            return;
        }
        r.verdict = here ? Verdict::HoldsAtThisPointOnly : Verdict::Wrong;
        if (here && r.points_holding == r.points_checked)
            r.diagnosis = "the model has no value at the random points tried, so the identity cannot be tested";
        if (here) return;
        r.diagnosis = diagnosis(e, claimed, right);
        if (!claimed.front()) r.diagnosis = join("no value: " + why, r.diagnosis);
        else if (r.diagnosis.empty() && (r.claimed.rows() != r.right.rows() || r.claimed.cols() != r.right.cols()))
            r.diagnosis = layout_text(r.claimed.rows(), r.claimed.cols(), r.right);
    }

    // The first simple slip that explains the values: a layout, one changed node, a factor.
    std::string diagnosis(const ExprNode& e, const std::vector<std::optional<Matrix<Real>>>& claimed,
                          const std::vector<Matrix<Real>>& right) {
        if (claimed.front() && claimed.front()->rows() == right.front().cols() &&
            claimed.front()->cols() == right.front().rows() && claimed.front()->size() > 1) {
            std::vector<Matrix<Real>> transposed;
            for (const Matrix<Real>& m : right) transposed.push_back(m.transpose());
            if (const std::optional<Real> q = common_ratio(claimed, transposed))
                return join(layout_text(claimed.front()->rows(), claimed.front()->cols(), right.front()), factor_text(*q));
        }
        if (const std::optional<Real> q = common_ratio(claimed, right)) return factor_text(*q);
        std::optional<std::string> with_factor;
        for (const Variant& v : variants(e)) {
            const std::optional<Real> q = common_ratio(values(v.expression), right);
            if (!q) continue;
            const std::string f = factor_text(*q);
            if (f.empty()) return v.slip;
            if (!with_factor) with_factor = join(v.slip, f);
        }
        return with_factor.value_or("");
    }

    static std::string join(const std::string& a, const std::string& b) { return b.empty() ? a : a + "; " + b; }

    // q when claimed = q·right at every point, with one q.
    static std::optional<Real> common_ratio(const std::vector<std::optional<Matrix<Real>>>& claimed,
                                            const std::vector<Matrix<Real>>& right) {
        std::optional<Real> q;
        for (std::size_t k = 0; k < claimed.size(); ++k) {
            if (!claimed[k]) return std::nullopt;
            const Real scale = std::max(Real(1), Real(right[k].cwiseAbs().maxCoeff()));
            const std::optional<Real> r = ratio(*claimed[k], right[k], [&scale](Eigen::Index) { return Real(Real("1e-30") * scale); });
            if (!r || (q && abs(*r - *q) > Real("1e-25") * (1 + abs(*q)))) return std::nullopt;
            q = r;
        }
        return q;
    }

    const Model& model_;
    std::vector<std::size_t> draws_;  ///< the points: draw 0 is the model's own
};

}  // namespace

bool MatrixClaimReport::any_wrong() const {
    for (const MatrixClaimResult& r : results)
        if (r.verdict == Verdict::Wrong || r.verdict == Verdict::HoldsAtThisPointOnly) return true;
    return false;
}

MatrixClaimReport check_matrix_claims(const Model& model, std::size_t points) {
    if (model.checks.empty())
        throw LangError(model.source.name, "the model has no check lines (check dJ/dW = …): nothing to check");
    if (matrix_entries(model.tape) > kMaxCertifiedEntries)  // every point records the model twice
        throw LangError(model.source.name, "the model's matrices hold " + std::to_string(matrix_entries(model.tape)) +
                                               " entries, more than " + std::to_string(kMaxCertifiedEntries) +
                                               " for claim checks: check the claims on a smaller batch");
    MatrixClaimJudge judge(model, points);
    MatrixClaimReport report;
    for (const CheckDirective& c : model.checks) {
        report.results.push_back(judge.judge(c));
        if (!report.first_error && report.results.back().verdict == Verdict::Wrong) {
            report.first_error = report.results.size() - 1;
            report.results.back().first_error = true;
        }
    }
    return report;
}

}  // namespace chainrule::lang
