#pragma once
/// \file classifier.hpp
/// Training and evaluating an Mlp as a classifier of n samples (rows) into k classes:
/// mini-batch steps on the softmax cross-entropy of the logits, predictions (the largest
/// logit) and accuracy.

#include "../autodiff/reverse_sweep.hpp"
#include "mlp.hpp"
#include "optimizer.hpp"

#include <span>
#include <vector>

namespace chainrule::models {

/// One optimizer update per mini-batch. A step records the batch's loss on the trainer's
/// tape (cleared and reused, so the matrices' storage is reused too: graph/mat_store.hpp),
/// runs the reverse sweep and hands W₁, b₁, … and their gradients to the optimizer.
/// The model and the optimizer must outlive the trainer.
template <class T>
class MiniBatchTrainer {
public:
    MiniBatchTrainer(Mlp<T>& model, Optimizer<T>& optimizer) : model_(model), optimizer_(optimizer) {}

    /// One update on the batch x (n × inputs) with labels y (n integers in [0, k)):
    /// \f[ J = -\frac1n \sum_i \ln \operatorname{softmax}(Z_i)_{y_i}, \qquad
    ///     \frac{\partial J}{\partial Z} = \frac1n(\operatorname{softmax}(Z) - Y), \f]
    /// Z the logits, Y the one-hot labels; then p ← optimizer(p, ∂J/∂p) for every
    /// parameter. Returns J before the update. Throws ShapeError for a batch of the wrong
    /// width or a label count ≠ n, Error for a label outside [0, k).
    T step(const Matrix<T>& x, std::span<const int> labels) {
        tape_.clear();
        const typename Mlp<T>::Recorded r = model_.record(tape_.constant(x), true);
        const Var<T> loss = softmax_cross_entropy(r.logits, labels);
        backward(loss);
        std::vector<Matrix<T>*> parameters = model_.parameters();
        gradients_.resize(parameters.size());
        blocks_.clear();
        for (std::size_t k = 0; k < parameters.size(); ++k) {
            gradients_[k] = r.parameters[k].adjoint();
            blocks_.push_back(parameter_block(*parameters[k], gradients_[k]));
        }
        optimizer_.step(std::span<const ParameterBlock<T>>(blocks_));
        return loss.value();
    }

    /// The gradients of the last step (W₁, b₁, …), for inspection.
    const std::vector<Matrix<T>>& gradients() const noexcept { return gradients_; }

private:
    Mlp<T>& model_;
    Optimizer<T>& optimizer_;
    Tape<T> tape_;
    std::vector<Matrix<T>> gradients_;
    std::vector<ParameterBlock<T>> blocks_;
};

/// The predicted class of each row of the logits: the index of its largest entry (the
/// first one on a tie).
template <class T>
std::vector<int> predicted_classes(const Matrix<T>& logits) {
    std::vector<int> out(static_cast<std::size_t>(logits.rows()));
    for (Eigen::Index i = 0; i < logits.rows(); ++i) {
        Eigen::Index best = 0;
        logits.row(i).maxCoeff(&best);
        out[static_cast<std::size_t>(i)] = static_cast<int>(best);
    }
    return out;
}

/// The fraction of rows of x whose predicted class is their label (0 for no rows).
/// Throws ModelError when the counts differ.
template <class T>
double accuracy(const Mlp<T>& model, const Matrix<T>& x, std::span<const int> labels) {
    if (static_cast<std::size_t>(x.rows()) != labels.size())
        throw ModelError("chainrule: accuracy: " + std::to_string(x.rows()) + " samples but " +
                         std::to_string(labels.size()) + " labels");
    if (labels.empty()) return 0.0;
    const std::vector<int> predicted = predicted_classes(model.logits(x));
    std::size_t right = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) right += predicted[i] == labels[i] ? 1 : 0;
    return static_cast<double>(right) / static_cast<double>(labels.size());
}

}  // namespace chainrule::models
