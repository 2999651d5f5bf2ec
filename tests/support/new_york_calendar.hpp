#pragma once

#include "config/business_calendar.hpp"

namespace escbot::test {

/// The business calendar's defaults (America/New_York, weekdays 09:00-18:00, no holidays): the
/// zone people read times in, for view tests.
inline const config::BusinessCalendar& NewYorkCalendar() {
    static const config::BusinessCalendar calendar;
    return calendar;
}

}  // namespace escbot::test
