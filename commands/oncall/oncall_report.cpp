#include "commands/oncall/oncall_report.hpp"

#include "config/time_text.hpp"

namespace escbot::commands::oncall {
namespace {

void AppendIds(std::string& text, const config::Duty& duty) {
    for (const auto& id : duty.users) text += " " + id;
    for (const auto& id : duty.groups) text += " " + id;
}

std::string RotationList(const config::RotationSet& rotations) {
    std::string list;
    for (const auto& name : rotations.Names()) list += (list.empty() ? "" : ", ") + name;
    return list.empty() ? "(none configured)" : list;
}

}  // namespace

std::string DescribeChange(const config::DutyChange& change) {
    std::string text;
    if (!change.on.empty()) {
        text += "on:";
        AppendIds(text, change.on);
    }
    if (!change.off.empty()) {
        text += text.empty() ? "off:" : " off:";
        AppendIds(text, change.off);
    }
    return text;
}

int RunOncall(const config::Settings& settings, const OncallArgs& args, const Clock& clock,
              std::ostream& out, std::ostream& err) {
    const config::Rotation* rotation = settings.rotations.Find(args.rotation);
    if (rotation == nullptr) {
        err << "oncall: unknown rotation \"" << args.rotation
            << "\"; configured rotations: " << RotationList(settings.rotations) << "\n";
        return kOncallUsageError;
    }

    TimePoint at = clock.Now();
    if (args.at) {
        const auto parsed = config::ParseIsoInstant(*args.at);
        if (!parsed) {
            err << "oncall: --at: expected an ISO-8601 instant with an offset or Z, such as "
                   "2026-11-23T22:00:00-05:00 or 2026-11-24T03:00:00Z\n";
            return kOncallUsageError;
        }
        at = *parsed;
    }

    if (args.week) {
        for (const auto& change : config::HandOffs(*rotation, at, at + std::chrono::days(7))) {
            out << config::FormatIsoLocal(*rotation, change.at) << " " << DescribeChange(change)
                << "\n";
        }
        return 0;
    }

    const config::Duty duty = config::OnDuty(*rotation, at);
    for (const auto& id : duty.users) out << id << "\n";
    for (const auto& id : duty.groups) out << id << "\n";
    const auto change = config::NextChange(*rotation, at);
    if (change) {
        out << "next: " << config::FormatIsoLocal(*rotation, change->at) << " "
            << DescribeChange(*change) << "\n";
    } else {
        out << "next: none\n";
    }
    return 0;
}

}  // namespace escbot::commands::oncall
