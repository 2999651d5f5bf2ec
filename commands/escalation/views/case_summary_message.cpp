#include "commands/escalation/views/case_summary_message.hpp"

#include <vector>

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/check_limits.hpp"
#include "commands/block_kit/limits.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation::views {

namespace bk = block_kit;
using flow::AnswerLine;
using flow::CaseSummary;
using nlohmann::json;

namespace {

constexpr std::size_t kFieldValueMax = 1800;  // + label stays within a field's 2000
constexpr std::size_t kLabelMax = 300;
constexpr std::size_t kAnswerPiece = 2000;  // raw characters of an answer per line; longer ones
                                            // go on in "(continued)" lines, never cut
constexpr std::size_t kKeyPointMax = 600;
constexpr std::size_t kChunkMax = bk::limits::kSectionText;
constexpr std::size_t kNoteMax = 500;
constexpr std::size_t kResolutionMax = 2500;  // + the "Resolved by ... on ..." line
// Header, fields, qualifiers, red flags, key points, context, divider, actions, and the note
// that the answers go on in the thread.
constexpr std::size_t kFixedBlocks = 9;
constexpr std::size_t kAnswerBlocks = bk::limits::kMessageBlocks - kFixedBlocks;
// What a message's blocks may hold together, with room for the buttons' and the note's text
// (Slack refuses past limits::kMessageBlocksText: msg_blocks_too_long).
constexpr std::size_t kTextBudget = bk::limits::kMessageBlocksText - 200;
// Room kept in the root for what changes during the case's life (owner, status, follow-up due,
// last update, note, and the buttons or the resolution), so that every later chat.update of the
// root splits the answers exactly as the first post did.
constexpr std::size_t kChangingText = 3500;

std::string Field(std::string_view label, std::string_view escaped_value) {
    return "*" + std::string(label) + "*\n" + std::string(escaped_value);
}

std::string Escaped(std::string_view raw, std::size_t max, std::string_view if_empty = "—") {
    return raw.empty() ? std::string(if_empty) : bk::EscapeAndTruncate(raw, max);
}

std::string JoinedList(const std::vector<std::string>& items, std::size_t max_each) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += "\n";
        out += "• " + bk::EscapeAndTruncate(item, max_each);
    }
    return out;
}

/// "Label:" unless the label already ends in a question mark or colon.
std::string Labelled(std::string label) {
    if (!label.empty() && label.back() != '?' && label.back() != ':') label += ":";
    return label;
}

std::string Line(const AnswerLine& line, std::size_t value_max) {
    return "• *" + bk::EscapeAndTruncate(Labelled(line.label), kLabelMax) + "* " +
           bk::EscapeAndTruncate(line.value, value_max);
}

/// An answer's lines: the whole value, in pieces of kAnswerPiece characters when it is long.
std::vector<std::string> AnswerLines(const AnswerLine& answer) {
    std::vector<std::string> lines;
    std::string_view rest = answer.value;
    AnswerLine piece = answer;
    do {
        const std::string head = bk::Truncate(rest, kAnswerPiece, "");
        rest.remove_prefix(std::min(rest.size(), head.size()));
        piece.value = head;
        lines.push_back(Line(piece, kChunkMax - kLabelMax - 20));
        piece.label = answer.label + " (continued)";
    } while (!rest.empty());
    return lines;
}

/// The answers by section, packed into section texts of at most 3000 characters. Key points
/// shown shortened at the top come first, whole.
std::vector<std::string> AnswerChunks(const CaseSummary& summary) {
    std::vector<flow::AnswerSection> sections;
    flow::AnswerSection long_key_points{"", "Key points, in full", {}};
    for (const AnswerLine& line : summary.key_points) {
        if (bk::CountChars(line.value) > kKeyPointMax) long_key_points.lines.push_back(line);
    }
    if (!long_key_points.lines.empty()) sections.push_back(std::move(long_key_points));
    sections.insert(sections.end(), summary.sections.begin(), summary.sections.end());
    std::vector<std::string> chunks;
    for (const flow::AnswerSection& section : sections) {
        const std::string title = "*" + bk::EscapeAndTruncate(section.title, kLabelMax) + "*";
        std::string chunk = title;
        for (const AnswerLine& answer : section.lines) {
            for (const std::string& line : AnswerLines(answer)) {
                if (bk::CountChars(chunk) + 1 + bk::CountChars(line) > kChunkMax) {
                    chunks.push_back(std::move(chunk));
                    chunk = title + " (continued)";
                }
                chunk += "\n" + line;
            }
        }
        chunks.push_back(std::move(chunk));
    }
    return chunks;
}

/// The answer blocks, grouped: the first group goes in the root after `root_text` characters
/// of other text; each later group is one thread reply. Every group keeps within the blocks and
/// the text budget of a message.
std::vector<json> AnswerGroups(const CaseSummary& summary, std::size_t root_text) {
    std::vector<json> groups(1, json::array());
    std::size_t used = root_text;
    std::size_t room = kAnswerBlocks;
    const std::vector<std::string> chunks = AnswerChunks(summary);
    for (std::size_t i = 0; i < chunks.size(); ++i) {
        json block = bk::Section(chunks[i], "answers_" + std::to_string(i));
        const std::size_t chars = bk::TextInBlocks(block);
        if (used + chars > kTextBudget || groups.back().size() >= room) {
            groups.emplace_back(json::array());
            used = 0;
            room = bk::limits::kMessageBlocks - 1;  // a reply: its header line, then answers
        }
        used += chars;
        groups.back().push_back(std::move(block));
    }
    return groups;
}

std::string QualifierText(const CaseSummary& summary) {
    std::string text = "*Qualifiers for additional review*\n";
    if (summary.qualifiers.empty()) {
        text += "None";
    } else {
        text += JoinedList(summary.qualifiers, bk::limits::kOptionText + 10);
    }
    text += std::string("\n*Asked for a lead or supervisor:* ") +
            (summary.asked_for_lead ? "Yes" : "No");
    return text;
}

std::string KeyPointsText(const CaseSummary& summary) {
    std::string text = "*Key points*";
    if (summary.key_points.empty()) return text + "\nNone recorded";
    for (const AnswerLine& line : summary.key_points) text += "\n" + Line(line, kKeyPointMax);
    return text;
}

std::string FallbackText(const CaseSummary& summary, const config::BusinessCalendar& calendar) {
    std::string text = "Escalation case " + bk::EscapeAndTruncate(summary.case_id, 100);
    if (!summary.concern_types.empty()) {
        std::string concerns;
        for (const std::string& concern : summary.concern_types) {
            if (!concerns.empty()) concerns += ", ";
            concerns += concern;
        }
        text += ": " + bk::EscapeAndTruncate(concerns, 500);
    }
    if (summary.overdue_since && summary.follow_up_due) {
        text += " (OVERDUE: the update was due " + PeopleText(*summary.follow_up_due, calendar) +
                ")";
    } else if (summary.follow_up_due) {
        text += " (follow-up due " + PeopleText(*summary.follow_up_due, calendar) + ")";
    }
    return text;
}

std::string FollowUpField(const CaseSummary& summary, const config::BusinessCalendar& calendar) {
    if (!summary.follow_up_due) return "None (live)";
    std::string text = SlackDate(*summary.follow_up_due, calendar);
    if (summary.overdue_since) text += "\n:rotating_light: *Overdue*";
    return text;
}

json ShowContactsButton(const std::string& case_id) {
    return bk::Button("Show contact details", ids::kCaseShowContactsActionId, case_id);
}

std::string StatusField(const CaseSummary& summary) {
    std::string text = Escaped(summary.status, kFieldValueMax - 20);
    if (summary.overdue_since) text += " · *Overdue*";
    return text;
}


/// The parts of the root that stay as they are for the case's whole life.
struct StableParts {
    std::string header;
    std::vector<std::string> fields;  // before Follow-up due, Owner and Status
    std::vector<std::string> later_fields;  // after them
    std::string qualifiers;
    std::string red_flags;
    std::string key_points;
    std::string escalated;

    std::size_t Chars() const {
        std::size_t n = bk::CountChars(header) + bk::CountChars(qualifiers) +
                        bk::CountChars(red_flags) + bk::CountChars(key_points) +
                        bk::CountChars(escalated);
        for (const auto& f : fields) n += bk::CountChars(f);
        for (const auto& f : later_fields) n += bk::CountChars(f);
        return n;
    }
};

StableParts StableOf(const CaseSummary& summary, const config::BusinessCalendar& calendar) {
    std::string concerns;
    for (const std::string& concern : summary.concern_types) {
        if (!concerns.empty()) concerns += ", ";
        concerns += concern;
    }
    StableParts parts;
    parts.header = bk::Truncate("Escalation case " + summary.case_id + ": " +
                                    (summary.homeowner_name.empty() ? std::string("homeowner")
                                                                    : summary.homeowner_name),
                                bk::limits::kHeaderText);
    parts.fields = {
        Field("Homeowner", Escaped(summary.homeowner_name, kFieldValueMax)),
        Field("Property address", Escaped(summary.property_address, kFieldValueMax)),
        Field("Concern", Escaped(concerns, kFieldValueMax, "Not recorded")),
        Field("Who is escalating", Escaped(summary.origin, kFieldValueMax)),
        Field("Interaction ID", Escaped(summary.interaction_id, kFieldValueMax)),
    };
    parts.later_fields = {
        Field("Request type", Escaped(summary.request_type, kFieldValueMax)),
        Field("Assigned to", Escaped(summary.assigned_to, kFieldValueMax)),
    };
    parts.qualifiers = QualifierText(summary);
    parts.red_flags = "*Red flags*\n" + Escaped(summary.red_flags, kChunkMax - 20, "None recorded");
    parts.key_points = KeyPointsText(summary);
    parts.escalated = "Escalated by " + UserMention(summary.escalated_by) + " on " +
                      SlackDate(summary.escalated_at, calendar) + " · SOP " +
                      bk::EscapeAndTruncate(summary.sop_version, 64);
    return parts;
}

/// The answer blocks by message: the root's first, then one group per thread reply.
std::vector<json> SplitAnswers(const CaseSummary& summary, const StableParts& stable) {
    return AnswerGroups(summary, stable.Chars() + kChangingText);
}

}  // namespace

std::vector<json> CaseSummaryAnswerReplies(const CaseSummary& summary,
                                           const config::BusinessCalendar& calendar) {
    std::vector<json> groups = SplitAnswers(summary, StableOf(summary, calendar));
    std::vector<json> replies;
    for (std::size_t i = 1; i < groups.size(); ++i) {
        json blocks = json::array({bk::Section(
            "*Escalation case " + bk::EscapeAndTruncate(summary.case_id, 50) +
                ": the answers, continued (" + std::to_string(i) + " of " +
                std::to_string(groups.size() - 1) + ")*",
            "case_answers_continued")});
        for (json& block : groups[i]) blocks.push_back(std::move(block));
        replies.push_back(bk::Message("Case " + bk::EscapeAndTruncate(summary.case_id, 50) +
                                          ": the answers, continued",
                                      std::move(blocks)));
    }
    return replies;
}

json CaseSummaryMessage(const CaseSummary& summary, const config::BusinessCalendar& calendar) {
    const StableParts stable = StableOf(summary, calendar);
    json blocks = json::array();
    blocks.push_back(bk::Header(stable.header, "case_header"));
    std::vector<std::string> fields = stable.fields;
    fields.push_back(Field("Follow-up due", FollowUpField(summary, calendar)));
    fields.push_back(
        Field("Owner", summary.owner.empty() ? "Unclaimed" : UserMention(summary.owner)));
    fields.push_back(Field("Status", StatusField(summary)));
    fields.insert(fields.end(), stable.later_fields.begin(), stable.later_fields.end());
    blocks.push_back(bk::SectionFields(fields, "case_facts"));
    blocks.push_back(bk::Section(stable.qualifiers, "case_qualifiers"));
    blocks.push_back(bk::Section(stable.red_flags, "case_red_flags"));
    blocks.push_back(bk::Section(stable.key_points, "case_key_points"));
    std::vector<std::string> context{stable.escalated};
    if (summary.last_update_at) {
        context.push_back("Last update " + SlackDate(*summary.last_update_at, calendar));
    }
    if (!summary.note.empty()) context.push_back(bk::EscapeAndTruncate(summary.note, kNoteMax));
    blocks.push_back(bk::Context(context, "case_context"));
    blocks.push_back(bk::Divider("case_divider"));
    std::vector<json> answers = SplitAnswers(summary, stable);
    for (json& block : answers.front()) blocks.push_back(std::move(block));
    if (answers.size() > 1) {
        blocks.push_back(bk::Context({"_The answers go on in this thread._"}, "answers_more"));
    }

    const std::string& id = summary.case_id;
    if (summary.resolved) {
        // Same block count as the buttons it replaces: the message stays within 50 blocks.
        std::string text = ":white_check_mark: *Resolved*";
        if (!summary.resolved_by.empty()) text += " by " + UserMention(summary.resolved_by);
        if (summary.resolved_at) text += " on " + SlackDate(*summary.resolved_at, calendar);
        if (!summary.resolution_note.empty()) {
            text += "\n" + bk::EscapeAndTruncate(summary.resolution_note, kResolutionMax);
        }
        json resolution = bk::Section(text, "case_resolution");
        if (summary.contacts_masked) resolution["accessory"] = ShowContactsButton(id);
        blocks.push_back(std::move(resolution));
        return bk::Message(FallbackText(summary, calendar), std::move(blocks));
    }
    // Once someone owns the case, a lead reassigns it rather than claims it.
    blocks.push_back(bk::Actions(
        ids::kCaseActionsBlockId,
        {summary.owner.empty()
             ? bk::Button("Claim", ids::kCaseClaimActionId, id, bk::ButtonStyle::kPrimary)
             : bk::Button("Reassign", ids::kCaseReassignActionId, id),
         bk::Button("Add update", ids::kCaseAddUpdateActionId, id),
         bk::Button("Resolve", ids::kCaseResolveActionId, id)}));
    if (summary.contacts_masked) blocks.back()["elements"].push_back(ShowContactsButton(id));
    return bk::Message(FallbackText(summary, calendar), std::move(blocks));
}

std::string CaseSummaryPlainText(const CaseSummary& summary,
                                 const config::BusinessCalendar& calendar) {
    const auto or_dash = [](const std::string& text) { return text.empty() ? "-" : text; };
    const auto joined = [](const std::vector<std::string>& items) {
        std::string out;
        for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
        return out.empty() ? std::string("None") : out;
    };
    std::string out;
    out += "Escalation case " + summary.case_id + " (SOP " + summary.sop_version + ")\n";
    out += "Request type: " + or_dash(summary.request_type) + "\n";
    out += "Assigned to: " + or_dash(summary.assigned_to) + "\n";
    out += "Homeowner: " + or_dash(summary.homeowner_name) + "\n";
    out += "Property address: " + or_dash(summary.property_address) + "\n";
    out += "Who is escalating: " + or_dash(summary.origin) + "\n";
    out += "Concern: " + joined(summary.concern_types) + "\n";
    out += "Qualifiers for additional review: " + joined(summary.qualifiers) + "\n";
    out += std::string("Asked for a lead or supervisor: ") +
           (summary.asked_for_lead ? "Yes" : "No") + "\n";
    out += "CXone recording / interaction ID: " + or_dash(summary.interaction_id) + "\n";
    out += "Escalated by: " + or_dash(summary.escalated_by) + " at " +
           PeopleText(summary.escalated_at, calendar) + "\n";
    out +=
        "Follow-up due: " +
        (summary.follow_up_due ? PeopleText(*summary.follow_up_due, calendar) : std::string("-")) +
        "\n";
    if (summary.overdue_since) {
        out += "Overdue since: " + PeopleText(*summary.overdue_since, calendar) + "\n";
    }
    out += "Owner: " + (summary.owner.empty() ? std::string("Unclaimed") : summary.owner) + "\n";
    out += "Status: " + or_dash(summary.status) + "\n";
    if (!summary.note.empty()) out += "Note: " + summary.note + "\n";
    if (summary.last_update_at)
        out += "Last update: " + PeopleText(*summary.last_update_at, calendar) + "\n";
    if (summary.resolved) {
        const std::string at = summary.resolved_at
                                   ? " at " + PeopleText(*summary.resolved_at, calendar)
                                   : std::string();
        out += "Resolved by: " + or_dash(summary.resolved_by) + at + "\n";
        if (!summary.resolution_note.empty()) {
            out += "Resolution: " + summary.resolution_note + "\n";
        }
    }
    out += "\nRed flags:\n" + (summary.red_flags.empty() ? "None recorded" : summary.red_flags) +
           "\n";
    out += "\nKey points:\n";
    if (summary.key_points.empty()) out += "None recorded\n";
    for (const AnswerLine& line : summary.key_points) {
        out += "- " + Labelled(line.label) + " " + line.value + "\n";
    }
    for (const flow::AnswerSection& section : summary.sections) {
        out += "\n" + section.title + ":\n";
        for (const AnswerLine& line : section.lines) {
            out += "- " + Labelled(line.label) + " " + line.value + "\n";
        }
    }
    return out;
}

}  // namespace escbot::commands::escalation::views
