#include "config/sop/sop_catalog.hpp"

#include <mutex>
#include <stdexcept>

namespace escbot::config::sop {

SopCatalog::AddResult SopCatalog::Add(std::shared_ptr<const Sop> sop, bool make_current) {
    if (sop == nullptr) throw std::invalid_argument("SopCatalog::Add: null SOP");
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

std::shared_ptr<const Sop> SopCatalog::Find(std::string_view version) const {
    std::shared_lock lock(mutex_);
    const auto it = by_version_.find(version);
    return it == by_version_.end() ? nullptr : it->second;
}

std::shared_ptr<const Sop> SopCatalog::Current() const {
    std::shared_lock lock(mutex_);
    return current_;
}

std::vector<std::string> SopCatalog::Versions() const {
    std::shared_lock lock(mutex_);
    std::vector<std::string> versions;
    versions.reserve(by_version_.size());
    for (const auto& [version, sop] : by_version_) versions.push_back(version);
    return versions;
}

}  // namespace escbot::config::sop
