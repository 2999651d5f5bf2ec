#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/escalation_repositories.hpp"
#include "storage/sql/backends.hpp"

namespace escbot::storage::sql {

// The SOP texts that cases are pinned to: one table a flow, the same columns in each.

/// The tables; only these names, so no SQL text comes from outside.
enum class SopTexts { kEscalation, kInstaller };

namespace detail {
inline std::string SopTextsSql(SopTexts table, std::string_view before, std::string_view after) {
    const std::string_view name =
        table == SopTexts::kInstaller ? "installer_sop_versions" : "sop_versions";
    return std::string(before) + std::string(name) + std::string(after);
}
}  // namespace detail

/// Stores `sop` unless its version is there already; whether it was stored.
template <class Db>
bool PutSopTextIfAbsent(Db& db, SopTexts table, const StoredSop& sop) {
    auto q = db.Prepare(detail::SopTextsSql(table, "INSERT INTO ",
                                            " (version, fingerprint, text, stored_at)"
                                            " VALUES (?1, ?2, ?3, ?4)"
                                            " ON CONFLICT (version) DO NOTHING"));
    BindText(*q, 1, sop.version);
    BindText(*q, 2, sop.fingerprint);
    BindText(*q, 3, sop.text);
    q->bind(4, static_cast<int64_t>(ToUnix(sop.stored_at)));
    return q->exec() == 1;
}

/// The stored SOP of `version`, if any.
template <class Db>
std::optional<StoredSop> GetSopText(Db& db, SopTexts table, std::string_view version) {
    auto q = db.Prepare(detail::SopTextsSql(table, "SELECT version, fingerprint, text, stored_at FROM ",
                                            " WHERE version = ?1"));
    const std::string version_text(version);
    BindText(*q, 1, version_text);
    if (!q->executeStep()) return std::nullopt;
    return StoredSop{q->getColumn(0).getString(), q->getColumn(1).getString(),
                     q->getColumn(2).getString(), FromUnix(q->getColumn(3).getInt64())};
}

}  // namespace escbot::storage::sql
