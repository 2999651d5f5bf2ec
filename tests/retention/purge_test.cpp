// Retention: the personal data of work closed longer ago than [retention] personal_data_days
// leaves the database, by the daily timer or `purge`; the anonymous record stays for reports.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "bot/app/purge_command.hpp"
#include "commands/retention/purge.hpp"
#include "tests/escalation_integration/escalation_driver.hpp"
#include "tests/sop/shipped_sop.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;

TEST(Purge, AnswersKeepChoicesAndDatesNeverTextEmailsOrPhones) {
    const nlohmann::json answers = {{"homeowner_name", "Zelda Quartermaine"},
                                    {"property_address", "1 Elm St"},
                                    {"email", "zelda@example.com"},
                                    {"callback_phone", "555-0100"},
                                    {"concern_types", {"fraud"}},
                                    {"qualifiers", {"legal_counsel"}},
                                    {"agreement_signed_on", "2026-01-05"},
                                    {"not_in_the_sop", "anything"}};

    const auto kept = commands::retention::AnswersWithoutPersonalData(answers, &ShippedSop());

    EXPECT_EQ(kept, nlohmann::json({{"concern_types", {"fraud"}},
                                    {"qualifiers", {"legal_counsel"}},
                                    {"agreement_signed_on", "2026-01-05"}}));
    EXPECT_TRUE(commands::retention::AnswersWithoutPersonalData(answers, nullptr).empty());
}

class PurgeFlow : public ::testing::Test {
protected:
    void SetUp() override {
        id_ = agent_.AgreeToWait("U0AGENT001", "Zelda Quartermaine", "1 Elm Street, Springfield");
        ASSERT_GT(id_, 0);
        bot_.store().Write([&](storage::UnitOfWork& u) {
            u.Escalation().Cases().Resolve(id_, "U0LEAD00001", "Zelda is satisfied", bot_.clock().Now());
        });
    }
    config::Settings WithDays(int days) {
        config::Settings settings = bot_.settings();
        settings.retention.personal_data_days = days;
        return settings;
    }
    int Purge(int days, bool dry_run, std::string& out) {
        config::sop::SopCatalog sops;
        sops.Add(std::shared_ptr<const config::sop::Sop>(&ShippedSop(), [](const auto*) {}));
        std::ostringstream o, e;
        const int code = app::RunPurge(bot_.store(), sops, WithDays(days), dry_run, "cli:ann", bot_.clock(), o, e);
        out = o.str() + e.str();
        return code;
    }

    TestBot bot_;
    EscalationDriver agent_{bot_};
    long long id_ = 0;
};

TEST_F(PurgeFlow, TheCommandRemovesOnlyWhatClosedBeforeTheCutoffAndAuditsEachCase) {
    std::string out;
    bot_.clock().Advance(std::chrono::hours(24 * 29));
    ASSERT_EQ(Purge(30, false, out), 0) << out;
    EXPECT_THAT(out, HasSubstr("removed the personal data of work closed before"));
    EXPECT_THAT(out, HasSubstr(": 0 cases"));
    EXPECT_EQ(agent_.Case(id_)->answers.value("homeowner_name", ""), "Zelda Quartermaine");

    bot_.clock().Advance(std::chrono::hours(48));
    ASSERT_EQ(Purge(30, true, out), 0) << out;
    EXPECT_THAT(out, HasSubstr("would remove the personal data"));
    EXPECT_THAT(out, HasSubstr(": 1 cases"));
    EXPECT_EQ(agent_.Case(id_)->answers.value("homeowner_name", ""), "Zelda Quartermaine");  // dry run

    ASSERT_EQ(Purge(30, false, out), 0) << out;
    EXPECT_THAT(out, HasSubstr(": 1 cases"));
    const auto c = agent_.Case(id_);
    EXPECT_FALSE(c->answers.contains("homeowner_name"));
    EXPECT_FALSE(c->answers.contains("property_address"));
    EXPECT_EQ(c->resolution_note, "");
    EXPECT_THAT(c->answers.dump(), ::testing::Not(HasSubstr("Zelda")));
    EXPECT_EQ(c->status, storage::EscalationCase::Status::kResolved);  // the record for reports stays
    const auto audit = agent_.Audit("case:" + std::to_string(id_)).back();
    EXPECT_EQ(audit.action, "case.personal_data_purged");
    EXPECT_EQ(audit.actor, "cli:ann");
}

TEST_F(PurgeFlow, ZeroDaysKeepsEverythingAndTheCommandSaysSo) {
    std::string out;
    bot_.clock().Advance(std::chrono::hours(24 * 3650));

    EXPECT_EQ(Purge(0, false, out), 2);
    EXPECT_THAT(out, HasSubstr("personal_data_days is 0"));
    EXPECT_EQ(agent_.Case(id_)->answers.value("homeowner_name", ""), "Zelda Quartermaine");
}

TEST_F(PurgeFlow, TheDailyTimerPurgesOnceTheRetentionHasPassed) {
    const int days = bot_.settings().retention.personal_data_days;
    ASSERT_GT(days, 0) << "the example configuration keeps personal data for a set number of days";

    bot_.Advance(std::chrono::hours(24 * (days - 1)));
    EXPECT_EQ(agent_.Case(id_)->answers.value("homeowner_name", ""), "Zelda Quartermaine");

    bot_.Advance(std::chrono::hours(48));
    EXPECT_FALSE(agent_.Case(id_)->answers.contains("homeowner_name"));
    EXPECT_EQ(agent_.Audit("case:" + std::to_string(id_)).back().actor, "bot");
}

}  // namespace
}  // namespace escbot::test
