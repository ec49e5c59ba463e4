// Hostile content: every folder tests/bad-content/<case>/ holds a small content tree
// (content/, and theme/ when the case is about a theme) that breaks one thing, and expect.txt, which
// says what `icips-site build` must do with it. For each case the runner builds the real site into a
// fresh output folder, snapshots it, builds the case into the same folder with a time limit and checks:
// no hang, no crash (signal) and no sanitizer report, the exit code, the messages (`path:line:col: ...`,
// paths relative to the case folder), and for a failed build that the output folder is byte for byte
// as it was and nothing was left beside it. A case that must build (exit: 0) may name text that no
// output file may contain.
//
// expect.txt, one `key: value` a line (# starts a comment):
//   exit: 1                      the exit code (1 content errors, 0 success)
//   errors: 2                    optional: the error count the summary line must give
//   error: content/a.md:3:1: x   text that must appear in the output (repeatable)
//   absent: <script>             text no output file may contain (repeatable; for exit: 0)
//   theme: theme                 a folder of the case to pass with --theme
//   repeat: <file> <marker> <count> <text>   replaces every <marker> in the case's <file> with <text>
//                                repeated <count> times before the build (big or deeply nested input
//                                is made at test time; "..." around <text> keeps its spaces; \n in
//                                <text> is a line break)
//   timeout: 20                  seconds of CPU time before the build counts as hung (default 20; it
//                                may also take four times as long on the clock, for a loaded machine)
//   max-rss-mb: 1024             the most memory the build may use (default 1024)
//   known-failure: <why>         skips the case, saying why (a generator bug not fixed yet)
//   outside: <name> <text>       writes a file <name> holding <text> (\n: a line break) in a folder beside the case (a
//                                secret a link may point at); absent: <text> then also covers the
//                                build's messages
//   symlink: <link> <target>     makes <link> (a path in the case) a symbolic link to <target>;
//                                "@outside/<name>" is the file made by `outside:`
//   rename: <from> <to>          renames a file of the case; \xNN in <to> stands for the byte NN
//                                (names Git and editors keep poorly: backslashes, invalid UTF-8)
// Under AddressSanitizer the time and memory limits are multiplied (the sanitizer is slow and
// memory-hungry by design), and `repeat` counts above 100,000 are divided by 10.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr int kSlowdown = 6;  // time and memory factor under AddressSanitizer
constexpr bool kSanitized = true;
#else
constexpr int kSlowdown = 1;
constexpr bool kSanitized = false;
#endif

const fs::path kCases = fs::path(ICIPS_SOURCE_DIR) / "tests/bad-content";

struct Repeat {
    std::string file, marker, text;
    long count = 0;
};

struct Expectation {
    int exit = 1;
    std::optional<int> errors;
    std::vector<std::string> messages;
    std::vector<std::string> absent;
    std::string theme;
    std::vector<Repeat> repeats;
    int timeout_s = 20;
    long max_rss_mb = 1024;
    std::string known_failure;
    std::vector<std::pair<std::string, std::string>> outside, symlinks, renames;
};

// "a\xffb" -> the bytes a, 0xff, b.
std::string unescape_bytes(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "\\x") == 0 && i + 3 < text.size()) {
            out += static_cast<char>(std::stoi(text.substr(i + 2, 2), nullptr, 16));
            i += 3;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string trim(std::string s) {
    s.erase(0, s.find_first_not_of(" \t\r"));
    s.erase(s.find_last_not_of(" \t\r") + 1);
    return s;
}

// Reads expect.txt; anything it does not understand is a problem of the case, not silently ignored.
Expectation read_expectation(const fs::path& file, std::vector<std::string>& problems) {
    Expectation e;
    std::ifstream in(file);
    if (!in) problems.push_back(file.string() + ": missing");
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        line = trim(line);
        if (line.empty() || line.starts_with('#')) continue;
        const auto colon = line.find(':');
        const std::string where = file.string() + ":" + std::to_string(number) + ": ";
        if (colon == std::string::npos) {
            problems.push_back(where + "expected 'key: value'");
            continue;
        }
        const std::string key = line.substr(0, colon), value = trim(line.substr(colon + 1));
        try {
            if (key == "exit") e.exit = std::stoi(value);
            else if (key == "errors") e.errors = std::stoi(value);
            else if (key == "error") e.messages.push_back(value);
            else if (key == "absent") e.absent.push_back(value);
            else if (key == "theme") e.theme = value;
            else if (key == "timeout") e.timeout_s = std::stoi(value);
            else if (key == "max-rss-mb") e.max_rss_mb = std::stol(value);
            else if (key == "known-failure") e.known_failure = value;
            else if (key == "outside" || key == "symlink" || key == "rename") {
                const auto space = value.find(' ');
                if (space == std::string::npos) {
                    problems.push_back(where + key + ": <name> <value>");
                    continue;
                }
                auto& list = key == "outside" ? e.outside : key == "symlink" ? e.symlinks : e.renames;
                list.push_back({value.substr(0, space), trim(value.substr(space + 1))});
            }
            else if (key == "repeat") {
                std::istringstream words(value);
                Repeat r;
                words >> r.file >> r.marker >> r.count;
                std::getline(words, r.text);
                r.text = trim(r.text);
                if (r.text.size() >= 2 && r.text.front() == '"' && r.text.back() == '"')
                    r.text = r.text.substr(1, r.text.size() - 2);
                if (r.file.empty() || r.marker.empty() || r.count < 1 || r.text.empty())
                    problems.push_back(where + "repeat: <file> <marker> <count> <text>");
                e.repeats.push_back(r);
            } else {
                problems.push_back(where + "unknown key '" + key + "'");
            }
        } catch (const std::exception&) {
            problems.push_back(where + "'" + key + "' needs a number");
        }
    }
    return e;
}

struct Run {
    bool timed_out = false;
    int signal = 0;  // the signal that ended the process, 0 if it exited
    int code = -1;
    long max_rss_kb = 0;
    double seconds = 0;      // on the clock
    double cpu_seconds = 0;  // user + system
    std::string output;  // stdout and stderr together
};

// Runs the binary with `args`. It may use `timeout_s` seconds of CPU time (the kernel stops it with
// SIGXCPU; CPU time does not depend on how loaded the machine is) and four times as many seconds of
// wall-clock time (for a build that hangs without working); then it is killed.
Run run_binary(const std::vector<std::string>& args, int timeout_s, const fs::path& log) {
    Run run;
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const rlimit cpu{static_cast<rlim_t>(timeout_s), static_cast<rlim_t>(timeout_s) + 1};
        ::setrlimit(RLIMIT_CPU, &cpu);
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        std::vector<char*> argv{const_cast<char*>(ICIPS_BINARY)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(ICIPS_BINARY, argv.data());
        ::_exit(127);
    }
    const auto deadline = start + std::chrono::seconds(4 * timeout_s);
    int status = 0;
    rusage usage{};
    while (true) {
        const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
        if (done == pid) break;
        if (std::chrono::steady_clock::now() > deadline) {
            run.timed_out = true;
            ::kill(pid, SIGKILL);
            ::wait4(pid, &status, 0, &usage);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.max_rss_kb = usage.ru_maxrss;
    run.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                      static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    if (!run.timed_out) {
        if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
        else run.code = WEXITSTATUS(status);
        if (run.signal == SIGXCPU || (run.signal == SIGKILL && usage.ru_utime.tv_sec + usage.ru_stime.tv_sec >= timeout_s))
            run.timed_out = true;  // its CPU time ran out
    }
    run.output = slurp(log);
    return run;
}

// Every file and folder below `dir`, files with their bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> entries;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        const std::string name = fs::relative(e.path(), dir).generic_string();
        entries[name] = e.is_directory() ? std::string("(folder)") : slurp(e.path());
    }
    return entries;
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

std::string shorten(const std::string& text, size_t limit = 4000) {
    return text.size() <= limit ? text : text.substr(0, limit) + "\n... (" + std::to_string(text.size()) + " bytes)";
}

// A fresh working folder for one case; removed afterwards.
struct Scratch {
    fs::path root;
    explicit Scratch(const std::string& name)
        : root(fs::temp_directory_path() / ("icips-bad-content-" + std::to_string(::getpid()) + "-" + name)) {
        fs::remove_all(root);
        fs::create_directories(root);
    }
    ~Scratch() { fs::remove_all(root); }
};

// Builds the case in `case_dir` (a folder with content/ and maybe a theme) as `expect` says and
// returns everything that went against it; empty when the case passes.
std::vector<std::string> check_case(const fs::path& case_dir, const Expectation& expect, const std::string& name) {
    std::vector<std::string> problems;
    Scratch scratch(name);
    const fs::path tree = scratch.root / "case", out = scratch.root / "out", log = scratch.root / "log";

    // A copy of the case, with its big or deep parts made now.
    fs::copy(case_dir, tree, fs::copy_options::recursive);
    fs::remove(tree / "expect.txt");
    for (const auto& r : expect.repeats) {
        const fs::path file = tree / r.file;
        std::string text = slurp(file);
        if (text.find(r.marker) == std::string::npos) {
            problems.push_back(r.file + " has no " + r.marker);
            continue;
        }
        const long count = kSanitized && r.count > 100000 ? r.count / 10 : r.count;
        std::string filler;
        filler.reserve(r.text.size() * count);
        const std::string piece = replace_all(r.text, "\\n", "\n");
        for (long i = 0; i < count; ++i) filler += piece;
        std::ofstream(file, std::ios::binary) << replace_all(std::move(text), r.marker, filler);
    }

    // Files outside the case, links to them and names a repository cannot hold well.
    const fs::path outside = scratch.root / "outside";
    for (const auto& [name, text] : expect.outside) {
        fs::create_directories(outside);
        std::ofstream(outside / name, std::ios::binary) << replace_all(text, "\\n", "\n") << "\n";
    }
    for (const auto& [link, target] : expect.symlinks) {
        fs::create_directories((tree / link).parent_path());
        const std::string to = target.starts_with("@outside/") ? (outside / target.substr(9)).string() : target;
        fs::create_symlink(to, tree / link);
    }
    for (const auto& [from, to] : expect.renames) fs::rename(tree / from, tree / unescape_bytes(to));

    // A known-good site in the output folder, and what it holds.
    const Run good = run_binary({"build", "--content", ICIPS_CONTENT_DIR, "--out", out.string()},
                                60 * kSlowdown, log);
    if (good.timed_out || good.code != 0) {
        problems.push_back("the real content did not build: " + shorten(good.output));
        return problems;
    }
    const auto before = snapshot(out);
    const auto siblings = names_in(scratch.root);

    std::vector<std::string> args{"build", "--content", (tree / "content").string(), "--out", out.string()};
    if (!expect.theme.empty()) {
        args.push_back("--theme");
        args.push_back((tree / expect.theme).string());
    }
    const Run run = run_binary(args, expect.timeout_s * kSlowdown, log);
    const std::string output = replace_all(run.output, tree.string() + "/", "");

    if (run.timed_out) {
        problems.push_back("hung: stopped after " + std::to_string(expect.timeout_s * kSlowdown) + " s of CPU time or " +
                           std::to_string(4 * expect.timeout_s * kSlowdown) + " s in all");
        problems.push_back("--- output ---\n" + shorten(output));
        return problems;  // a killed build may leave its staging folder; nothing else is meaningful
    }
    if (run.signal)
        problems.push_back("crashed: signal " + std::to_string(run.signal) + " (" + strsignal(run.signal) + ")");
    if (output.find("Sanitizer") != std::string::npos || output.find("runtime error:") != std::string::npos)
        problems.push_back("sanitizer report");
    if (!run.signal && run.code != expect.exit)
        problems.push_back("exit code " + std::to_string(run.code) + ", expected " + std::to_string(expect.exit));
    for (const auto& m : expect.messages)
        if (output.find(m) == std::string::npos) problems.push_back("missing message: " + m);
    if (!expect.outside.empty())
        for (const auto& text : expect.absent)
            if (output.find(text) != std::string::npos) problems.push_back("the messages contain " + text);
    if (expect.errors) {
        const std::string summary =
            "icips-site: " + std::to_string(*expect.errors) + (*expect.errors == 1 ? " error;" : " errors;");
        if (output.find(summary) == std::string::npos) problems.push_back("expected '" + summary + "'");
    }
    const long limit_kb = expect.max_rss_mb * 1024 * kSlowdown;
    if (run.max_rss_kb > limit_kb)
        problems.push_back("used " + std::to_string(run.max_rss_kb / 1024) + " MB of memory, more than " +
                           std::to_string(limit_kb / 1024) + " MB");

    if (expect.exit != 0) {
        // A failed build leaves the output folder byte for byte as it was, and no staging folder.
        const auto after = snapshot(out);
        std::vector<std::string> changes;
        for (const auto& [path, bytes] : before)
            if (auto it = after.find(path); it == after.end()) changes.push_back("lost " + path);
            else if (it->second != bytes) changes.push_back("changed " + path);
        for (const auto& [path, bytes] : after)
            if (!before.count(path)) changes.push_back("gained " + path);
        if (!changes.empty()) {
            std::string list;
            for (size_t i = 0; i < changes.size() && i < 5; ++i) list += "\n  " + changes[i];
            problems.push_back("the output folder changed in " + std::to_string(changes.size()) + " places:" + list);
        }
        if (names_in(scratch.root) != siblings) problems.push_back("the build left files beside the output folder");
    }
    if (expect.exit == 0 || !expect.outside.empty()) {
        for (const auto& [path, bytes] : snapshot(out))
            for (const auto& text : expect.absent)
                if (bytes.find(text) != std::string::npos) problems.push_back(path + " contains " + text);
    }
    const std::string cost = std::to_string(run.cpu_seconds).substr(0, 5) + " s CPU, " +
                             std::to_string(run.seconds).substr(0, 5) + " s in all, " +
                             std::to_string(run.max_rss_kb / 1024) + " MB";
    std::cout << "  " << name << ": exit " << run.code << ", " << cost << "\n";
    if (!problems.empty()) problems.push_back("--- output (" + cost + ") ---\n" + shorten(output));
    return problems;
}

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    if (fs::is_directory(kCases))
        for (const auto& e : fs::directory_iterator(kCases))
            if (e.is_directory()) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string join(const std::vector<std::string>& lines) {
    std::string all;
    for (const auto& l : lines) all += l + "\n";
    return all;
}

class BadContent : public ::testing::TestWithParam<std::string> {};

TEST_P(BadContent, FailsCleanlyWithFileAndLine) {
    const fs::path dir = kCases / GetParam();
    std::vector<std::string> problems;
    const Expectation expect = read_expectation(dir / "expect.txt", problems);
    ASSERT_TRUE(problems.empty()) << join(problems);
    if (!expect.known_failure.empty()) GTEST_SKIP() << "known failure: " << expect.known_failure;
    problems = check_case(dir, expect, GetParam());
    EXPECT_TRUE(problems.empty()) << GetParam() << ":\n" << join(problems);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadContent, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(BadContentCases, AtLeastThirtyEachWithContentAndExpectation) {
    const auto names = case_names();
    EXPECT_GE(names.size(), 30u);
    for (const auto& name : names) {
        EXPECT_TRUE(fs::is_directory(kCases / name / "content")) << name;
        EXPECT_TRUE(fs::is_regular_file(kCases / name / "expect.txt")) << name;
    }
}

// The runner itself can fail: a wrong line, a wrong exit code and a build that changes the output
// are all caught.
TEST(BadContentRunner, CatchesWrongExpectations) {
    std::vector<std::string> problems;
    Expectation expect = read_expectation(kCases / "unknown-key-did-you-mean/expect.txt", problems);
    ASSERT_TRUE(problems.empty()) << join(problems);
    ASSERT_FALSE(expect.messages.empty());
    ASSERT_TRUE(check_case(kCases / "unknown-key-did-you-mean", expect, "runner-ok").empty());

    Expectation wrong_line = expect;
    wrong_line.messages[0] = replace_all(wrong_line.messages[0], ".yaml:3:", ".yaml:4:");
    EXPECT_FALSE(check_case(kCases / "unknown-key-did-you-mean", wrong_line, "runner-line").empty());

    Expectation wrong_exit = expect;
    wrong_exit.exit = 0;
    EXPECT_FALSE(check_case(kCases / "unknown-key-did-you-mean", wrong_exit, "runner-exit").empty());

    // A case that builds, treated as if it had to fail: the exit code and the changed output are caught.
    Expectation builds;
    const auto caught = join(check_case(kCases / "markdown-raw-script", builds, "runner-output"));
    EXPECT_NE(caught.find("exit code 0, expected 1"), std::string::npos) << caught;
    EXPECT_NE(caught.find("the output folder changed"), std::string::npos) << caught;

    Expectation hangs = expect;
    hangs.timeout_s = 0;
    EXPECT_NE(join(check_case(kCases / "unknown-key-did-you-mean", hangs, "runner-hang")).find("hung"),
              std::string::npos);
}

}  // namespace
