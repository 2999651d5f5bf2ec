#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace escbot::config::sop {

/// Several loaded versions of one SOP side by side (`Version` has `version` and `fingerprint`).
/// A flow records the version it started under and keeps reading that version (Find), so
/// loading a new current version never changes a flow in progress. Versions are never removed.
/// Thread-safe: reads take a shared lock, Add an exclusive one; the returned pointers stay valid
/// after later Adds.
template <class Version>
class VersionCatalog {
public:
    enum class AddResult {
        kAdded,            // a new version
        kAlreadyPresent,   // the same version with the same content: nothing changed
        kVersionConflict,  // the same version with different content: rejected, nothing changed
    };

    /// Adds a version. With `make_current`, a newly added version (or an identical one already
    /// present) becomes Current(). A different file claiming an existing version is rejected:
    /// flows under that version must not change. Throws std::invalid_argument on nullptr.
    AddResult Add(std::shared_ptr<const Version> sop, bool make_current = true) {
        if (sop == nullptr) throw std::invalid_argument("VersionCatalog::Add: null SOP");
        std::unique_lock lock(mutex_);
        const auto it = by_version_.find(sop->version);
        if (it != by_version_.end()) {
            if (it->second->fingerprint != sop->fingerprint) return AddResult::kVersionConflict;
            if (make_current) current_ = it->second;
            return AddResult::kAlreadyPresent;
        }
        by_version_.emplace(sop->version, sop);
        if (make_current || current_ == nullptr) current_ = std::move(sop);
        return AddResult::kAdded;
    }

    /// The version a flow started under; nullptr when not loaded.
    std::shared_ptr<const Version> Find(std::string_view version) const {
        std::shared_lock lock(mutex_);
        const auto it = by_version_.find(version);
        return it == by_version_.end() ? nullptr : it->second;
    }

    /// The version new flows start under; nullptr before the first Add.
    std::shared_ptr<const Version> Current() const {
        std::shared_lock lock(mutex_);
        return current_;
    }

    /// Every loaded version, sorted.
    std::vector<std::string> Versions() const {
        std::shared_lock lock(mutex_);
        std::vector<std::string> versions;
        versions.reserve(by_version_.size());
        for (const auto& [version, sop] : by_version_) versions.push_back(version);
        return versions;
    }

private:
    mutable std::shared_mutex mutex_;
    std::map<std::string, std::shared_ptr<const Version>, std::less<>> by_version_;
    std::shared_ptr<const Version> current_;
};

}  // namespace escbot::config::sop
