#include <chrono>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "bot/app/report_commands.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/new_york_calendar.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace escbot::test {
namespace {

/// The example configuration with its database moved into `dir`, holding one case created
/// 2026-11-02 10:00 EST with distinctive personal data.
class ExportCli : public ::testing::Test {
protected:
    void SetUp() override {
        std::ifstream example(SourceDir() / "config/escalation-bot.example.toml");
        std::stringstream text;
        text << example.rdbuf();
        std::string config = text.str();
        const std::string from = "path = \"data/escalation-bot.sqlite3\"";
        config.replace(config.find(from), from.size(), "path = \"" + db_path() + "\"");
        std::ofstream(config_path()) << config;

        auto store = storage::sqlite::OpenSqliteStore(db_path());
        storage::EscalationCase c;
        c.sop_version = "2026.12.1";
        c.outcome = "follow_up";
        c.created_by = "U0AGENT1";
        c.created_at = FromUnix(1'793'631'600);
        c.answers = {{"homeowner_name", "Zelda Quartermaine"}, {"concern_types", {"fraud"}}};
        store->Write([&](storage::UnitOfWork& u) { u.Escalation().Cases().Create(c); });
    }

    std::string db_path() const { return (dir_ / "bot.db").string(); }
    std::string config_path() const { return (dir_ / "bot.toml").string(); }

    ProcessResult Bot(std::vector<std::string> args) {
        args.insert(args.begin(), {BotBinary().string(), "--config", config_path()});
        return RunProcess(args, {{"USER", "backoffice-ann"}}, "", std::chrono::seconds(60),
                          SourceDir().string());
    }

    std::vector<storage::AuditEntry> ExportAudit() {
        auto store = storage::sqlite::OpenSqliteStore(db_path());
        return store->Read([](storage::UnitOfWork& u) { return u.Audit().ForEntity("export"); });
    }

    TempDir dir_;
};

TEST_F(ExportCli, ExportsCsvWithoutPersonalDataAndWritesNoAudit) {
    const auto r = Bot({"export", "--since", "2026-11-01", "--until", "2026-12-01"});

    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("case,kind,sop_version,created_at,", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("ESC-1,escalation,2026.12.1,2026-11-02T10:00:00-05:00,open,waited"), std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("Zelda"), std::string::npos);
    EXPECT_NE(r.err.find("1 cases"), std::string::npos);
    EXPECT_TRUE(ExportAudit().empty());
}

TEST_F(ExportCli, PersonalDataExportIsAuditedWithWhoAndWhat) {
    const auto r = Bot({"export", "--since", "2026-11-01", "--format", "json", "--include-personal-data"});

    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"homeowner_name\":\"Zelda Quartermaine\""), std::string::npos) << r.out;
    const auto audit = ExportAudit();
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].actor, "cli:backoffice-ann");
    EXPECT_EQ(audit[0].action, "export.personal_data");
    EXPECT_EQ(audit[0].detail.at("since"), "2026-11-01T00:00:00-04:00");
    EXPECT_EQ(audit[0].detail.at("format"), "json");
}

TEST_F(ExportCli, BadArgumentsExitTwoAndNameTheOption) {
    const auto bad_date = Bot({"export", "--since", "last tuesday"});
    const auto bad_format = Bot({"export", "--since", "2026-11-01", "--format", "xml"});
    const auto backwards = Bot({"report", "--since", "2026-11-02", "--until", "2026-11-01"});

    EXPECT_EQ(bad_date.exit_code, 2);
    EXPECT_NE(bad_date.err.find("--since"), std::string::npos);
    EXPECT_EQ(bad_format.exit_code, 2);
    EXPECT_NE(bad_format.err.find("csv or json"), std::string::npos);
    EXPECT_EQ(backwards.exit_code, 2);
    EXPECT_NE(backwards.err.find("--until must be after --since"), std::string::npos);
}

TEST_F(ExportCli, ReportCountsTheRange) {
    const auto r = Bot({"report", "--since", "2026-11-01", "--until", "2026-12-01"});

    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Cases: 1 (escalation 1)\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  fraud: 1\n"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Zelda"), std::string::npos);
}

TEST_F(ExportCli, InstallerComplaintsAreExportedAndReportedToo) {
    {
        auto store = storage::sqlite::OpenSqliteStore(db_path());
        storage::InstallerComplaint c;
        c.sop_version = "2026.12.1";
        c.agent_id = "U0AGENT2";
        c.homeowner = "Yolanda Pryce";
        c.address = "9 Oak Ave";
        c.program = "everbright";
        c.installer_name = "SunBright Solar";
        c.complaint_type = "unresponsive";
        c.created_at = FromUnix(1'793'631'600);
        store->Write([&](storage::UnitOfWork& u) { u.InstallerComplaints().Create(c); });
    }

    const auto exported = Bot({"export", "--since", "2026-11-01", "--until", "2026-12-01"});
    const auto reported = Bot({"report", "--since", "2026-11-01", "--until", "2026-12-01"});

    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(exported.out.find(
                  "IC-1,installer_complaint,2026.12.1,2026-11-02T10:00:00-05:00,open,in_progress"),
              std::string::npos)
        << exported.out;
    EXPECT_EQ(exported.out.find("Yolanda"), std::string::npos);
    EXPECT_NE(exported.err.find("2 cases"), std::string::npos);
    ASSERT_EQ(reported.exit_code, 0) << reported.err;
    EXPECT_NE(reported.out.find("Cases: 2 (escalation 1, installer_complaint 1)\n"),
              std::string::npos)
        << reported.out;
    EXPECT_NE(reported.out.find("By complaint type:\n  unresponsive: 1\n"), std::string::npos);
}

TEST(ReportDate, ADayStartsAtMidnightInTheCalendarZoneAcrossDaylightSaving) {
    const auto& calendar = NewYorkCalendar();

    EXPECT_EQ(app::ParseReportDate("2026-11-01", calendar), FromUnix(1'793'505'600));  // EDT, -04:00
    EXPECT_EQ(app::ParseReportDate("2026-11-02", calendar), FromUnix(1'793'595'600));  // EST, -05:00
    EXPECT_EQ(app::ParseReportDate("2026-11-02T10:00:00Z", calendar), FromUnix(1'793'613'600));
    EXPECT_FALSE(app::ParseReportDate("2026-02-30", calendar));
    EXPECT_FALSE(app::ParseReportDate("yesterday", calendar));
}

}  // namespace
}  // namespace escbot::test
