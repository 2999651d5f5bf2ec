#include "commands/reports/case_report.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace escbot::commands::reports {
namespace {

std::string Fixed(double value, int decimals) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

void WriteCounts(std::ostream& out, const char* heading, const std::map<std::string, long long>& counts) {
    out << heading << ":";
    if (counts.empty()) out << " none";
    out << "\n";
    std::vector<std::pair<std::string, long long>> sorted(counts.begin(), counts.end());
    // Largest first; ties by name so that the report is stable.
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [name, count] : sorted) out << "  " << name << ": " << count << "\n";
}

std::string MedianText(std::vector<double> values) {
    const auto median = Median(values);
    return median ? Fixed(*median, 1) + " (" + std::to_string(values.size()) + " cases)" : "none yet";
}

}  // namespace

std::optional<double> Median(std::vector<double>& values) {
    if (values.empty()) return std::nullopt;
    const std::size_t middle = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<long>(middle), values.end());
    const double upper = values[middle];
    if (values.size() % 2 == 1) return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + static_cast<long>(middle));
    return (lower + upper) / 2;
}

void CaseReport::Add(const CaseFacts& facts) {
    ++cases_;
    ++by_kind_[facts.kind];
    if (!facts.complaint_type.empty()) ++by_complaint_type_[facts.complaint_type];
    Promises& of_kind = promises_by_kind_[facts.kind];
    if (facts.promise_kept) {
        ++(*facts.promise_kept ? of_kind.kept : of_kind.broken);
    } else if (facts.promise_due) {
        ++of_kind.running;
    }
    ++by_outcome_[facts.outcome];
    for (const std::string& concern : facts.concern_types) ++by_concern_[concern];
    for (const std::string& qualifier : facts.qualifiers) ++by_qualifier_[qualifier];
    if (!facts.accepted_tier.empty()) ++by_tier_[facts.accepted_tier];
    if (facts.promise_kept) {
        ++(*facts.promise_kept ? promises_kept_ : promises_broken_);
    } else if (facts.promise_due) {
        ++promises_running_;
    }
    if (facts.hours_to_claim) to_claim_.push_back(*facts.hours_to_claim);
    if (facts.hours_to_first_update) to_first_update_.push_back(*facts.hours_to_first_update);
    if (facts.hours_to_resolution) to_resolution_.push_back(*facts.hours_to_resolution);
}

std::optional<double> CaseReport::ShareOfPromisesKept() const {
    const long long decided = promises_kept_ + promises_broken_;
    if (decided == 0) return std::nullopt;
    return static_cast<double>(promises_kept_) / static_cast<double>(decided);
}

std::string CaseReport::Text(const std::string& title, const storage::AttemptCounts& attempts) const {
    std::ostringstream out;
    out << title << "\n\n"
        << "Cases: " << cases_;
    for (auto it = by_kind_.begin(); it != by_kind_.end(); ++it)
        out << (it == by_kind_.begin() ? " (" : ", ") << it->first << " " << it->second;
    out << (by_kind_.empty() ? "" : ")") << "\n"
        << "Attempts without a case: not qualified " << attempts.not_qualified
        << ", added to an existing case " << attempts.added_to_existing
        << ", installer complaints needing no case " << attempts.installer_no_case << "\n";
    out << "Promises kept: ";
    if (const auto share = ShareOfPromisesKept()) {
        out << promises_kept_ << " of " << promises_kept_ + promises_broken_ << " ("
            << Fixed(*share * 100, 1) << "%)";
    } else {
        out << "none decided yet";
    }
    out << ", " << promises_running_ << " still running\n";
    for (const auto& [kind, p] : promises_by_kind_) {
        out << "  " << kind << ": " << p.kept << " of " << p.kept + p.broken << " kept, "
            << p.running << " still running\n";
    }
    out << "\n";
    WriteCounts(out, "By outcome", by_outcome_);
    WriteCounts(out, "Accepted at tier", by_tier_);
    WriteCounts(out, "By concern type", by_concern_);
    WriteCounts(out, "By qualifier", by_qualifier_);
    WriteCounts(out, "By complaint type", by_complaint_type_);
    out << "\nMedians in business hours from creation:\n"
        << "  to claim: " << MedianText(to_claim_) << "\n"
        << "  to first update: " << MedianText(to_first_update_) << "\n"
        << "  to resolution: " << MedianText(to_resolution_) << "\n";
    return out.str();
}

}  // namespace escbot::commands::reports
