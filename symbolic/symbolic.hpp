// chainrule::symbolic — everything of the symbolic layer in one include.
//
//   expr.hpp            Expr: hash-consed symbolic scalar, constants, queries
//   arithmetic.hpp      + - * / and the canonicalising node builders
//   functions.hpp       exp, log, sin, ..., sigmoid, relu, pow, min, max, ...
//   diff.hpp            diff(f, x), local_partial(node, i)
//   simplify.hpp        simplify(e)
//   substitute.hpp      substitute(e, pattern, replacement)
//   evaluate.hpp        evaluate<T>(e, values)
//   text_printer.hpp    to_text(e), operator<<, fmt::formatter
//   latex_printer.hpp   to_latex(e, options)
//   latex_names.hpp     latex_name, validate_latex_label, escape_text_for_latex
//   rational.hpp        exact rational helpers (parse_decimal, ...)
#pragma once

#include "arithmetic.hpp"
#include "diff.hpp"
#include "evaluate.hpp"
#include "exact_value.hpp"
#include "expr.hpp"
#include "functions.hpp"
#include "latex_names.hpp"
#include "latex_printer.hpp"
#include "rational.hpp"
#include "simplify.hpp"
#include "substitute.hpp"
#include "text_printer.hpp"
