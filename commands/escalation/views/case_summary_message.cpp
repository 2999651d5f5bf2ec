#include "commands/escalation/views/case_summary_message.hpp"

#include <vector>

#include "commands/block_kit/blocks.hpp"
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
constexpr std::size_t kAnswerMax = 1000;     // per answer in the message; the CRM text is whole
constexpr std::size_t kKeyPointMax = 600;
constexpr std::size_t kChunkMax = bk::limits::kSectionText;
constexpr std::size_t kNoteMax = 500;
constexpr std::size_t kResolutionMax = 2500;  // + the "Resolved by ... on ..." line
// Header, fields, qualifiers, red flags, key points, context, divider, actions.
constexpr std::size_t kFixedBlocks = 8;
constexpr std::size_t kAnswerBlocks = bk::limits::kMessageBlocks - kFixedBlocks;

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

/// The answers by section, packed into section texts of at most 3000 characters.
std::vector<std::string> AnswerChunks(const CaseSummary& summary) {
    std::vector<std::string> chunks;
    for (const flow::AnswerSection& section : summary.sections) {
        const std::string title = "*" + bk::EscapeAndTruncate(section.title, kLabelMax) + "*";
        std::string chunk = title;
        for (const AnswerLine& answer : section.lines) {
            const std::string line = Line(answer, kAnswerMax);
            if (bk::CountChars(chunk) + 1 + bk::CountChars(line) > kChunkMax) {
                chunks.push_back(std::move(chunk));
                chunk = title + " (continued)";
            }
            chunk += "\n" + line;
        }
        chunks.push_back(std::move(chunk));
    }
    return chunks;
}

json AnswerBlocks(const CaseSummary& summary) {
    std::vector<std::string> chunks = AnswerChunks(summary);
    if (chunks.size() > kAnswerBlocks) {
        // Too many for one message: the last block carries what fits of the rest, with a note.
        const std::size_t dropped = chunks.size() - (kAnswerBlocks - 1);
        chunks.resize(kAnswerBlocks - 1);
        chunks.push_back("_" + std::to_string(dropped) +
                         " more answer blocks do not fit in this message: see the full case "
                         "record._");
    }
    json blocks = json::array();
    for (std::size_t i = 0; i < chunks.size(); ++i) {
        blocks.push_back(bk::Section(chunks[i], "answers_" + std::to_string(i)));
    }
    return blocks;
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
    if (summary.follow_up_due)
        text += " (follow-up due " + PeopleText(*summary.follow_up_due, calendar) + ")";
    return text;
}

}  // namespace

json CaseSummaryMessage(const CaseSummary& summary, const config::BusinessCalendar& calendar) {
    json blocks = json::array();
    blocks.push_back(bk::Header("Escalation case " + summary.case_id + ": " +
                                    (summary.homeowner_name.empty() ? std::string("homeowner")
                                                                    : summary.homeowner_name),
                                "case_header"));

    std::string concerns;
    for (const std::string& concern : summary.concern_types) {
        if (!concerns.empty()) concerns += ", ";
        concerns += concern;
    }
    blocks.push_back(bk::SectionFields(
        {
            Field("Homeowner", Escaped(summary.homeowner_name, kFieldValueMax)),
            Field("Property address", Escaped(summary.property_address, kFieldValueMax)),
            Field("Concern", Escaped(concerns, kFieldValueMax, "Not recorded")),
            Field("Who is escalating", Escaped(summary.origin, kFieldValueMax)),
            Field("Interaction ID", Escaped(summary.interaction_id, kFieldValueMax)),
            Field("Follow-up due", summary.follow_up_due
                                       ? SlackDate(*summary.follow_up_due, calendar)
                                       : "None (live)"),
            Field("Owner", summary.owner.empty() ? "Unclaimed" : UserMention(summary.owner)),
            Field("Status", Escaped(summary.status, kFieldValueMax)),
        },
        "case_facts"));
    blocks.push_back(bk::Section(QualifierText(summary), "case_qualifiers"));
    blocks.push_back(bk::Section(
        "*Red flags*\n" + Escaped(summary.red_flags, kChunkMax - 20, "None recorded"),
        "case_red_flags"));
    blocks.push_back(bk::Section(KeyPointsText(summary), "case_key_points"));
    std::vector<std::string> context{"Escalated by " + UserMention(summary.escalated_by) + " on " +
                                     SlackDate(summary.escalated_at, calendar) + " · SOP " +
                                     bk::EscapeAndTruncate(summary.sop_version, 64)};
    if (summary.last_update_at) {
        context.push_back("Last update " + SlackDate(*summary.last_update_at, calendar));
    }
    if (!summary.note.empty()) context.push_back(bk::EscapeAndTruncate(summary.note, kNoteMax));
    blocks.push_back(bk::Context(context, "case_context"));
    blocks.push_back(bk::Divider("case_divider"));
    for (json& block : AnswerBlocks(summary)) blocks.push_back(std::move(block));

    const std::string& id = summary.case_id;
    if (summary.resolved) {
        // Same block count as the buttons it replaces: the message stays within 50 blocks.
        std::string text = ":white_check_mark: *Resolved*";
        if (!summary.resolved_by.empty()) text += " by " + UserMention(summary.resolved_by);
        if (summary.resolved_at) text += " on " + SlackDate(*summary.resolved_at, calendar);
        if (!summary.resolution_note.empty()) {
            text += "\n" + bk::EscapeAndTruncate(summary.resolution_note, kResolutionMax);
        }
        blocks.push_back(bk::Section(text, "case_resolution"));
        return bk::Message(FallbackText(summary, calendar), std::move(blocks));
    }
    blocks.push_back(bk::Actions(
        ids::kCaseActionsBlockId,
        {bk::Button("Claim", ids::kCaseClaimActionId, id, bk::ButtonStyle::kPrimary),
         bk::Button("Add update", ids::kCaseAddUpdateActionId, id),
         bk::Button("Resolve", ids::kCaseResolveActionId, id)}));
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
