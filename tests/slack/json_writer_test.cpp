#include "bot/slack/json_writer.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "bot/slack/json_text.hpp"

namespace escbot::slack {
namespace {

TEST(JsonWriterTest, WritesWhatToJsonTextWritesForTheSameDocument) {
    JsonWriter w;
    w.BeginObject()
        .Key("a").String("plain")
        .Key("b").BeginArray().Int(-7).Bool(true).Bool(false).BeginObject().EndObject()
        .BeginArray().EndArray().String("").EndArray()
        .Key("c").BeginObject().Key("q\"k").String("x\"y\\z\n\t\r\b\f\x01\x1f").EndObject()
        .Key("d").String("café ✓ \xF0\x9F\x98\x80")
        .Key("e").String("bad \xC3 utf-8 \xFF")
        .Key("f").Int(1234567890123LL)
        .EndObject();
    const std::string written = w.Take();

    // nlohmann keeps object keys sorted; the keys above are in that order already.
    const nlohmann::json document = {
        {"a", "plain"},
        {"b", {-7, true, false, nlohmann::json::object(), nlohmann::json::array(), ""}},
        {"c", {{"q\"k", "x\"y\\z\n\t\r\b\f\x01\x1f"}}},
        {"d", "café ✓ \xF0\x9F\x98\x80"},
        {"e", "bad \xC3 utf-8 \xFF"},
        {"f", 1234567890123LL}};
    EXPECT_EQ(written, ToJsonText(document));
    EXPECT_EQ(nlohmann::json::parse(written)["c"]["q\"k"], "x\"y\\z\n\t\r\b\f\x01\x1f");
}

TEST(JsonWriterTest, TakeLeavesAnEmptyWriterForTheNextDocument) {
    JsonWriter w;
    w.BeginArray().Int(1).EndArray();
    EXPECT_EQ(w.Take(), "[1]");
    w.BeginArray().Int(2).Int(3).EndArray();
    EXPECT_EQ(w.Take(), "[2,3]");
    w.String("top");
    EXPECT_EQ(w.Take(), "\"top\"");
}

}  // namespace
}  // namespace escbot::slack
