#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "config/sop/sop_error.hpp"

// Reading the tables of an SOP file with toml++: typed getters that report wrong types, missing
// and unknown keys as SopErrors instead of throwing. Shared by the parts of the SOP parser.
namespace escbot::config::sop::parsing {

/// The 1-based line where `node` starts.
int LineOf(const toml::node& node);

/// "a string", "an integer", ...: the node's type for error messages.
std::string_view TypeName(const toml::node& node);

/// Where an error belongs in the flow.
struct Place {
    std::string step;
    std::string question;
};

class ErrorSink {
public:
    explicit ErrorSink(std::string file) : file_(std::move(file)) {}

    void Add(int line, const Place& place, std::string message) {
        errors_.push_back({file_, line, place.step, place.question, std::move(message)});
    }
    const std::string& file() const { return file_; }
    SopErrors& errors() { return errors_; }

private:
    std::string file_;
    SopErrors errors_;
};

/// Reads one TOML table, remembering the keys it was asked for so that the others can be
/// reported as unknown by Finish(). Type errors are reported and read as "absent".
class TableReader {
public:
    TableReader(const toml::table& table, ErrorSink& sink, Place place, std::string what)
        : table_(table), sink_(sink), place_(std::move(place)), what_(std::move(what)) {}

    int line() const { return LineOf(table_); }
    Place& place() { return place_; }
    const toml::node* Get(std::string_view key) {
        seen_.emplace(key);
        return table_.get(key);
    }

    std::optional<std::string> String(std::string_view key, bool required = false) {
        const toml::node* node = Get(key);
        if (node == nullptr) {
            if (required) Missing(key);
            return std::nullopt;
        }
        if (const auto* value = node->as_string()) return value->get();
        WrongType(*node, key, "a string");
        return std::nullopt;
    }

    std::optional<bool> Bool(std::string_view key) {
        const toml::node* node = Get(key);
        if (node == nullptr) return std::nullopt;
        if (const auto* value = node->as_boolean()) return value->get();
        WrongType(*node, key, "a boolean");
        return std::nullopt;
    }

    std::optional<std::int64_t> Int(std::string_view key) {
        const toml::node* node = Get(key);
        if (node == nullptr) return std::nullopt;
        if (const auto* value = node->as_integer()) return value->get();
        WrongType(*node, key, "an integer");
        return std::nullopt;
    }

    const toml::table* Table(std::string_view key, bool required = false) {
        const toml::node* node = Get(key);
        if (node == nullptr) {
            if (required) Missing(key);
            return nullptr;
        }
        if (const auto* value = node->as_table()) return value;
        WrongType(*node, key, "a table");
        return nullptr;
    }

    const toml::array* Array(std::string_view key) {
        const toml::node* node = Get(key);
        if (node == nullptr) return nullptr;
        if (const auto* value = node->as_array()) return value;
        WrongType(*node, key, "an array");
        return nullptr;
    }

    std::vector<std::string> StringArray(std::string_view key) {
        std::vector<std::string> out;
        const toml::array* array = Array(key);
        if (array == nullptr) return out;
        for (const toml::node& item : *array) {
            if (const auto* value = item.as_string()) {
                out.push_back(value->get());
            } else {
                sink_.Add(LineOf(item), place_,
                          "\"" + std::string(key) + "\" must hold strings, found " +
                              std::string(TypeName(item)));
            }
        }
        return out;
    }

    void Error(int line, std::string message) { sink_.Add(line, place_, std::move(message)); }

    /// Reports every key of the table that no getter asked for.
    void Finish() {
        for (const auto& [key, node] : table_) {
            if (seen_.count(std::string(key.str())) == 0) {
                sink_.Add(static_cast<int>(key.source().begin.line), place_,
                          "unknown key \"" + std::string(key.str()) + "\" in " + what_);
            }
        }
    }

private:
    void Missing(std::string_view key) {
        sink_.Add(line(), place_, "missing key \"" + std::string(key) + "\" in " + what_);
    }
    void WrongType(const toml::node& node, std::string_view key, std::string_view expected) {
        sink_.Add(LineOf(node), place_,
                  "\"" + std::string(key) + "\" must be " + std::string(expected) + ", found " +
                      std::string(TypeName(node)));
    }

    const toml::table& table_;
    ErrorSink& sink_;
    Place place_;
    std::string what_;
    std::set<std::string, std::less<>> seen_;
};

/// Calls `each` for every table of an array of tables, reporting items that are not tables.
template <class Fn>
void ForEachTable(const toml::array* array, ErrorSink& sink, const Place& place,
                  std::string_view what, Fn each) {
    if (array == nullptr) return;
    for (const toml::node& item : *array) {
        if (const auto* table = item.as_table()) {
            each(*table);
        } else {
            sink.Add(LineOf(item), place,
                     std::string(what) + " must be a table, found " + std::string(TypeName(item)));
        }
    }
}

}  // namespace escbot::config::sop::parsing
