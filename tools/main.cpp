// chainrule: the command line of the chainrule toolkit (see docs/cli.md).
#include "cli.hpp"

#include <iostream>

int main(int argc, char** argv) { return chainrule::tools::run_cli(argc, argv, std::cout, std::cerr); }
