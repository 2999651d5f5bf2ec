#include "bot/console/block_text.hpp"

#include <algorithm>

namespace escbot::console {
namespace {

std::string TextOf(const nlohmann::json& text_object) {
    if (!text_object.is_object()) return "";
    const std::string text = text_object.value("text", "");
    return text_object.value("type", "") == "mrkdwn" ? MrkdwnToText(text) : text;
}

std::string DecodeEntities(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            if (s.substr(i, 5) == "&amp;") { out += '&'; i += 4; continue; }
            if (s.substr(i, 4) == "&lt;") { out += '<'; i += 3; continue; }
            if (s.substr(i, 4) == "&gt;") { out += '>'; i += 3; continue; }
        }
        out += s[i];
    }
    return out;
}

// One <...> control sequence, without its brackets.
std::string RenderControl(std::string_view inner) {
    const size_t bar = inner.find('|');
    const std::string_view target = inner.substr(0, bar);
    const std::string_view label = bar == std::string_view::npos ? std::string_view() : inner.substr(bar + 1);
    if (target.starts_with("@")) return "@" + std::string(target.substr(1));
    if (target.starts_with("#")) return "#" + std::string(label.empty() ? target.substr(1) : label);
    if (target.starts_with("!subteam^")) return "@" + std::string(label.empty() ? target.substr(9) : label);
    if (target.starts_with("!date^")) return std::string(label);
    if (target.starts_with("!")) return "@" + std::string(label.empty() ? target.substr(1) : label);
    if (label.empty()) return std::string(target);
    return std::string(label) + " (" + std::string(target) + ")";
}

}  // namespace

std::string MrkdwnToText(std::string_view s) {
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
        if (s[i] == '<') {
            const size_t close = s.find('>', i);
            if (close != std::string_view::npos) {
                out += DecodeEntities(RenderControl(s.substr(i + 1, close - i - 1)));
                i = close + 1;
                continue;
            }
        }
        const size_t next = s.find('<', i);
        const size_t end = next == std::string_view::npos ? s.size() : next;
        out += DecodeEntities(s.substr(i, end - i));
        i = end;
    }
    return out;
}

std::string RenderBlocks(const nlohmann::json& blocks, std::vector<RenderedButton>& buttons) {
    std::string out;
    if (!blocks.is_array()) return out;
    for (const auto& block : blocks) {
        const std::string type = block.value("type", "");
        const std::string block_id = block.value("block_id", "");
        if (type == "header") {
            out += "== " + TextOf(block.value("text", nlohmann::json())) + " ==\n";
        } else if (type == "section") {
            if (block.contains("text")) out += TextOf(block["text"]) + "\n";
            for (const auto& field : block.value("fields", nlohmann::json::array())) {
                std::string text = TextOf(field);
                std::replace(text.begin(), text.end(), '\n', ' ');
                out += "  " + text + "\n";
            }
            if (block.contains("accessory") && block["accessory"].value("type", "") == "button") {
                const auto& b = block["accessory"];
                buttons.push_back({TextOf(b.value("text", nlohmann::json())), b.value("action_id", ""),
                                   block_id, b.value("value", "")});
                out += "  [" + std::to_string(buttons.size()) + "] " + buttons.back().label + "\n";
            }
        } else if (type == "context") {
            std::string line;
            for (const auto& element : block.value("elements", nlohmann::json::array())) {
                if (element.value("type", "") == "image") continue;
                if (!line.empty()) line += "  ";
                line += TextOf(element);
            }
            out += "  (" + line + ")\n";
        } else if (type == "divider") {
            out += "----\n";
        } else if (type == "actions") {
            std::string line;
            for (const auto& element : block.value("elements", nlohmann::json::array())) {
                if (element.value("type", "") != "button") continue;
                buttons.push_back({TextOf(element.value("text", nlohmann::json())),
                                   element.value("action_id", ""), block_id, element.value("value", "")});
                line += "[" + std::to_string(buttons.size()) + "] " + buttons.back().label + "   ";
            }
            if (!line.empty()) out += line.substr(0, line.size() - 3) + "\n";
        } else if (type == "rich_text" || type == "markdown") {
            out += MrkdwnToText(block.value("text", "")) + "\n";
        }
    }
    return out;
}

}  // namespace escbot::console
