#include "bot/core/logging.hpp"

#include <cstdio>
#include <mutex>

#include <nlohmann/json.hpp>
#include <spdlog/details/fmt_helper.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "bot/core/redact.hpp"

namespace escbot::logging {
namespace {

// Formats each record itself (text or one JSON object a line), redacts it, and hands the finished
// line to the inner sink, whose pattern is plain "%v". Every logger shares the one instance, so
// Init() can switch format and destination for loggers that already exist.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    void Reset(Format format, std::shared_ptr<spdlog::sinks::sink> inner) {
        std::lock_guard lock(mutex_);
        if (inner_) inner_->flush();
        format_ = format;
        inner_ = std::move(inner);
        inner_->set_pattern("%v");
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        const std::string text = Redact(std::string_view(msg.payload.data(), msg.payload.size()));
        const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(msg.time);
        const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time - seconds);
        const std::time_t tt = std::chrono::system_clock::to_time_t(seconds);
        std::tm tm{};
        gmtime_r(&tt, &tm);
        char stamp[96];
        std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                      tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                      static_cast<int>(millis.count()));
        const auto level = spdlog::level::to_string_view(msg.level);
        const std::string_view logger(msg.logger_name.data(), msg.logger_name.size());
        std::string line;
        if (format_ == Format::kJson) {
            nlohmann::json j = {{"time", stamp},
                                {"level", std::string_view(level.data(), level.size())},
                                {"logger", logger},
                                {"msg", text}};
            line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        } else {
            line.reserve(text.size() + 64);
            line.append(stamp).append(" ").append(level.data(), level.size()).append(" [");
            line.append(logger).append("] ").append(text);
        }
        spdlog::details::log_msg out(msg.time, msg.source, msg.logger_name, msg.level, line);
        inner_->log(out);
    }

    void flush_() override { inner_->flush(); }

private:
    Format format_ = Format::kText;
    std::shared_ptr<spdlog::sinks::sink> inner_;
};

// Writes to stderr through a 64 KiB buffer: flushed every second and on warnings, so that a busy
// server does not pay a write(2) per request line.
class BufferedStderrSink final : public spdlog::sinks::base_sink<spdlog::details::null_mutex> {
public:
    BufferedStderrSink() { std::setvbuf(stderr, nullptr, _IOFBF, 64 * 1024); }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        std::fwrite(msg.payload.data(), 1, msg.payload.size(), stderr);
        std::fputc('\n', stderr);
    }
    void flush_() override { std::fflush(stderr); }
};

std::mutex g_mutex;

const std::shared_ptr<RedactingSink>& SharedSink() {
    static const auto sink = [] {
        auto s = std::make_shared<RedactingSink>();
        s->Reset(Format::kText, std::make_shared<BufferedStderrSink>());
        return s;
    }();
    return sink;
}

}  // namespace

bool ParseFormat(std::string_view text, Format& out) {
    if (text == "text") {
        out = Format::kText;
        return true;
    }
    if (text == "json") {
        out = Format::kJson;
        return true;
    }
    return false;
}

void Init(Format format, std::string_view level, std::shared_ptr<spdlog::sinks::sink> sink) {
    std::lock_guard lock(g_mutex);
    if (!sink) sink = std::make_shared<BufferedStderrSink>();
    SharedSink()->Reset(format, std::move(sink));
    const auto parsed = spdlog::level::from_str(std::string(level));
    spdlog::set_level(parsed);
    spdlog::apply_all([parsed](const std::shared_ptr<spdlog::logger>& l) { l->set_level(parsed); });
    spdlog::flush_on(spdlog::level::warn);
    spdlog::flush_every(std::chrono::seconds(1));
}

void SetLevel(std::string_view level) {
    std::lock_guard lock(g_mutex);
    const auto parsed = spdlog::level::from_str(std::string(level));
    spdlog::set_level(parsed);
    spdlog::apply_all([parsed](const std::shared_ptr<spdlog::logger>& l) { l->set_level(parsed); });
}

std::shared_ptr<spdlog::logger> Get(const std::string& area) {
    std::lock_guard lock(g_mutex);
    if (auto existing = spdlog::get(area)) return existing;
    auto logger = std::make_shared<spdlog::logger>(area, SharedSink());
    logger->set_level(spdlog::get_level());
    logger->flush_on(spdlog::level::warn);
    spdlog::register_logger(logger);
    return logger;
}

}  // namespace escbot::logging
