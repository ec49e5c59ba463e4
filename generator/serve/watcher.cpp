// The content and theme folders watched with inotify, one burst of events at a time.
#include "serve/serve.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <system_error>

namespace fs = std::filesystem;
using namespace std::chrono;

namespace icips::serve {
namespace {

// Everything that can change what a build reads. IN_MODIFY as well as IN_CLOSE_WRITE, so that a
// long write keeps the burst open until it is done.
// IN_DELETE_SELF and IN_MOVE_SELF tell at once that a root went.
constexpr uint32_t kEvents = IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                             IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
// How often the roots are looked at by name: a folder that comes back, or replaces a root by a
// rename, sends no event to the watches of the old one.
constexpr auto kRootCheck = milliseconds(250);

// Swap files, backups and lock files that editors write beside the file being edited.
bool is_editor_dropping(std::string_view name) {
    return name.empty() || name.front() == '.' || name.front() == '#' || name.back() == '~';
}

std::system_error os_error(int code, const std::string& what) {
    return std::system_error(code, std::system_category(), what);
}

}  // namespace

Watcher::Watcher(const std::vector<fs::path>& roots) {
    inotify_fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    try {
        if (inotify_fd_ < 0 || wake_fd_ < 0) throw os_error(errno, "cannot start watching for changes (inotify)");
        for (const auto& root : roots) {
            struct stat st {};
            // "cannot watch content: No such file or directory", "...: Not a directory".
            if (::stat(root.c_str(), &st) != 0) throw os_error(errno, "cannot watch " + root.string());
            if (!S_ISDIR(st.st_mode)) throw os_error(ENOTDIR, "cannot watch " + root.string());
            roots_.push_back({root, true, st.st_dev, st.st_ino});
            watch_tree(root, nullptr);
        }
    } catch (...) {
        if (inotify_fd_ >= 0) ::close(inotify_fd_);
        if (wake_fd_ >= 0) ::close(wake_fd_);
        throw;
    }
}

Watcher::~Watcher() {
    ::close(inotify_fd_);
    ::close(wake_fd_);
}

// Watches `dir` and every folder below it. `created` is set for a folder that appeared while
// watching: the files already inside it were written before its watch existed, so they are added
// to the change here, and a folder that vanished again is no error.
void Watcher::watch_tree(const fs::path& dir, Change* created) {
    const int wd = ::inotify_add_watch(inotify_fd_, dir.c_str(), kEvents);
    if (wd < 0) {
        if (created) return;
        throw os_error(errno, errno == ENOSPC ? "cannot watch " + dir.string() +
                                                    ": too many folders watched (raise fs.inotify.max_user_watches)"
                                              : "cannot watch " + dir.string());
    }
    dirs_[wd] = dir;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (is_editor_dropping(it->path().filename().string())) continue;
        std::error_code type_ec;
        if (it->is_directory(type_ec) && !it->is_symlink(type_ec))
            watch_tree(it->path(), created);
        else if (created)
            created->paths.push_back(it->path());
    }
}

// Compares each root's folder with the one watched: a root that went has its watches dropped (a
// folder moved away would report its changes under the old name); one that is back, or was
// replaced, is watched anew and everything in it counts as changed.
bool Watcher::check_roots(Change& change) {
    bool changed = false;
    for (Root& root : roots_) {
        struct stat st {};
        const bool present = ::stat(root.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
        if (present == root.present && (!present || (st.st_dev == root.device && st.st_ino == root.inode))) continue;
        changed = true;
        for (auto it = dirs_.begin(); it != dirs_.end();) {
            const fs::path inside = it->second.lexically_relative(root.path);
            if (inside.empty() || *inside.begin() == "..") {
                ++it;
                continue;
            }
            ::inotify_rm_watch(inotify_fd_, it->first);
            it = dirs_.erase(it);
        }
        root.present = present;
        if (!present) continue;
        root.device = st.st_dev;
        root.inode = st.st_ino;
        change.returned.push_back(root.path);
        watch_tree(root.path, &change);
    }
    return changed;
}

std::optional<Change> Watcher::next_change(milliseconds quiet, milliseconds longest, std::optional<milliseconds> idle) {
    Change change;
    bool started = false;
    steady_clock::time_point last_event;
    const auto idle_until = idle ? steady_clock::now() + *idle : steady_clock::time_point::max();
    auto next_check = steady_clock::now() + kRootCheck;
    // A root that went may be replaced a moment later (moved away, another moved in): the burst
    // lasts until one more look at the roots.
    steady_clock::time_point hold_until;
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
        const auto now = steady_clock::now();
        const auto burst_end = started ? std::max(hold_until, std::min(last_event + quiet, change.first_event + longest))
                                       : steady_clock::time_point::max();
        if (now >= burst_end) break;
        if (!started && now >= idle_until) return change;
        bool noticed = false, check = now >= next_check;
        if (!check) {
            const auto until = std::min({burst_end, idle_until, next_check});
            pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
            if (::poll(fds, 2, static_cast<int>(ceil<milliseconds>(until - now).count())) < 0) {
                if (errno == EINTR) continue;
                throw os_error(errno, "cannot wait for changes");
            }
            if (fds[1].revents) return std::nullopt;
            if (!(fds[0].revents & POLLIN)) continue;
            const ssize_t length = ::read(inotify_fd_, buffer, sizeof buffer);
            if (length <= 0) continue;
            const size_t before = change.paths.size();
            bool overflowed = false;
            for (ssize_t at = 0; at < length;) {
                const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
                at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
                if (event->mask & IN_Q_OVERFLOW) {
                    overflowed = true;
                    continue;
                }
                const auto dir = dirs_.find(event->wd);
                if (dir == dirs_.end()) continue;
                // A root deleted or moved: look at the roots now.
                if (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED))
                    check = check || std::any_of(roots_.begin(), roots_.end(), [&](const Root& r) { return r.path == dir->second; });
                if (event->mask & IN_IGNORED) {
                    dirs_.erase(dir);
                    continue;
                }
                if (event->len == 0 || is_editor_dropping(event->name)) continue;
                const fs::path path = dir->second / event->name;
                change.paths.push_back(path);
                if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(path, &change);
            }
            if (overflowed) {
                // Events were lost, so folders created meanwhile may be unwatched: watch everything again.
                change.overflowed = true;
                for (const auto& root : roots_)
                    if (root.present) watch_tree(root.path, &change);
            }
            noticed = change.paths.size() != before || overflowed;
        }
        if (check) {
            next_check = steady_clock::now() + kRootCheck;
            if (check_roots(change)) {
                noticed = true;
                if (std::any_of(roots_.begin(), roots_.end(), [](const Root& r) { return !r.present; }))
                    hold_until = next_check + milliseconds(10);
            }
        }
        if (!noticed) continue;
        last_event = steady_clock::now();
        if (!started) change.first_event = last_event;
        started = true;
    }
    for (const Root& root : roots_)
        if (!root.present) change.missing.push_back(root.path);
    std::sort(change.paths.begin(), change.paths.end());
    change.paths.erase(std::unique(change.paths.begin(), change.paths.end()), change.paths.end());
    return change;
}

void Watcher::stop() {
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
}

}  // namespace icips::serve
