#include "progress.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace chainrule::models {

bool is_terminal(const std::ostream& stream) {
    // A std::ostream does not know its file descriptor; the standard streams do.
    if (&stream == &std::cout) return ::isatty(STDOUT_FILENO) == 1;
    if (&stream == &std::cerr || &stream == &std::clog) return ::isatty(STDERR_FILENO) == 1;
    return false;
}

ProgressBar::ProgressBar(const ProgressOptions& options, std::size_t total)
    : options_(options),
      total_(total),
      bar_(options.style == ProgressStyle::Bar ||
           (options.style == ProgressStyle::Auto && options.stream != nullptr && is_terminal(*options.stream))),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

ProgressBar::~ProgressBar() {
    if (shown_ && bar_ && !finished_) *options_.stream << "\n" << std::flush;
}

// Whether the run has lasted min_seconds and the last drawing is min_gap old.
bool ProgressBar::due(double min_gap) {
    if (options_.stream == nullptr) return false;
    const auto now = std::chrono::steady_clock::now();
    const auto seconds = [](auto d) { return std::chrono::duration<double>(d).count(); };
    if (seconds(now - start_) < options_.min_seconds) return false;
    if (shown_ && seconds(now - last_) < min_gap) return false;
    last_ = now;
    return true;
}

void ProgressBar::update(std::size_t done, std::string_view status) {
    if (due(bar_ ? std::min(0.1, options_.interval_seconds) : options_.interval_seconds)) draw(done, status);
}

void ProgressBar::finish(std::size_t done, std::string_view status) {
    if (finished_) return;
    if (shown_ || due(0)) {
        draw(done, status);
        if (bar_) *options_.stream << "\n" << std::flush;
    }
    finished_ = true;
}

void ProgressBar::draw(std::size_t done, std::string_view status) {
    std::ostream& out = *options_.stream;
    shown_ = true;
    if (!bar_) {
        out << "step " << done << "/" << total_ << "  " << status << "\n" << std::flush;
        return;
    }
    const std::size_t width = options_.bar_width;
    const std::size_t filled = total_ == 0 ? width : std::min(width, done * width / total_);
    // \r returns to the line's start; \033[K clears what a longer earlier status left.
    out << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done << "/" << total_
        << "  " << status << "\033[K" << std::flush;
}

}  // namespace chainrule::models
