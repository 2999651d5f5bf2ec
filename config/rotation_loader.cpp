#include "config/rotation_loader.hpp"

#include <cctype>
#include <map>
#include <stdexcept>

#include "config/slack_ids.hpp"

namespace escbot::config::detail {
namespace {

using Calendars = HolidayCalendars;

constexpr std::string_view kUserIds = "expected a Slack user id (U… or W…)";
constexpr std::string_view kGroupIds = "expected a Slack user group id (S…)";
constexpr std::string_view kUserOrGroupIds = "expected a Slack user id (U…/W…) or group id (S…)";
constexpr std::string_view kTimeText = "expected a local time \"HH:MM\" between 00:00 and 24:00";
constexpr std::string_view kDateText = "expected a date such as 2026-11-26";

bool IsRotationName(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    for (const char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
            return false;
        }
    }
    return true;
}

std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

/// "mon", "monday", "weekdays", "weekend(s)", "daily" -> days; 0 when unknown.
DayMask ParseDay(std::string_view text) {
    static const std::map<std::string, DayMask, std::less<>> kNames = {
        {"sun", kSunday},    {"sunday", kSunday},       {"mon", kMonday},
        {"monday", kMonday}, {"tue", kTuesday},         {"tuesday", kTuesday},
        {"wed", kWednesday}, {"wednesday", kWednesday}, {"thu", kThursday},
        {"thursday", kThursday}, {"fri", kFriday},      {"friday", kFriday},
        {"sat", kSaturday},  {"saturday", kSaturday},   {"weekdays", kWeekdays},
        {"weekend", kWeekend}, {"weekends", kWeekend},  {"daily", kEveryDay},
    };
    const auto it = kNames.find(Lower(text));
    return it == kNames.end() ? DayMask{0} : it->second;
}

/// "HH:MM" or "H:MM" (or a TOML local time with zero seconds); "24:00" only when `allow_24`.
std::optional<MinuteOfDay> ParseTime(const toml::node& node, bool allow_24) {
    if (const auto* time = node.as_time()) {
        const toml::time& value = time->get();
        if (value.second != 0 || value.nanosecond != 0) return std::nullopt;
        return value.hour * 60 + value.minute;
    }
    const auto* text = node.as_string();
    if (text == nullptr) return std::nullopt;
    std::string s = text->get();
    if (s.size() == 4) s.insert(0, "0");  // "9:00"
    if (s.size() != 5 || s[2] != ':' || !std::isdigit(static_cast<unsigned char>(s[0])) ||
        !std::isdigit(static_cast<unsigned char>(s[1])) ||
        !std::isdigit(static_cast<unsigned char>(s[3])) ||
        !std::isdigit(static_cast<unsigned char>(s[4]))) {
        return std::nullopt;
    }
    const int hour = (s[0] - '0') * 10 + (s[1] - '0');
    const int minute = (s[3] - '0') * 10 + (s[4] - '0');
    if (minute > 59) return std::nullopt;
    if (hour == 24 && minute == 0 && allow_24) return 24 * 60;
    if (hour > 23) return std::nullopt;
    return hour * 60 + minute;
}

namespace {

/// A TOML local date or a "YYYY-MM-DD" string.
std::optional<std::chrono::year_month_day> ParseDate(const toml::node& node) {
    int year = 0;
    unsigned month = 0, day = 0;
    if (const auto* date = node.as_date()) {
        year = date->get().year;
        month = date->get().month;
        day = date->get().day;
    } else if (const auto* text = node.as_string()) {
        const std::string& s = text->get();
        if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
        for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
            if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
        }
        year = std::stoi(s.substr(0, 4));
        month = static_cast<unsigned>(std::stoi(s.substr(5, 2)));
        day = static_cast<unsigned>(std::stoi(s.substr(8, 2)));
    } else {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

std::optional<MinuteOfDay> ReadTime(TableReader& reader, std::string_view key, bool allow_24) {
    const toml::node* node = reader.Get(key);
    if (node == nullptr) return std::nullopt;
    auto minute = ParseTime(*node, allow_24);
    if (!minute) reader.Problem(key, std::string(kTimeText));
    return minute;
}

/// `start` and `end` (both required when `required`); nullopt when absent or wrong.
std::optional<TimeRange> ReadHours(TableReader& reader, bool required, bool& bad) {
    const bool has_start = reader.table().contains("start");
    const bool has_end = reader.table().contains("end");
    const auto start = ReadTime(reader, "start", false);
    const auto end = ReadTime(reader, "end", true);
    if (!has_start && !has_end && !required) return std::nullopt;
    if (!has_start || !has_end) {
        reader.Problem(has_start ? "end" : "start", "expected both start and end");
        bad = true;
        return std::nullopt;
    }
    if (!start || !end) {
        bad = true;
        return std::nullopt;
    }
    if (*start == *end) {
        reader.Problem("end", "equals start: a window lasts less than a day (00:00-24:00 is a "
                              "whole day)");
        bad = true;
        return std::nullopt;
    }
    return TimeRange{*start, *end};
}

/// `date`, or `from` and `to` (inclusive).
std::optional<DateRange> ReadDates(TableReader& reader) {
    const toml::node* single = reader.Get("date");
    const toml::node* from = reader.Get("from");
    const toml::node* to = reader.Get("to");
    if (single != nullptr && (from != nullptr || to != nullptr)) {
        reader.Problem("date", "give either date, or from and to, not both");
        return std::nullopt;
    }
    if (single != nullptr) {
        const auto day = ParseDate(*single);
        if (!day) {
            reader.Problem("date", std::string(kDateText));
            return std::nullopt;
        }
        return DateRange{*day, *day};
    }
    if (from == nullptr || to == nullptr) {
        reader.Problem(from == nullptr ? "from" : "to",
                       "expected date, or from and to (the dates, inclusive)");
        return std::nullopt;
    }
    const auto first = ParseDate(*from);
    const auto last = ParseDate(*to);
    if (!first) reader.Problem("from", std::string(kDateText));
    if (!last) reader.Problem("to", std::string(kDateText));
    if (!first || !last) return std::nullopt;
    if (std::chrono::sys_days(*last) < std::chrono::sys_days(*first)) {
        reader.Problem("to", "is before from");
        return std::nullopt;
    }
    if ((std::chrono::sys_days(*last) - std::chrono::sys_days(*first)).count() >= 3660) {
        reader.Problem("to", "the range is longer than ten years");
        return std::nullopt;
    }
    return DateRange{*first, *last};
}

/// The tables of an array of tables (`[[x]]` or `x = [{...}]`), each with its dotted path.
template <class Fn>
void ForEachTable(TableReader& parent, std::string_view key, Fn&& fn) {
    const toml::array* array = parent.Array(key);
    if (array == nullptr) return;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string path = parent.KeyPath(key) + "[" + std::to_string(i) + "]";
        const toml::table* table = (*array)[i].as_table();
        if (table == nullptr) {
            const int line = LineOf((*array)[i]) > 0 ? LineOf((*array)[i]) : parent.line();
            parent.problems().Add(line, path, "expected a table");
            continue;
        }
        TableReader reader(*table, path, parent.problems());
        fn(reader);
        reader.RejectUnknown();
    }
}

std::optional<Window> ReadWindow(TableReader& reader, bool weekly) {
    Window window;
    bool bad = false;
    if (weekly) {
        const toml::node* days = reader.Get("days");
        const toml::array* list = days != nullptr ? days->as_array() : nullptr;
        if (list == nullptr || list->empty()) {
            reader.Problem("days", "expected a list of days such as [\"mon\", \"tue\"] or "
                                   "[\"weekdays\"]");
            bad = true;
        } else {
            for (std::size_t i = 0; i < list->size(); ++i) {
                const auto* text = (*list)[i].as_string();
                const DayMask day = text != nullptr ? ParseDay(text->get()) : DayMask{0};
                if (day == 0) {
                    reader.Problem("days", "element " + std::to_string(i) +
                                               ": expected mon, tue, wed, thu, fri, sat, sun, "
                                               "weekdays, weekend or daily");
                    bad = true;
                }
                window.days |= day;
            }
        }
    }
    const auto hours = ReadHours(reader, true, bad);
    if (hours) {
        window.start = hours->start;
        window.end = hours->end;
    }
    reader.StringList("users", window.duty.users, IsUserId, kUserIds);
    reader.StringList("groups", window.duty.groups, IsGroupId, kGroupIds);
    if (window.duty.empty() && !reader.table().contains("users") &&
        !reader.table().contains("groups")) {
        reader.Problem("users", "a window needs users or groups (or both)");
        bad = true;
    }
    if (bad || !hours || window.duty.empty()) return std::nullopt;
    return window;
}

void ReadCalendars(TableReader& root, Calendars& calendars) {
    const toml::table* table = root.Table("holiday_calendars");
    if (table == nullptr) return;
    for (const auto& [key, node] : *table) {
        const std::string path = "holiday_calendars." + std::string(key.str());
        const toml::table* calendar = node.as_table();
        if (calendar == nullptr) {
            root.problems().Add(LineOf(key), path, "expected a table with dates = [...]");
            continue;
        }
        TableReader reader(*calendar, path, root.problems());
        std::vector<std::chrono::year_month_day> dates;
        if (const toml::array* list = reader.Array("dates")) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                const auto day = ParseDate((*list)[i]);
                if (!day) {
                    reader.Problem("dates", "element " + std::to_string(i) + ": " +
                                                std::string(kDateText));
                    continue;
                }
                dates.push_back(*day);
            }
        } else {
            reader.Problem("dates", "expected dates = [2026-11-26, ...]");
        }
        reader.RejectUnknown();
        calendars.emplace(std::string(key.str()), std::move(dates));
    }
}

std::optional<Override> ReadOverride(TableReader& reader) {
    Override item;
    bool bad = false;
    const auto dates = ReadDates(reader);
    item.hours = ReadHours(reader, false, bad);
    reader.StringList("add", item.add, IsUserOrGroupId, kUserOrGroupIds);
    reader.StringList("remove", item.remove, IsUserOrGroupId, kUserOrGroupIds);
    ForEachTable(reader, "replace", [&](TableReader& swap) {
        Replacement replacement;
        swap.String("user", replacement.user, IsUserOrGroupId, kUserOrGroupIds);
        swap.String("with", replacement.with, IsUserOrGroupId, kUserOrGroupIds);
        if (replacement.user.empty() || replacement.with.empty()) {
            if (!swap.table().contains("user") || !swap.table().contains("with")) {
                swap.Problem(swap.table().contains("user") ? "with" : "user",
                             "a replacement needs user and with");
            }
            bad = true;
            return;
        }
        item.replace.push_back(std::move(replacement));
    });
    if (!dates || bad) return std::nullopt;
    if (item.add.empty() && item.remove.empty() && item.replace.empty()) {
        reader.Problem("add", "an override needs add, remove or replace");
        return std::nullopt;
    }
    item.dates = *dates;
    return item;
}

void ReadRotation(TableReader& reader, const std::string& name, const Calendars& calendars,
                  RotationSet& out) {
    RotationSpec spec;
    spec.name = name;
    bool bad = false;
    reader.String("time_zone", spec.time_zone, IsTimeZone,
                  "expected an IANA time zone name such as America/New_York");

    ForEachTable(reader, "windows", [&](TableReader& window_reader) {
        if (auto window = ReadWindow(window_reader, true)) {
            spec.windows.push_back(std::move(*window));
        } else {
            bad = true;
        }
    });

    if (!ReadHolidayCalendar(reader, calendars, spec.closed_dates)) bad = true;

    ForEachTable(reader, "holidays", [&](TableReader& holiday_reader) {
        Holiday holiday;
        const auto dates = ReadDates(holiday_reader);
        holiday_reader.String("name", holiday.name);
        ForEachTable(holiday_reader, "windows", [&](TableReader& window_reader) {
            if (auto window = ReadWindow(window_reader, false)) {
                holiday.windows.push_back(std::move(*window));
            } else {
                bad = true;
            }
        });
        if (!dates) {
            bad = true;
            return;
        }
        holiday.dates = *dates;
        spec.holidays.push_back(std::move(holiday));
    });

    ForEachTable(reader, "overrides", [&](TableReader& override_reader) {
        if (auto item = ReadOverride(override_reader)) {
            spec.overrides.push_back(std::move(*item));
        } else {
            bad = true;
        }
    });
    reader.RejectUnknown();
    if (bad) return;

    try {
        out.by_name.emplace(name, Rotation(std::move(spec)));
    } catch (const std::invalid_argument& e) {
        // The reader checks all of this first; kept so that no rule of Rotation goes unreported.
        reader.problems().Add(reader.line(), reader.path(), e.what());
    }
}

}  // namespace

void ReadRotations(TableReader& root, RotationSet& out, HolidayCalendars& calendars) {
    ReadCalendars(root, calendars);
    const toml::table* rotations = root.Table("rotations");
    if (rotations == nullptr) return;
    for (const auto& [key, node] : *rotations) {
        const std::string name(key.str());
        const std::string path = "rotations." + name;
        const toml::table* table = node.as_table();
        if (table == nullptr) {
            root.problems().Add(LineOf(key), path, "expected a table [" + path + "]");
            continue;
        }
        if (!IsRotationName(name)) {
            root.problems().Add(LineOf(key), path,
                                "a rotation name uses a-z, 0-9, _ and - only (it is typed after "
                                "/oncall)");
            continue;
        }
        TableReader reader(*table, path, root.problems());
        ReadRotation(reader, name, calendars, out);
    }
}

}  // namespace escbot::config::detail
