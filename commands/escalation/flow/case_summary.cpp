#include "commands/escalation/flow/case_summary.hpp"

#include <set>

namespace escbot::commands::escalation::flow {

using config::sop::Question;
using config::sop::Sop;
using config::sop::Step;

namespace {

std::string LabelOf(const Question& question, const std::string& value) {
    for (const auto& option : question.options) {
        if (option.value == value) return option.label;
    }
    return value;
}

std::vector<std::string> Labels(const Sop& sop, const std::string& question_id,
                                const Answers& answers) {
    std::vector<std::string> labels;
    const Question* question = sop.FindQuestion(question_id);
    if (question == nullptr) return labels;
    for (const std::string& value : AnswerValues(answers, question_id)) {
        labels.push_back(LabelOf(*question, value));
    }
    return labels;
}

std::string Display(const Sop& sop, const std::string& question_id, const Answers& answers) {
    const Question* question = sop.FindQuestion(question_id);
    return question == nullptr ? std::string() : DisplayAnswer(*question, answers);
}

}  // namespace

std::string DisplayAnswer(const Question& question, const Answers& answers) {
    if (!config::sop::IsChoice(question.kind)) return AnswerText(answers, question.id);
    std::string out;
    for (const std::string& value : AnswerValues(answers, question.id)) {
        if (!out.empty()) out += ", ";
        out += LabelOf(question, value);
    }
    return out;
}

CaseSummary MakeCaseSummary(const Sop& sop, const Answers& answers, const CaseMeta& meta) {
    const auto& f = sop.fields;
    CaseSummary summary;
    summary.case_id = meta.case_id;
    summary.sop_version = sop.version;
    summary.homeowner_name = AnswerText(answers, f.homeowner_name);
    summary.property_address = AnswerText(answers, f.property_address);
    summary.origin = Display(sop, f.origin, answers);
    summary.interaction_id = AnswerText(answers, f.interaction_id);
    summary.asked_for_lead = AnswerText(answers, f.asked_for_lead) == "yes";
    summary.concern_types = Labels(sop, f.concern_types, answers);
    // The refused (live) path ends before the questionnaire: its own concern question stands in.
    const bool live_concern = summary.concern_types.empty() && !f.live_concern_types.empty();
    if (live_concern) summary.concern_types = Labels(sop, f.live_concern_types, answers);
    summary.qualifiers = Labels(sop, f.qualifiers, answers);
    summary.red_flags = AnswerText(answers, f.red_flags);
    summary.escalated_by = meta.escalated_by;
    summary.escalated_at = meta.escalated_at;
    summary.follow_up_due = meta.follow_up_due;
    summary.owner = meta.owner;
    summary.status = meta.status;
    summary.note = meta.note;
    summary.last_update_at = meta.last_update_at;
    summary.resolved = meta.resolved;
    summary.resolved_by = meta.resolved_by;
    summary.resolved_at = meta.resolved_at;
    summary.resolution_note = meta.resolution_note;

    // Shown in the headline already; not repeated under their sections.
    std::set<std::string> headline{f.origin,         f.asked_for_lead,   f.qualifiers,
                                         f.homeowner_name, f.property_address, f.interaction_id,
                                         f.concern_types,  f.red_flags};
    if (live_concern) headline.insert(f.live_concern_types);
    for (const auto& section : sop.sections) {
        AnswerSection out{section.id, section.title, {}};
        for (const Step& step : sop.steps) {
            for (const Question& question : step.questions) {
                const std::string& in = question.section.empty() ? step.section : question.section;
                if (in != section.id || headline.count(question.id) != 0) continue;
                if (!IsAnswered(answers, question.id)) continue;
                out.lines.push_back({question.id, question.label, DisplayAnswer(question, answers)});
            }
        }
        if (section.id == f.key_points_section) {
            summary.key_points = std::move(out.lines);
        } else if (!out.lines.empty()) {
            summary.sections.push_back(std::move(out));
        }
    }
    return summary;
}

}  // namespace escbot::commands::escalation::flow
