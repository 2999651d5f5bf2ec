#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace escbot::bench {

/// Fills a new SQLite database at `db` with `megabytes` of incompressible rows in a table of its
/// own (`bench_filler`, one ~4 KiB page a row), mode 0600, so that the bot opens a large file
/// (its migrations add its own tables beside it). Runs the sqlite3 CLI at `sqlite3`; returns the
/// seconds it took. Throws std::runtime_error if sqlite3 fails.
double FillDatabase(const std::string& sqlite3, const std::filesystem::path& db, int megabytes);

/// How the README backs the database up while the bot runs.
enum class BackupKind {
    kBackup,      // sqlite3 db ".backup dest": the online backup API, 100 pages a step
    kVacuumInto,  // sqlite3 db "VACUUM INTO 'dest'": one read transaction, a compacted copy
};

/// Parses "backup" or "vacuum-into"; throws std::invalid_argument otherwise.
BackupKind ParseBackupKind(const std::string& text);
const char* ToString(BackupKind kind);

/// Backs `db` up with the sqlite3 CLI, into `dir` (created; the CLI's stdout.log and stderr.log go
/// there too, so not the bot's directory), again and again on a thread of its own from
/// Start() until Stop(): a backup is running during the whole of a measured run. Each copy is
/// deleted when its backup ends. Not thread-safe: one controlling thread.
class BackupLoop {
public:
    BackupLoop(std::string sqlite3, std::filesystem::path db, std::filesystem::path dir,
               BackupKind kind);
    /// Stops (kills a backup still running).
    ~BackupLoop();
    BackupLoop(const BackupLoop&) = delete;
    BackupLoop& operator=(const BackupLoop&) = delete;

    void Start();

    struct Result {
        std::vector<double> finished_s;  // durations of the backups that ended (exit code 0)
        int failed = 0;                  // backups that ended with another exit code
        double cut_off_s = -1;           // the one still running at Stop(): how long it ran
        std::string last_error;          // stderr of the last failed backup
    };
    /// Kills the backup still running (its time so far goes to cut_off_s) and returns what ran
    /// since Start().
    Result Stop();

private:
    void Run();

    const std::string sqlite3_;
    const std::filesystem::path db_;
    const std::filesystem::path dir_;
    const BackupKind kind_;
    std::mutex mutex_;
    bool stop_ = false;
    int running_pid_ = -1;
    Result result_;
    std::thread thread_;
};

/// "5.2 s, 6.0 s (cut off after 3.1 s)": what BackupLoop::Result says, for a report line.
std::string Describe(const BackupLoop::Result& result);

}  // namespace escbot::bench
