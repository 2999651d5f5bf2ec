#include "commands/case_list/case_list_request.hpp"

#include <cctype>
#include <charconv>
#include <vector>

namespace escbot::commands::case_list {
namespace {

std::vector<std::string> Words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

std::optional<ListFilter> FilterOf(std::string_view word) {
    if (word == "mine") return ListFilter::kMine;
    if (word == "open") return ListFilter::kOpen;
    if (word == "overdue") return ListFilter::kOverdue;
    if (word == "unclaimed") return ListFilter::kUnclaimed;
    return std::nullopt;
}

std::optional<int> PageOf(std::string_view word) {
    int page = 0;
    if (word.empty() || word.size() > 6) return std::nullopt;
    const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), page);
    if (error != std::errc() || end != word.data() + word.size() || page <= 0) return std::nullopt;
    return page;
}

constexpr std::string_view kListWords =
    "`/escalation list` takes `mine`, `open`, `overdue` or `unclaimed`, then a page number.";

}  // namespace

std::string_view FilterName(ListFilter filter) {
    switch (filter) {
        case ListFilter::kMine: return "mine";
        case ListFilter::kOpen: return "open";
        case ListFilter::kOverdue: return "overdue";
        case ListFilter::kUnclaimed: return "unclaimed";
    }
    return "mine";
}

Request ParseRequest(std::string_view text) {
    const std::vector<std::string> words = Words(text);
    if (words.empty() || words[0] == "help") return HelpRequest{};
    if (words[0] == "list") {
        ListRequest request;
        bool filter_seen = false;
        bool page_seen = false;
        for (std::size_t i = 1; i < words.size(); ++i) {
            if (const auto filter = FilterOf(words[i]); filter && !filter_seen) {
                request.filter = *filter;
                filter_seen = true;
            } else if (const auto page = PageOf(words[i]); page && !page_seen) {
                request.page = *page;
                page_seen = true;
            } else {
                return BadRequest{std::string(kListWords)};
            }
        }
        return request;
    }
    if (words[0] == "status") {
        if (words.size() != 2) return BadRequest{"`/escalation status` takes one case, like `ESC-12` or `IC-3`."};
        const auto ref = team::ParseCaseRef(words[1]);
        if (!ref) return BadRequest{"That is not a case reference: write it like `ESC-12` or `IC-3`."};
        return StatusRequest{*ref};
    }
    return BadRequest{"`/escalation` knows `list` and `status`."};
}

std::string ListButtonValue(ListFilter filter, int page) {
    return std::string(FilterName(filter)) + ":" + std::to_string(page);
}

std::optional<ListRequest> ParseListButtonValue(std::string_view value) {
    const auto colon = value.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto filter = FilterOf(value.substr(0, colon));
    const auto page = PageOf(value.substr(colon + 1));
    if (!filter || !page) return std::nullopt;
    return ListRequest{*filter, *page};
}

}  // namespace escbot::commands::case_list
