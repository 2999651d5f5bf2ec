#include "bot/app/due_command.hpp"

#include <ostream>
#include <variant>

#include "bot/app/cli.hpp"
#include "config/duration.hpp"
#include "config/time_text.hpp"

namespace escbot::app {

int RunDue(const config::Settings& settings, const DueArgs& args, const Clock& clock,
           std::ostream& out, std::ostream& err) {
    TimePoint from = clock.Now();
    if (args.from != "now") {
        const auto parsed = config::ParseIsoInstant(args.from);
        if (!parsed) {
            err << "due: --from: expected now or an ISO-8601 instant with an offset or Z, such as "
                   "2026-12-04T17:00:00-05:00\n";
            return kExitUsageOrConfig;
        }
        from = *parsed;
    }
    const auto duration = config::ParseDuration(args.add);
    if (const auto* error = std::get_if<config::DurationError>(&duration)) {
        err << "due: --add: " << error->message << "\n";
        return kExitUsageOrConfig;
    }
    const config::BusinessCalendar& calendar = settings.business_calendar;
    out << calendar.FormatIso(calendar.Add(from, std::get<config::Duration>(duration))) << "\n";
    return kExitOk;
}

}  // namespace escbot::app
