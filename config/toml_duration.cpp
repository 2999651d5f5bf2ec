#include "config/toml_duration.hpp"

namespace escbot::config {

std::variant<Duration, DurationError> DurationFromNode(const toml::node& node) {
    const auto* text = node.as_string();
    if (text == nullptr) {
        return DurationError{"expected a duration as a string, such as \"24bh\", \"2bd\", \"1w\", "
                             "\"3d\", \"2h\", \"30m\" or \"30s\""};
    }
    return ParseDuration(text->get());
}

}  // namespace escbot::config
