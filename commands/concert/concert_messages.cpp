#include "commands/concert/concert_messages.hpp"

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/concert/concert_ids.hpp"
#include "config/time_text.hpp"

namespace escbot::commands::concert {
namespace {

using nlohmann::json;
using Status = storage::ConcertRequest::Status;
namespace bk = block_kit;

std::string Number(const storage::ConcertRequest& r) { return "#" + std::to_string(r.id); }

std::string Channel(std::string_view channel) { return "<#" + std::string(channel) + ">"; }

std::string User(std::string_view user) { return "<@" + std::string(user) + ">"; }

/// "10:03 AM EST" on the local day of `reference`, else "Tue Nov 24, 10:03 AM EST".
std::string When(const config::Rotation& rotation, TimePoint t, TimePoint reference) {
    if (rotation.LocalDayOf(t) == rotation.LocalDayOf(reference)) {
        return config::FormatClockTime(rotation, t);
    }
    return config::FormatDayAndTime(rotation, t);
}

/// A Slack date token: shown in the reader's own zone, `fallback` where tokens are not rendered.
std::string DateToken(TimePoint t, const std::string& fallback) {
    return "<!date^" + std::to_string(ToUnix(t)) + "^{date_short_pretty} at {time}|" + fallback +
           ">";
}

/// "under a minute", "3 min", "2 h 5 min", "1 d 14 h".
std::string Elapsed(Seconds d) {
    const long long minutes = d.count() / 60;
    if (minutes < 1) return "under a minute";
    if (minutes < 60) return std::to_string(minutes) + " min";
    const long long hours = minutes / 60;
    if (hours < 24) return std::to_string(hours) + " h " + std::to_string(minutes % 60) + " min";
    return std::to_string(hours / 24) + " d " + std::to_string(hours % 24) + " h";
}

std::string Homeowner(const storage::ConcertRequest& r) {
    return bk::EscapeAndTruncate(r.homeowner, kMaxHomeownerChars);
}

std::string Address(const storage::ConcertRequest& r) {
    return bk::EscapeAndTruncate(r.address, kMaxAddressChars);
}

json Fields(const storage::ConcertRequest& r) {
    return bk::SectionFields({"*Agent*\n" + User(r.agent_id), "*Homeowner*\n" + Homeowner(r),
                              "*Property address*\n" + Address(r)},
                             "concert_details");
}

json Text(std::string text) {
    return {{"text", bk::TruncateMrkdwn(text, bk::limits::kMessageText)}};
}

json CancelButton(const storage::ConcertRequest& r) {
    return bk::Button("Cancel request", kCancelAction, std::to_string(r.id),
                      bk::ButtonStyle::kDanger);
}

}  // namespace

std::string Mentions(const std::vector<std::string>& ids) {
    std::string text;
    for (const auto& id : ids) {
        if (!text.empty()) text += ' ';
        text += !id.empty() && id.front() == 'S' ? "<!subteam^" + id + ">" : User(id);
    }
    return text;
}

std::vector<std::string> DutyIds(const config::Duty& duty) {
    std::vector<std::string> ids = duty.users;
    ids.insert(ids.end(), duty.groups.begin(), duty.groups.end());
    return ids;
}

std::string_view AnswerLabel(Status answer) {
    return answer == Status::kConfirmed ? "Confirmed: Concert customer" : "Not a Concert customer";
}

json RequestPost(const storage::ConcertRequest& r, const config::Rotation& rotation,
                 std::optional<TimePoint> held_since) {
    const std::string tags = Mentions(r.tagged);
    const std::string question = "is this caller a Concert customer?";
    const std::string ask = tags.empty()
                                ? "No one is on duty in `" + rotation.name() + "`: " + question
                                : tags + ": " + question;
    std::string context = "Asked by " + User(r.agent_id) + " at " +
                          When(rotation, r.created_at, r.posted_at.value_or(r.created_at)) + ".";
    if (held_since) context += " Held until now: no one was on duty when it was asked.";
    context += " Anyone on the Concert confirmation rotation may answer; the first answer counts.";
    context += " Only " + User(r.agent_id) + " can cancel.";

    json blocks = json::array();
    blocks.push_back(
        bk::Section(":mag: *Concert confirmation needed* · request " + Number(r) + "\n" + ask));
    blocks.push_back(Fields(r));
    blocks.push_back(bk::Context({context}));
    blocks.push_back(bk::Actions(
        kAnswerBlock,
        {bk::Button("Confirmed: Concert customer", kConfirmAction, std::to_string(r.id),
                    bk::ButtonStyle::kPrimary),
         bk::Button("Not a Concert customer", kNotConcertAction, std::to_string(r.id)),
         bk::Button("Need more info", kMoreInfoAction, std::to_string(r.id)), CancelButton(r)}));
    return bk::Message("Concert confirmation needed (request " + Number(r) + ")" +
                           (tags.empty() ? "" : ": " + tags),
                       std::move(blocks));
}

json ClosedPost(const storage::ConcertRequest& r, const config::Rotation& rotation) {
    const TimePoint closed = r.closed_at.value_or(r.created_at);
    const TimePoint posted = r.posted_at.value_or(r.created_at);
    std::string headline, context;
    if (r.status == Status::kCancelled) {
        headline = ":no_entry_sign: *Cancelled* · request " + Number(r);
        context =
            "Cancelled by " + User(r.closed_by) + " at " + When(rotation, closed, posted) + ".";
    } else {
        headline = std::string(r.status == Status::kConfirmed ? ":white_check_mark: *" : ":x: *") +
                   std::string(AnswerLabel(r.status)) + "* · request " + Number(r);
        context = "Answered by " + User(r.closed_by) + " at " + When(rotation, closed, posted) +
                  ", " + Elapsed(closed - posted) + " after it was posted.";
    }
    json blocks = json::array();
    blocks.push_back(bk::Section(headline));
    blocks.push_back(Fields(r));
    blocks.push_back(bk::Context({context}));
    const std::string fallback =
        "Concert confirmation, request " + Number(r) + ": " +
        (r.status == Status::kCancelled ? std::string("cancelled")
                                        : std::string(AnswerLabel(r.status))) +
        " (" + User(r.closed_by) + ")";
    json message = bk::Message(fallback, std::move(blocks));
    message["text"] =
        bk::TruncateMrkdwn(message["text"].get<std::string>(), bk::limits::kUpdateText);
    return message;
}

json AnswerReply(const storage::ConcertRequest& r, const config::Rotation& rotation) {
    const TimePoint closed = r.closed_at.value_or(r.created_at);
    return Text(User(r.agent_id) + " " + User(r.closed_by) + " answered *" +
                std::string(AnswerLabel(r.status)) + "* at " +
                When(rotation, closed, r.posted_at.value_or(r.created_at)) + ".");
}

json ReminderReply(const storage::ConcertRequest& r, int number, int of) {
    const std::string tags = Mentions(r.tagged);
    return Text(":alarm_clock: Reminder " + std::to_string(number) + " of " + std::to_string(of) +
                (tags.empty() ? "" : ": " + tags) + ", request " + Number(r) +
                " is still waiting for an answer. Is this caller a Concert customer?");
}

json FallbackReply(const storage::ConcertRequest& r, const std::vector<std::string>& fallback_ids,
                   std::string_view fallback_rotation) {
    return Text(":rotating_light: No answer after " + std::to_string(r.reminders_sent) +
                (r.reminders_sent == 1 ? " reminder" : " reminders") + ". " +
                Mentions(fallback_ids) + " (`" + std::string(fallback_rotation) +
                "`), can you confirm request " + Number(r) +
                " or find someone who can? You may answer with the buttons above.");
}

json QuestionReply(const storage::ConcertRequest& r, std::string_view asker,
                   std::string_view question) {
    const std::string escaped = bk::EscapeAndTruncate(question, kMaxQuestionChars);
    std::string quoted;
    std::size_t start = 0;
    while (start <= escaped.size()) {
        const auto end = escaped.find('\n', start);
        const auto line = std::string_view(escaped).substr(
            start, end == std::string::npos ? std::string::npos : end - start);
        quoted += ">" + std::string(line) + "\n";
        if (end == std::string::npos) break;
        start = end + 1;
    }
    const std::string text = ":speech_balloon: " + User(asker) + " needs more information from " +
                             User(r.agent_id) + " about request " + Number(r) + ":\n" + quoted +
                             "Please answer in this thread, then press *Answered*. Reminders wait "
                             "until then.";
    return bk::Message(
        text, json::array({bk::Section(text),
                           bk::Actions("concert_question",
                                       {bk::Button("Answered", kQuestionAnsweredAction,
                                                   std::to_string(r.id),
                                                   bk::ButtonStyle::kPrimary)})}));
}

json QuestionAnsweredReply(const storage::ConcertRequest& r) {
    const std::string tags = Mentions(r.tagged);
    return Text(":white_check_mark: " + User(r.agent_id) + " answered the question above" +
                (tags.empty() ? "." : ". " + tags + ", can you confirm request " + Number(r) +
                                          " now?"));
}

json AgentAnswerNote(const storage::ConcertRequest& r, const config::Rotation& rotation,
                     std::string_view channel, const ConcertGuidance* guidance) {
    const TimePoint closed = r.closed_at.value_or(r.created_at);
    json note = Text(":bell: Concert confirmation request " + Number(r) + " (" + Homeowner(r) +
                     "): " + User(r.closed_by) + " answered *" +
                     std::string(AnswerLabel(r.status)) + "* at " +
                     When(rotation, closed, r.created_at) + ". Details in " + Channel(channel) +
                     ".");
    if (guidance == nullptr || r.status != Status::kConfirmed) return note;
    const auto line = [](std::string_view emoji, const std::string& text) {
        return std::string(emoji) + " " + bk::EscapeAndTruncate(text, kMaxGuidanceChars);
    };
    json blocks = json::array();
    blocks.push_back(bk::Section(note["text"].get<std::string>(), "concert_answer_note"));
    blocks.push_back(bk::Section(line(":information_source:", guidance->financier),
                                 "concert_financier"));
    blocks.push_back(bk::Section(line(":telephone_receiver:", guidance->contact_check),
                                 "concert_contact_check"));
    blocks.push_back(bk::Section(line(":rotating_light:", guidance->escalate),
                                 "concert_escalate"));
    note["blocks"] = std::move(blocks);
    return note;
}

json AgentFallbackNote(const storage::ConcertRequest& r, std::string_view fallback_rotation,
                       std::string_view channel) {
    return Text(":rotating_light: Your Concert confirmation request " + Number(r) + " (" +
                Homeowner(r) + ") had no answer after " + std::to_string(r.reminders_sent) +
                (r.reminders_sent == 1 ? " reminder" : " reminders") + ": it went to the `" +
                std::string(fallback_rotation) + "` rotation in " + Channel(channel) + ".");
}

json AgentPostedNote(const storage::ConcertRequest& r, std::string_view channel) {
    return Text(":outbox_tray: Your held Concert confirmation request " + Number(r) + " (" +
                Homeowner(r) + ") is now posted in " + Channel(channel) +
                (r.tagged.empty() ? "." : ", tagging " + Mentions(r.tagged) + "."));
}

json AgentQuestionNote(const storage::ConcertRequest& r, std::string_view asker,
                       std::string_view channel) {
    return Text(":speech_balloon: " + User(asker) +
                " needs more information about your Concert confirmation request " + Number(r) +
                " (" + Homeowner(r) + "). The question is in its thread in " + Channel(channel) +
                ".");
}

json RequestAccepted(const storage::ConcertRequest& r, const config::Rotation& rotation,
                     std::string_view channel, std::optional<TimePoint> opens_at) {
    std::string text;
    if (opens_at) {
        const std::string when = config::FormatDayAndTime(rotation, *opens_at);
        text =
            ":crescent_moon: No one is on duty for Concert confirmation right now. Your request " +
            Number(r) + " is held and will be posted in " + Channel(channel) +
            " when the next window opens: *" + when + "* (" + DateToken(*opens_at, when) +
            " your time).";
    } else {
        const std::string tags = Mentions(r.tagged);
        text = ":outbox_tray: Your Concert confirmation request " + Number(r) +
               " is being posted in " + Channel(channel) +
               (tags.empty() ? "." : ", tagging " + tags + ".");
    }
    text += " You will hear here and by direct message when someone answers.";
    json blocks = json::array();
    blocks.push_back(bk::Section(text));
    blocks.push_back(
        bk::Context({"*Homeowner:* " + Homeowner(r) + " · *Property address:* " + Address(r) +
                     " · To cancel later: `/concert cancel " + std::to_string(r.id) + "`"}));
    blocks.push_back(bk::Actions("concert_accepted", {CancelButton(r)}));
    json message = bk::Message(text, std::move(blocks));
    message["response_type"] = "ephemeral";
    return message;
}

json RequestModal(std::string_view channel, std::string_view homeowner, std::string_view address) {
    bk::ModalSpec spec;
    spec.title = "Concert confirmation";
    spec.submit = "Post request";
    spec.close = "Cancel";
    spec.callback_id = std::string(kRequestModal);
    spec.private_metadata = std::string(channel);
    spec.blocks.push_back(bk::Section(
        "Ask the Concert confirmation contacts on duty whether this caller is a Concert customer. "
        "Use the name and property address as the caller gave them."));
    bk::TextInputSpec name;
    name.max_length = kMaxHomeownerChars;
    name.initial_value = std::string(homeowner);
    name.placeholder = "First and last name";
    spec.blocks.push_back(
        bk::Input(kHomeownerBlock, "Homeowner name", bk::PlainTextInput(kValueAction, name)));
    bk::TextInputSpec where;
    where.max_length = kMaxAddressChars;
    where.initial_value = std::string(address);
    where.placeholder = "Street, city, state";
    spec.blocks.push_back(
        bk::Input(kAddressBlock, "Property address", bk::PlainTextInput(kValueAction, where)));
    return bk::Modal(std::move(spec));
}

json RequestAcceptedModal(const storage::ConcertRequest& r, const config::Rotation& rotation,
                          std::string_view channel, std::optional<TimePoint> opens_at) {
    json accepted = RequestAccepted(r, rotation, channel, opens_at);
    bk::ModalSpec spec;
    spec.title = "Concert confirmation";
    spec.close = "Done";
    spec.callback_id = "concert_request_accepted";
    spec.blocks.push_back(accepted["blocks"][0]);
    spec.blocks.push_back(accepted["blocks"][1]);
    return bk::Modal(std::move(spec));
}

json QuestionModal(const storage::ConcertRequest& r) {
    bk::ModalSpec spec;
    spec.title = "Need more info";
    spec.submit = "Ask";
    spec.close = "Cancel";
    spec.callback_id = std::string(kQuestionModal);
    spec.private_metadata = std::to_string(r.id);
    spec.blocks.push_back(bk::Section("Your question goes to " + User(r.agent_id) +
                                      " in the thread of request " + Number(r) + "."));
    bk::TextInputSpec question;
    question.multiline = true;
    question.max_length = kMaxQuestionChars;
    question.placeholder = "What do you need to know?";
    spec.blocks.push_back(
        bk::Input(kQuestionBlock, "Question", bk::PlainTextInput(kValueAction, question)));
    return bk::Modal(std::move(spec));
}

}  // namespace escbot::commands::concert
