#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bot/core/clock.hpp"
#include "config/business_calendar.hpp"
#include "config/sop/sop.hpp"
#include "storage/team_view_repository.hpp"

namespace escbot::commands::team {

// One open case of either kind (ESC-n, IC-n) as the App Home and `/escalation list|status` show
// it, decided apart from rendering (case_line_text.hpp). No personal data: the reference, the
// concern or complaint type (SOP option labels), the state, the owner, the due time and the
// thread link; never the homeowner's name, address, email or phone.

/// How urgent a case's due time is.
enum class DueClass {
    kNone,     // nothing due (a live ladder, a replied installer)
    kLater,    // due after the due-soon window
    kDueSoon,  // due within the window
    kOverdue,  // due at or before now
};

/// When "due soon" starts, for the current SOP: the promise's due_soon lead (SOP §1 A: a
/// reminder at 24bh of 48bh) measured back from each due time in business time.
struct DueRules {
    TimePoint now{};
    /// Cases due in (now, due_soon_by] are due soon (== now when the SOP has no due_soon).
    TimePoint due_soon_by{};
};

/// The rules at `now` for the escalation SOP `sop` (nullptr: no due-soon window). The window is
/// the working time between the promise's due_soon and due counted from the next working
/// instant, rounded up to whole business hours. Pure.
DueRules DueRulesOf(const config::sop::Sop* sop, const config::BusinessCalendar& calendar,
                    TimePoint now);

DueClass ClassOf(const std::optional<TimePoint>& due, const DueRules& rules);

/// "ESC-12" or "IC-3".
std::string CaseRef(storage::OpenCaseRow::Kind kind, long long id);
/// A reference typed by a person: "ESC-12", "esc-12", "IC-3", "ic3"; a bare number is an
/// escalation. nullopt for anything else.
struct ParsedRef {
    storage::OpenCaseRow::Kind kind = storage::OpenCaseRow::Kind::kEscalation;
    long long id = 0;
};
std::optional<ParsedRef> ParseCaseRef(std::string_view text);

/// A link to a message in Slack from its channel and ts: the archive URL
/// (https://slack.com/archives/C…/p…), which Slack opens in the reader's workspace; "" when the
/// message is not posted yet.
std::string ThreadLink(std::string_view channel, std::string_view ts);

/// What a line about one case holds.
struct CaseLine {
    storage::OpenCaseRow::Kind kind = storage::OpenCaseRow::Kind::kEscalation;
    long long id = 0;
    std::string ref;        // "ESC-12"
    std::string type_text;  // "Fraud, Sales rep" or "Installer unresponsive" ("" when unknown)
    std::string state_text; // "unclaimed", "claimed", "live ladder", "chase 2 due", ...
    std::string owner;      // U… ("" while unclaimed)
    std::string raised_by;  // U…
    std::optional<TimePoint> due;
    DueClass due_class = DueClass::kNone;
    std::string link;       // "" when the thread is not posted yet
};

/// The line of `row` (type_text: the labels the caller looked up). Pure.
CaseLine LineOf(const storage::OpenCaseRow& row, const DueRules& rules, std::string type_text);

/// "unclaimed", "claimed", "live ladder" (escalation); "chase 2 waiting", "chase 2 due",
/// "installer replied", "referral due", "referred" (installer).
std::string StateText(const storage::OpenCaseRow& row);

}  // namespace escbot::commands::team
