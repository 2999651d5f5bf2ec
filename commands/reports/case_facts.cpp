#include "commands/reports/case_facts.hpp"

#include "commands/escalation/case_refs.hpp"
#include "commands/escalation/flow/answers.hpp"
#include "commands/escalation/promise.hpp"

namespace escbot::commands::reports {
namespace {

using storage::EscalationCase;

bool IsLive(const storage::CaseReportRow& row, const config::sop::Sop* sop) {
    if (sop != nullptr) {
        if (const auto* outcome = sop->FindOutcome(row.c.outcome)) {
            return outcome->kind == config::sop::Outcome::Kind::kLiveLadder;
        }
    }
    return !row.ladder_status.empty();
}

std::string OutcomeOf(const storage::CaseReportRow& row, bool live) {
    if (!live) return "waited";
    if (row.ladder_status == "accepted" || row.c.status == EscalationCase::Status::kTransferred) {
        return "live_accepted";
    }
    if (row.ladder_status == "voicemail") return "voicemail";
    return "live_in_progress";
}

void ReadAnswers(CaseFacts& facts, const storage::CaseReportRow& row, const config::sop::Sop& sop) {
    facts.concern_types = escalation::flow::AnswerValues(row.c.answers, sop.fields.concern_types);
    if (facts.concern_types.empty() && !sop.fields.live_concern_types.empty()) {
        facts.concern_types =
            escalation::flow::AnswerValues(row.c.answers, sop.fields.live_concern_types);
    }
    facts.qualifiers = escalation::flow::AnswerValues(row.c.answers, sop.fields.qualifiers);
}

/// When the promise started running: at creation for a follow-up, at the ladder's end for
/// voicemail; none for a live transfer or a ladder still paging.
std::optional<TimePoint> PromiseStart(const CaseFacts& facts, const storage::CaseReportRow& row) {
    if (facts.outcome == "waited") return row.c.created_at;
    if (facts.outcome == "voicemail") return row.ladder_ended_at;
    return std::nullopt;
}

}  // namespace

CaseFacts FactsOf(const storage::CaseReportRow& row, const config::sop::Sop* sop,
                  const config::BusinessCalendar& calendar, TimePoint now) {
    const EscalationCase& c = row.c;
    CaseFacts facts;
    facts.ref = escalation::CaseDisplayId(c.id);
    facts.sop_version = c.sop_version;
    facts.created_at = c.created_at;
    facts.status = std::string(storage::CaseStatusName(c.status));
    facts.outcome = OutcomeOf(row, IsLive(row, sop));
    if (facts.outcome == "live_accepted") facts.accepted_tier = row.ladder_tier;
    if (sop != nullptr) ReadAnswers(facts, row, *sop);
    facts.created_by = c.created_by;
    facts.owner = c.owner;
    facts.hours_to_claim = HoursBetween(calendar, c.created_at, c.claimed_at);
    facts.hours_to_first_update = HoursBetween(calendar, c.created_at, row.first_update_at);
    facts.hours_to_resolution = HoursBetween(calendar, c.created_at, c.resolved_at);

    if (const auto start = PromiseStart(facts, row)) {
        facts.promise_due = sop != nullptr ? escalation::PromiseDue(escalation::PromiseOf(*sop), calendar, *start)
                                           : c.follow_up_due;
    }
    facts.promise_kept = PromiseKept(facts.promise_due, row.first_update_at, now);
    return facts;
}

std::optional<double> HoursBetween(const config::BusinessCalendar& calendar, TimePoint from,
                                   const std::optional<TimePoint>& to) {
    if (!to) return std::nullopt;
    return static_cast<double>(calendar.WorkingTimeBetween(from, *to).count()) / 3600.0;
}

std::optional<bool> PromiseKept(const std::optional<TimePoint>& due,
                                const std::optional<TimePoint>& first_update, TimePoint now) {
    if (!due) return std::nullopt;
    if (first_update) return *first_update <= *due;
    if (now > *due) return false;
    return std::nullopt;
}

}  // namespace escbot::commands::reports
