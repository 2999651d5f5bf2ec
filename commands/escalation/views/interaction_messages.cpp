#include "commands/escalation/views/interaction_messages.hpp"

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/views/format.hpp"

namespace escbot::commands::escalation::views {

namespace bk = block_kit;
using nlohmann::json;

namespace {

constexpr std::size_t kSaidChars = 2500;

/// Each line of already escaped text as a mrkdwn quote.
std::string Quoted(const std::string& escaped) {
    std::string out;
    std::size_t start = 0;
    while (start <= escaped.size()) {
        const std::size_t end = escaped.find('\n', start);
        out += ">" + escaped.substr(start, end == std::string::npos ? end : end - start) + "\n";
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace

json AddedInteractionReply(const AddedInteraction& added) {
    std::string head = ":telephone_receiver: *Another interaction* with this customer was added by " +
                       UserMention(added.agent) + ".";
    if (!added.mentions.empty()) head += " " + added.mentions;
    std::string said = "*What the customer said this time:*\n" +
                       Quoted(added.said.empty() ? std::string("(not noted)")
                                                 : bk::EscapeAndTruncate(added.said, kSaidChars));
    std::string details = "*Interaction ID:* " +
                          (added.interaction_id.empty()
                               ? std::string("—")
                               : bk::EscapeAndTruncate(added.interaction_id, 200));
    if (!added.origin.empty()) {
        details += "   *Who is escalating:* " + bk::EscapeAndTruncate(added.origin, 100);
    }
    details += std::string("\n*Asked for a lead or supervisor:* ") +
               (added.asked_for_lead ? "Yes" : "No");
    if (!added.qualifiers.empty()) {
        std::string list;
        for (const auto& q : added.qualifiers) list += (list.empty() ? "" : ", ") + q;
        details += "\n*Qualifiers:* " + bk::EscapeAndTruncate(list, 1500);
    }
    json blocks = json::array();
    blocks.push_back(bk::Section(head, "case_interaction"));
    blocks.push_back(bk::Section(bk::TruncateMrkdwn(said, bk::limits::kSectionText),
                                 "case_interaction_said"));
    blocks.push_back(bk::Section(details, "case_interaction_details"));
    blocks.push_back(bk::Context(
        {"An added interaction, not an update given to the customer: the follow-up promise is "
         "unchanged."},
        "case_interaction_note"));
    return bk::Message("Another interaction was added to this case" +
                           (added.mentions.empty() ? std::string() : " " + added.mentions),
                       std::move(blocks));
}

}  // namespace escbot::commands::escalation::views
