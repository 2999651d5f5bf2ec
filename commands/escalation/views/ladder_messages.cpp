#include "commands/escalation/views/ladder_messages.hpp"

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation::views {

namespace bk = block_kit;
using nlohmann::json;

namespace {

constexpr std::size_t kFactMax = 600;
constexpr std::size_t kConcernMax = 1500;
constexpr std::size_t kLineMax = 700;

std::string Mentions(const std::vector<std::string>& users,
                     const std::vector<std::string>& groups) {
    std::string out;
    for (const auto& user : users) out += (out.empty() ? "" : " ") + UserMention(user);
    for (const auto& group : groups) out += (out.empty() ? "" : " ") + GroupMention(group);
    return out;
}

std::string Fact(std::string_view label, std::string_view raw) {
    return "*" + std::string(label) + "*\n" +
           (raw.empty() ? std::string("—") : bk::EscapeAndTruncate(raw, kFactMax));
}

json SkippedContext(const std::vector<SkippedTier>& skipped) {
    std::string text;
    for (const SkippedTier& tier : skipped) {
        text += (text.empty() ? "" : "\n") + bk::EscapeAndTruncate(tier.tier_name, 100) +
                " skipped: no one on duty" +
                (tier.next_shift_text.empty()
                     ? std::string()
                     : "; next shift starts " + bk::EscapeAndTruncate(tier.next_shift_text, 100));
    }
    return bk::Context({bk::TruncateMrkdwn(text, kLineMax)}, "ladder_skipped");
}

json PingBlocks(const LadderPing& ping, const config::BusinessCalendar& calendar) {
    json blocks = json::array();
    blocks.push_back(
        bk::Header(":rotating_light: Live escalation " + ping.case_id + ": " + ping.tier_name,
                   "ladder_header"));
    const std::string who = Mentions(ping.users, ping.groups);
    const std::string otherwise =
        ping.voicemail_next
            ? "otherwise the customer goes to *voicemail*: this is the last tier before it."
            : "otherwise it moves to the next tier.";
    blocks.push_back(bk::Section(
        (who.empty() ? std::string("_No one is on duty for this tier._") : who) +
            " — a customer is waiting on the line and refuses to wait for a follow-up. *Answer "
            "within " +
            std::to_string(ping.window_seconds) + " seconds* (by " +
            SlackTime(ping.deadline, calendar) +
            "), discuss the concern with the agent, then accept it for handling or not; " +
            otherwise,
        "ladder_page"));
    if (!ping.skipped.empty()) blocks.push_back(SkippedContext(ping.skipped));
    blocks.push_back(bk::SectionFields(
        {Fact("Homeowner", ping.homeowner_name), Fact("Property address", ping.property_address),
         Fact("Who is escalating", ping.origin), Fact("Interaction ID", ping.interaction_id),
         "*Agent*\n" + UserMention(ping.agent),
         Fact("Transfer skill", ping.skill.empty() ? ping.tier_name : ping.skill)},
        "ladder_facts"));
    blocks.push_back(bk::Section(
        "*Concern*\n" + (ping.concern.empty() ? std::string("Not recorded")
                                              : bk::EscapeAndTruncate(ping.concern, kConcernMax)),
        "ladder_concern"));
    if (!ping.instructions.empty()) {
        blocks.push_back(bk::Context({bk::EscapeAndTruncate(ping.instructions, kLineMax)},
                                     "ladder_instructions"));
    }
    return blocks;
}

std::string Fallback(const LadderPing& ping) {
    return "Live escalation " + bk::EscapeAndTruncate(ping.case_id, 50) + " for " +
           bk::EscapeAndTruncate(ping.tier_name, 100) + ": answer within " +
           std::to_string(ping.window_seconds) + " seconds";
}

std::string EventLine(const LadderEventLine& e, const config::BusinessCalendar& calendar) {
    const std::string when = SlackTime(e.at, calendar) + "  ";
    const std::string tier = "*" + bk::EscapeAndTruncate(e.tier_name, 100) + "*";
    if (e.event == "paged") {
        const std::string who = Mentions(e.users, e.groups);
        std::string line = when + tier + " paged" + (who.empty() ? "" : " (" + who + ")");
        if (e.deadline) line += ", answer by " + SlackTime(*e.deadline, calendar);
        return line;
    }
    if (e.event == "skipped") {
        return when + tier + " skipped: no one on duty" +
               (e.next_shift_text.empty()
                    ? std::string()
                    : "; next shift starts " + bk::EscapeAndTruncate(e.next_shift_text, 100));
    }
    if (e.event == "answered") {
        return when + tier + ": answered by " + UserMention(e.by) +
               " (the clock stopped); discussing";
    }
    if (e.event == "not_accepted") return when + tier + ": *not accepted* by " + UserMention(e.by);
    if (e.event == "timeout") return when + tier + ": no answer within the window";
    if (e.event == "declined") return when + tier + ": declined by " + UserMention(e.by);
    if (e.event == "accepted") {
        std::string line = when + ":white_check_mark: " + tier + ": *accepted by " +
                           UserMention(e.by) + "* for handling. Complete the warm transfer now";
        if (!e.skill.empty()) line += " (skill " + bk::EscapeAndTruncate(e.skill, 100) + ")";
        return line + ", and give them every detail.";
    }
    if (e.event == "voicemail") {
        std::string line = when + ":telephone_receiver: *No one took the call.*";
        if (!e.instructions.empty()) line += " " + bk::EscapeAndTruncate(e.instructions, kLineMax);
        return line;
    }
    return when + tier + " " + bk::EscapeAndTruncate(e.event, 50);
}

std::string Headline(std::string_view case_id, const std::vector<LadderEventLine>& events) {
    const std::string id = bk::EscapeAndTruncate(case_id, 50);
    if (events.empty()) return "*Live transfer " + id + "*";
    const LadderEventLine& last = events.back();
    if (last.event == "accepted") {
        return "*Live transfer " + id + ": accepted by " + UserMention(last.by) + "*";
    }
    if (last.event == "voicemail") {
        return "*Live transfer " + id + ": no one took the call (voicemail)*";
    }
    if (last.event == "answered") {
        return "*Live transfer " + id + ": answered by " + UserMention(last.by) +
               ", discussing…*";
    }
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        if (it->event == "paged") {
            return "*Live transfer " + id + ": paging " +
                   bk::EscapeAndTruncate(it->tier_name, 100) + "…*";
        }
    }
    return "*Live transfer " + id + "*";
}

}  // namespace

json LadderPingMessage(const LadderPing& ping, const config::BusinessCalendar& calendar) {
    json blocks = PingBlocks(ping, calendar);
    if (ping.answered_by.empty()) {
        blocks.push_back(bk::Actions(ids::kLadderActionsBlockId,
                                     {bk::Button("Answer", ids::kLadderAnswerActionId,
                                                 ping.button_value, bk::ButtonStyle::kPrimary),
                                      bk::Button("Decline", ids::kLadderDeclineActionId,
                                                 ping.button_value, bk::ButtonStyle::kDanger)}));
        return bk::Message(Fallback(ping), std::move(blocks));
    }
    const std::string at =
        ping.answered_at ? " at " + SlackTime(*ping.answered_at, calendar) : std::string();
    blocks.push_back(bk::Section(
        ":telephone_receiver: *Answered by " + UserMention(ping.answered_by) + "*" + at +
            ": the window's clock stopped. Discuss the concern with the agent, then record "
            "whether you accept it for handling (the transfer is completed) or not (the next "
            "tier is paged at once). Only " +
            UserMention(ping.answered_by) + " can record it.",
        "ladder_answered"));
    blocks.push_back(bk::Actions(
        ids::kLadderActionsBlockId,
        {bk::Button("Accepted for handling", ids::kLadderAcceptActionId, ping.button_value,
                    bk::ButtonStyle::kPrimary),
         bk::Button("Not accepted", ids::kLadderNotAcceptActionId, ping.button_value,
                    bk::ButtonStyle::kDanger)}));
    return bk::Message(Fallback(ping), std::move(blocks));
}

json LadderPingClosedMessage(const LadderPing& ping, std::string_view outcome_mrkdwn,
                             const config::BusinessCalendar& calendar) {
    json blocks = PingBlocks(ping, calendar);
    blocks.push_back(bk::Section(bk::TruncateMrkdwn(outcome_mrkdwn, bk::limits::kSectionText),
                                 "ladder_outcome"));
    return bk::Message(Fallback(ping), std::move(blocks));
}

json LadderStatusMessage(std::string_view case_id, const std::vector<LadderEventLine>& events,
                         const config::BusinessCalendar& calendar,
                         std::optional<TimePoint> follow_up_due) {
    const std::string headline = Headline(case_id, events);
    std::string lines;
    for (const LadderEventLine& event : events) {
        lines += (lines.empty() ? "" : "\n") + std::string("• ") + EventLine(event, calendar);
    }
    json blocks = json::array();
    blocks.push_back(bk::Section(headline, "ladder_status_head"));
    if (!lines.empty()) {
        blocks.push_back(bk::Section(bk::TruncateMrkdwn(lines, bk::limits::kSectionText),
                                     "ladder_status_steps"));
    }
    if (follow_up_due) {
        blocks.push_back(bk::Context({"A follow-up case " + bk::EscapeAndTruncate(case_id, 50) +
                                      " was created for the Resolution Team, due " +
                                      SlackDate(*follow_up_due, calendar) + "."},
                                     "ladder_status_case"));
    }
    // chat.update allows 4000 characters of text: the headline is the notification.
    return bk::Message(bk::TruncateMrkdwn(headline, 1000), std::move(blocks));
}

std::string LadderRefusalText(std::string_view attempted, std::string_view who_may,
                              const std::vector<std::string>& may, bool raised_it) {
    std::vector<std::string> users;
    std::vector<std::string> groups;
    for (const std::string& id : may) (id.rfind('S', 0) == 0 ? groups : users).push_back(id);
    const std::string names = Mentions(users, groups);
    std::string text = raised_it ? "You raised this escalation, so you cannot " +
                                       std::string(attempted) + "."
                                 : "You cannot " + std::string(attempted) + ".";
    text += " Only " + std::string(who_may) + " may" +
            (names.empty() ? std::string(".") : ": " + names + ".");
    return bk::TruncateMrkdwn(text, 3000);
}

}  // namespace escbot::commands::escalation::views
