#include "commands/home/home_refresh.hpp"

#include <charconv>
#include <set>

namespace escbot::commands::home {
namespace {

std::optional<long long> IdAfter(std::string_view entity, std::string_view prefix) {
    if (!entity.starts_with(prefix)) return std::nullopt;
    entity.remove_prefix(prefix.size());
    long long id = 0;
    const auto [end, error] = std::from_chars(entity.data(), entity.data() + entity.size(), id);
    if (error != std::errc() || end != entity.data() + entity.size() || id <= 0) return std::nullopt;
    return id;
}

void AddOwnerFrom(std::set<std::string>& users, const nlohmann::json& detail, const char* side) {
    if (!detail.is_object()) return;
    const auto part = detail.find(side);
    if (part == detail.end() || !part->is_object()) return;
    const auto owner = part->find("owner");
    if (owner != part->end() && owner->is_string()) users.insert(owner->get<std::string>());
}

}  // namespace

std::string HomeLane(std::string_view user) {
    return "home:" + std::string(user);
}

std::string RefreshTimerKey(std::string_view user) {
    return "home:" + std::string(user) + ":refresh";
}

std::string RefreshTimerUser(const nlohmann::json& payload) {
    if (!payload.is_object()) return {};
    const auto user = payload.find("user");
    return user != payload.end() && user->is_string() ? user->get<std::string>() : std::string();
}

void QueueHomeRefresh(storage::UnitOfWork& u, TimePoint now, std::string_view user) {
    if (user.empty() || user == "bot") return;
    const std::string key = RefreshTimerKey(user);
    if (u.Timers().Find(key)) return;  // one is pending: it will read the state as it is then
    if (!u.TeamView().OpenedHome(user)) return;
    u.Timers().Schedule(
        {0, std::string(kRefreshTimer), key, now + kRefreshSpacing, {{"user", std::string(user)}}});
}

void QueueRefreshForEntity(storage::UnitOfWork& u, TimePoint now, std::string_view entity,
                           const nlohmann::json& detail) {
    std::set<std::string> users;
    if (const auto id = IdAfter(entity, "case:")) {
        const auto c = u.Escalation().Cases().Get(*id);
        if (!c) return;
        users = {c->created_by, c->owner};
    } else if (const auto ic = IdAfter(entity, "installer:")) {
        const auto c = u.InstallerComplaints().Get(*ic);
        if (!c) return;
        users = {c->agent_id, c->owner_id};
    } else {
        return;
    }
    AddOwnerFrom(users, detail, "before");
    AddOwnerFrom(users, detail, "after");
    for (const std::string& user : users) QueueHomeRefresh(u, now, user);
}

}  // namespace escbot::commands::home
