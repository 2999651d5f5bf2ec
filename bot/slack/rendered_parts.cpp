#include "bot/slack/rendered_parts.hpp"

#include <mutex>

#include "bot/slack/json_text.hpp"

namespace escbot::slack {

std::optional<nlohmann::json> RenderedParts::Find(std::string_view key) const {
    std::shared_lock lock(mutex_);
    const auto found = parts_.find(key);
    if (found == parts_.end()) return std::nullopt;
    return found->second;
}

nlohmann::json RenderedParts::Keep(std::string_view key, const nlohmann::json& built) {
    nlohmann::json part = WrittenJson(ToJsonText(built));
    std::unique_lock lock(mutex_);
    if (parts_.size() >= kMostParts) parts_.clear();
    parts_.try_emplace(std::string(key), part);
    return part;
}

std::size_t RenderedParts::size() const {
    std::shared_lock lock(mutex_);
    return parts_.size();
}

}  // namespace escbot::slack
