#include "storage/sqlite/database.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include <SQLiteCpp/Exception.h>

#include "bot/core/logging.hpp"

namespace escbot::storage::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr mode_t kFileMode = 0600;

std::runtime_error OpenError(const std::string& path, const std::string& cause) {
    return std::runtime_error("cannot open database " + path + ": " + cause);
}

// Creates the missing directories of `dir`, each with mode 0700 (the umask may only narrow it).
void CreateParentDirectories(const std::filesystem::path& dir, const std::string& path) {
    if (dir.empty()) return;
    std::vector<std::filesystem::path> missing;
    for (auto d = dir; !d.empty() && !std::filesystem::exists(d); d = d.parent_path()) {
        missing.push_back(d);
        if (d == d.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
            throw OpenError(path, "cannot create directory " + it->string() + ": " +
                                      std::strerror(errno));
        }
    }
}

// Makes `path` exist with mode 0600 before SQLite opens it: SQLite would create it with 0644
// (less the umask), and it derives the -wal/-shm files' mode from the database file's.
void CreatePrivateFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, kFileMode);
    if (fd < 0) throw OpenError(path, std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0) {
        logging::Get("storage")->warn("database file was accessible to group/others (mode {:o}); "
                                      "setting mode 0600",
                                      st.st_mode & 0777);
        ::fchmod(fd, kFileMode);
    }
    ::close(fd);
}

const std::string& PrepareFile(const std::string& path) {
    CreateParentDirectories(std::filesystem::path(path).parent_path(), path);
    CreatePrivateFile(path);
    return path;
}

// The -wal and -shm files normally inherit 0600 from the database file; this covers files left
// by an older, looser deployment.
void TightenSidecarFiles(const std::string& path) {
    for (const char* suffix : {"-wal", "-shm"}) {
        const std::string side = path + suffix;
        struct stat st {};
        if (::stat(side.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
            ::chmod(side.c_str(), kFileMode);
        }
    }
}

std::string PragmaText(SQLite::Database& db, const char* sql) {
    SQLite::Statement q(db, sql);
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

}  // namespace

void BindText(SQLite::Statement& statement, int index, const std::string& text) {
    statement.bindNoCopy(index, text);
}

void BindOptionalTime(SQLite::Statement& statement, int index, const std::optional<TimePoint>& at) {
    if (at) {
        statement.bind(index, static_cast<int64_t>(ToUnix(*at)));
    } else {
        statement.bind(index);  // NULL
    }
}

std::optional<TimePoint> OptionalTimeColumn(SQLite::Statement& statement, int index) {
    if (statement.isColumnNull(index)) return std::nullopt;
    return FromUnix(statement.getColumn(index).getInt64());
}

CachedStatement::CachedStatement(SQLite::Statement* statement, bool* in_use,
                                 std::unique_ptr<SQLite::Statement> owned)
    : statement_(statement), in_use_(in_use), owned_(std::move(owned)) {}

CachedStatement::CachedStatement(CachedStatement&& other) noexcept
    : statement_(other.statement_), in_use_(other.in_use_), owned_(std::move(other.owned_)) {
    other.statement_ = nullptr;
    other.in_use_ = nullptr;
}

CachedStatement::~CachedStatement() {
    if (statement_ == nullptr) return;
    // Resetting ends the statement's read of the database (an unfinished SELECT would otherwise
    // keep its snapshot open); clearing drops copies of bound strings.
    statement_->tryReset();
    try {
        statement_->clearBindings();
    } catch (...) {
        // sqlite3_clear_bindings cannot fail; nothing to do.
    }
    if (in_use_ != nullptr) *in_use_ = false;
}

Database::Database(const std::string& path)
    : path_(path),
      db_(PrepareFile(path), SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, kBusyTimeoutMs) {
    try {
        const std::string mode = PragmaText(db_, "PRAGMA journal_mode=WAL");
        if (mode != "wal") throw OpenError(path, "WAL journal mode unavailable (got " + mode + ")");
        db_.exec("PRAGMA synchronous=NORMAL");
        db_.exec("PRAGMA foreign_keys=ON");
        // Creates the -wal and -shm files now, so that their mode is checked at start-up.
        PragmaText(db_, "SELECT count(*) FROM sqlite_schema");
    } catch (const SQLite::Exception& e) {
        throw OpenError(path, e.what());
    }
    TightenSidecarFiles(path);
}

CachedStatement Database::Prepare(std::string_view sql) {
    if (begin_pending_) {
        begin_pending_ = false;
        Exec("BEGIN");
    }
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        const std::string text(sql);
        auto statement = std::make_unique<SQLite::Statement>(db_, text);
        it = cache_.emplace(text, Slot{std::move(statement), false, WritesNothing(text)}).first;
    }
    Slot& slot = it->second;
    if (read_only_ && !slot.read_only) {
        throw std::logic_error("write inside a read transaction: " + std::string(sql));
    }
    if (slot.in_use) {
        // The same SQL is already borrowed further up the stack: use a one-off copy.
        auto own = std::make_unique<SQLite::Statement>(db_, std::string(sql));
        SQLite::Statement* raw = own.get();
        return CachedStatement(raw, nullptr, std::move(own));
    }
    slot.in_use = true;
    return CachedStatement(slot.statement.get(), &slot.in_use, nullptr);
}

// SQLiteCpp hides the sqlite3_stmt, so the statement is compiled once more to ask SQLite whether
// it writes (once per distinct SQL text).
bool Database::WritesNothing(const std::string& sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.getHandle(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
        sqlite3_finalize(raw);
        throw SQLite::Exception(db_.getHandle());
    }
    const bool read_only = sqlite3_stmt_readonly(raw) != 0;
    sqlite3_finalize(raw);
    return read_only;
}

int Database::Exec(std::string_view sql) {
    auto statement = Prepare(sql);
    return statement->exec();
}

}  // namespace escbot::storage::sqlite
