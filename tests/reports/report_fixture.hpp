#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "commands/reports/case_reading.hpp"
#include "config/sop/installer_sop_loader.hpp"
#include "config/sop/sop_catalog.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/new_york_calendar.hpp"
#include "tests/support/paths.hpp"

namespace escbot::test {

/// A real SQLite store holding a fixed set of cases under the shipped SOP, New York business
/// hours (weekdays 09:00-18:00), read back through commands/reports.
class ReportFixture {
public:
    // Monday 2026-11-02 10:00 EST.
    static TimePoint Monday10() { return FromUnix(1'793'631'600); }

    ReportFixture() {
        catalog_.Add(std::shared_ptr<const config::sop::Sop>(&ShippedSop(), [](const auto*) {}));
    }

    storage::Store& store() { return *store_; }

    long long AddCase(storage::EscalationCase c) {
        if (c.sop_version.empty()) c.sop_version = ShippedSop().version;
        if (c.created_by.empty()) c.created_by = "U0AGENT1";
        return store_->Write([&](storage::UnitOfWork& u) { return u.Escalation().Cases().Create(c); });
    }

    template <class F>
    auto Write(F&& f) {
        return store_->Write(std::forward<F>(f));
    }

    /// Stores an installer complaint (under the shipped installer SOP unless it names a version,
    /// whose text is stored as the bot stores it when a complaint starts).
    long long AddComplaint(storage::InstallerComplaint c) {
        const std::string text = ReadFile(SourceDir() / "config/sop/installer_complaints.toml");
        const auto loaded = config::sop::LoadInstallerSopString(text, "installer_complaints.toml");
        if (!loaded.ok()) throw std::runtime_error("the shipped installer SOP does not load");
        if (c.sop_version.empty()) c.sop_version = loaded.sop->version;
        return store_->Write([&](storage::UnitOfWork& u) {
            u.InstallerComplaints().PutSopIfAbsent(
                {loaded.sop->version, loaded.sop->fingerprint, text, c.created_at});
            return u.InstallerComplaints().Create(c);
        });
    }

    /// The installer complaints that became cases; returns the no-case count.
    long long ReadInstallers(
        TimePoint now, TimePoint since, TimePoint until,
        const std::function<void(const commands::reports::CaseFacts&,
                                 const storage::InstallerReportRow&)>& fn) {
        return commands::reports::ReadInstallerCases(*store_, installer_sops_, NewYorkCalendar(),
                                                     now, since, until, fn);
    }

    storage::AttemptCounts Read(
        TimePoint now, TimePoint since, TimePoint until,
        const std::function<void(const commands::reports::CaseFacts&, const storage::CaseReportRow&,
                                 const config::sop::Sop*)>& fn) {
        return commands::reports::ReadCases(*store_, catalog_, NewYorkCalendar(), now, since, until, fn);
    }

private:
    TempDir dir_;
    std::unique_ptr<storage::Store> store_ = storage::sqlite::OpenSqliteStore((dir_ / "bot.db").string());
    config::sop::SopCatalog catalog_;
    commands::installer::InstallerSops installer_sops_;  // loads versions from the database
};

}  // namespace escbot::test
