#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace escbot::console {

/// A button found while rendering, numbered for the console's `click N`.
struct RenderedButton {
    std::string label;
    std::string action_id;
    std::string block_id;
    std::string value;
};

/// Turns Slack mrkdwn into terminal text: decodes &amp; &lt; &gt;, shows <@U1> as @U1,
/// <#C1|name> as #name, <!date^…|fallback> as the fallback, <url|label> as "label (url)".
std::string MrkdwnToText(std::string_view mrkdwn);

/// Renders the non-input blocks of a message or view (header, section, context, divider,
/// actions, rich text fallback) as lines of text; buttons are appended to `buttons` and shown as
/// "[N] label" where N continues the numbering of `buttons`.
std::string RenderBlocks(const nlohmann::json& blocks, std::vector<RenderedButton>& buttons);

}  // namespace escbot::console
