#pragma once

#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "config/sop/sop.hpp"

namespace escbot::config::sop {

/// Several loaded SOP versions side by side. A flow records the version it started under and
/// keeps reading that version (Find), so loading a new current version never changes a flow in
/// progress. Versions are never removed. Thread-safe: reads take a shared lock, Add an
/// exclusive one; the returned pointers stay valid after later Adds.
class SopCatalog {
public:
    enum class AddResult {
        kAdded,            // a new version
        kAlreadyPresent,   // the same version with the same content: nothing changed
        kVersionConflict,  // the same version with different content: rejected, nothing changed
    };

    /// Adds a version. With `make_current`, a newly added version (or an identical one already
    /// present) becomes Current(). A different file claiming an existing version is rejected:
    /// flows under that version must not change. Throws std::invalid_argument on nullptr.
    AddResult Add(std::shared_ptr<const Sop> sop, bool make_current = true);

    /// The version a flow started under; nullptr when not loaded.
    std::shared_ptr<const Sop> Find(std::string_view version) const;
    /// The version new flows start under; nullptr before the first Add.
    std::shared_ptr<const Sop> Current() const;
    /// Every loaded version, sorted.
    std::vector<std::string> Versions() const;

private:
    mutable std::shared_mutex mutex_;
    std::map<std::string, std::shared_ptr<const Sop>, std::less<>> by_version_;
    std::shared_ptr<const Sop> current_;
};

}  // namespace escbot::config::sop
