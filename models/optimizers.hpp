#pragma once
/// \file optimizers.hpp
/// The update rules: plain gradient descent (Sgd), SGD with momentum or Nesterov momentum
/// (Momentum), and Adam — each over blocks of contiguous parameters (optimizer.hpp), and
/// make_optimizer() to choose one by name at run time.
///
/// Notation: p a parameter, g = ∂J/∂p its gradient at this step, η the learning rate,
/// t = 1, 2, … the number of the update.

#include "optimizer.hpp"

#include <cmath>
#include <memory>
#include <string>

namespace chainrule::models {

/// Plain (stochastic) gradient descent, the seeds' rule:
/// \f[ p \leftarrow p - \eta\, g. \f]
/// No state. Source: Cauchy (1847); torch.optim.SGD with momentum 0.
template <class T>
class Sgd final : public Optimizer<T> {
public:
    /// Throws ModelError unless η > 0 and finite.
    explicit Sgd(const T& learning_rate) : Optimizer<T>(learning_rate, 0) {}
    std::string_view name() const override { return "sgd"; }

protected:
    void update(std::size_t, std::span<T> p, std::span<const T> g) override {
        const T& eta = this->learning_rate();
        for (std::size_t i = 0; i < p.size(); ++i) p[i] -= eta * g[i];
    }
};

/// SGD with momentum μ, in PyTorch's formulation (torch.optim.SGD, dampening 0), with a
/// velocity v per parameter, v = 0 before the first step:
/// \f[ v \leftarrow \mu v + g, \qquad p \leftarrow p - \eta\, v, \f]
/// or, with Nesterov momentum (Sutskever et al. 2013, in the same formulation),
/// \f[ v \leftarrow \mu v + g, \qquad p \leftarrow p - \eta\,(g + \mu v). \f]
/// (The first step is p − ηg, or p − η(1 + μ)g with Nesterov.) This is the "heavy ball"
/// of Polyak (1964) with the learning rate applied to the velocity, not inside it.
/// Throws ModelError unless η > 0 and 0 ≤ μ < 1.
template <class T>
class Momentum final : public Optimizer<T> {
public:
    Momentum(const T& learning_rate, const T& momentum, bool nesterov = false)
        : Optimizer<T>(learning_rate, 1), momentum_(momentum), nesterov_(nesterov) {
        this->require_in(momentum, T(0), T(1), "the momentum");
    }
    std::string_view name() const override { return nesterov_ ? "nesterov" : "momentum"; }
    const T& momentum() const noexcept { return momentum_; }
    bool nesterov() const noexcept { return nesterov_; }

protected:
    void update(std::size_t block, std::span<T> p, std::span<const T> g) override {
        const T& eta = this->learning_rate();
        std::span<T> v = this->state(0, block);
        for (std::size_t i = 0; i < p.size(); ++i) {
            v[i] = momentum_ * v[i] + g[i];
            p[i] -= eta * (nesterov_ ? T(g[i] + momentum_ * v[i]) : v[i]);
        }
    }

private:
    T momentum_;
    bool nesterov_;
};

/// Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1),
/// with moment estimates m, v = 0 before the first step:
/// \f[ m \leftarrow \beta_1 m + (1 - \beta_1) g, \qquad v \leftarrow \beta_2 v + (1 - \beta_2) g^2, \f]
/// \f[ \hat m = \frac{m}{1 - \beta_1^t}, \qquad \hat v = \frac{v}{1 - \beta_2^t}, \qquad
///     p \leftarrow p - \eta\, \frac{\hat m}{\sqrt{\hat v} + \epsilon}. \f]
/// The bias corrections make the first step p − η·g/(|g| + ε) ≈ p − η·sign(g). Defaults as
/// the paper and torch.optim.Adam: β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (η is the paper's α).
/// Throws ModelError unless η > 0, 0 ≤ β₁, β₂ < 1 and ε ≥ 0.
template <class T>
class Adam final : public Optimizer<T> {
public:
    explicit Adam(const T& learning_rate, const T& beta1 = T(9) / 10, const T& beta2 = T(999) / 1000,
                  const T& epsilon = T(1) / 100000000)
        : Optimizer<T>(learning_rate, 2), beta1_(beta1), beta2_(beta2), epsilon_(epsilon) {
        this->require_in(beta1, T(0), T(1), "beta1");
        this->require_in(beta2, T(0), T(1), "beta2");
        if (!(epsilon >= T(0)) || !is_finite(epsilon))
            throw ModelError("chainrule: adam: epsilon must be finite and >= 0");
    }
    std::string_view name() const override { return "adam"; }
    const T& beta1() const noexcept { return beta1_; }
    const T& beta2() const noexcept { return beta2_; }
    const T& epsilon() const noexcept { return epsilon_; }

protected:
    void update(std::size_t block, std::span<T> p, std::span<const T> g) override {
        using std::pow;
        using std::sqrt;
        const T t = T(this->steps());
        const T correction1 = T(1) - T(pow(beta1_, t));  // 1 − β₁ᵗ
        const T correction2 = T(1) - T(pow(beta2_, t));  // 1 − β₂ᵗ
        const T& eta = this->learning_rate();
        std::span<T> m = this->state(0, block);
        std::span<T> v = this->state(1, block);
        for (std::size_t i = 0; i < p.size(); ++i) {
            m[i] = beta1_ * m[i] + (T(1) - beta1_) * g[i];
            v[i] = beta2_ * v[i] + (T(1) - beta2_) * g[i] * g[i];
            const T m_hat = m[i] / correction1;
            const T v_hat = v[i] / correction2;
            p[i] -= eta * m_hat / (T(sqrt(v_hat)) + epsilon_);
        }
    }

private:
    T beta1_, beta2_, epsilon_;
};

/// Which update rule make_optimizer() builds, with every hyper-parameter (each rule reads
/// its own; the defaults are PyTorch's: μ = 0.9, β₁ = 0.9, β₂ = 0.999, ε = 1e-8).
template <class T>
struct OptimizerSettings {
    std::string name = "sgd";  ///< sgd | momentum | nesterov | adam
    T learning_rate = T(1) / 100;
    T momentum = T(9) / 10;
    T beta1 = T(9) / 10;
    T beta2 = T(999) / 1000;
    T epsilon = T(1) / 100000000;
};

/// The optimizer named in `settings`. Throws ModelError for an unknown name (the message
/// lists the known ones) or a hyper-parameter out of range.
template <class T>
std::unique_ptr<Optimizer<T>> make_optimizer(const OptimizerSettings<T>& settings) {
    const std::string& n = settings.name;
    if (n == "sgd") return std::make_unique<Sgd<T>>(settings.learning_rate);
    if (n == "momentum" || n == "nesterov")
        return std::make_unique<Momentum<T>>(settings.learning_rate, settings.momentum, n == "nesterov");
    if (n == "adam")
        return std::make_unique<Adam<T>>(settings.learning_rate, settings.beta1, settings.beta2, settings.epsilon);
    throw ModelError("chainrule: unknown optimizer '" + n + "' (available: sgd, momentum, nesterov, adam)");
}

}  // namespace chainrule::models
