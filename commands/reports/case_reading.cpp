#include "commands/reports/case_reading.hpp"

#include <map>
#include <memory>
#include <string>

#include "commands/escalation/sop_versions.hpp"
#include "commands/reports/installer_facts.hpp"

namespace escbot::commands::reports {

storage::AttemptCounts ReadCases(
    storage::Store& store, config::sop::SopCatalog& sops, const config::BusinessCalendar& calendar,
    TimePoint now, TimePoint since, TimePoint until,
    const std::function<void(const CaseFacts&, const storage::CaseReportRow&,
                             const config::sop::Sop*)>& fn) {
    return store.Read([&](storage::UnitOfWork& u) {
        // A handful of versions at most: looked up once each, not once per case.
        std::map<std::string, std::shared_ptr<const config::sop::Sop>, std::less<>> by_version;
        u.Escalation().Reports().ForEachCreated(since, until, [&](const storage::CaseReportRow& row) {
            auto found = by_version.find(row.c.sop_version);
            if (found == by_version.end()) {
                found = by_version
                            .emplace(row.c.sop_version,
                                     escalation::FindSop(u, sops, row.c.sop_version))
                            .first;
            }
            const config::sop::Sop* sop = found->second.get();
            fn(FactsOf(row, sop, calendar, now), row, sop);
        });
        return u.Escalation().Reports().AttemptsBetween(since, until);
    });
}

long long ReadInstallerCases(
    storage::Store& store, installer::InstallerSops& sops, const config::BusinessCalendar& calendar,
    TimePoint now, TimePoint since, TimePoint until,
    const std::function<void(const CaseFacts&, const storage::InstallerReportRow&)>& fn) {
    return store.Read([&](storage::UnitOfWork& u) {
        std::map<std::string, std::shared_ptr<const config::sop::InstallerSop>, std::less<>>
            by_version;
        u.InstallerComplaints().ForEachCaseCreated(
            since, until, [&](const storage::InstallerReportRow& row) {
                auto found = by_version.find(row.c.sop_version);
                if (found == by_version.end()) {
                    found = by_version.emplace(row.c.sop_version, sops.Find(u, row.c.sop_version))
                                .first;
                }
                fn(InstallerFactsOf(row, found->second.get(), calendar, now), row);
            });
        return u.InstallerComplaints().NoCaseBetween(since, until);
    });
}

}  // namespace escbot::commands::reports
