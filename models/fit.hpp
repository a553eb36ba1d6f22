#pragma once
/// \file fit.hpp
/// Epochs of mini-batch training of an Mlp<double> classifier on labelled images
/// (mnist.hpp's Digits), with a progress bar per epoch and the test accuracy after each.

#include "classifier.hpp"
#include "mnist.hpp"
#include "progress.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace chainrule::models {

/// A mini-batch: rows of the images and their labels.
struct Batch {
    Matrix<double> images;
    std::vector<int> labels;
};

/// The batches of `data` taken in the order `order` (a permutation of its rows, or empty
/// for 0, 1, …): rows order[0 … size−1], order[size … 2·size−1], …; the last batch holds
/// what is left (as PyTorch's DataLoader with drop_last = False). Throws ModelError
/// unless size ≥ 1, DataError for a row outside the data.
std::vector<Batch> make_batches(const Digits& data, Eigen::Index size, std::span<const std::size_t> order = {});

/// The batch order of epoch e (1, 2, …) when shuffling: fisher_yates_permutation(n,
/// seed + e) (splitmix.hpp), reproducible outside C++.
std::vector<std::size_t> epoch_order(std::size_t n, std::uint64_t seed, std::size_t epoch);

struct EpochReport {
    std::size_t epoch = 0;       ///< 1, 2, …
    double loss = 0;             ///< mean training loss of the epoch's batches (weighted by batch size)
    double test_accuracy = 0;    ///< fraction of the test set classified right after the epoch
    double seconds = 0;          ///< wall time of the epoch's training steps (not the evaluation)
};

struct FitOptions {
    std::size_t epochs = 40;
    Eigen::Index batch_size = 128;
    /// false: the same batches every epoch (the training set's own order, already the
    /// fixed shuffle of mnist.hpp); true: a new order each epoch (epoch_order()).
    bool shuffle_each_epoch = false;
    std::uint64_t shuffle_seed = 0;
    ProgressOptions progress;                          ///< a bar over each epoch's batches
    std::function<void(const EpochReport&)> on_epoch;  ///< called after each epoch
};

/// Trains `model` with `optimizer` for options.epochs epochs on `train` (one update per
/// batch: MiniBatchTrainer), measuring the accuracy on `test` after each epoch. Returns
/// one report per epoch. Throws ModelError when a loss stops being finite (naming the
/// epoch and batch), and what MiniBatchTrainer::step throws.
std::vector<EpochReport> fit(Mlp<double>& model, Optimizer<double>& optimizer, const Digits& train, const Digits& test,
                             const FitOptions& options);

}  // namespace chainrule::models
