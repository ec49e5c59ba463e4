#include "git/git.h"

#include "support/files.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

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

// ---- What HEAD and the tags are, read from the repository's files ----------------------------
// Each git process costs 15-20 ms of CPU on a small machine, about as much as the rest of a build
// of the real site. These readers let a build skip them when the answer is known: they answer only
// for an ordinary repository and return std::nullopt (callers then run git) for anything else.

bool is_object_id(std::string_view id) {
    return (id.size() == 40 || id.size() == 64) && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// The .git folder of the repository `dir` is in, when git would find it the plain way: walking up
// from dir to a .git folder (not a worktree's or submodule's .git file), with no GIT_* variable in
// the environment (GIT_DIR, GIT_CEILING_DIRECTORIES...), and none of what changes the history git
// log shows (grafts, replace refs) or where refs are kept (reftable, a linked worktree).
std::optional<fs::path> plain_git_dir(const fs::path& dir) {
    // Variables for transport, prompts, identities and tracing do not change what git reads.
    constexpr std::string_view harmless[] = {"GIT_SSL_",    "GIT_HTTP_",   "GIT_SSH",    "GIT_PROXY_",
                                             "GIT_AUTHOR_", "GIT_COMMITTER_", "GIT_TRACE", "GIT_ASKPASS=",
                                             "GIT_TERMINAL_PROMPT=", "GIT_EDITOR=", "GIT_PAGER="};
    for (char** e = environ; *e; ++e) {
        const std::string_view variable(*e);
        if (variable.starts_with("GIT_") &&
            std::none_of(std::begin(harmless), std::end(harmless), [&](auto h) { return variable.starts_with(h); }))
            return std::nullopt;
    }
    std::error_code ec;
    fs::path at = fs::canonical(dir, ec);
    if (ec) return std::nullopt;
    while (true) {
        const fs::path dot_git = at / ".git";
        const auto status = fs::symlink_status(dot_git, ec);
        if (fs::is_directory(status)) {
            for (const char* unusual : {"commondir", "info/grafts", "refs/replace", "reftable"})
                if (fs::exists(dot_git / unusual, ec) || ec) return std::nullopt;
            if (!fs::is_regular_file(dot_git / "HEAD", ec)) return std::nullopt;
            return dot_git;
        }
        if (fs::exists(status)) return std::nullopt;  // a .git file (worktree, submodule) or link
        if (!at.has_relative_path()) return std::nullopt;
        at = at.parent_path();
    }
}

// The object id `ref` ("HEAD", "refs/heads/main") names, following symbolic refs.
std::optional<std::string> ref_target(const fs::path& git_dir, const std::string& ref, int depth = 0) {
    if (depth > 5 || ref.find("..") != std::string::npos) return std::nullopt;
    if (auto text = support::read_file(git_dir / ref)) {
        const std::string line = trimmed(*text);
        if (line.starts_with("ref: ")) return ref_target(git_dir, line.substr(5), depth + 1);
        if (is_object_id(line)) return line;
        return std::nullopt;
    }
    const auto packed = support::read_file(git_dir / "packed-refs");
    if (!packed) return std::nullopt;
    for (const std::string& line : split(*packed, '\n')) {
        const size_t space = line.find(' ');
        if (space != std::string::npos && line.compare(space + 1, std::string::npos, ref) == 0 &&
            is_object_id(std::string_view(line).substr(0, space)))
            return line.substr(0, space);
    }
    return std::nullopt;
}

// Whether a tag whose name (after refs/tags/) matches the glob `pattern` may exist: false only when
// no tag name, loose or packed, starts with the pattern's text before its first wildcard.
bool may_have_tags(const fs::path& git_dir, const std::string& pattern) {
    const std::string prefix = pattern.substr(0, pattern.find_first_of("*?[\\"));
    std::error_code ec;
    const fs::path tags = git_dir / "refs" / "tags";
    if (fs::exists(tags, ec))
        for (auto it = fs::recursive_directory_iterator(tags, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec))
            if (it->path().lexically_relative(tags).generic_string().starts_with(prefix)) return true;
    if (ec) return true;
    if (const auto packed = support::read_file(git_dir / "packed-refs"))
        if (packed->find(" refs/tags/" + prefix) != std::string::npos) return true;
    return false;
}

// `git log` of a folder is the same for as long as HEAD names the same commit. The last one is kept
// in the repository's own folder (git ignores files it does not know there), with what it depends
// on: HEAD's commit, the folder, and the shallow boundary of a shallow clone.
constexpr const char* kCacheFolder = "icips-site";

struct LogCache {
    fs::path file;
    std::string key;

    static std::optional<LogCache> of(const fs::path& dir) {
        const auto git_dir = plain_git_dir(dir);
        if (!git_dir) return std::nullopt;
        const auto head = ref_target(*git_dir, "HEAD");
        std::error_code ec;
        const fs::path folder = fs::canonical(dir, ec);
        if (!head || ec) return std::nullopt;
        std::string key = "icips-site last-changed 1\n" + *head + "\n" + folder.string() + "\n";
        if (auto shallow = support::read_file(*git_dir / "shallow")) key += *shallow;
        return LogCache{*git_dir / kCacheFolder / "last-changed", std::move(key)};
    }
    std::optional<std::string> read() const {
        auto text = support::read_file(file);
        if (!text || text->size() <= key.size() || text->compare(0, key.size(), key) != 0 || (*text)[key.size()] != '\0')
            return std::nullopt;
        return text->substr(key.size() + 1);
    }
    // Best effort: a repository that cannot be written to is simply asked again next time.
    void write(const std::string& log) const {
        try {
            support::replace_file(file, {key, std::string_view("\0", 1), log});
        } catch (const fs::filesystem_error&) {
        }
    }
};

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

std::optional<std::map<std::string, std::string>> last_changed(const fs::path& dir, bool use_cache) {
    const auto cache = use_cache ? LogCache::of(dir) : std::nullopt;
    std::optional<std::string> log = cache ? cache->read() : std::nullopt;
    if (!log) {
        Result r = run(dir, {"log", "-z", "--format=%x01%cs", "--name-only", "--no-renames", "--relative", "--", "."});
        if (!r.ok()) return std::nullopt;
        if (cache) cache->write(r.out);
        log = std::move(r.out);
    }
    std::map<std::string, std::string> when;
    std::string date;
    for (std::string& token : split(*log, '\0')) {
        if (token.starts_with('\x01')) {
            date = token.substr(1);
            continue;
        }
        if (!token.empty() && token.front() == '\n') token.erase(0, 1);
        if (!token.empty()) when.emplace(token, date);  // the newest commit comes first
    }
    return when;
}

std::optional<fs::path> cache_dir(const fs::path& dir) {
    const auto git_dir = plain_git_dir(dir);
    if (!git_dir) return std::nullopt;
    return *git_dir / kCacheFolder;
}

std::vector<Tag> tags(const fs::path& dir, const std::string& pattern) {
    std::vector<Tag> found;
    if (const auto git_dir = plain_git_dir(dir); git_dir && !may_have_tags(*git_dir, pattern)) return found;
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
