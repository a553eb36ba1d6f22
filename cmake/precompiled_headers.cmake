# Precompiled headers: the third-party headers nearly every unit includes (Boost's MPFR
# and binary floats, Eigen, fmt, JSON, the standard library; Catch2 for tests) are parsed
# once per target instead of once per unit — a few seconds each of the ~200 units of a
# clean build (docs/architecture.md, "Build time"). Third-party headers only, but for
# precision/real.hpp, the one way Boost's MPFR backend may be included (it installs
# chainrule's rounding hook first): chainrule's own headers change too often for a
# precompiled copy to pay, and tests/all_public_headers (no precompiled headers) checks
# that each public header includes what it uses.
set(CHAINRULE_PRECOMPILED_HEADERS
    <algorithm> <functional> <map> <memory> <optional> <regex> <sstream> <string> <string_view>
    <unordered_map> <variant> <vector>
    "${PROJECT_SOURCE_DIR}/precision/real.hpp" <boost/multiprecision/cpp_bin_float.hpp>
    <Eigen/Core> <fmt/format.h> <nlohmann/json.hpp>)

# chainrule_precompile_headers(target [extra headers…])
function(chainrule_precompile_headers target)
    target_precompile_headers(${target} PRIVATE ${CHAINRULE_PRECOMPILED_HEADERS} ${ARGN})
endfunction()
