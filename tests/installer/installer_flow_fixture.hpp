#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bot/core/clock.hpp"
#include "bot/scheduling/scheduler.hpp"
#include "commands/installer/installer_flow.hpp"
#include "commands/installer/installer_ids.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/paths.hpp"

namespace escbot::commands::installer::test {

using namespace std::chrono_literals;

/// Monday 2026-11-23 10:00 America/New_York.
inline const TimePoint kMonday10 = FromUnix(1795446000);
inline constexpr const char* kAgent = "U0AGENT001";
inline constexpr const char* kBackOffice = "U0BACKOFF01";
inline constexpr const char* kBackOffice2 = "U0BACKOFF02";
inline constexpr const char* kStranger = "U0AGENT777";

/// The flow over a real SQLite file and the real Scheduler, with a ManualClock; the SOP is the
/// shipped config/sop/installer_complaints.toml unless a test writes its own beside a copy.
class InstallerFlowTest : public ::testing::Test {
protected:
    InstallerFlowTest() {
        settings_.escalation.sop_file = (escbot::test::SourceDir() / "config/sop/escalation.toml").string();
        settings_.channels.back_office = "C0BACKOFFC1";
        settings_.groups.back_office = {kBackOffice};
        Boot();
    }

    /// A new process on the same database: fresh store, SOP versions and scheduler.
    void Boot() {
        scheduler_.reset();
        store_.reset();
        store_ = storage::sqlite::OpenSqliteStore((dir_ / "bot.db").string());
        sops_ = std::make_unique<InstallerSops>();
        scheduler_ = std::make_unique<scheduling::Scheduler>(*store_, clock_);
        scheduler_->On(std::string(kChaseTimer), [this](const storage::Timer& t, storage::UnitOfWork& u) {
            OnChaseDue(u, Env(), t.payload.at("complaint").get<long long>(), t.payload.at("attempt").get<int>());
            ++fired_;
        });
        scheduler_->On(std::string(kOwnerReminderTimer), [this](const storage::Timer& t, storage::UnitOfWork& u) {
            OnOwnerReminder(u, Env(), t.payload.at("complaint").get<long long>());
            ++fired_;
        });
        scheduler_->On(std::string(kCommitmentTimer), [this](const storage::Timer& t, storage::UnitOfWork& u) {
            OnCommitmentDue(u, Env(), t.payload.at("complaint").get<long long>());
            ++fired_;
        });
    }

    FlowEnv Env() {
        return {settings_, *sops_, clock_.Now(), [](std::string_view user) {
                    return user == kBackOffice || user == kBackOffice2;
                }};
    }

    nlohmann::json Answers(const std::string& type, const std::string& program = "everbright",
                           const std::string& name = "Jane Doe") {
        return {{"homeowner_name", name},
                {"property_address", "12 North Main Street, Springfield"},
                {"program", program},
                {"installer_name", "SunCo"},
                {"installer_email", "ops@sunco.example"},
                {"complaint_type", type},
                {"description", "The installer has not called back since the inspection."},
                {"phone", "555-010-0101"},
                {"best_time", "after 5 PM"},
                {"interaction_id", "CX-42"}};
    }

    Submitted Submit(const nlohmann::json& answers, bool check_existing = true) {
        return store_->Write([&](storage::UnitOfWork& u) {
            const FlowEnv env = Env();
            const auto sop = sops_->Current(u, settings_, env.now);
            if (!sop) throw std::runtime_error("installer SOP did not load");
            const auto typed = ComplaintFromAnswers(*sop, answers, kAgent, "C0AGENTS01", env.now);
            return SubmitComplaint(u, env, *sop, typed, check_existing);
        });
    }

    long long Open(const std::string& type = "rude", const std::string& program = "everbright") {
        const Submitted s = Submit(Answers(type, program));
        EXPECT_EQ(s.kind, SubmitKind::kOpened);
        return s.complaint.id;
    }

    storage::InstallerComplaint Get(long long id) {
        return *store_->Read([&](storage::UnitOfWork& u) { return u.InstallerComplaints().Get(id); });
    }

    template <class Fn>
    Result Act(Fn&& fn) {
        return store_->Write([&](storage::UnitOfWork& u) { return fn(u, Env()); });
    }

    Result Chase(long long id, int attempt, bool replied, const char* user = kBackOffice) {
        return Act([&](storage::UnitOfWork& u, const FlowEnv& env) {
            return RecordChase(u, env, id, attempt, replied, user);
        });
    }

    /// Moves the clock to `t` and fires what is due.
    void RunAt(TimePoint t) {
        clock_.Set(t);
        scheduler_->RunDue();
    }

    /// Every outbox item queued so far, in order.
    std::vector<storage::OutboxItem> Outbox() {
        return store_->Read([&](storage::UnitOfWork& u) {
            std::vector<storage::OutboxItem> items;
            for (long long i = 1;; ++i) {
                auto item = u.Outbox().Get(i);
                if (!item) break;
                items.push_back(std::move(*item));
            }
            return items;
        });
    }

    /// The texts of the thread replies and root posts queued so far (fallback and blocks dumped).
    std::vector<std::string> Texts() {
        std::vector<std::string> out;
        for (const auto& item : Outbox()) out.push_back(item.args.dump());
        return out;
    }

    /// The thread replies whose text holds `needle`.
    int Count(const std::string& needle) {
        int n = 0;
        for (const auto& text : Texts()) n += text.find(needle) != std::string::npos;
        return n;
    }

    bool HasTimer(const std::string& key) {
        return store_->Read([&](storage::UnitOfWork& u) { return u.Timers().Find(key).has_value(); });
    }

    std::vector<storage::InstallerComplaintEvent> Events(long long id) {
        return store_->Read([&](storage::UnitOfWork& u) { return u.InstallerComplaints().Events(id); });
    }

    escbot::test::TempDir dir_;
    config::Settings settings_;
    ManualClock clock_{kMonday10};
    std::unique_ptr<storage::Store> store_;
    std::unique_ptr<InstallerSops> sops_;
    std::unique_ptr<scheduling::Scheduler> scheduler_;
    int fired_ = 0;
};

}  // namespace escbot::commands::installer::test
