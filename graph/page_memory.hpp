#pragma once
/// \file page_memory.hpp
/// Memory for the tape's large buffers (Buffer<T> of trivially copyable T, from
/// kPageMemoryBytes on): whole pages from the kernel (mmap), which grow in place or by
/// moving page-table entries (Linux mremap), so a doubling copies nothing and faults no
/// page a second time. With malloc + memcpy, recording 10⁷ ops touched every byte about
/// three times: the first gradient of the issue-15 benchmark (n = 10⁶, a fresh process)
/// took 0.43–0.55 s with 160 k page faults; with page memory 0.23–0.31 s and 78 k.
/// Transparent huge pages (madvise MADV_HUGEPAGE) were measured too: 0.16–0.19 s typically
/// but 0.6–0.8 s in one run of three (the kernel compacting memory on the fault, THP defrag
/// "madvise"), so they are not asked for. Elsewhere than Linux: malloc/realloc/free.

#include <cstddef>

namespace chainrule::detail {

/// From this size on, a Buffer of trivially copyable elements lives in page memory.
inline constexpr std::size_t kPageMemoryBytes = std::size_t{1} << 21;  // 2 MiB

/// `bytes` (> 0) of zero-filled memory. Throws std::bad_alloc.
void* page_allocate(std::size_t bytes);
/// Grows or shrinks memory from page_allocate, keeping its first min(old, new) bytes; the
/// rest is zero. The memory may move. Throws std::bad_alloc (then p is unchanged).
void* page_reallocate(void* p, std::size_t old_bytes, std::size_t new_bytes);
/// Frees memory from page_allocate/page_reallocate (p may be null).
void page_free(void* p, std::size_t bytes) noexcept;

}  // namespace chainrule::detail
