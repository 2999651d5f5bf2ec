#pragma once

#include <memory>
#include <string>
#include <vector>

#include "commands/reports/case_reading.hpp"
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
};

}  // namespace escbot::test
