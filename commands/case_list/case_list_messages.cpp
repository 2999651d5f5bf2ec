#include "commands/case_list/case_list_messages.hpp"

#include <cctype>

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/limits.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/team/case_line_text.hpp"

namespace escbot::commands::case_list {
namespace {

using nlohmann::json;
namespace bk = block_kit;

json Ephemeral(std::string text, json blocks) {
    return {{"response_type", "ephemeral"},
            {"text", bk::Truncate(text, bk::limits::kMessageText)},
            {"blocks", std::move(blocks)}};
}

std::string Title(ListFilter filter) {
    switch (filter) {
        case ListFilter::kMine: return "Your open cases";
        case ListFilter::kOpen: return "Open cases";
        case ListFilter::kOverdue: return "Overdue cases";
        case ListFilter::kUnclaimed: return "Unclaimed cases";
    }
    return "Open cases";
}

json Field(const std::string& label, const std::string& value) {
    return {{"type", "mrkdwn"}, {"text", bk::TruncateMrkdwn("*" + label + "*\n" + value, bk::limits::kSectionFieldText)}};
}

}  // namespace

json ListMessage(const ListPage& page, const config::BusinessCalendar& calendar) {
    const std::string title = Title(page.filter);
    json blocks = json::array();
    std::string head = "*" + title + "* (" + std::to_string(page.total) + ")";
    if (page.pages > 1) head += " · page " + std::to_string(page.page) + " of " + std::to_string(page.pages);
    blocks.push_back(bk::Section(head));
    if (page.lines.empty()) {
        blocks.push_back(bk::Context({page.total == 0 ? "None right now." : "No page " + std::to_string(page.page) + "."}));
    }
    for (const auto& line : page.lines) blocks.push_back(bk::Section(team::CaseLineMrkdwn(line, calendar)));
    if (page.page < page.pages) {
        const std::string next = std::to_string(page.page + 1);
        blocks.push_back(
            {{"type", "actions"},
             {"block_id", "case_list_pages"},
             {"elements",
              {{{"type", "button"},
                {"action_id", std::string(kNextPageAction)},
                {"text", {{"type", "plain_text"}, {"text", "Next page"}}},
                {"value", ListButtonValue(page.filter, page.page + 1)}}}}});
        blocks.push_back(bk::Context({"or `/escalation list " + std::string(FilterName(page.filter)) + " " + next + "`"}));
    }
    return Ephemeral(title + ": " + std::to_string(page.total), std::move(blocks));
}

json StatusMessage(const CaseStatus& status, const config::BusinessCalendar& calendar) {
    const team::CaseLine& line = status.line;
    namespace views = escalation::views;
    std::string head = line.link.empty() ? "*" + line.ref + "*" : "*<" + line.link + "|" + line.ref + ">*";
    if (!line.type_text.empty()) head += " · " + bk::EscapeAndTruncate(line.type_text, 200);
    json fields = json::array();
    fields.push_back(Field("State", line.state_text));
    fields.push_back(Field("Owner", line.owner.empty() ? "nobody yet" : views::UserMention(line.owner)));
    fields.push_back(Field("Raised by", views::UserMention(line.raised_by)));
    fields.push_back(Field("Created", views::SlackDate(status.created_at, calendar)));
    if (line.due) {
        std::string due = views::SlackDate(*line.due, calendar);
        const std::string badge = team::DueBadge(line.due_class);
        if (!badge.empty()) due += " · " + badge;
        fields.push_back(Field("Due", due));
    } else {
        fields.push_back(Field("Due", "nothing due"));
    }
    fields.push_back(Field("Promise", status.promise.empty() ? "none yet" : status.promise));
    fields.push_back(Field("Last update",
                           status.last_update_at ? views::SlackDate(*status.last_update_at, calendar) : "none yet"));
    fields.push_back(Field("Thread", line.link.empty() ? "not posted yet" : "<" + line.link + "|open the thread>"));
    json blocks = json::array();
    blocks.push_back({{"type", "section"},
                      {"text", {{"type", "mrkdwn"}, {"text", bk::TruncateMrkdwn(head, bk::limits::kSectionText)}}},
                      {"fields", std::move(fields)}});
    return Ephemeral(line.ref + ": " + line.state_text, std::move(blocks));
}

json RefusedMessage(const Refused& refused) {
    std::string text = "You may not do that.";
    if (refused.rule != nullptr) {
        std::string action(refused.rule->action_text);
        if (!action.empty()) action[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(action[0])));
        text = "Only " + std::string(refused.rule->who_may) + " may " + action + ".";
    }
    return Ephemeral(text, json::array({bk::Section(bk::EscapeMrkdwn(text))}));
}

json NotFoundMessage(const team::ParsedRef& ref) {
    const std::string text = "There is no case " + team::CaseRef(ref.kind, ref.id) + ".";
    return Ephemeral(text, json::array({bk::Section(text)}));
}

json HelpMessage(std::string_view problem) {
    std::string text;
    if (!problem.empty()) text = std::string(problem) + "\n";
    text +=
        "*`/escalation list [mine|open|overdue|unclaimed] [page]`*: open escalations (ESC-n) and "
        "installer complaints (IC-n), overdue and due soon first, 10 a page. `mine` (the default): "
        "those you raised or own; the others are for the leads and the back office.\n"
        "*`/escalation status ESC-12`* or *`IC-3`*: a case's state, owner, due time, promise and "
        "thread.";
    return Ephemeral(text, json::array({bk::Section(text)}));
}

}  // namespace escbot::commands::case_list
