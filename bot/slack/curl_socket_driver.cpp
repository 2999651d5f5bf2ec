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
        const int socket = events[i].data.fd;
        if (!IsWatched(socket)) {
            // A parked connection woke up (the server closed it, or sent something unasked):
            // curl will find out when it next uses it; until then it must not wake us again.
            epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, socket, nullptr);
            SlotOf(socket) = Slot::kFree;
            continue;
        }
        int mask = 0;
        if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLRDHUP)) mask |= CURL_CSELECT_IN;
        if (events[i].events & EPOLLOUT) mask |= CURL_CSELECT_OUT;
        if (events[i].events & EPOLLERR) mask |= CURL_CSELECT_ERR;
        // A socket that curl closed while handling an earlier event is unknown to it by now:
        // curl ignores it.
        curl_multi_socket_action(multi_, socket, mask, &running);
    }
    if (timer_due_ && *timer_due_ <= SteadyClock::now()) {
        timer_due_.reset();
        curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
    }
    return std::max(ready, 0);
}

CurlSocketDriver::Slot& CurlSocketDriver::SlotOf(curl_socket_t socket) {
    const auto index = static_cast<std::size_t>(socket);
    if (index >= slots_.size()) slots_.resize(index + 1, Slot::kFree);
    return slots_[index];
}

bool CurlSocketDriver::IsWatched(curl_socket_t socket) const {
    const auto index = static_cast<std::size_t>(socket);
    return index < slots_.size() && slots_[index] == Slot::kWatched;
}

int CurlSocketDriver::OnSocket(CURL*, curl_socket_t socket, int what, void* self,
                               void* assigned) {
    auto* driver = static_cast<CurlSocketDriver*>(self);
    Slot& slot = driver->SlotOf(socket);
    if (what == CURL_POLL_REMOVE) {
        // Parked, not removed: a pooled connection is usually watched again for the next call,
        // and one EPOLL_CTL_MOD then costs less than a DEL now and an ADD then. If curl closes
        // the socket meanwhile, the kernel drops it from the set. Figure: 0.5 epoll_ctl per
        // /escalate instead of 1.15 (a6f4260).
        if (slot == Slot::kWatched) slot = Slot::kParked;
        return 0;
    }
    epoll_event event{};
    event.data.fd = socket;
    if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) event.events |= EPOLLIN;
    if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) event.events |= EPOLLOUT;
    const int fd = driver->epoll_fd_;
    if (assigned != nullptr) {
        epoll_ctl(fd, EPOLL_CTL_MOD, socket, &event);
    } else if (slot == Slot::kParked) {
        // Parked: either still in the set, or closed and its number reused by a new socket.
        if (epoll_ctl(fd, EPOLL_CTL_MOD, socket, &event) != 0 && errno == ENOENT)
            epoll_ctl(fd, EPOLL_CTL_ADD, socket, &event);
    } else if (epoll_ctl(fd, EPOLL_CTL_ADD, socket, &event) != 0 && errno == EEXIST) {
        epoll_ctl(fd, EPOLL_CTL_MOD, socket, &event);
    }
    if (assigned == nullptr) curl_multi_assign(driver->multi_, socket, kRegistered);
    slot = Slot::kWatched;
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
