#pragma once

#include <vector>

namespace escbot::storage::sqlite {

/// One numbered schema change, from storage/sqlite/migrations/NNNN_name.sql.
struct Migration {
    int number;
    const char* name;
    const char* sql;
};

/// Every migration compiled into the binary, in ascending number order.
const std::vector<Migration>& EmbeddedMigrations();

}  // namespace escbot::storage::sqlite
