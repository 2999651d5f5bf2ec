#include "bot/slack/curl_socket_driver.hpp"

#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace escbot::slack {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr int kMaxEvents = 64;

// curl_multi_assign marks the sockets already in the epoll set (curl forgets the mark when it
// stops watching a socket).
void* const kRegistered = reinterpret_cast<void*>(std::uintptr_t{1});

}  // namespace

CurlSocketDriver::CurlSocketDriver(CURLM* multi) : multi_(multi) {
    epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd_ < 0) {
        throw std::runtime_error("curl socket driver: cannot create an epoll set: errno " +
                                 std::to_string(errno));
    }
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlSocketDriver::OnSocket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlSocketDriver::OnTimer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
}

CurlSocketDriver::~CurlSocketDriver() {
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, nullptr);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, nullptr);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, nullptr);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, nullptr);
    close(epoll_fd_);
}

int CurlSocketDriver::Poll() {
    epoll_event events[kMaxEvents];
    const int ready = epoll_wait(epoll_fd_, events, kMaxEvents, 0);
    int running = 0;
    for (int i = 0; i < ready; ++i) {
        int mask = 0;
        if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLRDHUP)) mask |= CURL_CSELECT_IN;
        if (events[i].events & EPOLLOUT) mask |= CURL_CSELECT_OUT;
        if (events[i].events & EPOLLERR) mask |= CURL_CSELECT_ERR;
        // A socket that curl closed while handling an earlier event is unknown to it by now:
        // curl ignores it.
        curl_multi_socket_action(multi_, events[i].data.fd, mask, &running);
    }
    if (timer_due_ && *timer_due_ <= SteadyClock::now()) {
        timer_due_.reset();
        curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
    }
    return std::max(ready, 0);
}

int CurlSocketDriver::OnSocket(CURL*, curl_socket_t socket, int what, void* self,
                               void* assigned) {
    auto* driver = static_cast<CurlSocketDriver*>(self);
    if (what == CURL_POLL_REMOVE) {
        // The socket may be closed already, in which case the kernel dropped it from the set.
        epoll_ctl(driver->epoll_fd_, EPOLL_CTL_DEL, socket, nullptr);
        return 0;
    }
    epoll_event event{};
    event.data.fd = socket;
    if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) event.events |= EPOLLIN;
    if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) event.events |= EPOLLOUT;
    if (assigned == nullptr) {
        if (epoll_ctl(driver->epoll_fd_, EPOLL_CTL_ADD, socket, &event) != 0 && errno == EEXIST)
            epoll_ctl(driver->epoll_fd_, EPOLL_CTL_MOD, socket, &event);
        curl_multi_assign(driver->multi_, socket, kRegistered);
    } else {
        epoll_ctl(driver->epoll_fd_, EPOLL_CTL_MOD, socket, &event);
    }
    return 0;
}

int CurlSocketDriver::OnTimer(CURLM*, long timeout_ms, void* self) {
    auto* driver = static_cast<CurlSocketDriver*>(self);
    if (timeout_ms < 0) {
        driver->timer_due_.reset();
    } else {
        driver->timer_due_ = SteadyClock::now() + std::chrono::milliseconds(timeout_ms);
    }
    return 0;
}

}  // namespace escbot::slack
