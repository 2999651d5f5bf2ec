#include "commands/escalation/views/step_modal.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/flow/validation.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/escalation/views/ids.hpp"

namespace escbot::commands::escalation::views {

namespace bk = block_kit;
using config::sop::Note;
using config::sop::Question;
using config::sop::QuestionKind;
using nlohmann::json;

namespace {

constexpr std::size_t kRadioMax = bk::limits::kCheckboxOptions;

std::vector<json> OptionsOf(const Question& question) {
    std::vector<json> options;
    options.reserve(question.options.size());
    for (const auto& option : question.options) {
        options.push_back(bk::Option(option.label, option.value));
    }
    return options;
}

std::vector<std::size_t> ChosenIndexes(const Question& question, const flow::Answers& answers) {
    std::vector<std::size_t> chosen;
    for (const std::string& value : flow::AnswerValues(answers, question.id)) {
        for (std::size_t i = 0; i < question.options.size(); ++i) {
            if (question.options[i].value == value) chosen.push_back(i);
        }
    }
    return chosen;
}

json Element(const Question& question, const flow::Answers& answers) {
    const std::string_view action_id = ids::kAnswerActionId;
    const std::string answer = flow::AnswerText(answers, question.id);
    switch (question.kind) {
        case QuestionKind::kYesNo:
        case QuestionKind::kSingleChoice: {
            const std::vector<json> options = OptionsOf(question);
            const std::vector<std::size_t> chosen = ChosenIndexes(question, answers);
            const std::optional<std::size_t> initial =
                chosen.empty() ? std::nullopt : std::optional<std::size_t>(chosen.front());
            if (options.size() <= kRadioMax) return bk::RadioButtons(action_id, options, initial);
            return bk::StaticSelect(action_id, question.placeholder.empty() ? "Choose one"
                                                                            : question.placeholder,
                                    options, initial);
        }
        case QuestionKind::kMultiChoice: {
            const std::vector<json> options = OptionsOf(question);
            const std::vector<std::size_t> chosen = ChosenIndexes(question, answers);
            if (options.size() <= kRadioMax) return bk::Checkboxes(action_id, options, chosen);
            return bk::MultiStaticSelect(
                action_id, question.placeholder.empty() ? "Choose" : question.placeholder, options,
                chosen);
        }
        case QuestionKind::kEmail:
            return bk::EmailInput(action_id, answer, question.placeholder);
        case QuestionKind::kDate:
            return bk::DatePicker(action_id, flow::IsIsoDate(answer) ? answer : std::string(),
                                  question.placeholder);
        case QuestionKind::kShortText:
        case QuestionKind::kLongText:
        case QuestionKind::kPhone:
            break;
    }
    bk::TextInputSpec spec;
    spec.multiline = question.kind == QuestionKind::kLongText;
    spec.max_length = static_cast<std::size_t>(std::max(question.max_length, 0));
    spec.initial_value = answer;
    spec.placeholder = question.placeholder;
    return bk::PlainTextInput(action_id, spec);
}

json NoteBlock(const Note& note) {
    const std::string title =
        note.title.empty() ? std::string() : "*" + bk::EscapeMrkdwn(note.title) + ":* ";
    const std::string text = bk::EscapeMrkdwn(note.text);
    const std::string block_id = "note_" + note.id;
    switch (note.kind) {
        case Note::Kind::kWarning:
            return bk::Section(":warning: " + title + text, block_id);
        case Note::Kind::kScript:
            return bk::Section(":speech_balloon: " + title + "\n" + text, block_id);
        case Note::Kind::kTip:
            return bk::Context({":bulb: " + title + text}, block_id);
        case Note::Kind::kInfo:
            break;
    }
    return bk::Context({":information_source: " + title + text}, block_id);
}

void AddExistingCasePanel(const ExistingCaseInfo* info, const config::BusinessCalendar& calendar,
                          json& blocks) {
    if (info == nullptr) {
        blocks.push_back(bk::Section("*An escalation case is already open for this homeowner.*",
                                     "existing_case"));
        blocks.push_back(bk::Context({"Its details could not be loaded."}, "existing_case_update"));
        return;
    }
    std::string head = "*An escalation case is already open for this homeowner.*\n*Case:* " +
                       bk::EscapeAndTruncate(info->case_id, 100) + "   *Status:* " +
                       bk::EscapeAndTruncate(info->status.empty() ? "Open" : info->status, 100) +
                       "   *Owner:* " +
                       (info->owner.empty() ? std::string("unclaimed") : UserMention(info->owner));
    if (info->opened_at) head += "\n*Opened:* " + SlackDate(*info->opened_at, calendar);
    blocks.push_back(bk::Section(head, "existing_case"));

    std::string update;
    if (info->last_update_at) {
        update = "*Last update* " + SlackDate(*info->last_update_at, calendar) + ":\n" +
                 bk::EscapeAndTruncate(info->last_update, 2500);
    } else {
        update = "*Last update:* none yet: the case has not been updated.";
    }
    blocks.push_back(bk::Section(update, "existing_case_update"));
}

std::string SectionOf(const config::sop::Step& step, const Question& question) {
    return question.section.empty() ? step.section : question.section;
}

}  // namespace

json StepModal(const config::sop::Sop& sop, const config::sop::Step& step,
               const flow::Answers& answers, std::string_view private_metadata,
               const config::BusinessCalendar& calendar, const flow::Facts& facts,
               const ExistingCaseInfo* existing_case, bool with_back) {
    json blocks = json::array();
    if (!step.intro.empty()) blocks.push_back(bk::Section(bk::EscapeMrkdwn(step.intro), "intro"));
    if (step.panel == config::sop::Panel::kExistingCase) {
        AddExistingCasePanel(existing_case, calendar, blocks);
    }
    for (const std::string& note_id : step.notes) {
        if (const Note* note = sop.FindNote(note_id)) blocks.push_back(NoteBlock(*note));
    }

    std::set<std::string> sections;
    for (const Question& question : step.questions) sections.insert(SectionOf(step, question));
    const bool headed = sections.size() > 1;

    const std::vector<std::string> sources = flow::ConditionSources(step);
    std::string previous_section;
    std::set<std::string> header_ids;
    for (const Question* question : flow::VisibleQuestions(sop, step, answers, facts)) {
        const std::string section = SectionOf(step, *question);
        if (headed && section != previous_section) {
            const auto* found = sop.FindSection(section);
            std::string header_id = "section_" + section;
            if (!header_ids.insert(header_id).second) header_id += "_" + question->id;
            blocks.push_back(bk::Header(found != nullptr ? found->title : section, header_id));
        }
        previous_section = section;

        bk::InputSpec spec;
        spec.optional = !question->required;
        spec.hint = question->hint;
        spec.dispatch_action = config::sop::IsChoice(question->kind) &&
                               std::find(sources.begin(), sources.end(), question->id) !=
                                   sources.end();
        blocks.push_back(bk::Input(ids::QuestionBlockId(question->id), question->label,
                                   Element(*question, answers), spec));
    }

    if (with_back) {
        // Back keeps what is typed here (the handler saves the view's state first).
        blocks.push_back(bk::Actions(ids::kBackBlockId,
                                     {bk::Button("Back", ids::kBackActionId, step.id)}));
    }

    bk::ModalSpec modal;
    modal.title = step.title;
    modal.submit = step.submit;
    modal.close = step.close;
    modal.callback_id = std::string(ids::kStepCallbackId);
    modal.private_metadata = std::string(private_metadata);
    modal.blocks = std::move(blocks);
    return bk::Modal(std::move(modal));
}

}  // namespace escbot::commands::escalation::views
