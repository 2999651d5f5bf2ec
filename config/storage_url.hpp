#pragma once

#include <string_view>

namespace escbot::config {

/// A PostgreSQL URI as libpq reads it: postgresql://... or postgres://...
bool IsPostgresUrl(std::string_view url);

/// Whether the URI carries a password (postgresql://user:secret@host/db, or ?password=...).
/// The file must not: a password comes from the environment only (PGPASSWORD, DATABASE_URL).
bool UrlHasPassword(std::string_view url);

}  // namespace escbot::config
