#include "commands/concert/concert_guidance.hpp"

#include <algorithm>
#include <array>
#include <filesystem>

#include <toml++/toml.h>

#include "commands/block_kit/text.hpp"

namespace escbot::commands::concert {
namespace {

std::string Where(const std::string& path, const toml::source_region& at) {
    return path + ":" + std::to_string(at.begin.line) + ": ";
}

}  // namespace

LoadedGuidance LoadConcertGuidance(const std::string& path) {
    LoadedGuidance out;
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        out.error = Where(path, e.source()) + std::string(e.description());
        return out;
    } catch (const std::exception& e) {
        out.error = path + ": " + e.what();
        return out;
    }
    for (const auto& [key, node] : root) {
        if (key.str() != "confirmed") {
            out.error = Where(path, node.source()) + "unknown table or key \"" +
                        std::string(key.str()) + "\" (only [confirmed])";
            return out;
        }
    }
    const toml::table* confirmed = root["confirmed"].as_table();
    if (confirmed == nullptr) {
        out.error = path + ": needs a [confirmed] table";
        return out;
    }
    ConcertGuidance guidance;
    const std::array<std::pair<const char*, std::string*>, 3> keys{{
        {"financier", &guidance.financier},
        {"contact_check", &guidance.contact_check},
        {"escalate", &guidance.escalate},
    }};
    for (const auto& [key, node] : *confirmed) {
        const bool known = std::any_of(keys.begin(), keys.end(),
                                       [&](const auto& k) { return key.str() == k.first; });
        if (!known) {
            out.error = Where(path, node.source()) + "[confirmed] unknown key \"" +
                        std::string(key.str()) + "\" (financier, contact_check, escalate)";
            return out;
        }
    }
    for (const auto& [key, target] : keys) {
        const auto* value = confirmed->get(key);
        const auto text = value != nullptr ? value->value<std::string>() : std::nullopt;
        const std::string place =
            (value != nullptr ? Where(path, value->source()) : path + ": ") + "[confirmed] " + key;
        if (!text || text->empty()) {
            out.error = place + ": needs a non-empty text";
            return out;
        }
        if (block_kit::CountChars(*text) > kMaxGuidanceChars) {
            out.error = place + ": longer than " + std::to_string(kMaxGuidanceChars) +
                        " characters";
            return out;
        }
        *target = *text;
    }
    out.guidance = std::move(guidance);
    return out;
}

std::string ConcertGuidancePath(const config::Settings& settings) {
    return (std::filesystem::path(settings.escalation.sop_file).parent_path() / "concert.toml")
        .string();
}

}  // namespace escbot::commands::concert
