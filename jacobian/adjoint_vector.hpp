#pragma once
/// \file adjoint_vector.hpp
/// AdjointVector<T>: the adjoints of a JacobianTape, one per statement index, kept zero
/// where no sweep has left a gradient. Growing it never runs a zeroing pass over memory:
/// for trivially copyable T (double, float) it lives in page memory, whose new pages the
/// kernel hands out already zero (graph/page_memory.hpp); other T (multiprecision) use a
/// std::vector, value-initialised. Keeping it zero afterwards is the sweep's job (it
/// resets each statement's adjoint once read, jacobian_tape.hpp).

#include "../graph/page_memory.hpp"

#include <algorithm>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

namespace chainrule::detail {

template <class T>
class AdjointVector {
public:
    AdjointVector() = default;
    ~AdjointVector() { release(); }
    AdjointVector(const AdjointVector&) = delete;
    AdjointVector& operator=(const AdjointVector&) = delete;
    AdjointVector(AdjointVector&& o) noexcept
        : pages_(std::exchange(o.pages_, nullptr)), size_(std::exchange(o.size_, 0)), vector_(std::move(o.vector_)) {}
    AdjointVector& operator=(AdjointVector&& o) noexcept {
        if (this != &o) {
            release();
            pages_ = std::exchange(o.pages_, nullptr);
            size_ = std::exchange(o.size_, 0);
            vector_ = std::move(o.vector_);
        }
        return *this;
    }

    std::size_t size() const noexcept { return kPaged ? size_ : vector_.size(); }
    T* data() noexcept { return kPaged ? pages_ : vector_.data(); }
    const T* data() const noexcept { return kPaged ? pages_ : vector_.data(); }

    /// Makes size() ≥ n; the new elements are zero. Grows geometrically.
    void grow_to(std::size_t n) {
        if (n <= size()) return;
        const std::size_t grown = std::max(n, 2 * size());
        if constexpr (kPaged) {
            pages_ = static_cast<T*>(pages_ == nullptr ? page_allocate(grown * sizeof(T))
                                                       : page_reallocate(pages_, size_ * sizeof(T), grown * sizeof(T)));
            size_ = grown;
        } else {
            vector_.resize(grown, T(0));
        }
    }

private:
    static constexpr bool kPaged = std::is_trivially_copyable_v<T>;
    void release() noexcept {
        if (pages_ != nullptr) page_free(pages_, size_ * sizeof(T));
        pages_ = nullptr;
        size_ = 0;
    }

    T* pages_ = nullptr;        // kPaged: page memory of size_ elements
    std::size_t size_ = 0;
    std::vector<T> vector_;     // otherwise
};

}  // namespace chainrule::detail
