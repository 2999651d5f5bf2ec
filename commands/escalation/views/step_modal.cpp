#include "commands/escalation/views/step_modal.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "bot/slack/rendered_parts.hpp"
#include "commands/block_kit/blocks.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/flow/validation.hpp"
#include "commands/escalation/views/format.hpp"
#include "commands/escalation/views/ids.hpp"
#include "commands/escalation/views/result_modals.hpp"

namespace escbot::commands::escalation::views {

namespace bk = block_kit;
using config::sop::Note;
using config::sop::Question;
using config::sop::QuestionKind;
using nlohmann::json;

namespace {

constexpr std::size_t kRadioMax = bk::limits::kCheckboxOptions;

std::vector<json> OptionsOf(const Question& question, const flow::Facts& facts) {
    const std::vector<config::sop::Option>& choices = flow::ChoiceOptions(question, facts);
    std::vector<json> options;
    options.reserve(choices.size());
    for (const auto& option : choices) {
        options.push_back(bk::Option(option.label, option.value));
    }
    return options;
}

std::vector<std::size_t> ChosenIndexes(const Question& question, const flow::Answers& answers,
                                       const flow::Facts& facts) {
    const std::vector<config::sop::Option>& choices = flow::ChoiceOptions(question, facts);
    std::vector<std::size_t> chosen;
    for (const std::string& value : flow::AnswerValues(answers, question.id)) {
        for (std::size_t i = 0; i < choices.size(); ++i) {
            if (choices[i].value == value) chosen.push_back(i);
        }
    }
    return chosen;
}

json Element(const Question& question, const flow::Answers& answers, const flow::Facts& facts) {
    const std::string_view action_id = ids::kAnswerActionId;
    const std::string answer = flow::AnswerText(answers, question.id);
    switch (question.kind) {
        case QuestionKind::kYesNo:
        case QuestionKind::kSingleChoice: {
            std::vector<json> options = OptionsOf(question, facts);
            const std::vector<std::size_t> chosen = ChosenIndexes(question, answers, facts);
            const std::optional<std::size_t> initial =
                chosen.empty() ? std::nullopt : std::optional<std::size_t>(chosen.front());
            if (options.size() <= kRadioMax) {
                return bk::RadioButtons(action_id, std::move(options), initial);
            }
            return bk::StaticSelect(action_id, question.placeholder.empty() ? "Choose one"
                                                                            : question.placeholder,
                                    std::move(options), initial);
        }
        case QuestionKind::kMultiChoice: {
            std::vector<json> options = OptionsOf(question, facts);
            const std::vector<std::size_t> chosen = ChosenIndexes(question, answers, facts);
            if (options.size() <= kRadioMax) {
                return bk::Checkboxes(action_id, std::move(options), chosen);
            }
            return bk::MultiStaticSelect(
                action_id, question.placeholder.empty() ? "Choose" : question.placeholder,
                std::move(options), chosen);
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

std::string SectionOf(const config::sop::Step& step, const Question& question) {
    return question.section.empty() ? step.section : question.section;
}

bool HasNoAnswer(const flow::Answers& answers, const std::string& question_id) {
    return !answers.is_object() || answers.find(question_id) == answers.end();
}

/// A block that depends only on the SOP text: `build()`, or with `parts` its text written once
/// per SOP fingerprint and `name`.
template <typename Build>
json Constant(slack::RenderedParts* parts, const config::sop::Sop& sop, std::string_view name,
              Build&& build) {
    if (parts == nullptr || sop.fingerprint.empty()) return build();
    std::string key = sop.fingerprint;
    key.push_back('\x1f');
    key.append(name);
    return parts->Get(key, build);
}

}  // namespace

json StepModal(const config::sop::Sop& sop, const config::sop::Step& step,
               const flow::Answers& answers, std::string_view private_metadata,
               const config::BusinessCalendar& calendar, const flow::Facts& facts,
               const std::vector<ExistingCaseInfo>* existing_cases, bool with_back,
               slack::RenderedParts* parts) {
    json blocks = json::array();
    if (!step.intro.empty()) {
        blocks.push_back(Constant(parts, sop, "intro/" + step.id, [&] {
            return bk::Section(bk::EscapeMrkdwn(step.intro), "intro");
        }));
    }
    if (step.panel == config::sop::Panel::kExistingCase) {
        for (json& block : ExistingCasesBlocks(
                 existing_cases ? *existing_cases : std::vector<ExistingCaseInfo>{}, calendar)) {
            blocks.push_back(std::move(block));
        }
    }
    for (const std::string& note_id : step.notes) {
        if (const Note* note = sop.FindNote(note_id)) {
            blocks.push_back(Constant(parts, sop, "note/" + note->id, [&] { return NoteBlock(*note); }));
        }
    }

    std::set<std::string> sections;
    for (const Question& question : step.questions) sections.insert(SectionOf(step, question));
    const bool headed = sections.size() > 1;

    const std::vector<std::string> sources = flow::ConditionSources(step);
    std::string previous_section;
    std::set<std::string> header_ids;
    for (const Question* question : flow::VisibleQuestions(sop, step, answers, facts)) {
        // Choices listed at run time with nothing to list (the cases closed meanwhile): an
        // input without options is not a valid view.
        if (config::sop::IsChoice(question->kind) &&
            flow::ChoiceOptions(*question, facts).empty()) {
            continue;
        }
        const std::string section = SectionOf(step, *question);
        if (headed && section != previous_section) {
            const auto* found = sop.FindSection(section);
            std::string header_id = "section_" + section;
            if (!header_ids.insert(header_id).second) header_id += "_" + question->id;
            blocks.push_back(bk::Header(found != nullptr ? found->title : section, header_id));
        }
        previous_section = section;

        const auto input = [&] {
            bk::InputSpec spec;
            spec.optional = !question->required;
            spec.hint = question->hint;
            spec.dispatch_action = config::sop::IsChoice(question->kind) &&
                                   std::find(sources.begin(), sources.end(), question->id) !=
                                       sources.end();
            return bk::Input(ids::QuestionBlockId(question->id), question->label,
                             Element(*question, answers, facts), spec);
        };
        // Without an answer, and with choices from the SOP, the input is the same every time.
        const bool constant = HasNoAnswer(answers, question->id) &&
                              question->options_from != config::sop::kOptionsFromOpenCases;
        blocks.push_back(constant ? Constant(parts, sop, "input/" + step.id + "/" + question->id,
                                             input)
                                  : input());
    }

    if (with_back) {
        // Back keeps what is typed here (the handler saves the view's state first).
        blocks.push_back(Constant(parts, sop, "back/" + step.id, [&] {
            return bk::Actions(ids::kBackBlockId, {bk::Button("Back", ids::kBackActionId, step.id)});
        }));
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
