#pragma once
/// \file tape_control_block.hpp
/// Validity of handles. A Var stores a pointer to its tape's control block and the
/// block's generation at the time the Var was made. Clearing or destroying a tape bumps
/// the generation, so every older handle is detected as stale (a StaleHandleError),
/// never read as dangling memory. Control blocks are recycled through a pool and never
/// freed, so that a handle can outlive its tape and still be checked safely.

#include <cstdint>

namespace chainrule::detail {

struct TapeControlBlock {
    void* tape = nullptr;           // the live Tape<T> owning this block, or null
    std::uint32_t generation = 0;   // bumped on clear, destruction and reuse
};

/// A block for a new tape (thread-safe; taken from the pool or newly allocated).
TapeControlBlock* acquire_control_block(void* tape);

/// Generations stop below this: a block reaching it is retired instead of wrapping around.
inline constexpr std::uint32_t kRetireGeneration = 0xFFFFFFF0u;

/// The block after a clear(): the same block with a new generation, or — when its
/// generation would wrap — a fresh block (the old one is retired for good).
TapeControlBlock* next_generation(TapeControlBlock* block, void* tape);

/// Marks the block dead (bumps its generation) and returns it to the pool.
void release_control_block(TapeControlBlock* block) noexcept;

}  // namespace chainrule::detail
