#pragma once

#include <string_view>

namespace escbot::config {

/// Whether `id` has the shape of a Slack conversation id: C… (public) or G… (private), then
/// upper-case letters and digits. Shape only: Slack alone knows whether it exists. Pure.
bool IsChannelId(std::string_view id);
/// A Slack user id: U… or W… (Enterprise Grid), then upper-case letters and digits. Pure.
bool IsUserId(std::string_view id);
/// A Slack user group id: S…, then upper-case letters and digits. Pure.
bool IsGroupId(std::string_view id);
/// IsUserId or IsGroupId. Pure.
bool IsUserOrGroupId(std::string_view id);

}  // namespace escbot::config
