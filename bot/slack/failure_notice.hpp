#pragma once

#include <string>
#include <string_view>

#include "storage/models.hpp"

namespace escbot::slack {

/// The DM text telling `notify_user` that `item` could not be sent: what (message, reply,
/// update, note, Home tab), where (a channel mention) and Slack's error code. Never the
/// message's own text. Pure.
std::string FailureNoticeText(const storage::OutboxItem& item, std::string_view error);

}  // namespace escbot::slack
