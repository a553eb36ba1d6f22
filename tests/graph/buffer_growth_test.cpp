// Buffer<T>, the storage of the tape's node records and values: growth keeps every element,
// through the switch from the allocator to page memory (2 MiB, graph/page_memory.hpp) and
// through page-memory reallocation, for trivially copyable and other element types.
#include "graph/buffer.hpp"
#include "graph/page_memory.hpp"
#include "graph/tape.hpp"
#include "graph/var_functions.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

// This file's own names: test programs are unity builds (tests/CMakeLists.txt).
namespace buffer_growth_test {

using chainrule::detail::Buffer;
using chainrule::detail::kPageMemoryBytes;

template <class T, class Make>
void fill_and_check(std::size_t n, Make make) {
    Buffer<T> b;
    for (std::size_t i = 0; i < n; ++i) b.push_back(make(i));
    REQUIRE(b.size() == n);
    bool same = true;
    for (std::size_t i = 0; i < n; ++i) same = same && b[i] == make(i);
    CHECK(same);
    // Moved, the elements go along; the source is empty.
    Buffer<T> moved = std::move(b);
    CHECK(moved.size() == n);
    CHECK(b.size() == 0);  // NOLINT(bugprone-use-after-move): the moved-from state is specified
    CHECK(moved[n - 1] == make(n - 1));
    moved.pop_back(n / 2);
    CHECK(moved.size() == n - n / 2);
    moved.clear();
    CHECK(moved.empty());
}

TEST_CASE("buffer: growth across the page-memory threshold keeps every element", "[buffer]") {
    const std::size_t doubles = 3 * kPageMemoryBytes / sizeof(double) + 17;  // grows by pages twice
    fill_and_check<double>(doubles, [](std::size_t i) { return 0.5 * static_cast<double>(i) - 3.0; });
    fill_and_check<std::uint32_t>(2 * kPageMemoryBytes / 4 + 5, [](std::size_t i) { return static_cast<std::uint32_t>(i * 2654435761u); });
    // Not trivially copyable: stays with the allocator, same behaviour.
    fill_and_check<std::string>(5000, [](std::size_t i) { return "s" + std::to_string(i); });
}

TEST_CASE("buffer: reserve past the threshold, then grow by reallocation", "[buffer]") {
    Buffer<double> b;
    for (int i = 0; i < 100; ++i) b.push_back(i);
    b.reserve(kPageMemoryBytes / sizeof(double));       // allocator -> page memory, copied
    CHECK(b.capacity() >= kPageMemoryBytes / sizeof(double));
    b.reserve(4 * kPageMemoryBytes / sizeof(double));   // page memory grown in place or moved
    bool same = true;
    for (int i = 0; i < 100; ++i) same = same && b[i] == i;
    CHECK(same);
}

TEST_CASE("page memory: zero-filled, and reallocation keeps the contents", "[buffer]") {
    const std::size_t n = kPageMemoryBytes + 4096 * 3 + 8;  // not a multiple of the page size
    auto* p = static_cast<unsigned char*>(chainrule::detail::page_allocate(n));
    bool zero = true;
    for (std::size_t i = 0; i < n; i += 511) zero = zero && p[i] == 0;
    CHECK(zero);
    for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<unsigned char>(i * 7);
    auto* q = static_cast<unsigned char*>(chainrule::detail::page_reallocate(p, n, 3 * n));
    bool kept = true, fresh_zero = true;
    for (std::size_t i = 0; i < n; ++i) kept = kept && q[i] == static_cast<unsigned char>(i * 7);
    for (std::size_t i = n; i < 3 * n; i += 509) fresh_zero = fresh_zero && q[i] == 0;
    CHECK(kept);
    CHECK(fresh_zero);
    chainrule::detail::page_free(q, 3 * n);
}

TEST_CASE("buffer: a tape of 10^6 nodes records, clears and records again", "[buffer]") {
    chainrule::Tape<double> tape;
    auto x = tape.variable(0.25);
    auto y = x;
    for (int i = 0; i < 1'000'000; ++i) y = y * 1.0000001 + 1e-7;
    const double once = y.value();
    CHECK(tape.size() > 2'000'000);
    tape.clear();
    auto x2 = tape.variable(0.25);
    auto y2 = x2;
    for (int i = 0; i < 1'000'000; ++i) y2 = y2 * 1.0000001 + 1e-7;
    CHECK(y2.value() == once);
}

}  // namespace buffer_growth_test
