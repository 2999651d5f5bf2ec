#pragma once

#include <cstdint>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace escbot::test {

struct ProcessResult {
    int exit_code = -1;  // -1 when killed by a signal or timed out
    std::string out;
    std::string err;
};

/// Runs a program to completion with `stdin_text` as its input and the current environment plus
/// `env` (an empty value unsets the variable), in `cwd` (empty: the current directory). Kills it
/// after `timeout`.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                         const std::string& stdin_text = "",
                         std::chrono::milliseconds timeout = std::chrono::seconds(30),
                         const std::string& cwd = "");

/// A program running in the background (the bot's real process in signal and crash tests). Its
/// stdout and stderr go to files readable while it runs. Killed with SIGKILL if still running
/// when the object dies.
class ChildProcess {
public:
    ChildProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                 const std::string& output_dir);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    void Signal(int signal);
    /// Waits for the process to end; its exit code, or nullopt on timeout or death by signal.
    std::optional<int> Wait(std::chrono::milliseconds timeout);
    bool Running();
    /// Everything written to stderr (the bot's log) so far.
    std::string Stderr() const;
    std::string Stdout() const;
    /// Waits until stderr contains `text`; false on timeout or if the process ended.
    bool WaitForStderr(const std::string& text, std::chrono::milliseconds timeout);

private:
    pid_t pid_ = -1;
    std::string out_path_;
    std::string err_path_;
    std::optional<int> status_;
};

/// A loopback TCP port that was free a moment ago (for a child process to listen on).
std::uint16_t FreePort();

}  // namespace escbot::test
