#pragma once
/// \file node_record.hpp
/// One recorded node: its op and the indices of its inputs. 12 bytes; values, op
/// parameters, adjoints and names are kept in separate contiguous buffers of the tape.

#include "op_kind.hpp"

#include <cstdint>

namespace chainrule {

/// Index of a node on its tape. Creation order is a topological order.
using NodeIndex = std::uint32_t;

/// A node of the tape. For unary ops `in1` is unused; for param ops (PowConst, ExpBase,
/// LogBase, LeakyRelu) `in1` is the index of the op's constant in the tape's parameter
/// buffer; an Input uses neither, a Const keeps in `in0` which constant it is
/// (MathConstant: 0 for an ordinary number, else π or e).
struct NodeRecord {
    NodeIndex in0;
    NodeIndex in1;
    OpKind op;
};

static_assert(sizeof(NodeRecord) == 12, "a node record should stay 12 bytes");

}  // namespace chainrule
