#include "config/sop/sop_definition_checks.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <string>

#include "config/sop/slack_limits.hpp"
#include "config/sop/sop_check.hpp"

namespace escbot::config::sop::checks {
namespace {

constexpr int kMaxWindowSeconds = 600;

class DefinitionChecks : public SopCheck {
public:
    DefinitionChecks(const Sop& sop, SopErrors& errors) : SopCheck(sop, errors) {}

    void CheckMeta() {
        if (!IsValidId(sop_.id)) Add(sop_.line, {}, "[sop] id \"" + sop_.id + "\" is not a valid id");
        if (!IsValidVersion(sop_.version)) {
            Add(sop_.line, {}, "[sop] version \"" + sop_.version +
                           "\" must be 1-64 characters of letters, digits and . - _ +");
        }
        if (sop_.FindStep(sop_.first_step) == nullptr) {
            Add(sop_.line, {}, "[sop] first_step \"" + sop_.first_step + "\" names no step");
        }
    }

    void CheckSections() {
        std::map<std::string, int, std::less<>> seen;
        for (const Section& section : sop_.sections) {
            CheckId(section.line, {}, "section", section.id, seen);
            CheckText(section.line, {}, "section \"" + section.id + "\" title", section.title,
                      slack_limits::kHeaderText);
        }
    }

    void CheckQualifiers() {
        std::map<std::string, int, std::less<>> seen;
        for (const Qualifier& qualifier : sop_.qualifiers) {
            CheckId(qualifier.line, {}, "qualifier", qualifier.id, seen);
            CheckText(qualifier.line, {}, "qualifier \"" + qualifier.id + "\" label",
                      qualifier.label, slack_limits::kOptionText);
        }
        if (sop_.qualifiers.size() > slack_limits::kSelectOptions) {
            Add(0, {}, "more than " + std::to_string(slack_limits::kSelectOptions) +
                           " qualifiers: a select menu holds at most that many options");
        }
    }

    void CheckNotes() {
        std::map<std::string, int, std::less<>> seen;
        for (const Note& note : sop_.notes) {
            CheckId(note.line, {}, "note", note.id, seen);
            CheckText(note.line, {}, "note \"" + note.id + "\" title", note.title,
                      slack_limits::kHeaderText, false);
            // A note renders as one section block: title and text together stay within 3000.
            CheckText(note.line, {}, "note \"" + note.id + "\" text", note.text,
                      slack_limits::kSectionText - Chars(note.title) - 16);
        }
    }

    void CheckOutcomes() {
        std::map<std::string, int, std::less<>> seen;
        for (const Outcome& outcome : sop_.outcomes) {
            const std::string what = "outcome \"" + outcome.id + "\"";
            CheckId(outcome.line, {}, "outcome", outcome.id, seen);
            CheckText(outcome.line, {}, what + " title", outcome.title, slack_limits::kModalTitle);
            CheckText(outcome.line, {}, what + " advice", outcome.advice,
                      slack_limits::kSectionText);
            if (!outcome.script.empty()) {
                const Note* note = sop_.FindNote(outcome.script);
                if (note == nullptr) {
                    Add(outcome.line, {}, what + " names unknown script note \"" + outcome.script +
                                              "\"");
                } else if (note->kind != Note::Kind::kScript) {
                    Add(outcome.line, {}, what + " script \"" + outcome.script +
                                              "\" is not a note of kind \"script\"");
                }
            }
            if (outcome.kind == Outcome::Kind::kFollowUp) {
                if (!outcome.due) {
                    Add(outcome.line, {}, what + " needs \"due\" (the follow-up promise, "
                                                 "such as \"48bh\")");
                }
                if (outcome.request_type.empty()) {
                    Add(outcome.line, {}, what + " needs a \"request_type\"");
                }
            }
            if (outcome.kind == Outcome::Kind::kLiveLadder && sop_.ladder.tiers.empty()) {
                Add(outcome.line, {}, what + " is a live ladder, but [ladder] has no tiers");
            }
        }
    }

    void CheckLadder() {
        const Ladder& ladder = sop_.ladder;
        if (ladder.tiers.empty()) return;
        std::map<std::string, int, std::less<>> seen;
        if (ladder.window_seconds < 1 || ladder.window_seconds > kMaxWindowSeconds) {
            Add(ladder.line, {}, "[ladder] window_seconds must be 1-600");
        }
        for (std::size_t i = 0; i < ladder.tiers.size(); ++i) {
            const LadderTier& tier = ladder.tiers[i];
            const std::string what = "tier \"" + tier.id + "\"";
            CheckId(tier.line, {}, "tier", tier.id, seen);
            CheckText(tier.line, {}, what + " name", tier.name, slack_limits::kOptionText);
            CheckText(tier.line, {}, what + " instructions", tier.instructions,
                      slack_limits::kSectionText, false);
            if (tier.window_seconds < 1 || tier.window_seconds > kMaxWindowSeconds) {
                Add(tier.line, {}, what + " window_seconds must be 1-600");
            }
            if (tier.voicemail) {
                if (!tier.rotation.empty()) Add(tier.line, {}, what + " is voicemail: no rotation");
                if (i + 1 != ladder.tiers.size()) {
                    Add(tier.line, {}, what + " is voicemail and must be the last tier");
                }
            } else if (tier.rotation.empty()) {
                Add(tier.line, {}, what + " needs the \"rotation\" it pages");
            }
        }
        const Question* origin = sop_.FindQuestion(sop_.fields.origin);
        if (origin == nullptr) {
            Add(ladder.line, {}, "[ladder] needs [fields] origin (who is escalating) for its entry");
            return;
        }
        for (const auto& [value, tier] : ladder.entry) {
            const bool known = std::any_of(origin->options.begin(), origin->options.end(),
                                           // clang 14 (the fuzz build) cannot capture a
                                           // structured binding: an init-capture instead.
                                           [&entry_value = value](const Option& o) {
                                               return o.value == entry_value;
                                           });
            if (!known) {
                Add(ladder.line, {}, "[ladder.entry] \"" + value + "\" is not an option of \"" +
                                         origin->id + "\"");
            }
            if (sop_.FindTier(tier) == nullptr) {
                Add(ladder.line, {}, "[ladder.entry] \"" + value + "\" names unknown tier \"" +
                                         tier + "\"");
            }
        }
        for (const Option& option : origin->options) {
            if (ladder.entry.count(option.value) == 0) {
                Add(ladder.line, {}, "[ladder.entry] has no tier for \"" + option.value + "\"");
            }
        }
    }

    void CheckFields() {
        using K = QuestionKind;
        const Fields& f = sop_.fields;
        CheckField("origin", f.origin, {K::kSingleChoice}, true);
        CheckField("homeowner_name", f.homeowner_name, {K::kShortText, K::kLongText}, true);
        CheckField("property_address", f.property_address, {K::kShortText, K::kLongText}, true);
        CheckField("asked_for_lead", f.asked_for_lead, {K::kYesNo}, false);
        CheckField("qualifiers", f.qualifiers, {K::kMultiChoice}, false);
        CheckField("interaction_id", f.interaction_id, {K::kShortText}, false);
        CheckField("agrees_to_wait", f.agrees_to_wait, {K::kYesNo}, false);
        CheckField("concern_types", f.concern_types, {K::kMultiChoice}, false);
        CheckField("red_flags", f.red_flags, {K::kShortText, K::kLongText}, false);
        CheckField("email", f.email, {K::kEmail}, false);
        CheckField("phone", f.phone, {K::kPhone}, false);
        CheckField("live_summary", f.live_summary, {K::kShortText, K::kLongText}, false);
        CheckField("live_concern_types", f.live_concern_types, {K::kMultiChoice}, false);
        CheckField("existing_case", f.existing_case, {K::kSingleChoice}, false);
        CheckField("interaction_said", f.interaction_said, {K::kShortText, K::kLongText}, false);
        if (!f.key_points_section.empty() && sop_.FindSection(f.key_points_section) == nullptr) {
            Add(f.line, {}, "[fields] key_points_section names unknown section \"" +
                           f.key_points_section + "\"");
        }
    }

private:
    void CheckField(std::string_view field, const std::string& question_id,
                    std::initializer_list<QuestionKind> kinds, bool required) {
        if (question_id.empty()) {
            if (required) Add(sop_.fields.line, {}, "[fields] needs \"" + std::string(field) + "\"");
            return;
        }
        const Question* question = sop_.FindQuestion(question_id);
        if (question == nullptr) {
            Add(sop_.fields.line, {}, "[fields] " + std::string(field) + " names unknown question \"" +
                           question_id + "\"");
            return;
        }
        if (std::find(kinds.begin(), kinds.end(), question->kind) == kinds.end()) {
            Add(question->line, {sop_.StepOfQuestion(question_id)->id, question_id},
                "[fields] " + std::string(field) + " cannot be a " +
                    std::string(KindName(question->kind)) + " question");
        }
    }
};

}  // namespace

void CheckMeta(const Sop& sop, SopErrors& errors) { DefinitionChecks(sop, errors).CheckMeta(); }
void CheckSections(const Sop& sop, SopErrors& errors) {
    DefinitionChecks(sop, errors).CheckSections();
}
void CheckQualifiers(const Sop& sop, SopErrors& errors) {
    DefinitionChecks(sop, errors).CheckQualifiers();
}
void CheckNotes(const Sop& sop, SopErrors& errors) { DefinitionChecks(sop, errors).CheckNotes(); }
void CheckOutcomes(const Sop& sop, SopErrors& errors) {
    DefinitionChecks(sop, errors).CheckOutcomes();
}
void CheckLadder(const Sop& sop, SopErrors& errors) { DefinitionChecks(sop, errors).CheckLadder(); }
void CheckFields(const Sop& sop, SopErrors& errors) { DefinitionChecks(sop, errors).CheckFields(); }

}  // namespace escbot::config::sop::checks
