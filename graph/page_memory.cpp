#include "page_memory.hpp"

#include <cstdlib>
#include <cstring>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace chainrule::detail {

#if defined(__linux__)

void* page_allocate(std::size_t bytes) {
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return p;  // anonymous pages read as zero
}

void* page_reallocate(void* p, std::size_t old_bytes, std::size_t new_bytes) {
    void* q = ::mremap(p, old_bytes, new_bytes, MREMAP_MAYMOVE);
    if (q == MAP_FAILED) throw std::bad_alloc();
    return q;
}

void page_free(void* p, std::size_t bytes) noexcept {
    if (p != nullptr) ::munmap(p, bytes);
}

#else  // portable fallback

void* page_allocate(std::size_t bytes) {
    void* p = std::calloc(bytes, 1);
    if (p == nullptr) throw std::bad_alloc();
    return p;
}

void* page_reallocate(void* p, std::size_t old_bytes, std::size_t new_bytes) {
    void* q = std::realloc(p, new_bytes);
    if (q == nullptr) throw std::bad_alloc();
    if (new_bytes > old_bytes) std::memset(static_cast<char*>(q) + old_bytes, 0, new_bytes - old_bytes);
    return q;
}

void page_free(void* p, std::size_t) noexcept { std::free(p); }

#endif

}  // namespace chainrule::detail
