#include "config/toml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "config/toml_duration.hpp"

namespace escbot::config::detail {
namespace {

std::string Join(std::string_view path, std::string_view key) {
    if (path.empty()) return std::string(key);
    std::string out(path);
    out += '.';
    out += key;
    return out;
}

std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// The known key closest to `key`, if it is close enough to be a typo.
std::string Suggest(std::string_view key, const std::vector<std::string>& known) {
    std::string best;
    std::size_t best_distance = std::numeric_limits<std::size_t>::max();
    for (const auto& candidate : known) {
        const std::size_t distance = EditDistance(Lower(key), candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    const std::size_t limit = std::max<std::size_t>(2, key.size() / 3);
    return best_distance <= limit ? best : std::string();
}

std::string EnvironmentNameFor(std::string_view key) {
    const std::string lower = Lower(key);
    if (lower.find("sign") != std::string::npos) return "SLACK_SIGNING_SECRET";
    if (lower.find("app") != std::string::npos) return "SLACK_APP_TOKEN";
    if (lower.find("bot") != std::string::npos) return "SLACK_BOT_TOKEN";
    return {};
}

std::string SecretKeyMessage(std::string_view key) {
    const std::string variable = EnvironmentNameFor(key);
    if (!variable.empty()) {
        return "secrets are read from the environment only: set " + variable +
               " and remove this key from the file";
    }
    return "secrets are read from the environment only (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, "
           "SLACK_APP_TOKEN): remove this key from the file";
}

bool LooksLikeToken(std::string_view value) {
    if (value.rfind("xapp-", 0) == 0) return true;
    return value.size() > 5 && value.rfind("xox", 0) == 0 &&
           std::isalpha(static_cast<unsigned char>(value[3])) && value[4] == '-';
}

void WalkForSecrets(const toml::node& node, const std::string& path, int line,
                    Problems& problems) {
    if (const auto* table = node.as_table()) {
        for (const auto& [key, child] : *table) {
            const std::string child_path = Join(path, key.str());
            const int child_line = LineOf(key) > 0 ? LineOf(key) : LineOf(child);
            if (LooksLikeSecretKey(key.str())) {
                problems.Add(child_line, child_path, SecretKeyMessage(key.str()));
                continue;
            }
            WalkForSecrets(child, child_path, child_line, problems);
        }
    } else if (const auto* array = node.as_array()) {
        for (std::size_t i = 0; i < array->size(); ++i) {
            const toml::node& child = (*array)[i];
            const int child_line = LineOf(child) > 0 ? LineOf(child) : line;
            WalkForSecrets(child, path + "[" + std::to_string(i) + "]", child_line, problems);
        }
    } else if (const auto* text = node.as_string()) {
        if (LooksLikeToken(text->get())) {
            problems.Add(line, path,
                         "this looks like a Slack token: secrets are read from the environment "
                         "only (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN); remove it "
                         "from the file");
        }
    }
}

std::string Range(long long min, long long max) {
    return "expected an integer between " + std::to_string(min) + " and " + std::to_string(max);
}

}  // namespace

int LineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }
int LineOf(const toml::key& key) { return static_cast<int>(key.source().begin.line); }

void Problems::Add(int line, std::string key, std::string message) {
    errors_.push_back({{file_, line, std::move(key)}, std::move(message)});
}

void Problems::Add(SourceLocation where, std::string message) {
    errors_.push_back({std::move(where), std::move(message)});
}

std::vector<ConfigError> Problems::Take() {
    std::stable_sort(errors_.begin(), errors_.end(), [](const auto& a, const auto& b) {
        const int la = a.where.line > 0 ? a.where.line : std::numeric_limits<int>::max();
        const int lb = b.where.line > 0 ? b.where.line : std::numeric_limits<int>::max();
        return la < lb;
    });
    return std::move(errors_);
}

TableReader::TableReader(const toml::table& table, std::string path, Problems& problems)
    : table_(table), path_(std::move(path)), problems_(problems) {}

std::string TableReader::KeyPath(std::string_view key) const { return Join(path_, key); }

const toml::node* TableReader::Get(std::string_view key) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
    return table_.get(key);
}

int TableReader::LineOfKey(std::string_view key) const {
    if (const auto it = table_.find(key); it != table_.end()) {
        if (LineOf(it->first) > 0) return LineOf(it->first);
        if (LineOf(it->second) > 0) return LineOf(it->second);
    }
    return line();
}

void TableReader::Problem(std::string_view key, std::string message) {
    problems_.Add(LineOfKey(key), KeyPath(key), std::move(message));
}

bool TableReader::IntegerIn(std::string_view key, long long min, long long max,
                            long long& out) {
    const toml::node* node = Get(key);
    if (node == nullptr) return false;
    const auto value = node->value_exact<int64_t>();
    if (!value || *value < min || *value > max) {
        Problem(key, Range(min, max));
        return false;
    }
    out = *value;
    return true;
}

void TableReader::Integer(std::string_view key, int& out, long long min, long long max) {
    long long value = 0;
    if (IntegerIn(key, min, max, value)) out = static_cast<int>(value);
}

void TableReader::Integer(std::string_view key, std::size_t& out, long long min, long long max) {
    long long value = 0;
    if (IntegerIn(key, min, max, value)) out = static_cast<std::size_t>(value);
}

void TableReader::String(std::string_view key, std::string& out, StringCheck check,
                         std::string_view expectation) {
    const toml::node* node = Get(key);
    if (node == nullptr) return;
    const auto* text = node->as_string();
    if (text == nullptr) {
        Problem(key, expectation.empty() ? "expected a string" : std::string(expectation));
        return;
    }
    if (check != nullptr && !check(text->get())) {
        Problem(key, std::string(expectation));
        return;
    }
    out = text->get();
}

void TableReader::DurationValue(std::string_view key, Duration& out) {
    const toml::node* node = Get(key);
    if (node == nullptr) return;
    auto parsed = DurationFromNode(*node);
    if (auto* error = std::get_if<DurationError>(&parsed)) {
        Problem(key, error->message);
        return;
    }
    out = std::get<Duration>(parsed);
}

void TableReader::StringList(std::string_view key, std::vector<std::string>& out,
                             StringCheck check, std::string_view expectation) {
    const toml::node* node = Get(key);
    if (node == nullptr) return;
    const auto* array = node->as_array();
    if (array == nullptr) {
        Problem(key, "expected an array of strings");
        return;
    }
    std::vector<std::string> values;
    bool good = true;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::node& element = (*array)[i];
        const auto* text = element.as_string();
        if (text == nullptr || (check != nullptr && !check(text->get()))) {
            const int line = LineOf(element) > 0 ? LineOf(element) : LineOfKey(key);
            problems_.Add(line, KeyPath(key) + "[" + std::to_string(i) + "]",
                          text == nullptr ? "expected a string" : std::string(expectation));
            good = false;
            continue;
        }
        values.push_back(text->get());
    }
    if (good) out = std::move(values);
}

const toml::table* TableReader::Table(std::string_view key) {
    const toml::node* node = Get(key);
    if (node == nullptr) return nullptr;
    if (!node->is_table()) {
        Problem(key, "expected a table");
        return nullptr;
    }
    return node->as_table();
}

const toml::array* TableReader::Array(std::string_view key) {
    const toml::node* node = Get(key);
    if (node == nullptr) return nullptr;
    if (!node->is_array()) {
        Problem(key, "expected an array");
        return nullptr;
    }
    return node->as_array();
}

void TableReader::RejectUnknown() {
    for (const auto& [key, value] : table_) {
        const std::string_view name = key.str();
        if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
        if (LooksLikeSecretKey(name)) continue;  // RejectSecrets reports it, with its remedy
        const std::string suggestion = Suggest(name, known_);
        const bool is_table = value.is_table();
        std::string message = is_table ? "unknown table [" + KeyPath(name) + "]" : "unknown key";
        if (!suggestion.empty()) {
            message += is_table ? " (did you mean [" + KeyPath(suggestion) + "]?)"
                                : " (did you mean " + suggestion + "?)";
        }
        Problem(name, std::move(message));
    }
}

bool LooksLikeSecretKey(std::string_view key) {
    const std::string lower = Lower(key);
    for (const char* word : {"token", "secret", "password", "passwd", "api_key", "apikey",
                             "private_key", "credential"}) {
        if (lower.find(word) != std::string::npos) return true;
    }
    return false;
}

void RejectSecrets(const toml::table& root, Problems& problems) {
    WalkForSecrets(root, "", 0, problems);
}

}  // namespace escbot::config::detail
