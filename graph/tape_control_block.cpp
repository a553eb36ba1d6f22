#include "tape_control_block.hpp"

#include <mutex>
#include <vector>

namespace chainrule::detail {
namespace {

// The pool is the only state shared between tapes; it is touched only when a tape is
// created or destroyed, under a mutex. Blocks are intentionally never deleted (a few
// bytes per tape ever alive at once) so that stale handles can always be checked.
struct Pool {
    std::mutex mutex;
    std::vector<TapeControlBlock*> free;
    // Blocks whose generation would wrap: never reused, and kept here (not dropped) so
    // they stay reachable — a stale handle may still read them, and LeakSanitizer
    // (make asan) does not report them as leaks.
    std::vector<TapeControlBlock*> retired;
};

Pool& pool() {
    static Pool* p = new Pool;  // leaked on purpose: must outlive static tapes
    return *p;
}

}  // namespace

TapeControlBlock* acquire_control_block(void* tape) {
    TapeControlBlock* block = nullptr;
    {
        std::lock_guard lock(pool().mutex);
        if (!pool().free.empty()) {
            block = pool().free.back();
            pool().free.pop_back();
        }
    }
    if (block == nullptr) block = new TapeControlBlock;
    block->tape = tape;
    ++block->generation;
    return block;
}

void release_control_block(TapeControlBlock* block) noexcept {
    block->tape = nullptr;
    ++block->generation;
    // A block whose 32-bit generation is about to wrap is retired (never reused), so a
    // handle from 2³² generations ago can never look current again.
    std::lock_guard lock(pool().mutex);
    (block->generation >= kRetireGeneration ? pool().retired : pool().free).push_back(block);
}

TapeControlBlock* next_generation(TapeControlBlock* block, void* tape) {
    if (block->generation + 1 < kRetireGeneration) {
        ++block->generation;
        return block;
    }
    release_control_block(block);  // retires it
    return acquire_control_block(tape);
}

}  // namespace chainrule::detail
