#pragma once

#include <vector>

namespace escbot::storage::postgres {

/// One numbered schema change, from storage/postgres/migrations/NNNN_name.sql.
struct Migration {
    int number;
    const char* name;
    const char* sql;
};

/// Every PostgreSQL migration compiled into the binary, in ascending number order.
const std::vector<Migration>& EmbeddedMigrations();

}  // namespace escbot::storage::postgres
