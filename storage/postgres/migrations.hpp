#pragma once

#include <vector>

#include "storage/sql/migrate.hpp"

namespace escbot::storage::postgres {

using sql::Migration;

/// Every migration in storage/postgres/migrations/NNNN_name.sql, compiled into the binary
/// (storage/sql/embed_migrations.cmake), in ascending number order.
const std::vector<Migration>& EmbeddedMigrations();

}  // namespace escbot::storage::postgres
