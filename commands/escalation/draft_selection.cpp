#include "commands/escalation/draft_selection.hpp"

#include "commands/escalation/homeowner_key.hpp"

namespace escbot::commands::escalation {

bool SameHomeowner(std::string_view a, std::string_view b) {
    const std::string key = HomeownerKey(a, "");
    return !key.empty() && key == HomeownerKey(b, "");
}

EscalateChoice ChooseForEscalate(const std::vector<views::UnfinishedForm>& forms,
                                 std::string_view typed) {
    if (HomeownerKey(typed, "").empty()) {
        if (forms.empty()) return {EscalateChoice::Kind::kStartNew, 0};
        return {EscalateChoice::Kind::kPick, 0};
    }
    for (const views::UnfinishedForm& form : forms) {
        if (SameHomeowner(form.homeowner_name, typed)) {
            return {EscalateChoice::Kind::kResume, form.draft_id};
        }
    }
    return {EscalateChoice::Kind::kStartNew, 0};
}

}  // namespace escbot::commands::escalation
