#pragma once

#include <stdexcept>

#include "config/sop/sop_loader.hpp"
#include "tests/support/paths.hpp"

namespace escbot::test {

/// The escalation SOP shipped in config/sop/escalation.toml, loaded once per test binary.
inline const config::sop::Sop& ShippedSop() {
    static const config::sop::SopLoadResult result =
        config::sop::LoadSopFile((SourceDir() / "config/sop/escalation.toml").string());
    if (!result.ok()) throw std::runtime_error(result.errors.front().ToString());
    return *result.sop;
}

}  // namespace escbot::test
