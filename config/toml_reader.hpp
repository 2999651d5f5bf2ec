#pragma once

// Internal to config/ (include only from .cpp files: it pulls in toml++). Reads TOML tables so
// that every problem names its file, line and dotted key, and no key goes unnoticed.

#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "config/config_error.hpp"
#include "config/duration.hpp"

namespace escbot::config::detail {

/// The 1-based line a node or key starts on; 0 when toml++ does not know it.
int LineOf(const toml::node& node);
int LineOf(const toml::key& key);

/// Collects the problems found while reading one file.
class Problems {
public:
    explicit Problems(std::string file) : file_(std::move(file)) {}

    const std::string& file() const { return file_; }
    void Add(int line, std::string key, std::string message);
    void Add(SourceLocation where, std::string message);
    bool empty() const { return errors_.empty(); }
    /// The problems in file order (by line; those with no line last).
    std::vector<ConfigError> Take();

private:
    std::string file_;
    std::vector<ConfigError> errors_;
};

/// A check on a string value: true when it is acceptable.
using StringCheck = bool (*)(std::string_view);

/// Reads one table. Every getter marks its key as known (present or not); RejectUnknown() then
/// reports the keys nobody asked for, so that a typo never passes silently. Getters leave `out`
/// unchanged when the key is absent or its value is wrong (the problem is recorded).
class TableReader {
public:
    /// `path` is the table's dotted key ("" for the root, "server", "rotations.tier2").
    TableReader(const toml::table& table, std::string path, Problems& problems);

    const toml::table& table() const { return table_; }
    Problems& problems() { return problems_; }
    const std::string& path() const { return path_; }
    /// The dotted key of `key` in this table.
    std::string KeyPath(std::string_view key) const;
    /// The line of the table's header (or first key); 0 when unknown.
    int line() const { return LineOf(table_); }

    /// The node under `key`, or nullptr; marks the key as known.
    const toml::node* Get(std::string_view key);
    /// Records a problem about `key` at its line (the table's line when the key is absent).
    void Problem(std::string_view key, std::string message);

    /// Integer in [min, max]; a wrong type or range gives "expected an integer between …".
    void Integer(std::string_view key, int& out, long long min, long long max);
    void Integer(std::string_view key, std::size_t& out, long long min, long long max);
    /// A string; when `check` is given and fails, the problem says `expectation`.
    void String(std::string_view key, std::string& out, StringCheck check = nullptr,
                std::string_view expectation = {});
    /// An array of strings, each passing `check`; a bad element is named "key[i]".
    void StringList(std::string_view key, std::vector<std::string>& out, StringCheck check,
                    std::string_view expectation);
    /// A duration string ("24bh", "3d"; see config/duration.hpp).
    void DurationValue(std::string_view key, Duration& out);
    /// A sub-table, or nullptr (absent, or not a table: a problem is recorded).
    const toml::table* Table(std::string_view key);
    /// An array, or nullptr (absent, or not an array: a problem is recorded).
    const toml::array* Array(std::string_view key);

    /// Reports each key nobody asked for: "unknown key" or "unknown table", with a suggestion
    /// when a known key is close. Secret-looking keys are left to RejectSecrets.
    void RejectUnknown();

private:
    int LineOfKey(std::string_view key) const;
    bool IntegerIn(std::string_view key, long long min, long long max, long long& out);

    const toml::table& table_;
    std::string path_;
    Problems& problems_;
    std::vector<std::string> known_;
};

/// Whether a key's name suggests a secret (token, secret, password, ...).
bool LooksLikeSecretKey(std::string_view key);

/// Walks the whole document and reports every secret-looking key and every string that looks
/// like a Slack token: secrets are read from the environment only. Values are never quoted.
void RejectSecrets(const toml::table& root, Problems& problems);

}  // namespace escbot::config::detail
