#include "bot/http/buffered_io.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>

namespace escbot::http {

namespace beast = boost::beast;
namespace bh = boost::beast::http;
namespace net = boost::asio;

beast::error_code ParseBuffered(RequestParser& parser, beast::flat_buffer& buffer,
                                ParseUntil until) {
    const auto done = [&] {
        return until == ParseUntil::kHeader ? parser.is_header_done() : parser.is_done();
    };
    beast::error_code ec;
    while (!done() && buffer.size() > 0) {
        const std::size_t used = parser.put(buffer.data(), ec);
        buffer.consume(used);
        if (ec == bh::error::need_more) return {};
        if (ec || used == 0) break;
    }
    return ec;
}

void WriteAvailable(net::ip::tcp::socket& socket, ResponseSerializer& serializer,
                    beast::error_code& ec) {
    while (!ec && !serializer.is_done()) {
        std::size_t written = 0;
        serializer.next(ec, [&](beast::error_code& write_ec, const auto& buffers) {
            written = socket.write_some(buffers, write_ec);
        });
        if (ec == net::error::would_block || ec == net::error::try_again) {
            ec = {};
            return;
        }
        if (!ec) serializer.consume(written);
    }
}

bool IsHttpParseError(const beast::error_code& ec) {
    return &ec.category() == &bh::make_error_code(bh::error::bad_method).category() &&
           ec != bh::error::end_of_stream && ec != bh::error::partial_message;
}

}  // namespace escbot::http
