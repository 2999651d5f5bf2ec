#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

using namespace std::chrono_literals;

template <class F>
class AuditAndDedupContract : public StoreContract<F> {
protected:
    bool FirstSeen(const std::string& id, TimePoint now) {
        return this->store().Write([&](UnitOfWork& u) { return u.Events().FirstSeen(id, now); });
    }
};
TYPED_TEST_SUITE(AuditAndDedupContract, StoreFactories);

TYPED_TEST(AuditAndDedupContract, AuditEntriesAreListedPerEntityInTheOrderRecorded) {
    this->store().WriteTx([](UnitOfWork& u) {
        u.Audit().Record({0, kT0, "U1", "case.created", "case:1", {{"sop_version", "2024-05"}}});
        u.Audit().Record({0, kT0 + 1s, "U2", "case.created", "case:2", {}});
        u.Audit().Record({0, kT0 + 2s, "bot", "ladder.step", "case:1", {{"step", 2}}});
    });

    const auto entries =
        this->store().Read([](UnitOfWork& u) { return u.Audit().ForEntity("case:1"); });

    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].action, "case.created");
    EXPECT_EQ(entries[0].actor, "U1");
    EXPECT_EQ(entries[0].at, kT0);
    EXPECT_EQ(entries[0].detail["sop_version"], "2024-05");
    EXPECT_EQ(entries[1].action, "ladder.step");
    EXPECT_EQ(entries[1].actor, "bot");
    EXPECT_EQ(entries[1].entity, "case:1");
    EXPECT_LT(entries[0].id, entries[1].id);
}

TYPED_TEST(AuditAndDedupContract, EventIdIsFirstSeenOnlyOnce) {
    EXPECT_TRUE(this->FirstSeen("Ev01", kT0));
    EXPECT_FALSE(this->FirstSeen("Ev01", kT0 + 1s));
    EXPECT_TRUE(this->FirstSeen("Ev02", kT0 + 1s));
}

TYPED_TEST(AuditAndDedupContract, PruneForgetsOnlyIdsSeenBeforeTheCutoff) {
    this->FirstSeen("Ev-old", kT0);
    this->FirstSeen("Ev-new", kT0 + 100s);

    this->store().WriteTx([](UnitOfWork& u) { u.Events().Prune(kT0 + 50s); });

    EXPECT_TRUE(this->FirstSeen("Ev-old", kT0 + 200s));
    EXPECT_FALSE(this->FirstSeen("Ev-new", kT0 + 200s));
}

}  // namespace
}  // namespace escbot::storage::test
