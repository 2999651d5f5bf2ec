#include "tests/bench/backup_loop.hpp"

#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "tests/support/process.hpp"

namespace escbot::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr int kPageBytes = 4096;
constexpr int kRowBytes = 3800;  // with its record header, one row fills most of a page

double SecondsSince(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

}  // namespace

double FillDatabase(const std::string& sqlite3, const std::filesystem::path& db, int megabytes) {
    const long rows = static_cast<long>(megabytes) * 1024 * 1024 / kPageBytes;
    // No journal while filling: the bot switches the file to WAL when it opens it.
    const std::string sql =
        "PRAGMA page_size=" + std::to_string(kPageBytes) +
        "; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        " CREATE TABLE bench_filler (id INTEGER PRIMARY KEY, data BLOB NOT NULL);"
        " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
        std::to_string(rows) + ") INSERT INTO bench_filler (data) SELECT randomblob(" +
        std::to_string(kRowBytes) + ") FROM n;";
    const auto started = SteadyClock::now();
    const test::ProcessResult filled =
        test::RunProcess({sqlite3, db.string()}, {}, sql, std::chrono::minutes(10));
    if (filled.exit_code != 0)
        throw std::runtime_error("sqlite3 could not fill " + db.string() + ": " + filled.err);
    ::chmod(db.c_str(), 0600);
    return SecondsSince(started);
}

BackupKind ParseBackupKind(const std::string& text) {
    if (text == "backup") return BackupKind::kBackup;
    if (text == "vacuum-into") return BackupKind::kVacuumInto;
    throw std::invalid_argument("--backup: expected backup or vacuum-into, got " + text);
}

const char* ToString(BackupKind kind) {
    return kind == BackupKind::kBackup ? ".backup" : "VACUUM INTO";
}

BackupLoop::BackupLoop(std::string sqlite3, std::filesystem::path db, std::filesystem::path dir,
                       BackupKind kind)
    : sqlite3_(std::move(sqlite3)), db_(std::move(db)), dir_(std::move(dir)), kind_(kind) {}

BackupLoop::~BackupLoop() {
    if (thread_.joinable()) Stop();
}

void BackupLoop::Start() {
    if (thread_.joinable()) throw std::logic_error("BackupLoop started twice");
    std::filesystem::create_directories(dir_);
    stop_ = false;
    result_ = {};
    thread_ = std::thread([this] { Run(); });
}

BackupLoop::Result BackupLoop::Stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    if (thread_.joinable()) thread_.join();
    return result_;
}

void BackupLoop::Run() {
    const std::filesystem::path copy = dir_ / "backup-copy.sqlite3";
    const std::string command = kind_ == BackupKind::kBackup
                                    ? ".backup '" + copy.string() + "'"
                                    : "VACUUM INTO '" + copy.string() + "'";
    for (int n = 0;; ++n) {
        std::error_code ignored;
        std::filesystem::remove(copy, ignored);
        const auto started = SteadyClock::now();
        std::optional<int> code;
        {
            test::ChildProcess backup({sqlite3_, db_.string(), command}, {}, dir_.string());
            while (!(code = backup.Wait(std::chrono::milliseconds(20)))) {
                if (!backup.Running()) break;  // ended by a signal
                std::lock_guard lock(mutex_);
                if (stop_) {
                    backup.Signal(SIGKILL);
                    backup.Wait(std::chrono::seconds(5));
                    result_.cut_off_s = SecondsSince(started);
                    std::filesystem::remove(copy, ignored);
                    return;
                }
            }
            if (code == 0) {
                result_.finished_s.push_back(SecondsSince(started));
            } else {
                ++result_.failed;
                result_.last_error = backup.Stderr();
            }
        }
        std::lock_guard lock(mutex_);
        if (stop_) {
            std::filesystem::remove(copy, ignored);
            return;
        }
    }
}

std::string Describe(const BackupLoop::Result& result) {
    std::string text;
    char item[64];
    for (const double s : result.finished_s) {
        std::snprintf(item, sizeof item, "%s%.1f s", text.empty() ? "" : ", ", s);
        text += item;
    }
    if (result.cut_off_s >= 0) {
        std::snprintf(item, sizeof item, "%s(cut off after %.1f s)", text.empty() ? "" : " ",
                      result.cut_off_s);
        text += item;
    }
    if (result.failed > 0) text += "; " + std::to_string(result.failed) + " failed";
    return text.empty() ? "none" : text;
}

}  // namespace escbot::bench
