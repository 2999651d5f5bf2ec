#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace escbot::config::sop {

/// How a question is answered. The Slack element is chosen by the view layer from the kind.
enum class QuestionKind {
    kYesNo,
    kShortText,
    kLongText,
    kSingleChoice,
    kMultiChoice,
    kEmail,
    kPhone,
    kDate,
};

/// The data spelling of a kind ("yes_no", "short_text", ...).
std::string_view KindName(QuestionKind kind);
/// Parses the data spelling; nullopt for an unknown word.
std::optional<QuestionKind> ParseKind(std::string_view name);
/// yes_no, single_choice and multi_choice: answered by picking option values.
bool IsChoice(QuestionKind kind);

/// One choice of a choice question. `value` is the stable id stored in answers.
struct Option {
    std::string value;
    std::string label;
};

/// "Ask X only if Y was answered Z". A tree: leaves test one question or one fact supplied by the
/// caller; inner nodes combine. Evaluated by the flow engine against the answers so far.
struct Condition {
    enum class Op {
        kEquals,    // question's answer is `values[0]` (for multi_choice: contains it)
        kAnyOf,     // question's answer is one of `values` (for multi_choice: contains one)
        kAnswered,  // question has an answer (`expected` = false: has none)
        kFact,      // the caller says `fact` holds (e.g. "open_case_exists")
        kAll,
        kAny,
        kNot,  // exactly one child
    };

    Op op = Op::kEquals;
    std::string question;
    std::vector<std::string> values;
    bool expected = true;
    std::string fact;
    std::vector<Condition> children;
    int line = 0;
};

/// The facts the flow engine can be told about; conditions may only name these.
inline constexpr std::string_view kFactOpenCaseExists = "open_case_exists";
/// Every fact a condition may name.
const std::vector<std::string_view>& KnownFacts();

/// Guidance shown to the agent (never sent to the customer).
struct Note {
    enum class Kind { kInfo, kTip, kWarning, kScript };

    std::string id;
    Kind kind = Kind::kInfo;
    std::string title;
    std::string text;
    int line = 0;
};

struct Question {
    std::string id;  // stable: answers, block ids and stored cases are keyed by it
    QuestionKind kind = QuestionKind::kShortText;
    std::string label;
    std::string hint;
    std::string placeholder;
    bool required = true;
    /// For choice kinds. yes_no gets {yes, no}; `options_from = "qualifiers"` copies them.
    std::vector<Option> options;
    std::string options_from;
    std::optional<Condition> show_if;
    std::string section;  // the step's section unless set
    int max_length = 0;   // text kinds only; 0 for the others
    int line = 0;
};

/// Where a submitted step goes: the first route whose `when` holds (or that has none).
/// Exactly one of `next` (a step id) and `outcome` (an outcome id) is set.
struct Route {
    std::optional<Condition> when;
    std::string next;
    std::string outcome;
    std::string reason;  // shown with the outcome ("why not qualified")
    int line = 0;
};

/// Extra information a screen shows that is not in the answers; the caller supplies it.
enum class Panel { kNone, kExistingCase };

/// One screen (modal view) of the flow.
struct Step {
    std::string id;
    std::string title;   // modal title, <= 24 characters
    std::string submit;  // <= 24
    std::string close;   // <= 24
    std::string intro;   // optional text above the questions
    std::string section;
    Panel panel = Panel::kNone;
    std::vector<std::string> notes;  // note ids, shown in order above the questions
    std::vector<Question> questions;
    /// When set and false, the step is skipped: its routes are followed without showing it.
    std::optional<Condition> show_if;
    std::vector<Route> routes;
    int line = 0;
};

/// How a flow ends.
struct Outcome {
    enum class Kind { kNotQualified, kExistingCase, kFollowUp, kLiveLadder };

    std::string id;
    Kind kind = Kind::kNotQualified;
    std::string title;   // result modal title, <= 24
    std::string advice;  // what the agent does now
    std::string script;  // note id of a script to read to the customer, or ""
    std::string request_type;  // follow_up: the CRM request type ("Complaints")
    std::string assign_to;     // follow_up: the team the case is assigned to
    int follow_up_hours = 0;   // follow_up: the promise the bot tracks as a deadline
    int line = 0;
};

struct Section {
    std::string id;
    std::string title;
    int line = 0;
};

struct Qualifier {
    std::string id;
    std::string label;
    int line = 0;
};

/// One rung of the live warm-transfer ladder (SOP §1 B).
struct LadderTier {
    std::string id;
    std::string name;      // "Tier 2", "Resolution Lead", ...
    std::string rotation;  // the on-call rotation paged (config); "" for voicemail
    std::string skill;     // the phone-system transfer skill, for the agent
    int window_seconds = 30;
    /// When no one on the rotation is on duty, move down at once instead of paging.
    bool skip_when_no_one_on_duty = true;
    bool voicemail = false;  // the last rung: no one is paged
    std::string instructions;
    int line = 0;
};

struct Ladder {
    int window_seconds = 30;
    std::vector<LadderTier> tiers;
    /// Origin option value ("homeowner", "sales_rep", ...) -> the tier id the ladder starts at.
    std::map<std::string, std::string> entry;
    int line = 0;
};

/// Which questions carry the facts other code needs (case summary, ladder entry, lookups).
/// Empty means "not asked by this SOP".
struct Fields {
    std::string origin;
    std::string asked_for_lead;
    std::string qualifiers;
    std::string homeowner_name;
    std::string property_address;
    std::string interaction_id;
    std::string agrees_to_wait;
    std::string concern_types;
    std::string red_flags;
    std::string email;
    std::string phone;
    std::string live_summary;
    /// The concern types asked on the refused (live) path; the case shows them when
    /// concern_types was not reached.
    std::string live_concern_types;
    /// A section id (not a question): its answers are the case's "key points".
    std::string key_points_section;
    int line = 0;
};

/// One loaded, validated version of the escalation SOP. Immutable once built: share it as
/// `std::shared_ptr<const Sop>`; all reads are thread-safe. Pointers returned by the Find*
/// functions live as long as the Sop.
struct Sop {
    std::string file;
    std::string id;  // "escalation"
    std::string version;
    std::string effective_date;  // YYYY-MM-DD
    std::string title;
    std::string first_step;
    std::string fingerprint;  // hash of the file's text, tells two files of one version apart
    /// The file's text as loaded, so that a version can be stored and reloaded later (flows
    /// started under it survive a restart after the file moved on).
    std::string source_text;
    int line = 0;             // of the [sop] table

    std::vector<Section> sections;
    std::vector<Qualifier> qualifiers;
    std::vector<Note> notes;
    std::vector<Step> steps;
    std::vector<Outcome> outcomes;
    Ladder ladder;
    Fields fields;

    const Step* FindStep(std::string_view step_id) const;
    const Question* FindQuestion(std::string_view question_id) const;
    /// The step that asks the question; nullptr when unknown.
    const Step* StepOfQuestion(std::string_view question_id) const;
    const Outcome* FindOutcome(std::string_view outcome_id) const;
    const Note* FindNote(std::string_view note_id) const;
    const Section* FindSection(std::string_view section_id) const;
    const LadderTier* FindTier(std::string_view tier_id) const;
    std::size_t QuestionCount() const;

    /// Rebuilds the lookup tables; the loader calls it once the vectors are final.
    void Reindex();

private:
    using Index = std::map<std::string, std::size_t, std::less<>>;
    Index step_index_;
    std::map<std::string, std::pair<std::size_t, std::size_t>, std::less<>> question_index_;
    Index outcome_index_;
    Index note_index_;
    Index section_index_;
    Index tier_index_;
};

}  // namespace escbot::config::sop
