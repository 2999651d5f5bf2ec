#include "config/storage_url.hpp"

namespace escbot::config {

bool IsPostgresUrl(std::string_view url) {
    for (const std::string_view scheme : {"postgresql://", "postgres://"}) {
        if (url.rfind(scheme, 0) == 0) {
            for (const char c : url) {
                if (c <= ' ' || c == 0x7f) return false;
            }
            return true;
        }
    }
    return false;
}

bool UrlHasPassword(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return false;
    const std::string_view rest = url.substr(scheme + 3);
    // userinfo ends at the first '@' before the path or query.
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
    const std::size_t at = authority.rfind('@');
    if (at != std::string_view::npos &&
        authority.substr(0, at).find(':') != std::string_view::npos) {
        return true;
    }
    const std::size_t query = rest.find('?');
    if (query == std::string_view::npos) return false;
    std::string_view params = rest.substr(query + 1);
    while (!params.empty()) {
        const std::size_t amp = params.find('&');
        const std::string_view param = params.substr(0, amp);
        if (param.rfind("password=", 0) == 0) return true;
        if (amp == std::string_view::npos) break;
        params.remove_prefix(amp + 1);
    }
    return false;
}

}  // namespace escbot::config
