#pragma once
/// \file layers.hpp
/// Dense layers on matrix nodes: the activations, the initialisations of Glorot & Bengio
/// (2010) and He et al. (2015), and `Linear`, Z = X W + b for a mini-batch X (one sample
/// per row). A layer keeps its parameters as plain Eigen matrices outside any tape; each
/// training step records them on a fresh tape (record()), as the optimizers expect
/// (optimizer.hpp: a dynamic graph).

#include "../graph/mat_functions.hpp"
#include "errors.hpp"
#include "splitmix.hpp"

#include <cmath>
#include <string>
#include <string_view>

namespace chainrule::models {

/// The elementwise function after a hidden layer.
enum class Activation {
    Identity,  ///< a(z) = z
    Sigmoid,   ///< a(z) = σ(z) = 1/(1 + e^{−z}), a' = a(1 − a)
    Relu,      ///< a(z) = max(z, 0), a'(0) = 0 (docs/conventions.md)
    Tanh,      ///< a(z) = tanh z, a' = 1 − a²
};

/// "identity", "sigmoid", "relu", "tanh".
std::string_view activation_name(Activation a);
/// The activation of that name. Throws ModelError naming the known ones.
Activation parse_activation(std::string_view name);

/// a(Z) elementwise: one map node (none for Identity).
template <class T>
Mat<T> activate(const Mat<T>& z, Activation a) {
    switch (a) {
        case Activation::Sigmoid: return sigmoid(z);
        case Activation::Relu: return relu(z);
        case Activation::Tanh: return tanh(z);
        case Activation::Identity: break;
    }
    return z;
}

/// How a layer's weights start (biases start at 0).
enum class Init {
    Zero,    ///< W = 0
    Xavier,  ///< Glorot & Bengio (2010), eq. 16: W_ij ~ U(−a, a), a = √(6/(fan_in + fan_out))
    He,      ///< He et al. (2015), §2.2, uniform form: W_ij ~ U(−a, a), a = √(6/fan_in) (Var = 2/fan_in)
};

/// "zero", "xavier", "he".
std::string_view init_name(Init init);
/// The initialisation of that name. Throws ModelError naming the known ones.
Init parse_init(std::string_view name);

/// The bound a of U(−a, a) for a fan_in × fan_out weight matrix (0 for Init::Zero).
/// Xavier: √(6/(fan_in + fan_out)), so that Var W = a²/3 = 2/(fan_in + fan_out) keeps the
/// variance of activations and of gradients alike through a layer (Glorot & Bengio 2010,
/// "Understanding the difficulty of training deep feedforward neural networks", AISTATS).
/// He: √(6/fan_in), Var W = 2/fan_in, the variance a ReLU layer needs (He, Zhang, Ren &
/// Sun 2015, "Delving deep into rectifiers", ICCV; torch.nn.init.kaiming_uniform_ with
/// its ReLU gain √2). Throws ModelError unless both fans are positive.
double init_bound(Init init, Eigen::Index fan_in, Eigen::Index fan_out);

/// A fully connected layer Z = X W + b: X is n × in (one sample per row), W in × out,
/// the bias b a 1 × out row added to every row (broadcasting), Z n × out.
/// Gradients (docs/matrix.md): ∂J/∂W = Xᵀ ∂J/∂Z, ∂J/∂b = 1ᵀ ∂J/∂Z, ∂J/∂X = ∂J/∂Z Wᵀ.
template <class T>
class Linear {
public:
    /// The handles of W and b on one tape.
    struct Nodes {
        Mat<T> weight;
        Mat<T> bias;
    };

    /// W = 0 (in × out), b = 0 (1 × out). Throws ModelError unless in, out ≥ 1.
    Linear(Eigen::Index in, Eigen::Index out) : weight_(Matrix<T>::Zero(check(in), check(out))), bias_(Matrix<T>::Zero(1, out)) {}

    /// W_ij = −a + 2a·u with u = rng.uniform() drawn row by row (W_00, W_01, …, W_0,out−1,
    /// W_10, …), a = init_bound(init, in, out); b = 0. The same seed gives the same layer
    /// on every platform (splitmix.hpp).
    Linear(Eigen::Index in, Eigen::Index out, Init init, SplitMix64& rng) : Linear(in, out) {
        const double a = init_bound(init, in, out);
        if (a == 0) return;
        for (Eigen::Index i = 0; i < in; ++i)
            for (Eigen::Index j = 0; j < out; ++j) weight_(i, j) = T(rng.uniform(-a, a));
    }

    Eigen::Index inputs() const noexcept { return weight_.rows(); }
    Eigen::Index outputs() const noexcept { return weight_.cols(); }
    Matrix<T>& weight() noexcept { return weight_; }
    const Matrix<T>& weight() const noexcept { return weight_; }
    Matrix<T>& bias() noexcept { return bias_; }
    const Matrix<T>& bias() const noexcept { return bias_; }

    /// Records W and b on `tape`: as variables (they get gradients) when `trainable`, else
    /// as constants (evaluation).
    Nodes record(Tape<T>& tape, bool trainable) const {
        if (trainable) return {tape.variable(weight_), tape.variable(bias_)};
        return {tape.constant(weight_), tape.constant(bias_)};
    }

    /// Z = X W + b (n × in → n × out). Throws ShapeError when X has not `in` columns.
    static Mat<T> apply(const Mat<T>& x, const Nodes& nodes) { return x * nodes.weight + nodes.bias; }

private:
    static Eigen::Index check(Eigen::Index n) {
        if (n < 1) throw ModelError("chainrule: Linear: a layer needs at least one input and one output, got " + std::to_string(n));
        return n;
    }

    Matrix<T> weight_;
    Matrix<T> bias_;
};

}  // namespace chainrule::models
