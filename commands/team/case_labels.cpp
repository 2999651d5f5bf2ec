#include "commands/team/case_labels.hpp"

#include "commands/escalation/flow/answers.hpp"
#include "commands/escalation/sop_versions.hpp"

namespace escbot::commands::team {
namespace {

std::string OptionLabels(const config::sop::Sop& sop, const nlohmann::json& answers,
                         const std::string& question_id) {
    if (question_id.empty()) return {};
    const auto* question = sop.FindQuestion(question_id);
    std::string out;
    for (const std::string& value : escalation::flow::AnswerValues(answers, question_id)) {
        std::string label = value;
        if (question != nullptr) {
            for (const auto& option : question->options) {
                if (option.value == value) label = option.label;
            }
        }
        out += (out.empty() ? "" : ", ") + label;
    }
    return out;
}

}  // namespace

std::string CaseLabels::TypeText(storage::UnitOfWork& u, const storage::OpenCaseRow& row) {
    if (row.kind == storage::OpenCaseRow::Kind::kInstaller) {
        const auto sop = installer_sops_.Find(u, row.sop_version);
        const auto* type = sop ? sop->FindComplaintType(row.type) : nullptr;
        return type != nullptr ? type->label : row.type;
    }
    const auto sop = escalation::FindSop(u, sops_, row.sop_version);
    if (!sop) return {};
    std::string text = OptionLabels(*sop, row.answers, sop->fields.concern_types);
    if (text.empty()) text = OptionLabels(*sop, row.answers, sop->fields.live_concern_types);
    return text;
}

}  // namespace escbot::commands::team
