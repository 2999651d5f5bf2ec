#include "commands/escalation/views/case_contacts.hpp"

#include <algorithm>

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/privacy/contact_mask.hpp"

namespace escbot::commands::escalation::views {

namespace bk = block_kit;
using privacy::MaskContactDetails;

flow::CaseSummary MaskedForChannel(flow::CaseSummary s) {
    const auto mask = [](std::string& text) { text = MaskContactDetails(text); };
    mask(s.homeowner_name);
    mask(s.property_address);
    mask(s.interaction_id);
    mask(s.red_flags);
    mask(s.resolution_note);
    for (flow::AnswerLine& line : s.key_points) mask(line.value);
    for (flow::AnswerSection& section : s.sections) {
        for (flow::AnswerLine& line : section.lines) mask(line.value);
    }
    s.contacts_masked = true;
    return s;
}

std::vector<ContactSource> ContactSourcesOf(const flow::CaseSummary& s) {
    std::vector<ContactSource> out;
    const auto add = [&](const std::string& label, const std::string& text) {
        if (!text.empty()) out.push_back({"*" + bk::EscapeMrkdwn(label) + "*", text});
    };
    add("Homeowner", s.homeowner_name);
    add("Property address", s.property_address);
    for (const flow::AnswerLine& line : s.key_points) add(line.label, line.value);
    for (const flow::AnswerSection& section : s.sections) {
        for (const flow::AnswerLine& line : section.lines) add(line.label, line.value);
    }
    add("Red flags", s.red_flags);
    add("Resolution", s.resolution_note);
    return out;
}

nlohmann::json CaseContactsMessage(const std::string& case_id,
                                   const std::vector<ContactSource>& sources) {
    std::string text;
    std::vector<std::string> seen;
    for (const ContactSource& source : sources) {
        std::string found;
        for (const std::string& detail : privacy::ContactDetailsIn(source.text)) {
            const std::string key = source.where + "\n" + detail;
            if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
            seen.push_back(key);
            found += (found.empty() ? "" : ", ") + bk::EscapeMrkdwn(detail);
        }
        if (!found.empty()) text += "\n• " + source.where + " " + found;
    }
    const std::string head = "*Contact details of case " + bk::EscapeMrkdwn(case_id) + "*";
    const std::string body =
        text.empty() ? head + "\nThis case holds no email address or phone number."
                     : head + " (only you see this; it is not kept in the channel)" + text;
    return bk::Message("Contact details of case " + bk::EscapeMrkdwn(case_id),
                       nlohmann::json::array({bk::Section(body, "case_contacts")}));
}

}  // namespace escbot::commands::escalation::views
