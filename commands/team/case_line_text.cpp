#include "commands/team/case_line_text.hpp"

#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::team {

std::string DueBadge(DueClass due_class) {
    switch (due_class) {
        case DueClass::kOverdue: return ":red_circle: *overdue*";
        case DueClass::kDueSoon: return ":large_orange_circle: _due soon_";
        case DueClass::kLater:
        case DueClass::kNone: return "";
    }
    return "";
}

std::string CaseLineMrkdwn(const CaseLine& line, const config::BusinessCalendar& calendar) {
    namespace bk = block_kit;
    std::string text = line.link.empty() ? "*" + line.ref + "*"
                                         : "*<" + line.link + "|" + line.ref + ">*";
    if (!line.type_text.empty()) text += " · " + bk::EscapeAndTruncate(line.type_text, 200);
    text += " · " + line.state_text;
    if (!line.owner.empty()) {
        // "claimed by @lead" for an escalation; an installer's state is its chase, so "owner @bo".
        text += (line.kind == storage::OpenCaseRow::Kind::kEscalation ? " by " : " · owner ") +
                escalation::views::UserMention(line.owner);
    }
    if (line.due) {
        const bool past = line.due_class == DueClass::kOverdue;
        text += std::string(past ? " · was due " : " · due ") + escalation::views::SlackDate(*line.due, calendar);
    }
    const std::string badge = DueBadge(line.due_class);
    if (!badge.empty()) text += " · " + badge;
    return text;
}

}  // namespace escbot::commands::team
