#include "config/sop/sop.hpp"

#include <array>

namespace escbot::config::sop {
namespace {

constexpr std::array<std::pair<QuestionKind, std::string_view>, 8> kKindNames{{
    {QuestionKind::kYesNo, "yes_no"},
    {QuestionKind::kShortText, "short_text"},
    {QuestionKind::kLongText, "long_text"},
    {QuestionKind::kSingleChoice, "single_choice"},
    {QuestionKind::kMultiChoice, "multi_choice"},
    {QuestionKind::kEmail, "email"},
    {QuestionKind::kPhone, "phone"},
    {QuestionKind::kDate, "date"},
}};

template <class Vector>
void BuildIndex(const Vector& items, std::map<std::string, std::size_t, std::less<>>& index) {
    index.clear();
    for (std::size_t i = 0; i < items.size(); ++i) index.emplace(items[i].id, i);
}

template <class Vector>
const typename Vector::value_type* Lookup(const Vector& items,
                                          const std::map<std::string, std::size_t, std::less<>>& index,
                                          std::string_view id) {
    const auto it = index.find(id);
    return it == index.end() ? nullptr : &items[it->second];
}

}  // namespace

std::string_view KindName(QuestionKind kind) {
    for (const auto& [k, name] : kKindNames) {
        if (k == kind) return name;
    }
    return "unknown";
}

std::optional<QuestionKind> ParseKind(std::string_view name) {
    for (const auto& [kind, n] : kKindNames) {
        if (n == name) return kind;
    }
    return std::nullopt;
}

bool IsChoice(QuestionKind kind) {
    return kind == QuestionKind::kYesNo || kind == QuestionKind::kSingleChoice ||
           kind == QuestionKind::kMultiChoice;
}

const std::vector<std::string_view>& KnownFacts() {
    static const std::vector<std::string_view> facts{kFactOpenCaseExists};
    return facts;
}

const Step* Sop::FindStep(std::string_view step_id) const {
    return Lookup(steps, step_index_, step_id);
}

const Question* Sop::FindQuestion(std::string_view question_id) const {
    const auto it = question_index_.find(question_id);
    if (it == question_index_.end()) return nullptr;
    return &steps[it->second.first].questions[it->second.second];
}

const Step* Sop::StepOfQuestion(std::string_view question_id) const {
    const auto it = question_index_.find(question_id);
    return it == question_index_.end() ? nullptr : &steps[it->second.first];
}

const Outcome* Sop::FindOutcome(std::string_view outcome_id) const {
    return Lookup(outcomes, outcome_index_, outcome_id);
}

const Note* Sop::FindNote(std::string_view note_id) const {
    return Lookup(notes, note_index_, note_id);
}

const Section* Sop::FindSection(std::string_view section_id) const {
    return Lookup(sections, section_index_, section_id);
}

const LadderTier* Sop::FindTier(std::string_view tier_id) const {
    return Lookup(ladder.tiers, tier_index_, tier_id);
}

std::size_t Sop::QuestionCount() const {
    std::size_t count = 0;
    for (const Step& step : steps) count += step.questions.size();
    return count;
}

void Sop::Reindex() {
    BuildIndex(steps, step_index_);
    BuildIndex(outcomes, outcome_index_);
    BuildIndex(notes, note_index_);
    BuildIndex(sections, section_index_);
    BuildIndex(ladder.tiers, tier_index_);
    question_index_.clear();
    for (std::size_t s = 0; s < steps.size(); ++s) {
        for (std::size_t q = 0; q < steps[s].questions.size(); ++q) {
            question_index_.emplace(steps[s].questions[q].id, std::make_pair(s, q));
        }
    }
}

}  // namespace escbot::config::sop
