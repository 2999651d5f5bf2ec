#include "bot/app/audit_command.hpp"

#include <exception>

#include "bot/app/cli.hpp"
#include "commands/escalation/case_refs.hpp"

namespace escbot::app {
namespace {

std::string DetailText(const nlohmann::json& detail) {
    if (!detail.is_object()) return detail.dump();
    std::string text;
    for (const auto& [key, value] : detail.items()) {
        text += (text.empty() ? "" : " ") + key + "=" +
                (value.is_string() ? value.get<std::string>() : value.dump());
    }
    return text;
}

}  // namespace

std::optional<std::string> AuditEntityOf(const std::string& reference) {
    if (const auto id = commands::escalation::ParseCaseId(reference)) {
        return commands::escalation::CaseEntity(*id);
    }
    const auto colon = reference.find(':');
    if (colon != std::string::npos && colon > 0 && colon + 1 < reference.size()) return reference;
    if (reference == "export") return reference;
    return std::nullopt;
}

int RunAudit(storage::Store& store, const config::BusinessCalendar& calendar,
             const std::string& reference, std::ostream& out, std::ostream& err) {
    const auto entity = AuditEntityOf(reference);
    if (!entity) {
        err << "audit: \"" << reference << "\" names no case: expected ESC-12, 12, or an entity such as draft:7\n";
        return kExitUsageOrConfig;
    }
    try {
        const auto entries = store.Read([&](storage::UnitOfWork& u) { return u.Audit().ForEntity(*entity); });
        if (entries.empty()) {
            err << "audit: no history for " << reference << "\n";
            return kExitRuntimeFailure;
        }
        out << "History of " << reference << " (" << *entity << "), " << entries.size()
            << (entries.size() == 1 ? " entry\n" : " entries\n");
        for (const storage::AuditEntry& e : entries) {
            out << calendar.FormatIso(e.at) << "  " << e.actor << "  " << e.action;
            const std::string detail = DetailText(e.detail);
            if (!detail.empty()) out << "  " << detail;
            out << "\n";
        }
        return kExitOk;
    } catch (const std::exception& e) {
        err << "audit: " << e.what() << "\n";
        return kExitRuntimeFailure;
    }
}

}  // namespace escbot::app
