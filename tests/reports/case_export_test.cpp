#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "commands/reports/case_export.hpp"
#include "tests/reports/cases_fixture_data.hpp"

namespace escbot::test {
namespace {

using commands::reports::CaseExportWriter;
using commands::reports::ExportColumns;
using commands::reports::ExportFormat;

// Monday 2026-12-07: B's promise ran out long ago.
const TimePoint kNow = ReportFixture::Monday10() + std::chrono::days(35);

std::string Export(ReportFixture& f, ExportFormat format, bool personal) {
    std::ostringstream out;
    CaseExportWriter writer(out, format, personal, NewYorkCalendar());
    writer.Begin();
    f.Read(kNow, ReportFixture::Monday10(), kNow,
           [&](const auto& facts, const auto& row, const auto* sop) { writer.Write(facts, row, sop); });
    return out.str();
}

/// RFC 4180 read back: records of fields; CRLF ends a record outside quotes.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                records.back().back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                records.back().back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            records.back().emplace_back();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            records.emplace_back(1);
            ++i;
        } else {
            records.back().back() += c;
        }
    }
    if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
    return records;
}

std::map<std::string, std::string> Row(const std::vector<std::vector<std::string>>& csv, std::size_t i) {
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < csv[0].size(); ++c) row[csv[0][c]] = csv[i].at(c);
    return row;
}

TEST(CaseExport, CsvHasAHeaderAndOneRecordPerCaseWithTheCaseFacts) {
    ReportFixture f;
    const FixedCases ids = AddFixedCases(f);

    const auto csv = ParseCsv(Export(f, ExportFormat::kCsv, false));

    ASSERT_EQ(csv.size(), 5u);
    EXPECT_EQ(csv[0], std::vector<std::string>(ExportColumns(false).begin(), ExportColumns(false).end()));
    const auto a = Row(csv, 1);
    EXPECT_EQ(a.at("case"), "ESC-" + std::to_string(ids.a));
    EXPECT_EQ(a.at("kind"), "escalation");
    EXPECT_EQ(a.at("sop_version"), ShippedSop().version);
    EXPECT_EQ(a.at("created_at"), "2026-11-02T10:00:00-05:00");
    EXPECT_EQ(a.at("outcome"), "waited");
    EXPECT_EQ(a.at("concern_types"), "fraud;contract");
    EXPECT_EQ(a.at("qualifiers"), "legal_counsel");
    EXPECT_EQ(a.at("business_hours_to_claim"), "1.00");
    EXPECT_EQ(a.at("business_hours_to_first_update"), "9.00");
    EXPECT_EQ(a.at("business_hours_to_resolution"), "18.00");
    EXPECT_EQ(a.at("promise_due_at"), "2026-11-09T13:00:00-05:00");  // 48 business hours
    EXPECT_EQ(a.at("promise_kept"), "true");
    EXPECT_EQ(Row(csv, 2).at("promise_kept"), "false");
    EXPECT_EQ(Row(csv, 3).at("outcome"), "live_accepted");
    EXPECT_EQ(Row(csv, 3).at("accepted_tier"), "tier2");
    EXPECT_EQ(Row(csv, 3).at("promise_kept"), "");
    EXPECT_EQ(Row(csv, 4).at("outcome"), "voicemail");
    EXPECT_EQ(Row(csv, 4).at("promise_kept"), "true");
}

TEST(CaseExport, PersonalDataOnlyWithTheFlagAndThenAllOfIt) {
    ReportFixture f;
    AddFixedCases(f);

    for (const auto format : {ExportFormat::kCsv, ExportFormat::kJson}) {
        const std::string without = Export(f, format, false);
        const std::string with = Export(f, format, true);
        for (const char* personal : {"Zelda", "Elm St", "zelda@example.com", "555-0100", "thanks"}) {
            EXPECT_EQ(without.find(personal), std::string::npos) << personal;
            EXPECT_NE(with.find(personal), std::string::npos) << personal;
        }
    }
    const auto csv = ParseCsv(Export(f, ExportFormat::kCsv, true));
    const auto a = Row(csv, 1);
    EXPECT_EQ(a.at("homeowner_name"), "Zelda Quartermaine");
    EXPECT_EQ(a.at("property_address"), "1 Elm St, Springfield");  // a comma, so quoted
    EXPECT_EQ(a.at("phone"), "555-0100");
    EXPECT_EQ(a.at("resolution_note"), "Said \"thanks\",\nall good");  // quotes and a line break
    EXPECT_EQ(nlohmann::json::parse(a.at("answers")).at("email"), "zelda@example.com");
}

TEST(CaseExport, JsonLinesUseTheSameNamesWithNumbersBooleansAndNulls) {
    ReportFixture f;
    AddFixedCases(f);

    std::istringstream lines(Export(f, ExportFormat::kJson, false));
    std::vector<nlohmann::ordered_json> records;
    for (std::string line; std::getline(lines, line);) records.push_back(nlohmann::ordered_json::parse(line));

    ASSERT_EQ(records.size(), 4u);
    std::vector<std::string> keys;
    for (const auto& item : records[0].items()) keys.push_back(item.key());
    EXPECT_EQ(keys, std::vector<std::string>(ExportColumns(false).begin(), ExportColumns(false).end()));
    EXPECT_EQ(records[0]["business_hours_to_first_update"], 9.0);
    EXPECT_EQ(records[0]["promise_kept"], true);
    EXPECT_TRUE(records[2]["promise_kept"].is_null());
    EXPECT_TRUE(records[1]["owner"].is_null());
}

TEST(CaseExport, AnEmptyRangeStillHasTheCsvHeader) {
    ReportFixture f;
    std::ostringstream out;
    CaseExportWriter writer(out, ExportFormat::kCsv, false, NewYorkCalendar());
    writer.Begin();
    f.Read(kNow, kNow - std::chrono::hours(1), kNow, [&](const auto& facts, const auto& row, const auto* sop) {
        writer.Write(facts, row, sop);
    });

    EXPECT_EQ(ParseCsv(out.str()).size(), 1u);
    EXPECT_EQ(writer.Written(), 0);
}

}  // namespace
}  // namespace escbot::test
