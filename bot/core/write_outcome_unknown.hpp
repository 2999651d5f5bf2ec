#pragma once

#include <stdexcept>

namespace escbot {

/// A write whose outcome cannot be known: the database connection broke while the transaction
/// was committing, so it may or may not be durable. Whoever tells a person about the failure
/// must not say that nothing was saved (routing::Router asks them to check first).
class WriteOutcomeUnknown : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace escbot
