#include "bot/slack/rendered_parts.hpp"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "bot/slack/json_text.hpp"

namespace escbot::slack {
namespace {

using nlohmann::json;

TEST(WrittenJsonTest, IsCopiedOutAsItIsInsideATree) {
    const json view = {{"type", "modal"},
                       {"blocks", {WrittenJson(R"({"type":"divider"})"), {{"type", "header"}}}}};

    EXPECT_EQ(ToJsonText(view),
              R"({"blocks":[{"type":"divider"},{"type":"header"}],"type":"modal"})");
}

TEST(WrittenJsonTest, OtherBinaryValuesAreWrittenAsNlohmannWritesThem) {
    const json value = json::binary({1, 2}, 7);

    EXPECT_EQ(ToJsonText(value), value.dump());
}

TEST(WrittenJsonTest, ExpandedReadsItBackIntoATreeWherever) {
    const json view = {{"type", "modal"},
                       {"blocks", {WrittenJson(R"({"type":"divider","n":[1,2]})"), {{"a", 1}}}},
                       {"title", WrittenJson(R"("Escalate")")}};

    EXPECT_EQ(Expanded(view), json::parse(R"({"type":"modal","title":"Escalate",
                                            "blocks":[{"type":"divider","n":[1,2]},{"a":1}]})"));
}

TEST(RenderedPartsTest, BuildsEachKeyOnceAndWritesItsText) {
    RenderedParts parts;
    int builds = 0;
    const auto build = [&] {
        ++builds;
        return json{{"type", "section"}, {"text", "a \"quoted\" note"}};
    };

    const json first = parts.Get("sop1/note/a", build);
    const json second = parts.Get("sop1/note/a", build);
    parts.Get("sop1/note/b", build);

    EXPECT_EQ(builds, 2);
    EXPECT_EQ(parts.size(), 2u);
    EXPECT_TRUE(second.is_binary());
    EXPECT_EQ(ToJsonText(first), ToJsonText(build()));
    EXPECT_EQ(ToJsonText(second), ToJsonText(first));
}

TEST(RenderedPartsTest, AFullCacheStartsOver) {
    RenderedParts parts;
    for (std::size_t i = 0; i < RenderedParts::kMostParts; ++i) {
        parts.Get("key" + std::to_string(i), [] { return json(1); });
    }
    EXPECT_EQ(parts.size(), RenderedParts::kMostParts);

    parts.Get("one more", [] { return json(2); });

    EXPECT_EQ(parts.size(), 1u);
}

TEST(RenderedPartsTest, ThreadsReadingAndFillingAgree) {
    RenderedParts parts;
    std::vector<std::thread> threads;
    std::vector<std::string> texts(4);
    for (std::size_t t = 0; t < texts.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const std::string key = "k" + std::to_string(i % 16);
                texts[t] += ToJsonText(parts.Get(key, [&] { return json{{"key", key}}; }));
            }
        });
    }
    for (std::thread& thread : threads) thread.join();

    for (const std::string& text : texts) EXPECT_EQ(text, texts.front());
}

}  // namespace
}  // namespace escbot::slack
