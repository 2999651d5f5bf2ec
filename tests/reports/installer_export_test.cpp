// Installer complaints in `escalation-bot export` and `report` (issue 18 items 3 and 4): one
// record per complaint that became a case, in the escalations' columns, and their figures.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "commands/reports/case_export.hpp"
#include "commands/reports/case_report.hpp"
#include "tests/reports/cases_fixture_data.hpp"

namespace escbot::test {
namespace {

using commands::reports::CaseExportWriter;
using commands::reports::CaseReport;
using commands::reports::ExportColumns;
using commands::reports::ExportFormat;

const TimePoint kNow = ReportFixture::Monday10() + std::chrono::days(35);

/// Both kinds, as the CLI writes them: escalations, then installer complaints.
std::string Export(ReportFixture& f, ExportFormat format, bool personal) {
    std::ostringstream out;
    CaseExportWriter writer(out, format, personal, NewYorkCalendar());
    writer.Begin();
    f.Read(kNow, ReportFixture::Monday10(), kNow,
           [&](const auto& facts, const auto& row, const auto* sop) {
               writer.Write(facts, row, sop);
           });
    f.ReadInstallers(
        kNow, ReportFixture::Monday10(), kNow,
        [&](const auto& facts, const auto& row) { writer.WriteInstaller(facts, row); });
    return out.str();
}

std::vector<nlohmann::json> JsonRecords(const std::string& text) {
    std::istringstream lines(text);
    std::vector<nlohmann::json> records;
    for (std::string line; std::getline(lines, line);)
        records.push_back(nlohmann::json::parse(line));
    return records;
}

/// Splits a CSV of this export (no quoted line breaks in these records) into header-keyed rows.
std::vector<std::map<std::string, std::string>> CsvRows(const std::string& text) {
    std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
            records.back().back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == ',') {
            records.back().emplace_back();
        } else if (!quoted && c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            records.emplace_back(1);
            ++i;
        } else {
            records.back().back() += c;
        }
    }
    if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
    std::vector<std::map<std::string, std::string>> rows;
    for (std::size_t r = 1; r < records.size(); ++r) {
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < records[0].size(); ++c) row[records[0][c]] = records[r].at(c);
        rows.push_back(row);
    }
    return rows;
}

TEST(InstallerExport, OneCsvRecordPerComplaintThatBecameACaseWithItsFacts) {
    ReportFixture f;
    AddFixedCases(f);
    const FixedComplaints ids = AddFixedComplaints(f);

    const auto rows = CsvRows(Export(f, ExportFormat::kCsv, false));

    ASSERT_EQ(rows.size(), 7u);  // 4 escalations, 3 complaints (the no-case one is no case)
    const auto& e = rows[4];
    EXPECT_EQ(e.at("case"), "IC-" + std::to_string(ids.e));
    EXPECT_EQ(e.at("kind"), "installer_complaint");
    EXPECT_EQ(e.at("sop_version"), "2026.12.1");
    EXPECT_EQ(e.at("created_at"), "2026-11-02T10:00:00-05:00");
    EXPECT_EQ(e.at("status"), "closed");
    EXPECT_EQ(e.at("outcome"), "replied_at_attempt_1");
    EXPECT_EQ(e.at("complaint_type"), "unresponsive");
    EXPECT_EQ(e.at("program"), "everbright");
    EXPECT_EQ(e.at("created_by"), "U0AGENT2");
    EXPECT_EQ(e.at("owner"), "U0BACK1");
    EXPECT_EQ(e.at("business_hours_to_claim"), "2.00");
    EXPECT_EQ(e.at("business_hours_to_first_update"), "20.00");
    EXPECT_EQ(e.at("business_hours_to_resolution"), "27.00");
    EXPECT_EQ(e.at("promise_due_at"), "2026-11-06T10:00:00-05:00");
    EXPECT_EQ(e.at("promise_kept"), "true");
    EXPECT_EQ(e.at("concern_types"), "");
    EXPECT_EQ(rows[5].at("outcome"), "referred");
    EXPECT_EQ(rows[5].at("business_hours_to_first_update"), "19.00");
    EXPECT_EQ(rows[5].at("promise_kept"), "true");
    EXPECT_EQ(rows[6].at("outcome"), "in_progress");
    EXPECT_EQ(rows[6].at("business_hours_to_claim"), "");
    EXPECT_EQ(rows[6].at("promise_kept"), "false");
    EXPECT_EQ(rows[0].at("complaint_type"), "");  // an escalation
}

TEST(InstallerExport, JsonLinesCarryTheSameFieldsWithTypes) {
    ReportFixture f;
    const FixedComplaints ids = AddFixedComplaints(f);

    const auto records = JsonRecords(Export(f, ExportFormat::kJson, false));

    ASSERT_EQ(records.size(), 3u);
    std::vector<std::string> keys;
    for (const auto& item : records[0].items()) keys.push_back(item.key());
    std::vector<std::string> columns(ExportColumns(false).begin(), ExportColumns(false).end());
    std::sort(columns.begin(), columns.end());  // nlohmann::json orders keys by name
    EXPECT_EQ(keys, columns);
    EXPECT_EQ(records[0]["case"], "IC-" + std::to_string(ids.e));
    EXPECT_EQ(records[0]["kind"], "installer_complaint");
    EXPECT_EQ(records[0]["business_hours_to_resolution"], 27.0);
    EXPECT_EQ(records[0]["promise_kept"], true);
    EXPECT_TRUE(records[2]["owner"].is_null());
    EXPECT_EQ(records[2]["promise_kept"], false);
}

TEST(InstallerExport, PersonalDataOnlyWithTheFlagAndThenAllOfIt) {
    ReportFixture f;
    AddFixedComplaints(f);

    for (const auto format : {ExportFormat::kCsv, ExportFormat::kJson}) {
        const std::string without = Export(f, format, false);
        const std::string with = Export(f, format, true);
        for (const char* personal : {"Yolanda", "Oak Ave", "555-0199", "never", "apologised",
                                     "crew@sunbright.example", "SunBright"}) {
            EXPECT_EQ(without.find(personal), std::string::npos) << personal;
            EXPECT_NE(with.find(personal), std::string::npos) << personal;
        }
    }
    const auto e = CsvRows(Export(f, ExportFormat::kCsv, true)).at(0);
    EXPECT_EQ(e.at("homeowner_name"), "Yolanda Pryce");
    EXPECT_EQ(e.at("property_address"), "9 Oak Ave, Shelbyville");
    EXPECT_EQ(e.at("phone"), "555-0199");
    EXPECT_EQ(e.at("email"), "");  // the complaint form asks for none
    EXPECT_EQ(e.at("resolution_note"), "Resolved, installer apologised");
    const auto answers = nlohmann::json::parse(e.at("answers"));
    EXPECT_EQ(answers.at("description"), "Installer \"never\" called, twice");
    EXPECT_EQ(answers.at("installer_email"), "crew@sunbright.example");
    const auto json = JsonRecords(Export(f, ExportFormat::kJson, true)).at(0);
    EXPECT_EQ(json.at("homeowner_name"), "Yolanda Pryce");
}

TEST(InstallerReport, FiguresOfAFixedDataSetWithBothKinds) {
    ReportFixture f;
    AddFixedCases(f);
    AddFixedComplaints(f);
    CaseReport report;

    auto attempts = f.Read(kNow, ReportFixture::Monday10(), kNow,
                           [&](const auto& facts, const auto&, const auto*) { report.Add(facts); });
    attempts.installer_no_case =
        f.ReadInstallers(kNow, ReportFixture::Monday10(), kNow,
                         [&](const auto& facts, const auto&) { report.Add(facts); });
    const std::string text = report.Text("November", attempts);

    EXPECT_EQ(report.Cases(), 7);
    ASSERT_TRUE(report.ShareOfPromisesKept());
    EXPECT_DOUBLE_EQ(*report.ShareOfPromisesKept(), 4.0 / 6.0);
    EXPECT_EQ(text,
              "November\n\n"
              "Cases: 7 (escalation 4, installer_complaint 3)\n"
              "Attempts without a case: not qualified 2, added to an existing case 1, installer "
              "complaints needing no case 1\n"
              "Promises kept: 4 of 6 (66.7%), 0 still running\n"
              "  escalation: 2 of 3 kept, 0 still running\n"
              "  installer_complaint: 2 of 3 kept, 0 still running\n\n"
              "By outcome:\n  waited: 2\n  in_progress: 1\n  live_accepted: 1\n  referred: 1\n"
              "  replied_at_attempt_1: 1\n  voicemail: 1\n"
              "Accepted at tier:\n  tier2: 1\n"
              "By concern type:\n  contract: 2\n  fraud: 1\n"
              "By qualifier:\n  legal_counsel: 1\n"
              "By complaint type:\n  unresponsive: 2\n  rude: 1\n"
              "\nMedians in business hours from creation:\n"
              "  to claim: 1.0 (3 cases)\n"
              "  to first update: 14.0 (4 cases)\n"
              "  to resolution: 22.5 (2 cases)\n");
}

TEST(InstallerReport, ANoCaseComplaintIsCountedOnlyAsAnAttempt) {
    ReportFixture f;
    AddFixedComplaints(f);
    CaseReport report;

    const long long no_case =
        f.ReadInstallers(kNow, ReportFixture::Monday10(), kNow,
                         [&](const auto& facts, const auto&) { report.Add(facts); });

    EXPECT_EQ(no_case, 1);
    EXPECT_EQ(report.Cases(), 3);
    EXPECT_EQ(
        f.ReadInstallers(kNow, kNow - std::chrono::hours(1), kNow, [](const auto&, const auto&) {}),
        0);
}

}  // namespace
}  // namespace escbot::test
