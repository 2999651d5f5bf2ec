#pragma once

#include <filesystem>
#include <string>

namespace escbot::test {

/// The repository's root (for config/ and SOP files).
inline std::filesystem::path SourceDir() { return ESCBOT_SOURCE_DIR; }
/// The built escalation-bot binary (for tests that run the real process).
inline std::filesystem::path BotBinary() { return ESCBOT_BINARY; }

/// The whole content of a file ("" if it cannot be read).
std::string ReadFile(const std::filesystem::path& path);

/// A fresh empty directory under the system temp dir, removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

}  // namespace escbot::test
