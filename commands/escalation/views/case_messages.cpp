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
// The CRM text's messages: four plain-text chunks each, under Slack's total for one message
// (msg_blocks_too_long past 12,000 characters); at most kMaxCrmMessages of them.
constexpr std::size_t kChunksPerMessage = 4;
constexpr std::size_t kMaxCrmMessages = 5;

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

json ReassignedReply(std::string_view by, std::string_view from, std::string_view to,
                     std::string_view note) {
    std::string text = ":arrows_counterclockwise: " + UserMention(by) +
                       " reassigned this case from " + UserMention(from) + " to " +
                       UserMention(to) + ".";
    if (!note.empty()) text += "\n" + bk::EscapeAndTruncate(note, kNoteMax);
    return OneSection("Case reassigned", text, "case_reassigned");
}

namespace {

json PromiseReply(std::string_view fallback, std::string text, std::string_view mentions,
                  std::string_view ask, std::string_view block_id) {
    if (!mentions.empty()) text += " " + std::string(mentions);
    text += " " + std::string(ask);
    return OneSection(fallback, bk::TruncateMrkdwn(text, bk::limits::kSectionText), block_id);
}

constexpr std::string_view kAskForUpdate =
    "Please contact the customer and post the update here with *Add update*.";

}  // namespace

json DueSoonReply(std::string_view mentions_mrkdwn, TimePoint due,
                  const config::BusinessCalendar& calendar) {
    return PromiseReply("Update due soon",
                        ":hourglass_flowing_sand: *Update due soon:* the customer was promised "
                        "an update by " + SlackDate(due, calendar) + ".",
                        mentions_mrkdwn, kAskForUpdate, "case_due_soon");
}

json OverdueReply(std::string_view mentions_mrkdwn, TimePoint due,
                  const config::BusinessCalendar& calendar) {
    return PromiseReply("Case overdue",
                        ":rotating_light: *Overdue:* the update promised to the customer by " +
                            SlackDate(due, calendar) + " was not given.",
                        mentions_mrkdwn, kAskForUpdate, "case_overdue");
}

json StillOverdueReply(std::string_view mentions_mrkdwn, TimePoint due,
                       const config::BusinessCalendar& calendar) {
    return PromiseReply("Case still overdue",
                        ":alarm_clock: *Still overdue:* the update promised by " +
                            SlackDate(due, calendar) + " has not been given yet.",
                        mentions_mrkdwn, kAskForUpdate, "case_still_overdue");
}

json AgentCaseNewsMessage(const CaseNews& news, const config::BusinessCalendar& calendar) {
    using Kind = CaseNews::Kind;
    const std::string id = "*" + bk::EscapeAndTruncate(news.case_id, 50) + "*";
    std::string fallback = "Case " + bk::EscapeAndTruncate(news.case_id, 50);
    std::string text;
    switch (news.kind) {
        case Kind::kClaimed:
            fallback += " was claimed";
            text = ":raising_hand: Your escalation " + id + " was claimed by " +
                   UserMention(news.by) + ", who now owns it.";
            break;
        case Kind::kUpdated:
            fallback += ": the customer was given an update";
            text = ":memo: " + UserMention(news.by) + " gave the customer an update on " + id +
                   ":\n" + bk::EscapeAndTruncate(news.text, kNoteMax);
            if (news.next_due) {
                text += "\nNext update due " + SlackDate(*news.next_due, calendar) + ".";
            }
            break;
        case Kind::kReassigned:
            fallback += " was reassigned";
            text = ":arrows_counterclockwise: Your escalation " + id + " was reassigned to " +
                   UserMention(news.to) + " by " + UserMention(news.by) + ".";
            break;
        case Kind::kResolved:
            fallback += " was resolved";
            text = ":white_check_mark: Your escalation " + id + " was resolved by " +
                   UserMention(news.by) + ":\n" + bk::EscapeAndTruncate(news.text, kNoteMax);
            break;
    }
    return OneSection(fallback, bk::TruncateMrkdwn(text, bk::limits::kSectionText),
                      "agent_case_news");
}

std::vector<json> AgentCaseCreatedMessages(std::string_view case_id, std::string_view channel_id,
                                           std::optional<TimePoint> follow_up_due,
                                           std::string_view plain_text_summary,
                                           const config::BusinessCalendar& calendar) {
    const std::string id = bk::EscapeAndTruncate(case_id, 50);
    std::string head = ":white_check_mark: *Case " + id + "* was posted to " +
                       (channel_id.empty() ? std::string("the Resolution Team")
                                           : "<#" + bk::EscapeAndTruncate(channel_id, 30) + ">");
    if (follow_up_due) head += ". Follow-up due " + SlackDate(*follow_up_due, calendar);
    head += ". The summary below is ready to paste into the CRM case; the thread link follows.";
    const std::vector<std::string> chunks = Chunks(bk::SanitizeUtf8(plain_text_summary));
    const std::size_t total = std::min(kMaxCrmMessages,
                                       (chunks.size() + kChunksPerMessage - 1) / kChunksPerMessage);
    std::vector<json> messages;
    for (std::size_t m = 0; m < std::max<std::size_t>(total, 1); ++m) {
        json blocks = json::array();
        if (m == 0) {
            blocks.push_back(bk::Section(head, "agent_case_head"));
        } else {
            blocks.push_back(bk::Section("*Case " + id + ":* the summary, continued (" +
                                             std::to_string(m + 1) + " of " +
                                             std::to_string(total) + ")",
                                         "agent_case_more"));
        }
        for (std::size_t c = m * kChunksPerMessage;
             c < std::min(chunks.size(), (m + 1) * kChunksPerMessage); ++c) {
            blocks.push_back(PlainSection(chunks[c], "agent_case_text_" + std::to_string(c)));
        }
        messages.push_back(
            bk::Message("Case " + id + " was posted: summary for the CRM", std::move(blocks)));
    }
    if (chunks.size() > kMaxCrmMessages * kChunksPerMessage) {
        messages.back()["blocks"].push_back(bk::Context(
            {"… The summary is longer than " + std::to_string(kMaxCrmMessages) +
             " messages: the rest is in the case thread and the case record."},
            "agent_case_cut"));
    }
    return messages;
}

json AgentPermalinkMessage(std::string_view case_id, std::string_view permalink) {
    // Slack's own URL, shown whole so it can be copied; escaped like any text placed in mrkdwn.
    return OneSection("Thread link for case " + bk::EscapeAndTruncate(case_id, 50),
                      ":link: Thread of case *" + bk::EscapeAndTruncate(case_id, 50) +
                          "*: " + bk::EscapeAndTruncate(permalink, 2000),
                      "agent_case_link");
}

}  // namespace escbot::commands::escalation::views
