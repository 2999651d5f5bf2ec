#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "commands/access/access.hpp"
#include "commands/case_list/case_list_request.hpp"
#include "commands/team/case_line.hpp"
#include "commands/team/team_env.hpp"
#include "config/settings.hpp"
#include "storage/store.hpp"

namespace escbot::commands::case_list {

// `/escalation list` and `/escalation status` as plain functions over a read transaction. Each
// asks the authorization table (commands/access) first: `list mine` any member; the team lists
// the leads and the back office; a case's status its raiser, its owner, the leads and the back
// office. What they return holds no personal data (see commands/team/case_line.hpp).

/// Who asks, and when.
struct Asker {
    std::string user;
    TimePoint now{};
};

/// The table said no: nothing was read.
struct Refused {
    const access::Rule* rule = nullptr;
};

/// One page of a list.
struct ListPage {
    ListFilter filter = ListFilter::kMine;
    int page = 1;   // as asked (may be past the last page: then `lines` is empty)
    int pages = 1;  // at least 1
    long long total = 0;
    std::vector<team::CaseLine> lines;
};

using ListOutcome = std::variant<ListPage, Refused>;

/// The `page` of the cases `filter` selects: mine (raised or owned by the asker), open (every
/// open case), overdue (due at or before now), unclaimed; most urgent first, kPageSize a page.
ListOutcome ListCases(storage::UnitOfWork& u, team::TeamEnv& env, const config::Settings& settings,
                      const Asker& asker, const ListRequest& request);

/// One case as its status shows it.
struct CaseStatus {
    team::CaseLine line;          // ref, type, state, owner, due, link
    bool open = true;
    std::string closed_state;     // "resolved", "live transfer accepted", "closed" (when !open)
    TimePoint created_at{};
    std::optional<TimePoint> last_update_at;
    /// "kept", "on track", "at risk", "missed", or "" when no promise applies (a live ladder).
    std::string promise;
};

struct NotFound {};

using StatusOutcome = std::variant<CaseStatus, Refused, NotFound>;

/// The status of case `ref` (open or closed); NotFound when there is no such case (an installer
/// complaint that needed no case counts as none).
StatusOutcome StatusOf(storage::UnitOfWork& u, team::TeamEnv& env, const config::Settings& settings,
                       const Asker& asker, const team::ParsedRef& ref);

}  // namespace escbot::commands::case_list
