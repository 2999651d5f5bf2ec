#pragma once

#include <chrono>
#include <optional>

#include <curl/curl.h>

namespace escbot::slack {

/// Drives a libcurl multi handle with curl_multi_socket_action over epoll, so that each wakeup
/// services only the sockets that are ready. (curl_multi_perform visits every transfer on every
/// call, and each visit of a transfer waiting for its answer costs a poll(2): with many calls in
/// flight that dominated the API thread's CPU.) Other threads wake the loop through an eventfd.
///
/// Installs the multi's CURLMOPT_SOCKETFUNCTION and CURLMOPT_TIMERFUNCTION, and removes them
/// when destroyed: destroy the driver before calling curl_multi_cleanup.
/// Thread-safety: Wait is for the one thread that owns the multi handle; Wake is thread-safe.
class CurlSocketDriver {
public:
    /// Throws std::runtime_error if epoll or eventfd cannot be created.
    explicit CurlSocketDriver(CURLM* multi);
    ~CurlSocketDriver();
    CurlSocketDriver(const CurlSocketDriver&) = delete;
    CurlSocketDriver& operator=(const CurlSocketDriver&) = delete;

    /// Waits until a socket is ready, curl's timer is due, Wake() was called, or `max_wait`
    /// passed (0: do not block), then lets curl act on what happened. Finished transfers are left
    /// for curl_multi_info_read.
    void Wait(std::chrono::milliseconds max_wait);

    /// Makes the current or next Wait return at once. Thread-safe; never blocks.
    void Wake();

private:
    static int OnSocket(CURL* easy, curl_socket_t socket, int what, void* self, void* assigned);
    static int OnTimer(CURLM* multi, long timeout_ms, void* self);

    CURLM* multi_;
    int epoll_fd_ = -1;
    int wake_fd_ = -1;
    std::optional<std::chrono::steady_clock::time_point> timer_due_;
};

}  // namespace escbot::slack
