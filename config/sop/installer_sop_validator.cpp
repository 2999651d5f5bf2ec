#include "config/sop/installer_sop_validator.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <string>

#include "config/sop/slack_limits.hpp"
#include "config/sop/sop_check.hpp"

namespace escbot::config::sop {
namespace {

using checks::Chars;
namespace q = installer_questions;

/// Room kept beside a data text in the message that shows it (a prefix, a mention).
constexpr std::size_t kMessageTextMax = slack_limits::kSectionText - 200;
/// The email templates: with the description (<= 2000) and the names they stay within one
/// section block (3000) as a code block.
constexpr std::size_t kEmailBodyMax = 600;
constexpr std::size_t kEmailSubjectMax = 250;
constexpr int kMaxAttempts = 10;

struct Expected {
    std::string_view id;
    std::vector<QuestionKind> kinds;
    std::string_view options_from;
};

const std::vector<Expected>& ExpectedQuestions() {
    using K = QuestionKind;
    static const std::vector<Expected> kAll = {
        {q::kHomeownerName, {K::kShortText}, ""},
        {q::kPropertyAddress, {K::kShortText, K::kLongText}, ""},
        {q::kProgram, {K::kSingleChoice}, kOptionsFromPrograms},
        {q::kInstallerName, {K::kShortText}, ""},
        {q::kInstallerEmail, {K::kEmail}, ""},
        {q::kComplaintType, {K::kSingleChoice}, kOptionsFromComplaintTypes},
        {q::kDescription, {K::kLongText, K::kShortText}, ""},
        {q::kPhone, {K::kPhone}, ""},
        {q::kBestTime, {K::kShortText}, ""},
        {q::kInteractionId, {K::kShortText}, ""},
    };
    return kAll;
}

class InstallerChecks {
public:
    InstallerChecks(const InstallerSop& sop, SopErrors& errors) : sop_(sop), errors_(errors) {}

    void Run() {
        CheckMeta();
        CheckModal();
        CheckQuestions();
        CheckPrograms();
        CheckComplaintTypes();
        CheckTexts();
        CheckCadence();
        CheckReferral();
    }

private:
    void Add(int line, std::string where, std::string question, std::string message) {
        errors_.push_back({sop_.file, line, std::move(where), std::move(question),
                           std::move(message)});
    }

    void Text(int line, const std::string& where, std::string_view what, std::string_view text,
              std::size_t max, bool required = true) {
        if (required && text.empty()) {
            Add(line, where, "", std::string(what) + " is empty");
            return;
        }
        if (Chars(text) > max) {
            Add(line, where, "",
                std::string(what) + " has " + std::to_string(Chars(text)) +
                    " characters; Slack allows " + std::to_string(max));
        }
    }

    void Placeholders(int line, const std::string& where, std::string_view text,
                      const std::vector<std::string_view>& allowed) {
        for (const std::string& name : PlaceholdersIn(text)) {
            if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
            std::string list;
            for (const std::string_view a : allowed) list += (list.empty() ? "{" : ", {") + std::string(a) + "}";
            Add(line, where, "",
                "unknown placeholder {" + name + "} (" + (list.empty() ? "none allowed" : "allowed: " + list) +
                    ")");
        }
    }

    void Id(int line, const std::string& where, std::string_view what, std::string_view id,
            std::map<std::string, int, std::less<>>& seen) {
        if (!checks::IsValidId(id)) {
            Add(line, where, "",
                std::string(what) + " id \"" + std::string(id) +
                    "\" must be 1-64 characters of a-z, 0-9 and _ starting with a letter");
        }
        const auto [it, inserted] = seen.emplace(std::string(id), line);
        if (!inserted) {
            Add(line, where, "",
                "duplicate " + std::string(what) + " id \"" + std::string(id) +
                    "\" (first defined on line " + std::to_string(it->second) + ")");
        }
    }

    void CheckMeta() {
        if (sop_.id != kInstallerSopId) {
            Add(sop_.line, "sop", "", "[sop] id must be \"" + std::string(kInstallerSopId) + "\"");
        }
        if (!checks::IsValidVersion(sop_.version)) {
            Add(sop_.line, "sop", "",
                "[sop] version \"" + sop_.version +
                    "\" must be 1-64 characters of letters, digits and . - _ +");
        }
    }

    void CheckModal() {
        const InstallerModalText& m = sop_.modal;
        Text(m.line, "modal", "title", m.title, slack_limits::kModalTitle);
        Text(m.line, "modal", "submit", m.submit, slack_limits::kModalTitle);
        Text(m.line, "modal", "close", m.close, slack_limits::kModalTitle);
        Text(m.line, "modal", "follow_up", m.follow_up, slack_limits::kModalTitle);
        Text(m.line, "modal", "intro", m.intro, slack_limits::kSectionText, false);
        Placeholders(m.line, "modal", m.intro, {});
    }

    void CheckQuestions() {
        std::map<std::string, int, std::less<>> seen;
        for (const Question& question : sop_.questions) {
            const auto expected = std::find_if(
                ExpectedQuestions().begin(), ExpectedQuestions().end(),
                [&](const Expected& e) { return e.id == question.id; });
            const auto [it, inserted] = seen.emplace(question.id, question.line);
            if (!inserted) {
                Add(question.line, "", question.id,
                    "asked twice (first on line " + std::to_string(it->second) + ")");
            }
            if (expected == ExpectedQuestions().end()) {
                Add(question.line, "", question.id,
                    "not a question of this modal (the flow reads homeowner_name, "
                    "property_address, program, installer_name, installer_email, complaint_type, "
                    "description, phone, best_time, interaction_id)");
                continue;
            }
            if (std::find(expected->kinds.begin(), expected->kinds.end(), question.kind) ==
                expected->kinds.end()) {
                Add(question.line, "", question.id,
                    "cannot be a " + std::string(KindName(question.kind)) + " question");
            }
            if (question.options_from != expected->options_from) {
                Add(question.line, "", question.id,
                    expected->options_from.empty()
                        ? std::string("takes no options_from")
                        : "needs options_from = \"" + std::string(expected->options_from) + "\"");
            }
            if (!question.options.empty()) {
                Add(question.line, "", question.id, "options come from the data's tables; remove \"options\"");
            }
            if (question.show_if) {
                Add(question.line, "", question.id, "show_if is not used by this modal; remove it");
            }
            QuestionTexts(question);
        }
        for (const Expected& e : ExpectedQuestions()) {
            if (seen.count(std::string(e.id)) == 0) {
                Add(0, "", std::string(e.id), "missing: the modal must ask it ([[questions]] id = \"" +
                                                  std::string(e.id) + "\")");
            }
        }
        // The modal: intro + one input per question (+ the existing-case panel); far below 100.
    }

    void QuestionTexts(const Question& question) {
        auto text = [&](std::string_view what, std::string_view value, std::size_t max,
                        bool required) {
            if (required && value.empty()) {
                Add(question.line, "", question.id, std::string(what) + " is empty");
            } else if (Chars(value) > max) {
                Add(question.line, "", question.id,
                    std::string(what) + " has " + std::to_string(Chars(value)) +
                        " characters; Slack allows " + std::to_string(max));
            }
        };
        text("label", question.label, slack_limits::kLabel, true);
        text("hint", question.hint, slack_limits::kLabel, false);
        text("placeholder", question.placeholder, slack_limits::kPlaceholder, false);
        // The description goes into the emails' bodies, each shown in one section (3000).
        if (question.id == q::kDescription && question.max_length > 2000) {
            Add(question.line, "", question.id, "max_length must be at most 2000 (it goes into the emails)");
        }
        if (question.max_length < 1 ||
            question.max_length > static_cast<int>(slack_limits::kTextInputMax)) {
            if (question.kind != QuestionKind::kSingleChoice) {
                Add(question.line, "", question.id, "max_length must be 1-3000");
            }
        }
    }

    void CheckPrograms() {
        std::map<std::string, int, std::less<>> seen;
        if (sop_.programs.empty()) Add(0, "programs", "", "needs at least one [[programs]] entry");
        for (const InstallerProgram& p : sop_.programs) {
            const std::string where = "programs." + p.id;
            Id(p.line, where, "program", p.id, seen);
            Text(p.line, where, "label", p.label, slack_limits::kOptionText);
            Text(p.line, where, "partner", p.partner, slack_limits::kOptionText, false);
            if (p.weekly_commitment && p.partner.empty()) {
                Add(p.line, where, "", "weekly_commitment needs the \"partner\" who gives the update");
            }
            if (!p.copy_homeowner && p.partner.empty()) {
                Add(p.line, where, "",
                    "copy_homeowner = false names the partner the email goes to: set \"partner\"");
            }
        }
    }

    void CheckComplaintTypes() {
        std::map<std::string, int, std::less<>> seen;
        bool any_case = false;
        for (const ComplaintType& t : sop_.complaint_types) {
            const std::string where = "complaint_types." + t.id;
            Id(t.line, where, "complaint type", t.id, seen);
            Text(t.line, where, "label", t.label, slack_limits::kOptionText);
            Text(t.line, where, "secondary_reason", t.secondary_reason, slack_limits::kOptionText);
            Text(t.line, where, "close_when", t.close_when, kMessageTextMax);
            any_case = any_case || t.opens_case;
        }
        if (!any_case) Add(0, "complaint_types", "", "no complaint type opens a case");
        if (sop_.complaint_types.size() > slack_limits::kSelectOptions) {
            Add(0, "complaint_types", "",
                "more than " + std::to_string(slack_limits::kSelectOptions) +
                    " complaint types: a select menu holds at most that many options");
        }
    }

    const std::vector<std::string_view>& AllowedFor(std::string_view key) {
        static const std::vector<std::string_view> kNone;
        for (const TextKey& k : InstallerTemplateKeys()) {
            if (k.key == key) return k.placeholders;
        }
        return kNone;
    }

    void Template(int line, std::string_view key, std::string_view text, std::size_t max,
                  bool required = true) {
        const std::string where(key);
        Text(line, where, "text", text, max, required);
        Placeholders(line, where, text, AllowedFor(key));
    }

    void CheckTexts() {
        const InstallerCaseText& c = sop_.case_text;
        Text(c.line, "case", "primary_reason", c.primary_reason, slack_limits::kOptionText);
        Text(c.line, "case", "assign_to", c.assign_to, slack_limits::kOptionText, false);

        const NoCaseText& n = sop_.no_case;
        Text(n.line, "no_case", "title", n.title, slack_limits::kModalTitle);
        Template(n.line, "no_case.intro", n.intro, kMessageTextMax, false);
        if (n.steps.empty()) Add(n.line, "no_case", "", "steps is empty");
        for (const std::string& step : n.steps) Template(n.line, "no_case.steps", step, 500);

        const InstallerEmailText& e = sop_.email;
        Template(e.line, "email.subject", e.subject, kEmailSubjectMax);
        Template(e.line, "email.body", e.body, kEmailBodyMax);
        Template(e.line, "email.not_copied_note", e.not_copied_note, kMessageTextMax);
        Template(e.line, "email.no_case_body", e.no_case_body, kEmailBodyMax);
        Text(e.line, "email", "agent_name", e.agent_name, 75);

        for (const TextKey& key : InstallerWordingKeys()) {
            const std::string where = "wording." + std::string(key.key);
            const auto it = sop_.wording.find(key.key);
            if (it == sop_.wording.end()) continue;  // the parser reported it missing
            const bool button = key.key.substr(0, 7) == "button_";
            Text(sop_.wording_line, where, "text", it->second,
                 button ? slack_limits::kOptionText : kMessageTextMax);
            Placeholders(sop_.wording_line, where, it->second, key.placeholders);
        }
    }

    void CheckCadence() {
        const InstallerCadence& c = sop_.cadence;
        if (c.attempts < 1 || c.attempts > kMaxAttempts) {
            Add(c.line, "cadence", "", "attempts must be 1-" + std::to_string(kMaxAttempts));
        }
    }

    void CheckReferral() {
        const ReferralText& r = sop_.referral;
        Text(r.line, "referral", "title", r.title, slack_limits::kModalTitle);
        Template(r.line, "referral.intro", r.intro, kMessageTextMax);
        Template(r.line, "referral.closing", r.closing, 500);
        std::map<std::string, int, std::less<>> seen;
        bool any_general = false;
        for (const ReferralQuestion& question : r.questions) {
            const std::string where = "referral.questions." + question.id;
            Id(question.line, where, "referral question", question.id, seen);
            Text(question.line, where, "label", question.label, slack_limits::kLabel);
            any_general = any_general || !question.sale;
        }
        if (!any_general) Add(r.line, "referral", "", "needs at least one question with sale = false");
        // The referral modal: intro + one input per question.
        if (r.questions.size() + 2 > slack_limits::kViewBlocks) {
            Add(r.line, "referral", "", "too many questions for one modal");
        }
    }

    const InstallerSop& sop_;
    SopErrors& errors_;
};

}  // namespace

SopErrors ValidateInstallerSop(const InstallerSop& sop) {
    SopErrors errors;
    InstallerChecks(sop, errors).Run();
    return errors;
}

}  // namespace escbot::config::sop
