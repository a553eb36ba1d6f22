#pragma once
/// \file optimizer.hpp
/// Optimizer<T>: the common part of every update rule — the learning rate, the count of
/// updates made, and per-block state (velocities, moment estimates) created on the first
/// step from the layout of the blocks it is given. Parameters are plain values outside
/// any tape: a dynamic-graph training step records a fresh tape, runs the reverse sweep,
/// and hands values and gradients to step().

#include "../graph/scalar_traits.hpp"
#include "errors.hpp"
#include "number_text.hpp"
#include "parameter_block.hpp"

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chainrule::models {

/// Base class of the update rules (optimizers.hpp: Sgd, Momentum, Adam).
///
/// The first step() fixes the layout: the number of blocks and each block's size. Every
/// later step() must pass the same layout, in the same order, since the state of block b
/// belongs to block b (ModelError otherwise; reset() forgets the layout and the state).
/// T is any numeric scalar (float, double, cpp_bin_float_50). The update is elementwise
/// and deterministic: the same values and gradients give the same result, bit for bit.
template <class T>
class Optimizer {
public:
    virtual ~Optimizer() = default;

    /// One update of every block, in place: p ← rule(p, ∂J/∂p, state). Throws ModelError
    /// when a block's value and gradient sizes differ or the layout differs from the
    /// first step's.
    void step(std::span<const ParameterBlock<T>> blocks) {
        check_layout(blocks);
        ++steps_;
        for (std::size_t b = 0; b < blocks.size(); ++b) update(b, blocks[b].values, blocks[b].gradient);
    }
    void step(std::initializer_list<ParameterBlock<T>> blocks) {
        step(std::span<const ParameterBlock<T>>(blocks.begin(), blocks.size()));
    }
    /// One update of a single block (a std::vector<T> converts to both spans).
    void step(std::span<T> values, std::span<const T> gradient) { step({ParameterBlock<T>{values, gradient}}); }

    /// Updates made so far (t in the formulas: the next step is update t + 1).
    std::size_t steps() const noexcept { return steps_; }
    /// η, the learning rate (step size).
    const T& learning_rate() const noexcept { return learning_rate_; }
    /// Changes η from the next step on (a schedule); throws ModelError unless η > 0 and finite.
    void set_learning_rate(const T& rate) {
        check_learning_rate(rate);
        learning_rate_ = rate;
    }
    /// Forgets the layout, the state and the step count (the next step is a first step).
    void reset() {
        steps_ = 0;
        layout_.clear();
        state_.clear();
    }
    /// "sgd", "momentum", "nesterov", "adam".
    virtual std::string_view name() const = 0;

protected:
    /// state_vectors: how many values of state the rule keeps per parameter (0 for SGD,
    /// 1 for momentum's velocity, 2 for Adam's moments).
    Optimizer(const T& rate, std::size_t state_vectors) : learning_rate_(rate), state_vectors_(state_vectors) {
        check_learning_rate(rate);
    }
    Optimizer(const Optimizer&) = default;
    Optimizer& operator=(const Optimizer&) = default;

    /// Updates block `block` in place; steps() is already the number of this update (t ≥ 1).
    virtual void update(std::size_t block, std::span<T> values, std::span<const T> gradient) = 0;

    /// State vector `which` of block `block`: zeros at the first step, as large as the block.
    std::span<T> state(std::size_t which, std::size_t block) { return state_[which * layout_.size() + block]; }

    /// Throws ModelError naming the optimizer unless lo ≤ x < hi (hyper-parameter checks).
    void require_in(const T& x, const T& lo, const T& hi, std::string_view what) const {
        if (!(x >= lo && x < hi))
            throw ModelError("chainrule: " + std::string(name()) + ": " + std::string(what) + " must be in [" +
                             detail::short_number(lo) + ", " + detail::short_number(hi) + "), got " + detail::short_number(x));
    }

private:
    static void check_learning_rate(const T& rate) {
        if (!(rate > T(0)) || !is_finite(rate))
            throw ModelError("chainrule: the learning rate must be positive and finite, got " + detail::short_number(rate));
    }

    void check_layout(std::span<const ParameterBlock<T>> blocks) {
        for (std::size_t b = 0; b < blocks.size(); ++b)
            if (blocks[b].values.size() != blocks[b].gradient.size())
                throw ModelError("chainrule: " + std::string(name()) + ": block " + std::to_string(b) + " has " +
                                 std::to_string(blocks[b].values.size()) + " values but a gradient of " +
                                 std::to_string(blocks[b].gradient.size()));
        if (layout_.empty() && steps_ == 0) return first_layout(blocks);
        bool same = layout_.size() == blocks.size();
        for (std::size_t b = 0; same && b < blocks.size(); ++b) same = layout_[b] == blocks[b].values.size();
        if (!same)
            throw ModelError("chainrule: " + std::string(name()) + ": the parameter blocks changed from " +
                             describe(layout_) + " at the first step to " + describe(sizes(blocks)) +
                             " (its state belongs to the first layout; call reset() to start over)");
    }
    void first_layout(std::span<const ParameterBlock<T>> blocks) {
        layout_ = sizes(blocks);
        state_.clear();
        for (std::size_t s = 0; s < state_vectors_; ++s)
            for (std::size_t n : layout_) state_.emplace_back(n, T(0));
    }
    static std::vector<std::size_t> sizes(std::span<const ParameterBlock<T>> blocks) {
        std::vector<std::size_t> out;
        for (const ParameterBlock<T>& b : blocks) out.push_back(b.values.size());
        return out;
    }
    static std::string describe(const std::vector<std::size_t>& layout) {
        std::string out = std::to_string(layout.size()) + " blocks of sizes (";
        for (std::size_t b = 0; b < layout.size(); ++b) out += (b ? ", " : "") + std::to_string(layout[b]);
        return out + ")";
    }

    T learning_rate_;
    std::size_t state_vectors_;
    std::size_t steps_ = 0;
    std::vector<std::size_t> layout_;   ///< size of each block, fixed by the first step
    std::vector<std::vector<T>> state_;  ///< [which · blocks + block]
};

}  // namespace chainrule::models
