#pragma once
/// \file mlp.hpp
/// A multilayer perceptron: Linear layers of the given sizes with one activation after
/// every hidden layer and none after the last, whose outputs are the logits of a
/// classifier (softmax_cross_entropy takes logits: the softmax is part of the loss).
/// The model of seed 004 is Mlp<double>({784, 64, 16, 10}, Activation::Sigmoid,
/// Init::Xavier, seed):
/// \f[ A_1 = \sigma(X W_1 + b_1),\quad A_2 = \sigma(A_1 W_2 + b_2),\quad Z = A_2 W_3 + b_3. \f]

#include "layers.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace chainrule::models {

template <class T>
class Mlp {
public:
    /// What one recording made: the parameters' handles (W₁, b₁, W₂, b₂, …) and the logits.
    struct Recorded {
        std::vector<Mat<T>> parameters;
        Mat<T> logits;
    };

    /// Layers sizes[0] → sizes[1] → … → sizes.back(), weights drawn by `init` from
    /// splitmix64(seed), layer after layer (layers.hpp), biases 0. Throws ModelError for
    /// fewer than two sizes or a size < 1.
    Mlp(std::vector<Eigen::Index> sizes, Activation hidden, Init init = Init::Xavier, std::uint64_t seed = 0)
        : sizes_(std::move(sizes)), hidden_(hidden) {
        if (sizes_.size() < 2) throw ModelError("chainrule: Mlp: needs at least an input and an output size");
        SplitMix64 rng(seed);
        for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) layers_.emplace_back(sizes_[l], sizes_[l + 1], init, rng);
    }

    const std::vector<Eigen::Index>& sizes() const noexcept { return sizes_; }
    Activation hidden_activation() const noexcept { return hidden_; }
    std::vector<Linear<T>>& layers() noexcept { return layers_; }
    const std::vector<Linear<T>>& layers() const noexcept { return layers_; }

    /// The parameter matrices W₁, b₁, W₂, b₂, … (the order of Recorded::parameters).
    std::vector<Matrix<T>*> parameters() {
        std::vector<Matrix<T>*> out;
        for (Linear<T>& layer : layers_) {
            out.push_back(&layer.weight());
            out.push_back(&layer.bias());
        }
        return out;
    }

    /// Records the forward pass of the mini-batch x (n × sizes[0], one sample per row) on
    /// x's tape: Z_l = A_{l−1} W_l + b_l, A_l = a(Z_l) for hidden layers, logits = last Z
    /// (n × sizes.back()). The parameters are variables when `trainable`, else constants.
    /// Throws ShapeError when x has not sizes[0] columns.
    Recorded record(const Mat<T>& x, bool trainable = true) const {
        Recorded r;
        Mat<T> a = x;
        for (std::size_t l = 0; l < layers_.size(); ++l) {
            const typename Linear<T>::Nodes nodes = layers_[l].record(x.tape(), trainable);
            r.parameters.push_back(nodes.weight);
            r.parameters.push_back(nodes.bias);
            const Mat<T> z = Linear<T>::apply(a, nodes);
            a = l + 1 < layers_.size() ? activate(z, hidden_) : z;
        }
        r.logits = a;
        return r;
    }

    /// The logits of x (n × sizes.back()), evaluated on a tape of its own, no gradients.
    Matrix<T> logits(const Matrix<T>& x) const {
        Tape<T> tape;
        return record(tape.constant(x), false).logits.value();
    }

private:
    std::vector<Eigen::Index> sizes_;
    Activation hidden_;
    std::vector<Linear<T>> layers_;
};

}  // namespace chainrule::models
