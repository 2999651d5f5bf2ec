#include "tests/bench/proc_stats.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace escbot::bench {

double ProcessCpuSeconds(pid_t pid) {
    std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(file, text)) return -1;
    // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
    const auto close = text.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    unsigned long long utime = 0;
    unsigned long long stime = 0;
    for (int index = 3; fields >> field; ++index) {
        if (index == 14) utime = std::strtoull(field.c_str(), nullptr, 10);
        if (index == 15) {
            stime = std::strtoull(field.c_str(), nullptr, 10);
            break;
        }
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long ProcessStatusKib(pid_t pid, std::string_view field) {
    std::ifstream file("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(file, line)) {
        if (line.size() > field.size() && line.compare(0, field.size(), field) == 0 &&
            line[field.size()] == ':')
            return std::atol(line.c_str() + field.size() + 1);
    }
    return -1;
}

double SelfCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& tv) {
        return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

MachineCpu ReadMachineCpu() {
    std::ifstream file("/proc/stat");
    std::string cpu;
    file >> cpu;
    MachineCpu result;
    // user nice system idle iowait irq softirq steal
    for (int i = 0; i < 8; ++i) {
        std::uint64_t value = 0;
        if (!(file >> value)) break;
        result.total += value;
        if (i != 3 && i != 4) result.busy += value;
    }
    return result;
}

double BusyCores(const MachineCpu& before, const MachineCpu& after, double seconds) {
    if (seconds <= 0) return 0;
    const double ticks = static_cast<double>(after.busy - before.busy);
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK)) / seconds;
}

double LoadAverage() {
    double load[1] = {0};
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

}  // namespace escbot::bench
