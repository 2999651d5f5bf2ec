#include "bot/http/inbound_parser.hpp"

#include <charconv>

#include "bot/http/form.hpp"

namespace escbot::http {
namespace {

enum class MediaType { kForm, kJson, kOther };

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

MediaType ClassifyContentType(std::string_view content_type) {
    const std::string_view media = Trim(content_type.substr(0, content_type.find(';')));
    if (EqualsIgnoreCase(media, "application/x-www-form-urlencoded")) return MediaType::kForm;
    if (EqualsIgnoreCase(media, "application/json")) return MediaType::kJson;
    return MediaType::kOther;
}

int ParseRetryNum(std::string_view header) {
    int value = 0;
    const auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), value);
    if (ec != std::errc() || end != header.data() + header.size() || value < 0) return 0;
    return value;
}

// nlohmann/json parses iteratively, but copying and dumping recurse: refuse absurd nesting up
// front rather than let a handler overflow the stack later. Slack's payloads nest ~12 deep.
constexpr int kMaxJsonDepth = 64;

bool NestedDeeperThan(std::string_view json, int max_depth) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth) return true;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return false;
}

// Parses an object, or returns a discarded/non-object value. Never throws.
nlohmann::json ParseJsonObject(std::string_view text) {
    if (NestedDeeperThan(text, kMaxJsonDepth)) return nlohmann::json::value_t::discarded;
    return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

const std::string* StringField(const nlohmann::json& object, std::string_view name) {
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

ParsedInbound BadRequest(std::string_view why) {
    ParsedInbound result;
    result.status = ParseStatus::kBadRequest;
    result.error = why;
    return result;
}

/// The typed read of a well-formed body; a missing required field is a bad request too.
ParsedInbound Accept(routing::InboundKind kind, const nlohmann::json& body, int retry_num,
                     routing::SteadyTime received_at) {
    auto read = routing::ReadInbound(kind, body, retry_num, received_at);
    if (auto* error = std::get_if<routing::PayloadError>(&read)) return BadRequest(error->error);
    ParsedInbound result;
    result.status = ParseStatus::kInbound;
    result.inbound = std::move(std::get<routing::Inbound>(read));
    return result;
}

ParsedInbound ParseForm(std::string_view raw_body, int retry_num, routing::SteadyTime received_at) {
    std::optional<nlohmann::json> fields = DecodeForm(raw_body);
    if (!fields) return BadRequest("form: bad escape or invalid UTF-8");

    if (const std::string* payload = StringField(*fields, "payload")) {
        nlohmann::json parsed = ParseJsonObject(*payload);
        if (!parsed.is_object()) return BadRequest("form: payload is not a JSON object");
        return Accept(routing::InboundKind::kInteraction, parsed, retry_num, received_at);
    }
    if (StringField(*fields, "command") != nullptr)
        return Accept(routing::InboundKind::kSlashCommand, *fields, retry_num, received_at);
    return BadRequest("form: neither command nor payload");
}

ParsedInbound ParseJson(std::string_view raw_body, int retry_num, routing::SteadyTime received_at) {
    nlohmann::json parsed = ParseJsonObject(raw_body);
    if (!parsed.is_object()) return BadRequest("json: not an object");
    if (StringField(parsed, "type") == nullptr) return BadRequest("json: no string type");
    return Accept(routing::InboundKind::kEvent, parsed, retry_num, received_at);
}

}  // namespace

bool IsSslCheck(std::string_view content_type, std::string_view raw_body) {
    if (ClassifyContentType(content_type) != MediaType::kForm) return false;
    // Cheap refusal first: every signed request passes here before its signature is checked.
    if (raw_body.size() > 512 || raw_body.find("ssl_check=1") == std::string_view::npos)
        return false;
    const std::optional<nlohmann::json> fields = DecodeForm(raw_body);
    if (!fields) return false;
    for (const auto& [name, value] : fields->items()) {
        if (name != "ssl_check" && name != "token") return false;
    }
    const std::string* ssl_check = StringField(*fields, "ssl_check");
    return ssl_check != nullptr && *ssl_check == "1";
}

ParsedInbound ParseInbound(std::string_view content_type, std::string_view raw_body,
                           std::string_view retry_num_header, routing::SteadyTime received_at) {
    const int retry_num = ParseRetryNum(retry_num_header);
    switch (ClassifyContentType(content_type)) {
        case MediaType::kForm: return ParseForm(raw_body, retry_num, received_at);
        case MediaType::kJson: return ParseJson(raw_body, retry_num, received_at);
        case MediaType::kOther: break;
    }
    return BadRequest("unsupported content type");
}

}  // namespace escbot::http
