// The config loader (config/settings_loader and the rotation and business-calendar readers it
// calls): the input is the TOML file's text. LoadSettings reads a path, so the text goes to a
// file of this process first.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "config/settings_loader.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

const std::filesystem::path& ConfigPath() {
    static const std::filesystem::path path = std::filesystem::temp_directory_path() /
        ("escbot-fuzz-settings-" + std::to_string(::getpid()) + ".toml");
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace escbot;
    std::FILE* file = std::fopen(ConfigPath().c_str(), "wb");
    if (file == nullptr) fuzz::PropertyFailed("cannot write the config file");
    if (size > 0 && std::fwrite(data, 1, size, file) != size) fuzz::PropertyFailed("short write");
    std::fclose(file);

    const config::Environment env{{"SLACK_BOT_TOKEN", "xoxb-fuzz"},
                                  {"SLACK_SIGNING_SECRET", "fuzz-secret"}};
    const config::SettingsResult result = config::LoadSettings(ConfigPath(), env);
    if (!result.ok()) {
        if (result.ErrorText().empty()) fuzz::PropertyFailed("a failed load without an error");
        // No message may quote the environment's secret. (Messages name keys, so a file that
        // itself holds the text may see it quoted back.)
        const std::string_view file(reinterpret_cast<const char*>(data), size);
        if (file.find("fuzz-secret") == std::string_view::npos &&
            result.ErrorText().find("fuzz-secret") != std::string::npos)
            fuzz::PropertyFailed("an error quotes the signing secret");
    }
    std::filesystem::remove(ConfigPath());
    return 0;
}
