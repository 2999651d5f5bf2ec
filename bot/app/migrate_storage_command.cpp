#include "bot/app/migrate_storage_command.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iomanip>

#include "bot/app/cli.hpp"
#include "config/storage_url.hpp"
#include "storage/copy/sqlite_to_postgres.hpp"
#include "storage/postgres/migrate.hpp"
#include "storage/sqlite/migrate.hpp"

namespace escbot::app {
namespace {

constexpr const char* kName = "migrate-storage: ";

// sqlite:PATH (or sqlite:///absolute/path) -> PATH; nullopt when it is not that.
std::optional<std::string> SqlitePath(const std::string& from) {
    constexpr std::string_view kScheme = "sqlite:";
    if (from.rfind(kScheme, 0) != 0) return std::nullopt;
    std::string path = from.substr(kScheme.size());
    if (path.rfind("//", 0) == 0) path.erase(0, 2);
    if (path.empty()) return std::nullopt;
    return path;
}

std::string Seconds(std::chrono::steady_clock::duration elapsed) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f s", std::chrono::duration<double>(elapsed).count());
    return text;
}

void PrintCounts(const storage::copy::CopyResult& result, std::ostream& out) {
    std::size_t width = 5;
    for (const auto& t : result.tables) width = std::max(width, t.table.size());
    const auto row = [&](const std::string& table, const std::string& sqlite, const std::string& pg) {
        out << std::left << std::setw(static_cast<int>(width) + 2) << table << std::right
            << std::setw(10) << sqlite << std::setw(12) << pg << "\n";
    };
    row("table", "sqlite", "postgresql");
    long long source_total = 0;
    for (const auto& t : result.tables) {
        row(t.table, std::to_string(t.source_rows), std::to_string(t.target_rows));
        source_total += t.source_rows;
    }
    row("total", std::to_string(source_total), std::to_string(result.TotalRows()));
}

}  // namespace

int RunMigrateStorage(const MigrateStorageArgs& args, const config::Environment& env,
                      std::ostream& out, std::ostream& err) {
    const auto path = SqlitePath(args.from);
    if (!path) {
        err << kName << "--from must be sqlite:PATH (the bot's SQLite file), not \"" << args.from << "\"\n";
        return kExitUsageOrConfig;
    }
    std::string url;
    if (args.to) {
        if (config::UrlHasPassword(*args.to)) {
            err << kName << "--to must not carry a password (others see a command line): set "
                            "PGPASSWORD, or give the whole URL in DATABASE_URL and leave --to out\n";
            return kExitUsageOrConfig;
        }
        url = *args.to;
    } else if (const auto found = env.find("DATABASE_URL"); found != env.end()) {
        url = found->second;
    }
    if (url.empty()) {
        err << kName << "no target: give --to postgresql://… or set DATABASE_URL\n";
        return kExitUsageOrConfig;
    }
    if (!config::IsPostgresUrl(url)) {
        err << kName << "the target must be a postgresql:// or postgres:// URL, not "
            << storage::postgres::RedactUrl(url) << "\n";
        return kExitUsageOrConfig;
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(*path, ec)) {
        err << kName << "no SQLite database at " << *path << " (nothing was written)\n";
        return kExitUsageOrConfig;
    }

    const std::string target_name = storage::postgres::RedactUrl(url);
    try {
        storage::sqlite::Database source(*path);
        const int source_applied =
            storage::sqlite::ApplyMigrations(source, storage::sqlite::EmbeddedMigrations());
        storage::postgres::Connection target(url, "");
        const int target_applied =
            storage::postgres::ApplyMigrations(target, storage::postgres::EmbeddedMigrations());
        out << "copying sqlite:" << *path << " to " << target_name << "\n"
            << "schemas: " << source_applied << " SQLite and " << target_applied
            << " PostgreSQL migration(s) applied first\n";

        const auto started = std::chrono::steady_clock::now();
        const auto result = storage::copy::CopySqliteToPostgres(source, target);
        const auto elapsed = std::chrono::steady_clock::now() - started;

        PrintCounts(result, out);
        for (const auto& s : result.sequences) {
            out << "next " << s.table << "." << s.column << ": " << s.next_id << "\n";
        }
        out << "copied " << result.TotalRows() << " rows of " << result.tables.size()
            << " tables in one transaction in " << Seconds(elapsed)
            << "; row counts equal on both sides\n";
        return kExitOk;
    } catch (const storage::copy::TargetNotEmpty& e) {
        err << kName << e.what() << ". Nothing was copied. Copy into a new, empty database "
            << "before any replica starts on it.\n";
        return kExitUsageOrConfig;
    } catch (const std::exception& e) {
        err << kName << e.what() << "\nNo row was copied to " << target_name << " (rolled back).\n";
        return kExitRuntimeFailure;
    }
}

}  // namespace escbot::app
