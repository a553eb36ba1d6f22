#pragma once
/// \file buffer.hpp
/// Buffer<T>: the contiguous, growable array behind the tape's per-node data (node
/// records, values, partials). Reads like a const std::vector (size, [], at, data,
/// begin/end, == with a std::vector); appending is `push_back_unchecked` after the tape
/// has checked the room itself. Unlike std::vector::push_back, which GCC stops inlining
/// once a function records many ops, that append is always inlined: one store and one
/// increment, no reallocation code in the recording of an op. From 2 MiB on, a buffer of
/// trivially copyable elements (node records, double values) lives in page memory and
/// grows without copying (page_memory.hpp).

#include "page_memory.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace chainrule::detail {

template <class T>
class Buffer {
public:
    using value_type = T;
    using const_iterator = const T*;
    using iterator = const T*;

    Buffer() = default;
    ~Buffer() {
        clear();
        deallocate(data_, capacity_);
    }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    Buffer(Buffer&& other) noexcept
        : data_(std::exchange(other.data_, nullptr)),
          size_(std::exchange(other.size_, 0)),
          capacity_(std::exchange(other.capacity_, 0)) {}
    Buffer& operator=(Buffer&& other) noexcept {
        if (this != &other) {
            clear();
            deallocate(data_, capacity_);
            data_ = std::exchange(other.data_, nullptr);
            size_ = std::exchange(other.size_, 0);
            capacity_ = std::exchange(other.capacity_, 0);
        }
        return *this;
    }

    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return capacity_; }
    bool empty() const noexcept { return size_ == 0; }
    const T* data() const noexcept { return data_; }
    T* data() noexcept { return data_; }
    const T* begin() const noexcept { return data_; }
    const T* end() const noexcept { return data_ + size_; }
    const T& operator[](std::size_t i) const noexcept { return data_[i]; }
    T& operator[](std::size_t i) noexcept { return data_[i]; }
    const T& back() const noexcept { return data_[size_ - 1]; }
    const T& at(std::size_t i) const {
        if (i >= size_) throw std::out_of_range("chainrule: index " + std::to_string(i) + " out of range");
        return data_[i];
    }

    /// Appends x; the caller guarantees size() < capacity().
    [[gnu::always_inline]] inline void push_back_unchecked(const T& x) {
        ::new (static_cast<void*>(data_ + size_)) T(x);
        ++size_;
    }
    /// Appends x, growing the buffer (out of line) when it is full.
    [[gnu::always_inline]] inline void push_back(const T& x) {
        if (size_ == capacity_) [[unlikely]]
            grow_and_push(x);
        else
            push_back_unchecked(x);
    }
    /// The first free element (capacity() − size() of them): a caller that has checked the
    /// room writes trivially copyable elements there, then appends them with append_written.
    T* free_slots() noexcept { return data_ + size_; }
    /// Appends the n elements written at free_slots().
    void append_written(std::size_t n) noexcept {
        static_assert(std::is_trivially_copyable_v<T>, "append_written skips construction");
        size_ += n;
    }
    void pop_back() noexcept {
        --size_;
        std::destroy_at(data_ + size_);
    }
    /// Removes the last n elements.
    void pop_back(std::size_t n) noexcept {
        std::destroy(data_ + size_ - n, data_ + size_);
        size_ -= n;
    }
    void clear() noexcept {
        std::destroy(data_, data_ + size_);
        size_ = 0;
    }
    void reserve(std::size_t n) {
        if (n <= capacity_) return;
        if constexpr (kPageable)
            if (n >= kPagedElements) return reserve_pages(n);
        T* grown = allocate(n);
        if constexpr (std::is_trivially_copyable_v<T>) {
            if (size_ != 0) std::memcpy(static_cast<void*>(grown), data_, size_ * sizeof(T));
        } else {
            std::uninitialized_move(data_, data_ + size_, grown);
            std::destroy(data_, data_ + size_);
        }
        deallocate(data_, capacity_);
        data_ = grown;
        capacity_ = n;
    }

    friend bool operator==(const Buffer& a, const std::vector<T>& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }
    friend bool operator==(const Buffer& a, const Buffer& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }
    /// A std::vector copy of the elements.
    std::vector<T> to_vector() const { return std::vector<T>(begin(), end()); }

private:
    [[gnu::noinline]] void grow_and_push(const T& x) {
        const T copy = x;  // x may live in this buffer
        reserve(std::max<std::size_t>(16, 2 * capacity_));
        push_back_unchecked(copy);
    }
    // Large buffers of trivially copyable elements live in page memory (page_memory.hpp):
    // they grow without copying and with few page faults. Whether a buffer does is a
    // function of its capacity, which only grows.
    static constexpr bool kPageable = std::is_trivially_copyable_v<T>;
    static constexpr std::size_t kPagedElements = (kPageMemoryBytes + sizeof(T) - 1) / sizeof(T);
    static std::size_t bytes(std::size_t n) {
        if (n > std::size_t(-1) / sizeof(T)) throw std::bad_array_new_length();
        return n * sizeof(T);
    }

    void reserve_pages(std::size_t n) {
        if (capacity_ >= kPagedElements) {
            data_ = static_cast<T*>(page_reallocate(data_, bytes(capacity_), bytes(n)));
        } else {
            T* grown = static_cast<T*>(page_allocate(bytes(n)));
            if (size_ != 0) std::memcpy(static_cast<void*>(grown), data_, size_ * sizeof(T));
            deallocate(data_, capacity_);
            data_ = grown;
        }
        capacity_ = n;
    }

    static T* allocate(std::size_t n) { return std::allocator<T>().allocate(n); }
    static void deallocate(T* p, std::size_t n) noexcept {
        if (p == nullptr) return;
        if (kPageable && n >= kPagedElements)
            page_free(p, n * sizeof(T));
        else
            std::allocator<T>().deallocate(p, n);
    }

    T* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

}  // namespace chainrule::detail
