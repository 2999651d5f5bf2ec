#include "commands/escalation/views/case_messages.hpp"

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/limits.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::escalation::views {

namespace bk = block_kit;
using nlohmann::json;

namespace {

constexpr std::size_t kNoteMax = 2800;
// A DM's blocks: the head, then plain-text chunks of the summary.
constexpr std::size_t kChunkChars = 2900;
constexpr std::size_t kMaxChunks = bk::limits::kMessageBlocks - 3;

json OneSection(std::string_view fallback, std::string_view mrkdwn, std::string_view block_id) {
    return bk::Message(fallback, json::array({bk::Section(mrkdwn, block_id)}));
}

json PlainSection(std::string_view text, std::string_view block_id) {
    return {{"type", "section"},
            {"block_id", block_id},
            {"text", bk::PlainText(text, kChunkChars + 50)}};
}

/// Splits at line ends where it can, never inside a UTF-8 sequence.
std::vector<std::string> Chunks(std::string_view text) {
    std::vector<std::string> chunks;
    std::string current;
    std::size_t current_chars = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        end = end == std::string_view::npos ? text.size() : end + 1;
        std::string_view line = text.substr(pos, end - pos);
        pos = end;
        while (!line.empty()) {
            const std::size_t room = kChunkChars - current_chars;
            const std::size_t line_chars = bk::CountChars(line);
            if (line_chars <= room) {
                current += line;
                current_chars += line_chars;
                break;
            }
            if (current_chars > 0) {
                chunks.push_back(std::move(current));
                current.clear();
                current_chars = 0;
                continue;
            }
            // One line longer than a chunk: cut it at a character boundary.
            std::size_t bytes = 0, chars = 0;
            while (bytes < line.size() && chars < kChunkChars) {
                const auto c = static_cast<unsigned char>(line[bytes]);
                std::size_t len = c < 0x80           ? 1
                                  : (c >> 5) == 0x6  ? 2
                                  : (c >> 4) == 0xE  ? 3
                                  : (c >> 3) == 0x1E ? 4
                                                     : 1;
                bytes += std::min(len, line.size() - bytes);
                ++chars;
            }
            chunks.emplace_back(line.substr(0, bytes));
            line.remove_prefix(bytes);
        }
    }
    if (!current.empty()) chunks.push_back(std::move(current));
    return chunks;
}

}  // namespace

json ClaimedReply(std::string_view user) {
    return OneSection("Case claimed", ":raising_hand: " + UserMention(user) + " claimed this case.",
                      "case_claimed");
}

json UpdateReply(std::string_view author, std::string_view text) {
    return OneSection("Case update",
                      ":memo: *Update from " + UserMention(author) + ":*\n" +
                          bk::EscapeAndTruncate(text, kNoteMax),
                      "case_update");
}

json ResolvedReply(std::string_view by, std::string_view note) {
    return OneSection("Case resolved",
                      ":white_check_mark: *Resolved by " + UserMention(by) + ":*\n" +
                          bk::EscapeAndTruncate(note, kNoteMax),
                      "case_resolved");
}

json InteractionAddedReply(const InteractionAdded& added) {
    std::string text = ":telephone_receiver: *Another interaction* was added to this case by " +
                       UserMention(added.agent) + ".";
    text += "\n*Interaction ID:* " + (added.interaction_id.empty()
                                          ? std::string("—")
                                          : bk::EscapeAndTruncate(added.interaction_id, 200));
    if (!added.origin.empty())
        text += "\n*Who is escalating:* " + bk::EscapeAndTruncate(added.origin, 100);
    text +=
        std::string("\n*Asked for a lead or supervisor:* ") + (added.asked_for_lead ? "Yes" : "No");
    if (!added.qualifiers.empty()) {
        std::string list;
        for (const auto& q : added.qualifiers) list += (list.empty() ? "" : ", ") + q;
        text += "\n*Qualifiers:* " + bk::EscapeAndTruncate(list, 1500);
    }
    return OneSection("Another interaction was added to this case", text, "case_interaction");
}

json FollowUpReminderReply(std::string_view mentions_mrkdwn, TimePoint due,
                           const config::BusinessCalendar& calendar) {
    std::string text = ":alarm_clock: *Follow-up due:* the customer was promised an update by " +
                       SlackDate(due, calendar) + " and this case is still open.";
    if (!mentions_mrkdwn.empty()) text += " " + std::string(mentions_mrkdwn);
    text += " Please contact the customer, post an update here, and resolve the case when done.";
    return OneSection("Follow-up due", bk::TruncateMrkdwn(text, bk::limits::kSectionText),
                      "case_reminder");
}

json AgentCaseCreatedMessage(std::string_view case_id, std::string_view channel_id,
                             std::optional<TimePoint> follow_up_due,
                             std::string_view plain_text_summary,
                             const config::BusinessCalendar& calendar) {
    std::string head = ":white_check_mark: *Case " + bk::EscapeAndTruncate(case_id, 50) +
                       "* was posted to " +
                       (channel_id.empty() ? std::string("the Resolution Team")
                                           : "<#" + bk::EscapeAndTruncate(channel_id, 30) + ">");
    if (follow_up_due) head += ". Follow-up due " + SlackDate(*follow_up_due, calendar);
    head += ". The summary below is ready to paste into the CRM case; the thread link follows.";
    json blocks = json::array({bk::Section(head, "agent_case_head")});
    std::vector<std::string> chunks = Chunks(bk::SanitizeUtf8(plain_text_summary));
    bool cut = false;
    if (chunks.size() > kMaxChunks) {
        chunks.resize(kMaxChunks);
        cut = true;
    }
    for (std::size_t i = 0; i < chunks.size(); ++i) {
        blocks.push_back(PlainSection(chunks[i], "agent_case_text_" + std::to_string(i)));
    }
    if (cut) {
        blocks.push_back(bk::Context({"… The summary is longer than one message: the rest is in "
                                      "the case thread and the case record."},
                                     "agent_case_cut"));
    }
    return bk::Message(
        "Case " + bk::EscapeAndTruncate(case_id, 50) + " was posted: summary for the CRM",
        std::move(blocks));
}

json AgentPermalinkMessage(std::string_view case_id, std::string_view permalink) {
    // Slack's own URL, shown whole so it can be copied; escaped like any text placed in mrkdwn.
    return OneSection("Thread link for case " + bk::EscapeAndTruncate(case_id, 50),
                      ":link: Thread of case *" + bk::EscapeAndTruncate(case_id, 50) +
                          "*: " + bk::EscapeAndTruncate(permalink, 2000),
                      "agent_case_link");
}

}  // namespace escbot::commands::escalation::views
