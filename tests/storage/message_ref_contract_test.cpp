#include "tests/storage/store_factories.hpp"

namespace escbot::storage::test {
namespace {

template <class F>
class MessageRefContract : public StoreContract<F> {};
TYPED_TEST_SUITE(MessageRefContract, StoreFactories);

TYPED_TEST(MessageRefContract, PutRefCanBeReadBackByKey) {
    this->store().WriteTx(
        [](UnitOfWork& u) { u.MessageRefs().Put({"case:7:root", "C0CASES", "1700000000.000100"}); });

    const auto ref =
        this->store().Read([](UnitOfWork& u) { return u.MessageRefs().Get("case:7:root"); });

    ASSERT_TRUE(ref.has_value());
    EXPECT_EQ(ref->key, "case:7:root");
    EXPECT_EQ(ref->channel, "C0CASES");
    EXPECT_EQ(ref->ts, "1700000000.000100");
}

TYPED_TEST(MessageRefContract, PuttingTheSameKeyAgainReplacesTheRef) {
    this->store().WriteTx([](UnitOfWork& u) {
        u.MessageRefs().Put({"case:7:root", "C1", "1700000000.000100"});
        u.MessageRefs().Put({"case:7:root", "C2", "1700000001.000200"});
    });

    const auto ref =
        this->store().Read([](UnitOfWork& u) { return u.MessageRefs().Get("case:7:root"); });

    EXPECT_EQ(ref->channel, "C2");
    EXPECT_EQ(ref->ts, "1700000001.000200");
}

TYPED_TEST(MessageRefContract, UnknownKeyHasNoRef) {
    EXPECT_FALSE(this->store()
                     .Read([](UnitOfWork& u) { return u.MessageRefs().Get("case:8:root"); })
                     .has_value());
}

}  // namespace
}  // namespace escbot::storage::test
