#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <spdlog/sinks/base_sink.h>

#include "bot/core/logging.hpp"

namespace escbot::test {

/// Collects every finished log line (after redaction), for tests that assert on log output.
class CaptureSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::vector<std::string> Lines() {
        std::lock_guard lock(mutex_);
        return lines_;
    }
    std::string All() {
        std::lock_guard lock(mutex_);
        std::string all;
        for (const auto& l : lines_) all.append(l).push_back('\n');
        return all;
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        lines_.emplace_back(msg.payload.data(), msg.payload.size());
    }
    void flush_() override {}

private:
    std::vector<std::string> lines_;
};

/// Routes all logging (level `level`) into a fresh CaptureSink for the lifetime of the object.
class CaptureLogs {
public:
    explicit CaptureLogs(const char* level = "trace") : sink_(std::make_shared<CaptureSink>()) {
        logging::Init(logging::Format::kText, level, sink_);
    }
    ~CaptureLogs() { logging::Init(logging::Format::kText, "info"); }
    CaptureSink& sink() { return *sink_; }

private:
    std::shared_ptr<CaptureSink> sink_;
};

}  // namespace escbot::test
