// [storage] url and DATABASE_URL: PostgreSQL instead of SQLite; a password only from the
// environment; DATABASE_URL wins over the file.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/storage_url.hpp"
#include "tests/config/settings_test_util.hpp"

namespace escbot::config {
namespace {

using test::ConfigFile;
using test::FirstError;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(StorageUrlSettings, NoUrlMeansSqliteAndAUrlIsKept) {
    const ConfigFile none("");
    const ConfigFile set("[storage]\nurl = \"postgresql://escbot@db.internal/escalation_bot\"\n");

    ASSERT_TRUE(none.Load().ok());
    EXPECT_EQ(none.Load().value().storage.url, "");
    ASSERT_TRUE(set.Load().ok()) << set.Load().ErrorText();
    EXPECT_EQ(set.Load().value().storage.url, "postgresql://escbot@db.internal/escalation_bot");
}

TEST(StorageUrlSettings, APasswordInTheFileIsAnErrorNamingFileLineAndKeyButNotThePassword) {
    const ConfigFile in_userinfo(
        "[storage]\npath = \"x.db\"\nurl = \"postgresql://escbot:hunter2@db/escalation_bot\"\n");
    const ConfigFile in_query(
        "[storage]\nurl = \"postgres:///escalation_bot?host=/run/pg&password=hunter2\"\n");

    for (const ConfigFile* file : {&in_userinfo, &in_query}) {
        const auto result = file->Load();
        ASSERT_FALSE(result.ok());
        const std::string error = FirstError(result);
        EXPECT_THAT(error, HasSubstr(file->name() + ":"));
        EXPECT_THAT(error, HasSubstr("storage.url: must not hold a password"));
        EXPECT_THAT(error, Not(HasSubstr("hunter2")));
    }
    EXPECT_THAT(FirstError(in_userinfo.Load()), HasSubstr(in_userinfo.name() + ":3: storage.url"));
}

TEST(StorageUrlSettings, AUrlThatIsNotPostgresIsAnError) {
    const ConfigFile mysql("[storage]\nurl = \"mysql://db/bot\"\n");

    EXPECT_THAT(FirstError(mysql.Load()), HasSubstr(":2: storage.url: expected a postgresql://"));
}

TEST(StorageUrlSettings, DatabaseUrlWinsOverTheFileAndMayHoldThePassword) {
    const ConfigFile file("[storage]\npath = \"x.db\"\nurl = \"postgresql://escbot@db/file_db\"\n");

    const auto result = file.Load({{"DATABASE_URL", "postgresql://escbot:hunter2@db2/env_db"}});

    ASSERT_TRUE(result.ok()) << result.ErrorText();
    EXPECT_EQ(result.value().storage.url, "postgresql://escbot:hunter2@db2/env_db");
}

TEST(StorageUrlSettings, ABadDatabaseUrlNamesTheVariable) {
    const ConfigFile file("");

    const auto result = file.Load({{"DATABASE_URL", "sqlite:/tmp/x.db"}});

    EXPECT_THAT(FirstError(result), HasSubstr("DATABASE_URL: expected a postgresql:// URL"));
}

TEST(StorageUrl, PasswordDetection) {
    EXPECT_TRUE(UrlHasPassword("postgresql://u:p@h/db"));
    EXPECT_TRUE(UrlHasPassword("postgresql://h/db?sslmode=require&password=p"));
    EXPECT_FALSE(UrlHasPassword("postgresql://u@h:5432/db"));
    EXPECT_FALSE(UrlHasPassword("postgresql://[::1]:5432/db?user=u"));
    EXPECT_FALSE(UrlHasPassword("postgresql:///db?host=/run/postgresql&user=u"));
    EXPECT_TRUE(IsPostgresUrl("postgres://h/db"));
    EXPECT_FALSE(IsPostgresUrl("postgresql://h/db name"));
}

}  // namespace
}  // namespace escbot::config
