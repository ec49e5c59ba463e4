// Replays every input kept in tests/fuzz/regressions/ (hand-made seeds, and what `make fuzz` found
// crashing, hanging or leaking) through the fuzzer's own harness, each in a child process with a time
// limit: each must load without crashing, hanging or (under `make test-sanitize`) a sanitizer report.
// tests/fuzz/known-failures.txt lists inputs whose bug is not fixed yet, one `<file> <why>` a line;
// they are skipped with that reason.
#include "fuzz/fuzz_content.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr int kTimeoutSeconds = 60;
#else
constexpr int kTimeoutSeconds = 10;
#endif

const fs::path kFuzz = fs::path(ICIPS_SOURCE_DIR) / "tests/fuzz";

std::vector<std::string> inputs() {
    std::vector<std::string> names;
    if (fs::is_directory(kFuzz / "regressions"))
        for (const auto& e : fs::directory_iterator(kFuzz / "regressions"))
            if (e.is_regular_file() && e.path().filename() != "README.md") names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::map<std::string, std::string> known_failures() {
    std::map<std::string, std::string> known;
    std::ifstream in(kFuzz / "known-failures.txt");
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.starts_with('#')) continue;
        const auto space = line.find(' ');
        known[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
    }
    return known;
}

class FuzzRegression : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzRegression, LoadsWithoutCrashOrHang) {
    if (auto known = known_failures(); known.count(GetParam()))
        GTEST_SKIP() << "known failure: " << known[GetParam()];
    std::ifstream in(kFuzz / "regressions" / GetParam(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::string data = bytes.str();

    // A child process per input, so that a crash or a hang is reported rather than fatal. The child
    // makes its own fuzz tree and removes it on exit (where LeakSanitizer also runs).
    const pid_t pid = ::fork();
    if (pid == 0) {  // never returns into GoogleTest: an exception is a failure, as in the fuzzer
        try {
            icips::fuzz::load_as_content(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "uncaught exception: %s\n", e.what());
            std::_Exit(3);
        }
        std::exit(0);
    }
    ASSERT_GT(pid, 0);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kTimeoutSeconds);
    int status = 0;
    bool hung = false;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            hung = true;
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_FALSE(hung) << GetParam() << " took more than " << kTimeoutSeconds << " s";
    if (!hung) {
        EXPECT_FALSE(WIFSIGNALED(status)) << GetParam() << " crashed with signal " << WTERMSIG(status);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
            << GetParam() << " exited with " << WEXITSTATUS(status) << " (3: an uncaught exception; else a sanitizer report)";
    }
}

INSTANTIATE_TEST_SUITE_P(Inputs, FuzzRegression, ::testing::ValuesIn(inputs()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             std::string name = info.param;
                             for (char& c : name)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return name;
                         });

TEST(FuzzRegressions, InputsAreKept) { EXPECT_FALSE(inputs().empty()); }

}  // namespace
