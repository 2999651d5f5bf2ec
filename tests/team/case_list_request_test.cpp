#include "commands/case_list/case_list_request.hpp"

#include <gtest/gtest.h>

namespace escbot::commands::case_list {
namespace {

using Kind = storage::OpenCaseRow::Kind;

TEST(CaseListRequest, ListReadsItsFilterAndPageInEitherOrder) {
    const auto mine = std::get<ListRequest>(ParseRequest("list"));
    EXPECT_EQ(mine.filter, ListFilter::kMine);
    EXPECT_EQ(mine.page, 1);
    const auto open2 = std::get<ListRequest>(ParseRequest("  LIST  open 2 "));
    EXPECT_EQ(open2.filter, ListFilter::kOpen);
    EXPECT_EQ(open2.page, 2);
    const auto overdue = std::get<ListRequest>(ParseRequest("list 3 overdue"));
    EXPECT_EQ(overdue.filter, ListFilter::kOverdue);
    EXPECT_EQ(overdue.page, 3);
    EXPECT_EQ(std::get<ListRequest>(ParseRequest("list unclaimed")).filter, ListFilter::kUnclaimed);
}

TEST(CaseListRequest, BadListWordsAndPagesAreRefusedWithTheWordsItTakes) {
    for (const char* text : {"list everything", "list open 0", "list open -1", "list open 2 3",
                             "list open overdue", "list 9999999"}) {
        const Request request = ParseRequest(text);
        const auto* bad = std::get_if<BadRequest>(&request);
        ASSERT_NE(bad, nullptr) << text;
        EXPECT_NE(bad->problem.find("unclaimed"), std::string::npos) << text;
    }
}

TEST(CaseListRequest, StatusTakesOneReferenceOfEitherKind) {
    const auto esc = std::get<StatusRequest>(ParseRequest("status ESC-12"));
    EXPECT_EQ(esc.ref.kind, Kind::kEscalation);
    EXPECT_EQ(esc.ref.id, 12);
    const auto ic = std::get<StatusRequest>(ParseRequest("status ic-3"));
    EXPECT_EQ(ic.ref.kind, Kind::kInstaller);
    EXPECT_EQ(ic.ref.id, 3);
    EXPECT_EQ(std::get<StatusRequest>(ParseRequest("status 7")).ref.id, 7);
    EXPECT_TRUE(std::holds_alternative<BadRequest>(ParseRequest("status")));
    EXPECT_TRUE(std::holds_alternative<BadRequest>(ParseRequest("status ESC-12 IC-3")));
    EXPECT_TRUE(std::holds_alternative<BadRequest>(ParseRequest("status ESC-x")));
    EXPECT_TRUE(std::holds_alternative<BadRequest>(ParseRequest("status ESC-0")));
}

TEST(CaseListRequest, EmptyOrHelpIsHelpAndAnythingElseIsBad) {
    EXPECT_TRUE(std::holds_alternative<HelpRequest>(ParseRequest("")));
    EXPECT_TRUE(std::holds_alternative<HelpRequest>(ParseRequest("help")));
    EXPECT_TRUE(std::holds_alternative<BadRequest>(ParseRequest("delete ESC-1")));
}

TEST(CaseListRequest, TheNextPageButtonValueRoundTripsAndRejectsJunk) {
    const auto parsed = ParseListButtonValue(ListButtonValue(ListFilter::kUnclaimed, 4));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->filter, ListFilter::kUnclaimed);
    EXPECT_EQ(parsed->page, 4);
    EXPECT_FALSE(ParseListButtonValue("open").has_value());
    EXPECT_FALSE(ParseListButtonValue("all:2").has_value());
    EXPECT_FALSE(ParseListButtonValue("open:0").has_value());
}

}  // namespace
}  // namespace escbot::commands::case_list
