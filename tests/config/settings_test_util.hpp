#pragma once

#include <fstream>
#include <string>
#include <string_view>

#include "config/settings_loader.hpp"
#include "tests/support/paths.hpp"

namespace escbot::config::test {

/// The two rotations [concert] refers to by default, appended after a test's own lines so that
/// the line numbers a test expects are those of its own text.
inline constexpr std::string_view kRequiredRotations = R"(
[rotations.concert_confirmation]
[[rotations.concert_confirmation.windows]]
days = ["weekdays"]
start = "09:00"
end = "18:00"
users = ["U0CONCERT1"]

[rotations.supervisors]
[[rotations.supervisors.windows]]
days = ["daily"]
start = "00:00"
end = "24:00"
users = ["U0SUPERV001"]
)";

/// Writes a config file into a temporary directory and loads it.
class ConfigFile {
public:
    explicit ConfigFile(std::string_view text, bool with_rotations = true) {
        std::ofstream out(path_);
        out << text;
        if (with_rotations) out << kRequiredRotations;
    }

    const std::filesystem::path& path() const { return path_; }
    std::string name() const { return path_.string(); }
    SettingsResult Load(const Environment& env = {}) const { return LoadSettings(path_, env); }

private:
    escbot::test::TempDir dir_;
    std::filesystem::path path_ = dir_ / "escalation-bot.toml";
};

/// The first error's text, or "(loaded)" when loading succeeded.
inline std::string FirstError(const SettingsResult& result) {
    return result.ok() ? "(loaded)" : result.errors().front().ToString();
}

}  // namespace escbot::config::test
