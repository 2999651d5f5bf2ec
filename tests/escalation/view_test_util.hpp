#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "commands/block_kit/check_limits.hpp"

namespace escbot::test {

/// Text that tries to ping, link and smuggle entities into mrkdwn.
inline const std::string kInjection = "<!channel> <https://evil.example|click> & <@U999> >";

/// `count` characters of multi-byte text with the injection inside.
inline std::string LongHostile(std::size_t count) {
    std::string out;
    std::size_t chars = 0;
    const std::string piece = "Überlänge ☀ " + kInjection + " ";
    while (chars < count) {
        for (const char c : piece) {
            out.push_back(c);
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
            if (chars >= count) break;
        }
    }
    // Drop a trailing partial UTF-8 sequence, if the cut landed inside one.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80) != 0) out.pop_back();
    return out;
}

/// Every mrkdwn text of a surface (text objects of type mrkdwn, and a message's `text`), the
/// only places Slack turns <...> into mentions and links; plain_text needs no escaping.
inline void CollectMrkdwn(const nlohmann::json& j, std::string& out) {
    if (j.is_object()) {
        if (j.value("type", "") == "mrkdwn" && j.contains("text") && j["text"].is_string()) {
            out += j["text"].get<std::string>() + "\n";
        }
        for (const auto& [key, value] : j.items()) CollectMrkdwn(value, out);
    } else if (j.is_array()) {
        for (const auto& item : j) CollectMrkdwn(item, out);
    }
}

/// True when no mrkdwn text of the surface holds a live mention or link from the injection.
inline bool NoLiveInjection(const nlohmann::json& surface) {
    std::string mrkdwn;
    CollectMrkdwn(surface, mrkdwn);
    if (surface.is_object() && surface.contains("text") && surface["text"].is_string()) {
        mrkdwn += surface["text"].get<std::string>();
    }
    return mrkdwn.find("<!channel>") == std::string::npos &&
           mrkdwn.find("<https://evil") == std::string::npos &&
           mrkdwn.find("<@U999>") == std::string::npos;
}

inline std::vector<std::string> ModalProblems(const nlohmann::json& view) {
    return commands::block_kit::CheckLimits(view, commands::block_kit::Surface::kModal);
}
inline std::vector<std::string> MessageProblems(const nlohmann::json& message) {
    return commands::block_kit::CheckLimits(message, commands::block_kit::Surface::kMessage);
}
inline std::vector<std::string> UpdateProblems(const nlohmann::json& message) {
    return commands::block_kit::CheckLimits(message, commands::block_kit::Surface::kMessageUpdate);
}

}  // namespace escbot::test
