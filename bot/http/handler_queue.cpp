#include "bot/http/handler_queue.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace escbot::http {

namespace net = boost::asio;

HandlerQueue::HandlerQueue(int threads) : pool_(static_cast<std::size_t>(threads)) {}

net::awaitable<std::optional<routing::Ack>> HandlerQueue::Dispatch(
    const Dispatcher& dispatcher, const routing::Inbound& inbound) {
    co_return co_await net::co_spawn(
        pool_.get_executor(),
        [&]() -> net::awaitable<std::optional<routing::Ack>> { co_return dispatcher(inbound); },
        net::use_awaitable);
}

void HandlerQueue::Join() { pool_.join(); }

}  // namespace escbot::http
