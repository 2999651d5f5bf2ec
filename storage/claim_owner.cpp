#include "storage/claim_owner.hpp"

#include <unistd.h>

#include <array>
#include <random>

namespace escbot::storage {

const std::string& ThisClaimOwner() {
    static const std::string owner = [] {
        std::array<char, 256> host{};
        if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
        return std::string(host.data()) + ":" + std::to_string(::getpid()) + ":" +
               std::to_string(std::random_device{}() % 100000);
    }();
    return owner;
}

}  // namespace escbot::storage
