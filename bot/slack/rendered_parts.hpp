#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace escbot::slack {

// Parts of views that do not change between requests (a step's notes, its unanswered inputs),
// written as JSON text once and placed in later views as WrittenJson.
// Tuning: building, freeing and writing the step modal's tree was about 35 % of the CPU per
// /escalate at c=64 (perf); with its constant blocks reused, 67 -> 47 us per request
// (escbot-bench c=64, three alternating runs each). Thread-safe.
class RenderedParts {
public:
    /// At most this many parts are kept; a full cache starts over (SOP versions change rarely).
    static constexpr std::size_t kMostParts = 4096;

    /// The part named `key`, as WrittenJson: written from `build()` the first time, from the
    /// cache after. Equal keys must name equal content (callers key by the SOP's fingerprint).
    template <typename Build>
    nlohmann::json Get(std::string_view key, Build&& build) {
        if (auto found = Find(key)) return std::move(*found);
        return Keep(key, build());
    }

    std::size_t size() const;

private:
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view key) const {
            return std::hash<std::string_view>{}(key);
        }
    };

    std::optional<nlohmann::json> Find(std::string_view key) const;
    nlohmann::json Keep(std::string_view key, const nlohmann::json& built);

    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, nlohmann::json, KeyHash, std::equal_to<>> parts_;
};

}  // namespace escbot::slack
