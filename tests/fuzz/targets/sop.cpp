// The SOP loader (config/sop: TOML parse, definition and step checks, conditions, promises,
// Slack-limit checks): the input is an SOP file's text.

#include <cstdint>
#include <string>
#include <string_view>

#include "config/sop/sop_loader.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace escbot::config::sop;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const SopLoadResult result = LoadSopString(text, "fuzz.toml");
    if (result.ok() == !result.errors.empty())
        escbot::fuzz::PropertyFailed("an SOP both loaded and refused, or neither");
    for (const SopError& error : result.errors) {
        if (error.ToString().empty()) escbot::fuzz::PropertyFailed("an empty SOP error");
    }
    return 0;
}
