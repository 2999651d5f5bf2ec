#include "bot/http/http_server.hpp"

#include "bot/http/listener.hpp"

// The server is split by job: listener.* (the listening socket, I/O threads, live
// connections), session.* (one connection: read, verify, parse, dispatch, write),
// handler_queue.hpp (handlers off the I/O threads), intake_gate.* (back-pressure), buffered_io.*
// (reads and writes without a trip through the I/O loop), request_log.* (log line and metrics),
// reply.hpp, inbound_parser.*.

namespace escbot::http {

HttpServer::HttpServer(ServerOptions options, const Clock& clock, Dispatcher dispatcher,
                       HealthProbe health, metrics::Registry& registry)
    : listener_(std::make_unique<Listener>(std::move(options), clock, std::move(dispatcher),
                                           std::move(health), registry)) {}

HttpServer::~HttpServer() = default;

void HttpServer::Start() { listener_->Start(); }

void HttpServer::Stop(std::chrono::milliseconds grace) { listener_->Stop(grace); }

std::uint16_t HttpServer::port() const { return listener_->port(); }

}  // namespace escbot::http
