#include <cstdio>
#include <cstdlib>

#include "tests/fuzz/fuzz_input.hpp"

namespace escbot::fuzz {

void PropertyFailed(const char* what) {
    std::fprintf(stderr, "fuzz property failed: %s\n", what);
    std::abort();
}

}  // namespace escbot::fuzz
