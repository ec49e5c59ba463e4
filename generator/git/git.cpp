#include "git/git.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace fs = std::filesystem;

namespace icips::git {
namespace {

// Runs `argv` (argv[0] looked up on PATH) with stdin from /dev/null, collecting stdout and stderr.
Result spawn(const std::vector<std::string>& argv) {
    Result result;
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) return result;
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (spawned != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        result.err = std::string("cannot run ") + argv[0] + ": " + std::strerror(spawned);
        return result;
    }
    // Read both pipes until both are closed, so a chatty stderr cannot block the child.
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open = 2;
    char buffer[65536];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    for (auto& f : fds)
        if (f.fd >= 0) ::close(f.fd);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

std::vector<std::string> split(const std::string& s, char by) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t at = s.find(by); at != std::string::npos; at = s.find(by, start)) {
        parts.push_back(s.substr(start, at - start));
        start = at + 1;
    }
    parts.push_back(s.substr(start));
    return parts;
}

}  // namespace

Result run(const fs::path& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"git", "-C", dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return spawn(argv);
}

std::optional<Place> locate(const fs::path& dir) {
    const Result r = run(dir, {"rev-parse", "--show-toplevel", "--show-prefix"});
    if (!r.ok()) return std::nullopt;
    const auto lines = split(trimmed(r.out), '\n');
    if (lines.empty() || lines[0].empty()) return std::nullopt;
    return Place{lines[0], lines.size() > 1 ? lines[1] : ""};
}

std::optional<std::string> resolve_commit(const fs::path& dir, const std::string& revision) {
    // An option-like revision is refused outright; --end-of-options guards git's own parsing too.
    if (revision.empty() || revision.starts_with('-')) return std::nullopt;
    const Result r = run(dir, {"rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"});
    if (!r.ok()) return std::nullopt;
    std::string id = trimmed(r.out);
    if (id.empty()) return std::nullopt;
    return id;
}

bool export_folder(const Place& place, const std::string& commit, const fs::path& dest, std::string& error) {
    const std::string tree = commit + ":" + (place.prefix.empty() ? "" : place.prefix.substr(0, place.prefix.size() - 1));
    const fs::path archive = dest.parent_path() / (dest.filename().string() + ".tar");
    const Result made = run(place.top, {"archive", "--format=tar", "-o", archive.string(), "--end-of-options", tree});
    if (!made.ok()) {
        std::error_code ec;
        fs::remove(archive, ec);
        error = trimmed(made.err);
        return false;
    }
    const Result unpacked = spawn({"tar", "-x", "-f", archive.string(), "-C", dest.string()});
    std::error_code ec;
    fs::remove(archive, ec);
    if (!unpacked.ok()) error = "cannot unpack " + tree + ": " + trimmed(unpacked.err);
    return unpacked.ok();
}

std::optional<std::map<std::string, std::string>> last_changed(const fs::path& dir) {
    const Result r = run(dir, {"log", "-z", "--format=%x01%cs", "--name-only", "--no-renames", "--relative", "--", "."});
    if (!r.ok()) return std::nullopt;
    std::map<std::string, std::string> when;
    std::string date;
    for (std::string& token : split(r.out, '\0')) {
        if (token.starts_with('\x01')) {
            date = token.substr(1);
            continue;
        }
        if (!token.empty() && token.front() == '\n') token.erase(0, 1);
        if (!token.empty()) when.emplace(token, date);  // the newest commit comes first
    }
    return when;
}

std::vector<Tag> tags(const fs::path& dir, const std::string& pattern) {
    std::vector<Tag> found;
    const Result r = run(dir, {"for-each-ref",
                                     "--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00"
                                     "%(*objectname)%00%(creatordate:unix)%00%(creatordate:short)",
                                     "refs/tags/" + pattern});
    if (!r.ok()) return found;
    std::vector<std::pair<long long, Tag>> dated;
    for (const std::string& line : split(trimmed(r.out), '\n')) {
        const auto f = split(line, '\0');
        if (f.size() != 7) continue;
        Tag tag{f[0], "", f[6]};
        if (f[1] == "commit") tag.commit = f[2];
        else if (f[3] == "commit") tag.commit = f[4];
        else continue;  // a tag of a tree or blob, or of another tag
        dated.push_back({std::atoll(f[5].c_str()), tag});
    }
    std::sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second.name > b.second.name;
    });
    for (auto& [time, tag] : dated) found.push_back(std::move(tag));
    return found;
}

}  // namespace icips::git
