#include "storage/postgres/connection.hpp"

#include <libpq-fe.h>

#include <cctype>
#include <charconv>
#include <utility>

#include "bot/core/logging.hpp"

namespace escbot::storage::postgres {
namespace {

std::string TrimmedError(const char* message) {
    std::string text = message ? message : "";
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

// SQLSTATE classes that mean the connection, not the statement, failed: 08 (connection
// exception), 57P01..57P03 (the server is shutting down or starting up).
bool IsConnectionState(const std::string& state) {
    return state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03";
}

// libpq prints the server's notices (e.g. "there is no transaction in progress" after a COMMIT
// that failed) on stderr; they go to the log instead, at debug level and without their detail
// lines, which may quote a row.
void LogNotice(void*, const char* message) {
    const std::string text = TrimmedError(message);
    logging::Get("storage")->debug("PostgreSQL notice: {}", text.substr(0, text.find('\n')));
}

}  // namespace

long long Column::getInt64() const {
    if (null_) return 0;
    const std::string_view text(text_);
    if (text == "t") return 1;  // a boolean expression (EXISTS, comparisons)
    if (text == "f") return 0;
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        throw std::runtime_error("column is not an integer");
    }
    return value;
}

Query::Query(Connection& connection, std::string_view sql)
    : connection_(&connection), sql_(ToDollarParams(sql)) {}

Query::Query(Query&& other) noexcept
    : connection_(other.connection_),
      sql_(std::move(other.sql_)),
      params_(std::move(other.params_)),
      result_(std::exchange(other.result_, nullptr)),
      row_(other.row_),
      rows_(other.rows_) {}

Query::~Query() {
    if (result_) PQclear(result_);
}

void Query::bind(int index, long long value) {
    if (index < 1) throw std::out_of_range("parameter index must be >= 1");
    if (params_.size() < static_cast<std::size_t>(index)) params_.resize(index);
    params_[index - 1] = std::to_string(value);
}

void Query::bind(int index, std::string_view text) {
    if (index < 1) throw std::out_of_range("parameter index must be >= 1");
    if (params_.size() < static_cast<std::size_t>(index)) params_.resize(index);
    params_[index - 1] = std::string(text);
}

void Query::bindNull(int index) {
    if (index < 1) throw std::out_of_range("parameter index must be >= 1");
    if (params_.size() < static_cast<std::size_t>(index)) params_.resize(index);
    params_[index - 1].reset();
}

void Query::Run() {
    if (result_) PQclear(result_);
    result_ = connection_->Run(sql_, params_);
    rows_ = PQntuples(result_);
    row_ = -1;
}

int Query::exec() {
    Run();
    const char* changed = PQcmdTuples(result_);
    if (changed == nullptr || *changed == '\0') return rows_;
    return std::atoi(changed);
}

bool Query::executeStep() {
    if (!result_) Run();
    if (row_ < rows_) ++row_;
    return row_ < rows_;
}

Column Query::getColumn(int index) const {
    if (!result_ || row_ < 0 || row_ >= rows_ || index < 0 || index >= PQnfields(result_)) {
        throw std::out_of_range("no such row or column: " + std::to_string(index));
    }
    return Column(PQgetvalue(result_, row_, index), PQgetisnull(result_, row_, index) != 0);
}

void BindOptionalTime(Query& q, int index, const std::optional<TimePoint>& at) {
    if (at) {
        q.bind(index, static_cast<long long>(ToUnix(*at)));
    } else {
        q.bindNull(index);
    }
}

std::optional<TimePoint> OptionalTimeColumn(Query& q, int index) {
    if (q.isColumnNull(index)) return std::nullopt;
    return FromUnix(q.getColumn(index).getInt64());
}

Connection::Connection(const std::string& url, const std::string& schema) {
    conn_ = PQconnectdb(url.c_str());
    if (conn_ == nullptr) throw PgError("out of memory connecting to PostgreSQL", "", true);
    if (PQstatus(conn_) != CONNECTION_OK) {
        const std::string message = TrimmedError(PQerrorMessage(conn_));
        PQfinish(conn_);
        conn_ = nullptr;
        throw PgError("cannot connect to PostgreSQL (" + RedactUrl(url) + "): " + message, "",
                      true);
    }
    PQsetNoticeProcessor(conn_, LogNotice, nullptr);
    Exec("SET client_min_messages = warning");
    if (!schema.empty()) {
        char* quoted = PQescapeIdentifier(conn_, schema.data(), schema.size());
        const std::string identifier = quoted ? quoted : "";
        PQfreemem(quoted);
        Exec("SET search_path TO " + identifier);
    }
}

Connection::~Connection() {
    if (conn_) PQfinish(conn_);
}

bool Connection::Usable() const {
    return conn_ != nullptr && !broken_ && PQstatus(conn_) == CONNECTION_OK;
}

void Connection::Exec(const std::string& sql) {
    Settle();
    // A pending BEGIN goes in the same simple query (PQexec runs the statements in order).
    const std::string text =
        pending_begin_.empty() ? sql : std::exchange(pending_begin_, {}) + "; " + sql;
    PGresult* result = PQexec(conn_, text.c_str());
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(result, sql);
    PQclear(result);
}

void Connection::Begin(std::string begin_sql) {
    Settle();
    pending_begin_ = std::move(begin_sql);
}

void Connection::Commit() {
    if (!pending_begin_.empty()) {
        pending_begin_.clear();
        return;
    }
    Exec("COMMIT");
}

void Connection::CommitReadOnly() {
    if (!pending_begin_.empty()) {
        pending_begin_.clear();
        return;
    }
    if (PQsendQuery(conn_, "COMMIT") != 1) Fail(nullptr, "COMMIT");
    commit_in_flight_ = true;
}

void Connection::Rollback() {
    if (!pending_begin_.empty()) {
        pending_begin_.clear();
        return;
    }
    Exec("ROLLBACK");
}

void Connection::Settle() {
    if (!std::exchange(commit_in_flight_, false)) return;
    PGresult* failure = nullptr;
    while (PGresult* result = PQgetResult(conn_)) {
        if (PQresultStatus(result) != PGRES_COMMAND_OK && failure == nullptr) {
            failure = result;
        } else {
            PQclear(result);
        }
    }
    if (failure) Fail(failure, "COMMIT");
}

PGresult* Connection::Run(const std::string& sql,
                          const std::vector<std::optional<std::string>>& params) {
    Settle();
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);

    auto found = prepared_.find(sql);
    if (!pending_begin_.empty()) {
        const bool prepare = found == prepared_.end();
        const std::string name =
            prepare ? "s" + std::to_string(prepared_.size() + 1) : found->second;
        return RunAfterBegin(sql, name, prepare, values);
    }
    if (found == prepared_.end()) {
        std::string name = "s" + std::to_string(prepared_.size() + 1);
        PGresult* prepared = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
        if (!prepared || PQresultStatus(prepared) != PGRES_COMMAND_OK) Fail(prepared, sql);
        PQclear(prepared);
        found = prepared_.emplace(sql, std::move(name)).first;
    }
    PGresult* result = PQexecPrepared(conn_, found->second.c_str(), static_cast<int>(values.size()),
                                      values.data(), nullptr, nullptr, 0);
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(result, sql);
    return result;
}

PGresult* Connection::RunAfterBegin(const std::string& sql, const std::string& name, bool prepare,
                                    const std::vector<const char*>& values) {
    const std::string begin = std::exchange(pending_begin_, {});
    if (PQenterPipelineMode(conn_) != 1) Fail(nullptr, begin);
    const bool sent =
        PQsendQueryParams(conn_, begin.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
        (!prepare || PQsendPrepare(conn_, name.c_str(), sql.c_str(), 0, nullptr) == 1) &&
        PQsendQueryPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(),
                            nullptr, nullptr, 0) == 1 &&
        PQpipelineSync(conn_) == 1;
    if (!sent) {
        broken_ = true;
        Fail(nullptr, begin);
    }
    // Each query's result is followed by a null; an error makes the later ones PIPELINE_ABORTED.
    std::vector<PGresult*> results;
    const int queries = prepare ? 3 : 2;
    for (int i = 0; i < queries; ++i) {
        PGresult* result = PQgetResult(conn_);
        if (result == nullptr) break;
        results.push_back(result);
        while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
    }
    PGresult* sync = results.size() == static_cast<std::size_t>(queries) ? PQgetResult(conn_)
                                                                          : nullptr;
    const bool synced = sync != nullptr && PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
    if (sync) PQclear(sync);
    if (!synced || PQexitPipelineMode(conn_) != 1) broken_ = true;

    // The first failure in sending order is the one to report.
    const std::vector<std::string_view> what = prepare
        ? std::vector<std::string_view>{begin, sql, sql} : std::vector<std::string_view>{begin, sql};
    PGresult* answer = nullptr;
    for (std::size_t i = 0; i < results.size(); ++i) {
        const ExecStatusType status = PQresultStatus(results[i]);
        const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
        if (!ok) {
            for (std::size_t j = i + 1; j < results.size(); ++j) PQclear(results[j]);
            Fail(results[i], std::string(what[i]));
        }
        if (prepare && i == 1) prepared_.emplace(sql, name);
        if (i + 1 == results.size()) answer = results[i];
        else PQclear(results[i]);
    }
    if (broken_ || results.size() != static_cast<std::size_t>(queries)) {
        if (answer) PQclear(answer);
        broken_ = true;
        Fail(nullptr, sql);
    }
    return answer;
}

void Connection::Fail(PGresult* result, const std::string& what) {
    std::string state;
    std::string message;
    if (result) {
        const char* code = PQresultErrorField(result, PG_DIAG_SQLSTATE);
        if (code) state = code;
        message = TrimmedError(PQresultErrorMessage(result));
        PQclear(result);
    }
    if (message.empty()) message = TrimmedError(PQerrorMessage(conn_));
    const bool lost = broken_ || PQstatus(conn_) != CONNECTION_OK || IsConnectionState(state);
    // The statement's first line only: enough to find it, without any bound (personal) values.
    const std::string first_line = what.substr(0, std::min(what.find('\n'), std::size_t{80}));
    throw PgError("PostgreSQL: " + message + " [" + first_line + "]", state, lost);
}

std::string ToDollarParams(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '?' && i + 1 < sql.size() &&
                   std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
            out += '$';
            continue;
        }
        out += c;
    }
    return out;
}

std::string RedactUrl(std::string_view url) {
    // postgresql://user:password@host/...: the password sits between the first ':' after the
    // scheme and the '@'.
    const std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return std::string(url);
    const std::size_t at = url.find('@', scheme + 3);
    std::string out(url);
    if (at != std::string_view::npos) {
        const std::size_t colon = url.find(':', scheme + 3);
        if (colon != std::string_view::npos && colon < at) {
            out = std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
        }
    }
    const std::size_t password = out.find("password=");
    if (password != std::string::npos) {
        const std::size_t end = out.find('&', password);
        out = out.substr(0, password + 9) + "***" +
              (end == std::string::npos ? std::string() : out.substr(end));
    }
    return out;
}

}  // namespace escbot::storage::postgres
