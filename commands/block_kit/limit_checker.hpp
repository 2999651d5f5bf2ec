#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

// The checker behind CheckLimits, one class over three files by level: fields and text objects
// (limit_checker.cpp), elements (element_limits.cpp), blocks and surfaces (check_limits.cpp).
namespace escbot::commands::block_kit::limit_check {

using nlohmann::json;

/// The string under `key` of an object; empty when absent or not a string.
std::optional<std::string> Str(const json& object, std::string_view key);
bool Has(const json& object, std::string_view key);
bool IsIsoDate(const std::string& s);

/// Adds one readable line to `errors` per limit the checked JSON breaks.
class LimitChecker {
public:
    explicit LimitChecker(std::vector<std::string>& errors) : errors_(errors) {}

    // Fields and text objects.
    void Fail(const std::string& where, const std::string& what);
    void Length(const std::string& where, std::string_view what, std::size_t chars,
                std::size_t max);
    /// A string field (not a text object): type and length.
    void StringField(const json& object, std::string_view key, const std::string& where,
                     std::size_t max, bool required = false);
    /// A text object ({type, text}) under `key`.
    void Text(const json& parent, std::string_view key, const std::string& where, std::size_t max,
              bool required, bool plain_only);
    void TextObject(const json& text, const std::string& where, std::string_view what,
                    std::size_t max, bool required, bool plain_only);
    void Confirm(const json& element, const std::string& where);
    /// Checks an options array; returns the (value, text) pairs for initial-option checks.
    std::set<std::pair<std::string, std::string>> Options(const json& options,
                                                          const std::string& where,
                                                          std::size_t min_count,
                                                          std::size_t max_count, bool plain_only);
    void InitialOptions(const json& element, const std::string& where,
                        const std::set<std::pair<std::string, std::string>>& options);

    // Elements.
    void Element(const json& element, const std::string& block_where,
                 std::set<std::string>* action_ids);
    void TextInput(const json& element, const std::string& where);

    // Blocks and surfaces.
    void Block(const json& block, std::size_t index, std::set<std::string>& block_ids);
    template <class Fn>
    void ElementList(const json& block, const std::string& where, std::size_t max, Fn each);
    void Blocks(const json& surface, std::size_t max, bool required);
    void View(const json& view, std::string_view type);
    void Message(const json& message, std::size_t max_text);

private:
    std::vector<std::string>& errors_;
};

}  // namespace escbot::commands::block_kit::limit_check
