#include "tests/support/process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace escbot::test {
namespace {

std::string ReadAll(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// In the child, after fork: environment, redirections, exec. Never returns.
[[noreturn]] void Exec(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                       int in_fd, int out_fd, int err_fd, const std::string& cwd = "") {
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    for (const auto& [name, value] : env) {
        if (value.empty()) {
            unsetenv(name.c_str());
        } else {
            setenv(name.c_str(), value.c_str(), 1);
        }
    }
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    // The test runner may have blocked signals; the child must start with a clean mask.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
}

std::optional<int> WaitPid(pid_t pid, std::chrono::milliseconds timeout, bool& ended) {
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    while (true) {
        int status = 0;
        const pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) {
            ended = true;
            if (WIFEXITED(status)) return WEXITSTATUS(status);
            return std::nullopt;
        }
        if (std::chrono::steady_clock::now() > give_up) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                         const std::string& stdin_text, std::chrono::milliseconds timeout,
                         const std::string& cwd) {
    char dir_template[] = "/tmp/escbot-proc-XXXXXX";
    const std::string dir = mkdtemp(dir_template);
    const std::string in_path = dir + "/in", out_path = dir + "/out", err_path = dir + "/err";
    std::ofstream(in_path) << stdin_text;
    const int in_fd = open(in_path.c_str(), O_RDONLY);
    const int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const pid_t pid = fork();
    if (pid == 0) Exec(argv, env, in_fd, out_fd, err_fd, cwd);
    close(in_fd);
    close(out_fd);
    close(err_fd);
    ProcessResult result;
    bool ended = false;
    const auto code = WaitPid(pid, timeout, ended);
    if (!ended) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    }
    result.exit_code = code.value_or(-1);
    result.out = ReadAll(out_path);
    result.err = ReadAll(err_path);
    std::filesystem::remove_all(dir);
    return result;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                           const std::string& output_dir)
    : out_path_(output_dir + "/stdout.log"), err_path_(output_dir + "/stderr.log") {
    const int in_fd = open("/dev/null", O_RDONLY);
    const int out_fd = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err_fd = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) Exec(argv, env, in_fd, out_fd, err_fd);
    close(in_fd);
    close(out_fd);
    close(err_fd);
}

ChildProcess::~ChildProcess() {
    if (Running()) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
}

void ChildProcess::Signal(int signal) {
    if (!status_) kill(pid_, signal);
}

std::optional<int> ChildProcess::Wait(std::chrono::milliseconds timeout) {
    if (status_) return *status_ >= 0 ? std::optional<int>(*status_) : std::nullopt;
    bool ended = false;
    const auto code = WaitPid(pid_, timeout, ended);
    if (ended) status_ = code.value_or(-1);
    return code;
}

bool ChildProcess::Running() {
    if (status_) return false;
    Wait(std::chrono::milliseconds(0));
    return !status_;
}

std::string ChildProcess::Stderr() const { return ReadAll(err_path_); }
std::string ChildProcess::Stdout() const { return ReadAll(out_path_); }

bool ChildProcess::WaitForStderr(const std::string& text, std::chrono::milliseconds timeout) {
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < give_up) {
        if (Stderr().find(text) != std::string::npos) return true;
        if (!Running()) return Stderr().find(text) != std::string::npos;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

std::uint16_t FreePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

}  // namespace escbot::test
