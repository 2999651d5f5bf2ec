#include "config/sop/installer_sop.hpp"

#include <algorithm>

namespace escbot::config::sop {
namespace {

template <class T>
const T* FindById(const std::vector<T>& items, std::string_view id) {
    const auto it = std::find_if(items.begin(), items.end(),
                                 [&](const T& item) { return item.id == id; });
    return it == items.end() ? nullptr : &*it;
}

}  // namespace

const Question* InstallerSop::FindQuestion(std::string_view id) const {
    return FindById(questions, id);
}
const InstallerProgram* InstallerSop::FindProgram(std::string_view id) const {
    return FindById(programs, id);
}
const ComplaintType* InstallerSop::FindComplaintType(std::string_view id) const {
    return FindById(complaint_types, id);
}

const std::string& InstallerSop::Wording(std::string_view key) const {
    static const std::string kEmpty;
    const auto it = wording.find(key);
    return it == wording.end() ? kEmpty : it->second;
}

std::vector<const ReferralQuestion*> InstallerSop::ReferralQuestionsFor(
    const ComplaintType& type) const {
    std::vector<const ReferralQuestion*> out;
    for (const ReferralQuestion& question : referral.questions) {
        if (!question.sale || type.sale_questions) out.push_back(&question);
    }
    return out;
}

const std::vector<TextKey>& InstallerWordingKeys() {
    static const std::vector<TextKey> kKeys = {
        {"case_posted", {"owner", "secondary_reason", "complaint", "program"}},
        {"first_email", {"chase_whom", "attempts", "due", "owner"}},
        {"claimed", {"owner"}},
        {"chase_due", {"owner", "attempt", "attempts", "chase_whom"}},
        {"installer_replied", {"owner", "attempt", "attempts", "close_when"}},
        {"no_reply", {"owner", "attempt", "attempts", "due", "chase_whom"}},
        {"referral_due", {"owner", "attempts"}},
        {"referral_recorded", {"owner"}},
        {"owner_reminder", {"owner"}},
        {"commitment_due", {"owner", "partner"}},
        {"partner_updated", {"owner", "partner"}},
        {"closed", {"owner"}},
        {"close_needs_comments", {}},
        {"no_case_recorded", {"complaint"}},
        {"existing_case", {}},
        {"back_office_note", {}},
        {"account_manager_participant", {}},
        {"followed_up", {"owner", "agent"}},
        {"agent_opened", {"reference"}},
        {"agent_followed_up", {"reference"}},
        {"closure_label", {}},
        {"button_claim", {}},
        {"button_replied", {}},
        {"button_no_reply", {}},
        {"button_refer", {}},
        {"button_partner_updated", {}},
        {"button_close", {}},
    };
    return kKeys;
}

const std::vector<TextKey>& InstallerTemplateKeys() {
    static const std::vector<TextKey> kKeys = {
        {"modal.intro", {}},
        {"no_case.intro", {"complaint"}},
        {"no_case.steps", {}},
        {"email.subject", {"homeowner", "installer"}},
        {"email.body", {"homeowner", "installer", "complaint", "concern", "agent", "program",
                        "partner"}},
        {"email.not_copied_note", {"program", "partner"}},
        {"email.no_case_body", {"homeowner", "installer", "complaint", "concern", "agent"}},
        {"referral.intro", {"concern", "homeowner", "installer"}},
        {"referral.closing", {"agent"}},
    };
    return kKeys;
}

std::vector<std::string> PlaceholdersIn(std::string_view text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while ((at = text.find('{', at)) != std::string_view::npos) {
        const std::size_t end = text.find('}', at + 1);
        if (end == std::string_view::npos) break;
        const std::string_view name = text.substr(at + 1, end - at - 1);
        const bool word = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || c == '_';
        });
        if (word) {
            out.emplace_back(name);
            at = end + 1;
        } else {
            at += 1;
        }
    }
    return out;
}

std::string FillPlaceholders(std::string_view text,
                             const std::map<std::string, std::string, std::less<>>& values) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t open = text.find('{', at);
        if (open == std::string_view::npos) break;
        const std::size_t close = text.find('}', open + 1);
        if (close == std::string_view::npos) break;
        out.append(text.substr(at, open - at));
        const auto it = values.find(text.substr(open + 1, close - open - 1));
        if (it != values.end()) {
            out += it->second;
            at = close + 1;
        } else {
            out += '{';
            at = open + 1;
        }
    }
    out.append(text.substr(at));
    return out;
}

}  // namespace escbot::config::sop
