#include "commands/escalation/views/draft_messages.hpp"

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::escalation::views {

namespace bk = block_kit;

nlohmann::json DraftExpiredMessage(const ExpiredDraft& draft, const config::BusinessCalendar& calendar) {
    const std::string who = draft.homeowner_name.empty()
                                ? std::string("with no homeowner name yet")
                                : "for *" + bk::EscapeAndTruncate(draft.homeowner_name, 150) + "*";
    const std::string text =
        ":wastebasket: Your unfinished escalation form " + who + " (started " +
        SlackDate(draft.started_at, calendar) + ", stopped at *" +
        bk::EscapeAndTruncate(draft.step_title, 100) + "*) was closed: it had no change for " +
        bk::EscapeAndTruncate(draft.max_age, 20) + " (last saved " + SlackDate(draft.saved_at, calendar) +
        "). If the customer still needs it, run `/escalate` to start again.";
    const std::string fallback = "Your unfinished escalation form was closed after " +
                                 bk::Truncate(draft.max_age, 20) + " without a change.";
    return bk::Message(fallback, nlohmann::json::array({bk::Section(text, "draft_expired")}));
}

}  // namespace escbot::commands::escalation::views
