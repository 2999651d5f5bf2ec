// The real escalation-bot process on PostgreSQL (DATABASE_URL), against the fake Slack: it keeps
// its state in the database, not in a SQLite file, and pending work survives SIGKILL.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <regex>

#include <gtest/gtest.h>

#include "storage/postgres/connection.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"
#include "tests/support/http_client/slack_http_client.hpp"
#include "tests/support/http_client/slack_requests.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace escbot::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kSecret = "postgres-serve-test-secret";

// The example config (its SQLite path in the temp dir, to show it stays unused) and a throwaway
// schema on the test server, which DATABASE_URL selects through libpq's options parameter.
class PostgresServe : public ::testing::Test {
protected:
    void SetUp() override {
        const char* url = std::getenv("ESCBOT_TEST_POSTGRES_URL");
        if (url == nullptr || *url == '\0') {
            GTEST_SKIP() << "no PostgreSQL server: ESCBOT_TEST_POSTGRES_URL is not set (run the "
                            "suite through deploy/with-postgres.sh, as deploy/test.sh does)";
        }
        url_ = url;
        schema_ = "serve_" + std::to_string(::getpid()) + "_" + std::to_string(std::random_device{}());
        storage::postgres::Connection(url_, "").Exec("CREATE SCHEMA " + schema_);
        std::string config = ReadFile(SourceDir() / "config/escalation-bot.example.toml");
        config = std::regex_replace(config, std::regex("\npath = \"[^\"]*\""),
                                    "\npath = \"" + (dir_ / "bot.sqlite3").string() + "\"");
        config = std::regex_replace(
            config, std::regex("\nsop_file = \"[^\"]*\""),
            "\nsop_file = \"" + (SourceDir() / "config/sop/escalation.toml").string() + "\"");
        std::ofstream(dir_ / "bot.toml") << config;
    }

    void TearDown() override {
        if (schema_.empty()) return;
        try {
            storage::postgres::Connection(url_, "").Exec("DROP SCHEMA " + schema_ + " CASCADE");
        } catch (const std::exception&) {
            // The server is thrown away with it.
        }
    }

    std::string DatabaseUrl() const {
        return url_ + (url_.find('?') == std::string::npos ? "?" : "&") +
               "options=-c%20search_path%3D" + schema_;
    }

    std::unique_ptr<ChildProcess> Start() {
        port_ = FreePort();
        auto child = std::make_unique<ChildProcess>(
            std::vector<std::string>{BotBinary().string(), "--config", (dir_ / "bot.toml").string(),
                                     "serve", "--port", std::to_string(port_)},
            std::map<std::string, std::string>{{"SLACK_BOT_TOKEN", slack_.options().bot_token},
                                               {"SLACK_SIGNING_SECRET", kSecret},
                                               {"SLACK_APP_TOKEN", ""},
                                               {"PORT", ""},
                                               {"DATABASE_URL", DatabaseUrl()},
                                               {"SLACK_API_BASE_URL", slack_.BaseUrl()}},
            dir_.path().string());
        EXPECT_TRUE(child->WaitForStderr("listening on port", 15s)) << child->Stderr();
        return child;
    }

    HttpResponse OpenHome(const std::string& user, const std::string& event_id) {
        SlackHttpClient client(port_, kSecret);
        return client.Event(EventCallback({{"type", "app_home_opened"}, {"user", user}, {"tab", "home"}},
                                          event_id));
    }

    long long Count(const std::string& sql) {
        storage::postgres::Connection db(url_, schema_);
        auto q = db.Prepare(sql);
        q->executeStep();
        return q->getColumn(0).getInt64();
    }

    TempDir dir_;
    FakeSlackServer slack_;
    std::string url_;
    std::string schema_;
    std::uint16_t port_ = 0;
};

TEST_F(PostgresServe, PendingOutboxItemsSurviveSigkillAndGoOutAfterRestart) {
    slack_.FailNextWithStatus("views.publish", 1000, 500);  // Slack is down
    auto first = Start();
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(OpenHome("U0AGENT" + std::to_string(i), "Ev0PGKILL" + std::to_string(i)).status, 200);
    }
    ASSERT_TRUE(slack_.WaitForCalls("views.publish", 3, 10s));
    first->Signal(SIGKILL);
    first->Wait(5s);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'"), 3);

    slack_.Reset();  // Slack is back
    auto second = Start();

    // The killed replica's claim leases (20 s) must lapse first: the bound is 30 s.
    ASSERT_TRUE(slack_.WaitForCalls("views.publish", 3, 35s)) << second->Stderr();
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(slack_.HomeView("U0AGENT" + std::to_string(i)).has_value()) << i;
    }
    // An event Slack delivers again (to this or another replica) is recognised in the database.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM seen_events WHERE id LIKE 'Ev0PGKILL%'"), 3);
    EXPECT_FALSE(std::filesystem::exists(dir_ / "bot.sqlite3"));
    second->Signal(SIGTERM);
    EXPECT_EQ(second->Wait(15s), 0) << second->Stderr();
}

}  // namespace
}  // namespace escbot::test
