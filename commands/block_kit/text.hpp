#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace escbot::commands::block_kit {

/// The visible marker left where text was cut.
inline constexpr std::string_view kCutMarker = "…";

/// Characters (Unicode code points) in UTF-8 text, the unit of Slack's length limits (as
/// python-slack-sdk counts them). An invalid byte counts as one character. Pure.
std::size_t CountChars(std::string_view text);

/// `text` without the spaces, tabs and line breaks around it (what an agent typed).
std::string_view TrimWhitespace(std::string_view text);

/// Valid UTF-8: each invalid byte replaced with U+FFFD. Returns the input unchanged when valid.
std::string SanitizeUtf8(std::string_view text);

/// Escapes text for Slack mrkdwn: & -> &amp; (first), < -> &lt;, > -> &gt;, nothing else
/// (slack-platform.md §9). Use on every piece of user-entered text placed in mrkdwn, so that
/// `<!channel>` or `<https://evil|x>` show as typed instead of pinging or linking. Pure.
std::string EscapeMrkdwn(std::string_view text);

/// At most `max_chars` characters: the text itself when it fits, else its first characters plus
/// `marker` (the marker counts toward the limit). Counts characters, not bytes, never splits a
/// UTF-8 sequence, and always returns valid UTF-8 (invalid bytes become U+FFFD). With a limit
/// smaller than the marker, returns the marker's first `max_chars` characters. Pure.
std::string Truncate(std::string_view text, std::size_t max_chars,
                     std::string_view marker = kCutMarker);

/// EscapeMrkdwn and Truncate in one: the result is at most `max_chars` characters of escaped
/// text and never ends in half an entity (no dangling "&am"). Pure.
std::string EscapeAndTruncate(std::string_view raw, std::size_t max_chars,
                              std::string_view marker = kCutMarker);

/// Truncate for mrkdwn that is already built (escaped user text plus the bot's own markup such as
/// `<@U123>` or `<!date^...|...>`): never leaves half an entity or half a `<...>` token. Pure.
std::string TruncateMrkdwn(std::string_view mrkdwn, std::size_t max_chars,
                           std::string_view marker = kCutMarker);

}  // namespace escbot::commands::block_kit
