#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "config/sop/installer_sop.hpp"

namespace escbot::config::sop {

/// The installer-complaints SOP versions loaded side by side, as SopCatalog keeps the escalation
/// SOP's: a case records the version it was opened under and keeps reading it (Find), so a new
/// current version never changes a case in progress. Versions are never removed; a different
/// file claiming a version already loaded is refused. Thread-safe.
class InstallerSopCatalog {
public:
    enum class AddResult { kAdded, kAlreadyPresent, kVersionConflict };

    /// Adds a version; with `make_current` it becomes Current(). Null is ignored (kVersionConflict).
    AddResult Add(std::shared_ptr<const InstallerSop> sop, bool make_current = true) {
        if (sop == nullptr) return AddResult::kVersionConflict;
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

    /// The version a case was opened under; nullptr when not loaded.
    std::shared_ptr<const InstallerSop> Find(std::string_view version) const {
        std::shared_lock lock(mutex_);
        const auto it = by_version_.find(version);
        return it == by_version_.end() ? nullptr : it->second;
    }

    /// The version new complaints start under; nullptr before the first Add.
    std::shared_ptr<const InstallerSop> Current() const {
        std::shared_lock lock(mutex_);
        return current_;
    }

    std::vector<std::string> Versions() const {
        std::shared_lock lock(mutex_);
        std::vector<std::string> out;
        for (const auto& [version, sop] : by_version_) out.push_back(version);
        return out;
    }

private:
    mutable std::shared_mutex mutex_;
    std::map<std::string, std::shared_ptr<const InstallerSop>, std::less<>> by_version_;
    std::shared_ptr<const InstallerSop> current_;
};

}  // namespace escbot::config::sop
