#pragma once

#include <memory>
#include <stdexcept>

#include "config/settings_loader.hpp"
#include "config/time_text.hpp"
#include "tests/support/paths.hpp"

namespace escbot::commands::oncall::test {

/// The documented example configuration (the seed's Concert schedule, placeholder ids).
inline std::shared_ptr<const config::Settings> ExampleSettings() {
    auto result = config::LoadSettings(
        escbot::test::SourceDir() / "config/escalation-bot.example.toml", {});
    if (!result.ok()) throw std::runtime_error(result.ErrorText());
    return std::make_shared<const config::Settings>(std::move(result).value());
}

inline TimePoint At(std::string_view iso) {
    const auto t = config::ParseIsoInstant(iso);
    if (!t) throw std::invalid_argument("bad instant in test");
    return *t;
}

}  // namespace escbot::commands::oncall::test
