#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "commands/team/case_line.hpp"

namespace escbot::commands::case_list {

// What `/escalation …` asks for, read from the command's text. Pure.

inline constexpr std::string_view kCommand = "/escalation";
/// The "Next page" button under a list; its value is ListButtonValue.
inline constexpr std::string_view kNextPageAction = "case_list_next";
/// Cases per page of a list (each a section: a page stays far inside a message's 50 blocks and
/// 12,000 characters).
inline constexpr int kPageSize = 10;

enum class ListFilter { kMine, kOpen, kOverdue, kUnclaimed };

/// "mine", "open", "overdue", "unclaimed".
std::string_view FilterName(ListFilter filter);

struct ListRequest {
    ListFilter filter = ListFilter::kMine;
    int page = 1;
};
struct StatusRequest {
    team::ParsedRef ref;
};
struct HelpRequest {};
/// Text that does not read: `problem` says what (it quotes nothing the user typed).
struct BadRequest {
    std::string problem;
};

using Request = std::variant<ListRequest, StatusRequest, HelpRequest, BadRequest>;

/// "" or "help" -> help; "list [mine|open|overdue|unclaimed] [page]" (mine, page 1 by default;
/// the page may also come first: "list 2"); "status ESC-12" / "status IC-3". Case-insensitive.
Request ParseRequest(std::string_view text);

/// The Next page button's value: "open:2".
std::string ListButtonValue(ListFilter filter, int page);
std::optional<ListRequest> ParseListButtonValue(std::string_view value);

}  // namespace escbot::commands::case_list
