// The PostgreSQL connection's transaction control: BEGIN travels with the first statement (one
// pipeline), a transaction without statements sends nothing, a read-only COMMIT is read at the
// next use, and a failure inside the pipeline is reported with its statement and leaves the
// connection usable.

#include "storage/postgres/connection.hpp"
#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class PostgresConnection : public ::testing::Test {
protected:
    void SetUp() override {
        if (factory_.Url().empty()) {
            GTEST_SKIP() << "no PostgreSQL server: ESCBOT_TEST_POSTGRES_URL is not set (run the "
                            "suite through deploy/with-postgres.sh, as deploy/test.sh does)";
        }
        db_ = std::make_unique<postgres::Connection>(factory_.Url(), factory_.Schema());
    }

    std::string Text(const std::string& sql) {
        auto q = db_->Prepare(sql);
        EXPECT_TRUE(q->executeStep());
        return q->getColumn(0).getString();
    }

    PostgresStoreFactory factory_;
    std::unique_ptr<postgres::Connection> db_;
};

TEST_F(PostgresConnection, ATransactionWithoutStatementsSendsNothing) {
    // Were the BEGIN sent, the server would refuse this text.
    db_->Begin("NOT A STATEMENT");
    EXPECT_NO_THROW(db_->Commit());
    db_->Begin("NOT A STATEMENT");
    EXPECT_NO_THROW(db_->CommitReadOnly());
    db_->Begin("NOT A STATEMENT");
    EXPECT_NO_THROW(db_->Rollback());
    EXPECT_EQ(Text("SELECT 'still fine'"), "still fine");
}

TEST_F(PostgresConnection, TheFirstStatementRunsInsideTheTransactionBegunWithIt) {
    db_->Begin("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    EXPECT_EQ(Text("SELECT current_setting('transaction_isolation')"), "repeatable read");
    EXPECT_EQ(Text("SELECT current_setting('transaction_read_only')"), "on");
    db_->CommitReadOnly();
    // The next use reads the commit's answer first: the read-only transaction is over.
    EXPECT_EQ(Text("SELECT current_setting('transaction_read_only')"), "off");
    EXPECT_EQ(Text("SELECT current_setting('transaction_isolation')"), "read committed");
}

TEST_F(PostgresConnection, AWriteIsCommittedAndARolledBackOneIsNot) {
    db_->Exec("CREATE TABLE notes (id BIGINT PRIMARY KEY)");
    db_->Begin("BEGIN ISOLATION LEVEL SERIALIZABLE");
    {
        auto insert = db_->Prepare("INSERT INTO notes (id) VALUES (?1)");
        insert->bind(1, 1LL);
        insert->exec();
    }
    db_->Commit();
    db_->Begin("BEGIN");
    {
        auto insert = db_->Prepare("INSERT INTO notes (id) VALUES (?1)");
        insert->bind(1, 2LL);
        insert->exec();
    }
    db_->Rollback();
    EXPECT_EQ(Text("SELECT string_agg(id::text, ',') FROM notes"), "1");
}

TEST_F(PostgresConnection, AFailingFirstStatementIsReportedAndTheConnectionStaysUsable) {
    db_->Begin("BEGIN");
    try {
        db_->Prepare("SELECT * FROM no_such_table")->executeStep();
        FAIL() << "the statement should have failed";
    } catch (const postgres::PgError& e) {
        EXPECT_EQ(e.sqlstate(), "42P01");
        EXPECT_FALSE(e.connection_lost());
        EXPECT_THAT(e.what(), HasSubstr("no_such_table"));
    }
    db_->Rollback();
    EXPECT_TRUE(db_->Usable());
    EXPECT_EQ(Text("SELECT 'after'"), "after");
}

TEST_F(PostgresConnection, AFailingBeginIsReportedAndItsStatementIsPreparedLater) {
    db_->Begin("BEGIN ISOLATION LEVEL NONSENSE");
    try {
        db_->Prepare("SELECT 'prepared later'")->executeStep();
        FAIL() << "the BEGIN should have failed";
    } catch (const postgres::PgError& e) {
        EXPECT_THAT(e.what(), HasSubstr("BEGIN ISOLATION LEVEL NONSENSE"));
        EXPECT_FALSE(e.connection_lost());
    }
    db_->Rollback();
    // Its PREPARE never ran (the pipeline was aborted): it must not be taken for prepared.
    EXPECT_EQ(Text("SELECT 'prepared later'"), "prepared later");
}

TEST_F(PostgresConnection, TheServersNoticesDoNotReachStderr) {
    ::testing::internal::CaptureStderr();
    db_->Exec("ROLLBACK");  // outside a transaction: the server answers with a WARNING notice
    const std::string printed = ::testing::internal::GetCapturedStderr();
    EXPECT_THAT(printed, Not(HasSubstr("no transaction in progress")));
}

}  // namespace
}  // namespace escbot::storage::test
