#include "fit.hpp"

#include "number_text.hpp"

#include <chrono>
#include <cmath>
#include <numeric>
#include <string>

namespace chainrule::models {

std::vector<Batch> make_batches(const Digits& data, Eigen::Index size, std::span<const std::size_t> order) {
    if (size < 1) throw ModelError("chainrule: make_batches: the batch size must be at least 1, got " + std::to_string(size));
    std::vector<std::size_t> identity;
    if (order.empty()) {
        identity.resize(data.size());
        std::iota(identity.begin(), identity.end(), std::size_t{0});
        order = identity;
    }
    std::vector<Batch> batches;
    for (std::size_t first = 0; first < order.size(); first += static_cast<std::size_t>(size)) {
        const std::size_t count = std::min(static_cast<std::size_t>(size), order.size() - first);
        Digits rows = select_rows(data, order.subspan(first, count));
        batches.push_back({std::move(rows.images), std::move(rows.labels)});
    }
    return batches;
}

std::vector<std::size_t> epoch_order(std::size_t n, std::uint64_t seed, std::size_t epoch) {
    return fisher_yates_permutation(n, seed + epoch);
}

namespace {

// One epoch of updates; returns the mean loss (weighted by batch size).
double train_epoch(MiniBatchTrainer<double>& trainer, const std::vector<Batch>& batches, std::size_t epoch,
                   const ProgressOptions& progress) {
    ProgressBar bar(progress, batches.size());
    double total = 0;
    std::size_t samples = 0;
    for (std::size_t b = 0; b < batches.size(); ++b) {
        const double loss = trainer.step(batches[b].images, batches[b].labels);
        if (!std::isfinite(loss))
            throw ModelError("chainrule: fit: the loss of epoch " + std::to_string(epoch) + ", batch " +
                             std::to_string(b + 1) + " is " + detail::short_number(loss) + " (lower the learning rate?)");
        total += loss * static_cast<double>(batches[b].labels.size());
        samples += batches[b].labels.size();
        bar.update(b + 1, "epoch " + std::to_string(epoch) + "  loss " + detail::short_number(total / samples));
    }
    bar.finish(batches.size(), "epoch " + std::to_string(epoch) + "  loss " + detail::short_number(total / samples));
    return samples == 0 ? 0.0 : total / static_cast<double>(samples);
}

}  // namespace

std::vector<EpochReport> fit(Mlp<double>& model, Optimizer<double>& optimizer, const Digits& train, const Digits& test,
                             const FitOptions& options) {
    MiniBatchTrainer<double> trainer(model, optimizer);
    std::vector<Batch> batches;
    if (!options.shuffle_each_epoch) batches = make_batches(train, options.batch_size);
    std::vector<EpochReport> reports;
    for (std::size_t epoch = 1; epoch <= options.epochs; ++epoch) {
        if (options.shuffle_each_epoch)
            batches = make_batches(train, options.batch_size, epoch_order(train.size(), options.shuffle_seed, epoch));
        const auto start = std::chrono::steady_clock::now();
        EpochReport report;
        report.epoch = epoch;
        report.loss = train_epoch(trainer, batches, epoch, options.progress);
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        report.test_accuracy = accuracy(model, test.images, test.labels);
        reports.push_back(report);
        if (options.on_epoch) options.on_epoch(report);
    }
    return reports;
}

}  // namespace chainrule::models
