// The PostgreSQL store across a real database restart (pg_ctl stop, then start): while the server
// is down a transaction fails cleanly (no hang) and /healthz says so; once it is back the same
// store works again on new connections, and what was committed before is there. Runs alone
// (RUN_SERIAL, tests/storage/CMakeLists.txt): the other suites share the server.

#include <cstdlib>

#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

std::string Env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

// Stops the test server, and starts it again at the latest when it goes out of scope.
class ServerOutage {
public:
    ServerOutage() : pg_ctl_(Env("ESCBOT_TEST_POSTGRES_PG_CTL")), data_(Env("ESCBOT_TEST_POSTGRES_DATA")) {
        Run(pg_ctl_ + " -D '" + data_ + "' -m fast -w stop > /dev/null");
        stopped_ = true;
    }
    ~ServerOutage() {
        if (stopped_) End();
    }
    ServerOutage(const ServerOutage&) = delete;
    ServerOutage& operator=(const ServerOutage&) = delete;

    void End() {
        Run(pg_ctl_ + " -D '" + data_ + "' -l '" + data_ + "/server.log' -w start > /dev/null");
        stopped_ = false;
    }

private:
    static void Run(const std::string& command) {
        if (std::system(command.c_str()) != 0) ADD_FAILURE() << "failed: " << command;
    }

    std::string pg_ctl_;
    std::string data_;
    bool stopped_ = false;
};

TEST(PostgresRestart, AStoreFailsCleanlyWhileTheDatabaseIsDownAndWorksAgainOnceItIsBack) {
    if (TestPostgresUrl().empty() || Env("ESCBOT_TEST_POSTGRES_PG_CTL").empty() ||
        Env("ESCBOT_TEST_POSTGRES_DATA").empty()) {
        GTEST_SKIP() << "no PostgreSQL server to restart: run the suite through "
                        "deploy/with-postgres.sh, as deploy/test.sh does";
    }
    PostgresStoreFactory factory;
    auto store = factory.Open();
    store->WriteTx([](UnitOfWork& u) { u.MessageRefs().Put({"before", "C1", "1.1"}); });

    {
        ServerOutage outage;
        EXPECT_THROW(store->WriteTx([](UnitOfWork& u) { u.MessageRefs().Put({"down", "C1", "2.2"}); }),
                     std::runtime_error);
        EXPECT_FALSE(store->Healthy());
        outage.End();
    }

    store->WriteTx([](UnitOfWork& u) { u.MessageRefs().Put({"after", "C1", "3.3"}); });
    EXPECT_TRUE(store->Healthy());
    store->ReadTx([](UnitOfWork& u) {
        EXPECT_EQ(u.MessageRefs().Get("before")->ts, "1.1");
        EXPECT_FALSE(u.MessageRefs().Get("down").has_value());
        EXPECT_EQ(u.MessageRefs().Get("after")->ts, "3.3");
    });
}

}  // namespace
}  // namespace escbot::storage::test
