#pragma once
/// \file progress.hpp
/// Progress of a long run: a bar redrawn in place on a terminal, plain lines otherwise,
/// shown only once the run has lasted a moment (a run of a few milliseconds prints
/// nothing). What it shows never affects the computation.

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace chainrule::models {

enum class ProgressStyle {
    Auto,   ///< Bar when the stream is a terminal, else Lines
    Bar,    ///< "\r[#####.....]  45/100  status", redrawn in place; a newline at the end
    Lines,  ///< "step 45/100  status" lines, at most one per interval
};

struct ProgressOptions {
    std::ostream* stream = nullptr;  ///< where to show it; nullptr shows nothing
    ProgressStyle style = ProgressStyle::Auto;
    double min_seconds = 1.0;       ///< show nothing before the run has lasted this long
    double interval_seconds = 1.0;  ///< Lines: at most one line per interval (Bar: 0.1 s)
    std::size_t bar_width = 30;
};

/// True when `stream` is std::cout, std::cerr or std::clog and its file descriptor is a
/// terminal (isatty). Any other stream (files, string streams) is not a terminal.
bool is_terminal(const std::ostream& stream);

/// Shows the progress of `total` steps. Not copyable; one per run.
class ProgressBar {
public:
    ProgressBar(const ProgressOptions& options, std::size_t total);
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    ~ProgressBar();

    /// `done` of `total` steps, with a short status ("J = 0.0097  |grad| = 0.19").
    void update(std::size_t done, std::string_view status);
    /// The final state, shown if anything was shown before (and then ending the bar's
    /// line). Without finish(), the destructor ends a bar's line.
    void finish(std::size_t done, std::string_view status);

private:
    bool due(double min_gap);
    void draw(std::size_t done, std::string_view status);

    ProgressOptions options_;
    std::size_t total_;
    bool bar_;
    bool shown_ = false;
    bool finished_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_;
};

}  // namespace chainrule::models
