#pragma once
/// \file cli.hpp
/// The `chainrule` command line (CLI11): worksheet, grad, diff, descend.
///
/// Exit codes: 0 success; 1 a check found something wrong (the worksheet's chain-rule
/// results disagree with reverse mode); 2 bad input or usage — one clear first line on
/// stderr (for syntax errors followed by the source line and a caret), never a stack
/// trace, and no output file.

#include <ostream>

namespace chainrule::tools {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitBadInput = 2;

/// Runs `chainrule argv[1] …`, printing results to `out` and messages to `err`.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace chainrule::tools
