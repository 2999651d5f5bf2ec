#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "commands/reports/case_facts.hpp"

namespace escbot::commands::reports {

/// `escalation-bot report`: counts by kind (escalation, installer_complaint), outcome, accepting
/// tier, concern type, qualifier and complaint type, the share of promises kept (all cases, then
/// by kind), and medians in business hours. Cases are added one at a time; the
/// medians keep one number per case (8 bytes), the counts one entry per code.
class CaseReport {
public:
    void Add(const CaseFacts& facts);

    /// The report as text. `title` names the range; `attempts` are the attempts that ended
    /// without a case in that range.
    std::string Text(const std::string& title, const storage::AttemptCounts& attempts) const;

    long long Cases() const { return cases_; }
    /// nullopt when no promise has been decided yet.
    std::optional<double> ShareOfPromisesKept() const;

private:
    struct Promises {
        long long kept = 0;
        long long broken = 0;
        long long running = 0;
    };

    long long cases_ = 0;
    std::map<std::string, long long> by_kind_;
    std::map<std::string, Promises> promises_by_kind_;
    std::map<std::string, long long> by_complaint_type_;
    std::map<std::string, long long> by_outcome_;
    std::map<std::string, long long> by_concern_;
    std::map<std::string, long long> by_qualifier_;
    std::map<std::string, long long> by_tier_;
    long long promises_kept_ = 0;
    long long promises_broken_ = 0;
    long long promises_running_ = 0;
    std::vector<double> to_claim_;
    std::vector<double> to_first_update_;
    std::vector<double> to_resolution_;
};

/// The median of `values` (the mean of the two middle ones for an even count); nullopt when
/// empty. Reorders `values`.
std::optional<double> Median(std::vector<double>& values);

}  // namespace escbot::commands::reports
