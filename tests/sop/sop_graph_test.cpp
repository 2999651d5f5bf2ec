#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "config/sop/sop_graph.hpp"
#include "config/sop/sop_text.hpp"
#include "tests/sop/shipped_sop.hpp"

namespace escbot::test {
namespace {

using config::sop::Sop;

/// The DOT text read back: node ids, and edges as "from -> to" with their labels.
struct ReadBack {
    std::set<std::string> nodes;
    std::multiset<std::string> edges;
    std::map<std::string, std::string> edge_labels;  // "from -> to" -> label (last one wins)
};

std::string Unquoted(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            ++i;
            out += text[i] == 'n' ? '\n' : text[i];
        } else {
            out += text[i];
        }
    }
    return out;
}

ReadBack Read(const std::string& dot) {
    static const std::regex node(R"re(^\s*"((?:[^"\\]|\\.)*)" \[)re");
    static const std::regex edge(
        R"re(^\s*"((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)"(?: \[.*label="((?:[^"\\]|\\.)*)"\])?;$)re");
    ReadBack back;
    std::istringstream lines(dot);
    std::string line;
    std::smatch m;
    while (std::getline(lines, line)) {
        if (std::regex_match(line, m, edge)) {
            const std::string key = Unquoted(m[1]) + " -> " + Unquoted(m[2]);
            back.edges.insert(key);
            if (m[3].matched) back.edge_labels[key] = Unquoted(m[3]);
        } else if (std::regex_search(line, m, node)) {
            back.nodes.insert(Unquoted(m[1]));
        }
    }
    return back;
}

TEST(SopGraph, EveryStepOutcomeAndTierIsANodeAndEveryRouteAnEdgeWithItsCondition) {
    const Sop& sop = ShippedSop();
    const ReadBack back = Read(config::sop::SopDot(sop));

    EXPECT_EQ(back.edges.count("start -> step:" + sop.first_step), 1u);
    std::size_t routes = 0;
    for (const auto& step : sop.steps) {
        EXPECT_TRUE(back.nodes.count("step:" + step.id)) << step.id;
        for (const auto& route : step.routes) {
            ++routes;
            const std::string key = "step:" + step.id + " -> " +
                                    (route.next.empty() ? "outcome:" + route.outcome : "step:" + route.next);
            EXPECT_GE(back.edges.count(key), 1u) << key;
            if (route.when) {
                EXPECT_EQ(back.edge_labels.count(key), 1u) << key;
            }
        }
    }
    EXPECT_GT(routes, sop.steps.size());  // the shipped SOP branches
    for (const auto& outcome : sop.outcomes) EXPECT_TRUE(back.nodes.count("outcome:" + outcome.id)) << outcome.id;
    for (std::size_t i = 0; i < sop.ladder.tiers.size(); ++i) {
        EXPECT_TRUE(back.nodes.count("tier:" + sop.ladder.tiers[i].id));
        if (i + 1 < sop.ladder.tiers.size()) {
            EXPECT_EQ(back.edges.count("tier:" + sop.ladder.tiers[i].id + " -> tier:" +
                                       sop.ladder.tiers[i + 1].id),
                      1u);
        }
    }
}

TEST(SopGraph, ARouteConditionIsLabelledAsAPersonReadsIt) {
    Sop sop = ShippedSop();
    auto& step = sop.steps.front();
    config::sop::Condition when;
    when.op = config::sop::Condition::Op::kAnyOf;
    when.question = "origin";
    when.values = {"homeowner", "sales_rep"};
    step.routes.insert(step.routes.begin(), config::sop::Route{.when = when, .outcome = sop.outcomes.front().id});
    sop.Reindex();

    const ReadBack back = Read(config::sop::SopDot(sop));

    EXPECT_EQ(back.edge_labels.at("step:" + step.id + " -> outcome:" + sop.outcomes.front().id),
              "origin in {homeowner, sales_rep}");
}

TEST(SopGraph, QuotesAndBackslashesInTitlesStayInsideTheirLabel) {
    Sop sop = ShippedSop();
    sop.steps.front().title = "Say \"hi\" \\ wave";
    sop.Reindex();

    const std::string dot = config::sop::SopDot(sop);

    EXPECT_NE(dot.find(R"(Say \"hi\" \\ wave)"), std::string::npos);
    EXPECT_TRUE(Read(dot).nodes.count("step:" + sop.steps.front().id));
}

TEST(SopText, ConditionsReadAsAPersonSaysThem) {
    using config::sop::Condition;
    Condition a{.op = Condition::Op::kEquals, .question = "origin", .values = {"homeowner"}};
    Condition b{.op = Condition::Op::kAnswered, .question = "email", .expected = false};
    Condition fact{.op = Condition::Op::kFact, .fact = "open_case_exists"};
    Condition all{.op = Condition::Op::kAll, .children = {a, b}};
    Condition any{.op = Condition::Op::kAny, .children = {all, fact}};
    Condition negated{.op = Condition::Op::kNot, .children = {a}};

    EXPECT_EQ(config::sop::ConditionText(any),
              "((origin = homeowner and email not answered) or open_case_exists)");
    EXPECT_EQ(config::sop::ConditionText(negated), "not (origin = homeowner)");
    EXPECT_EQ(config::sop::ConditionText(Condition{.op = Condition::Op::kNot, .children = {any}}),
              "not ((origin = homeowner and email not answered) or open_case_exists)");
}

}  // namespace
}  // namespace escbot::test
