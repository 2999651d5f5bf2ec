#include "commands/concert/request_text.hpp"

#include <charconv>

#include "commands/block_kit/text.hpp"
#include "commands/concert/concert_ids.hpp"

namespace escbot::commands::concert {
namespace {

constexpr std::string_view kSpace = " \t\r\n";

std::string Kept(std::string_view text, std::size_t max_chars) {
    return block_kit::Truncate(TrimSpace(text), max_chars);
}

/// "cancel 12" or "cancel #12", any case; nullopt-like 0 when it is not that.
long long CancelId(std::string_view text) {
    constexpr std::string_view kWord = "cancel";
    if (text.size() <= kWord.size()) return 0;
    for (std::size_t i = 0; i < kWord.size(); ++i) {
        if ((text[i] | 0x20) != kWord[i]) return 0;
    }
    std::string_view rest = text.substr(kWord.size());
    if (kSpace.find(rest.front()) == std::string_view::npos) return 0;
    rest = TrimSpace(rest);
    if (!rest.empty() && rest.front() == '#') rest.remove_prefix(1);
    long long id = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
    if (error != std::errc() || end != rest.data() + rest.size() || id <= 0) return 0;
    return id;
}

}  // namespace

std::string_view TrimSpace(std::string_view text) {
    const auto begin = text.find_first_not_of(kSpace);
    if (begin == std::string_view::npos) return {};
    return text.substr(begin, text.find_last_not_of(kSpace) - begin + 1);
}

ParsedText ParseConcertText(std::string_view text) {
    text = TrimSpace(text);
    const auto comma = text.find(',');
    if (comma == std::string_view::npos) {
        if (const long long id = CancelId(text); id > 0) return TypedCancel{id};
        return NeedsForm{Kept(text, kMaxHomeownerChars), ""};
    }
    std::string homeowner = Kept(text.substr(0, comma), kMaxHomeownerChars);
    std::string address = Kept(text.substr(comma + 1), kMaxAddressChars);
    if (homeowner.empty() || address.empty()) {
        return NeedsForm{std::move(homeowner), std::move(address)};
    }
    return TypedRequest{std::move(homeowner), std::move(address)};
}

}  // namespace escbot::commands::concert
