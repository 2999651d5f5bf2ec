#pragma once

// Splits one fuzz input into the fields a target needs. The fields are '\n'-separated lines,
// the last one the rest of the input, so that seed files stay readable and a mutation that
// moves a newline moves bytes from one field to the next.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace escbot::fuzz {

class FuzzInput {
public:
    FuzzInput(const std::uint8_t* data, std::size_t size)
        : rest_(reinterpret_cast<const char*>(data), size) {}

    /// The next line without its '\n'; "" once the input is used up.
    std::string_view Line() {
        const std::size_t end = rest_.find('\n');
        const std::string_view line = rest_.substr(0, end);
        rest_ = end == std::string_view::npos ? std::string_view() : rest_.substr(end + 1);
        return line;
    }

    /// Everything not yet taken.
    std::string_view Rest() const { return rest_; }

private:
    std::string_view rest_;
};

/// Ends the run with a finding: a property the code promises does not hold. libFuzzer saves
/// the input; the corpus replay test fails on it.
[[noreturn]] void PropertyFailed(const char* what);

}  // namespace escbot::fuzz
