#include "commands/team/case_line.hpp"

#include <cctype>
#include <charconv>

#include "commands/escalation/promise.hpp"

namespace escbot::commands::team {

using Kind = storage::OpenCaseRow::Kind;

DueRules DueRulesOf(const config::sop::Sop* sop, const config::BusinessCalendar& calendar,
                    TimePoint now) {
    DueRules rules{now, now};
    if (sop == nullptr) return rules;
    const escalation::Promise promise = escalation::PromiseOf(*sop);
    if (!promise.due_soon) return rules;
    const TimePoint from = calendar.NextWorkingInstant(now);
    const Seconds window =
        calendar.WorkingTimeBetween(calendar.Add(from, *promise.due_soon), calendar.Add(from, promise.due));
    if (window.count() <= 0) return rules;
    const long hours = static_cast<long>((window.count() + 3599) / 3600);
    rules.due_soon_by = calendar.Add(now, {hours, config::Duration::Unit::BusinessHours});
    return rules;
}

DueClass ClassOf(const std::optional<TimePoint>& due, const DueRules& rules) {
    if (!due) return DueClass::kNone;
    if (*due <= rules.now) return DueClass::kOverdue;
    if (*due <= rules.due_soon_by) return DueClass::kDueSoon;
    return DueClass::kLater;
}

std::string CaseRef(Kind kind, long long id) {
    return (kind == Kind::kEscalation ? "ESC-" : "IC-") + std::to_string(id);
}

std::optional<ParsedRef> ParseCaseRef(std::string_view text) {
    std::string upper;
    for (const char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string_view rest = upper;
    ParsedRef ref;
    if (rest.starts_with("ESC")) {
        rest.remove_prefix(3);
    } else if (rest.starts_with("IC")) {
        ref.kind = Kind::kInstaller;
        rest.remove_prefix(2);
    }
    if (rest.starts_with("-")) rest.remove_prefix(1);
    if (rest.empty() || rest.size() > 18) return std::nullopt;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), ref.id);
    if (error != std::errc() || end != rest.data() + rest.size() || ref.id <= 0) return std::nullopt;
    return ref;
}

std::string ThreadLink(std::string_view channel, std::string_view ts) {
    if (channel.empty() || ts.empty()) return {};
    std::string digits;
    for (const char c : ts) {
        if (c != '.') digits += c;
    }
    return "https://slack.com/archives/" + std::string(channel) + "/p" + digits;
}

std::string StateText(const storage::OpenCaseRow& row) {
    if (row.kind == Kind::kEscalation) {
        if (row.state == "live") return "live ladder";
        if (row.state == "claimed") return "claimed";
        return "unclaimed";
    }
    const std::string n = std::to_string(row.chase_attempt);
    if (row.state == "waiting") return "chase " + n + " waiting";
    if (row.state == "due") return "chase " + n + " due";
    if (row.state == "replied") return "installer replied";
    if (row.state == "referral_due") return "referral due";
    return "referred";
}

CaseLine LineOf(const storage::OpenCaseRow& row, const DueRules& rules, std::string type_text) {
    CaseLine line;
    line.kind = row.kind;
    line.id = row.id;
    line.ref = CaseRef(row.kind, row.id);
    line.type_text = std::move(type_text);
    line.state_text = StateText(row);
    line.owner = row.owner;
    line.raised_by = row.raised_by;
    line.due = row.due_at;
    line.due_class = ClassOf(row.due_at, rules);
    line.link = ThreadLink(row.thread_channel, row.thread_ts);
    return line;
}

}  // namespace escbot::commands::team
