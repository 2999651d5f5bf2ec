#include "config/sop/sop_validator.hpp"

#include <set>
#include <string>

#include "config/sop/sop_definition_checks.hpp"
#include "config/sop/sop_step_checks.hpp"

namespace escbot::config::sop {

std::size_t ScreenBlockBudget(const Step& step) {
    std::size_t blocks = step.notes.size() + step.questions.size();
    if (!step.intro.empty()) blocks += 1;
    if (step.panel == Panel::kExistingCase) blocks += 2;
    std::size_t runs = 0;
    std::set<std::string> sections;
    std::string previous;
    for (const Question& question : step.questions) {
        const std::string& section = question.section.empty() ? step.section : question.section;
        sections.insert(section);
        if (runs == 0 || section != previous) ++runs;
        previous = section;
    }
    if (sections.size() > 1) blocks += runs;
    return blocks;
}

SopErrors ValidateSop(const Sop& sop) {
    using namespace checks;
    SopErrors errors;
    CheckMeta(sop, errors);
    CheckSections(sop, errors);
    CheckQualifiers(sop, errors);
    CheckNotes(sop, errors);
    CheckSteps(sop, errors);
    CheckOutcomes(sop, errors);
    CheckLadder(sop, errors);
    CheckFields(sop, errors);
    CheckGraph(sop, errors);
    return errors;
}

}  // namespace escbot::config::sop
