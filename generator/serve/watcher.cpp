// The content and theme folders watched with inotify, one burst of events at a time.
#include "serve/serve.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
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
constexpr uint32_t kEvents = IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                             IN_ATTRIB | IN_ONLYDIR;

// Swap files, backups and lock files that editors write beside the file being edited.
bool is_editor_dropping(std::string_view name) {
    return name.empty() || name.front() == '.' || name.front() == '#' || name.back() == '~';
}

std::system_error os_error(int code, const std::string& what) {
    return std::system_error(code, std::system_category(), what);
}

}  // namespace

Watcher::Watcher(const std::vector<fs::path>& roots) : roots_(roots) {
    inotify_fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    try {
        if (inotify_fd_ < 0 || wake_fd_ < 0) throw os_error(errno, "cannot start watching for changes (inotify)");
        for (const auto& root : roots_) {
            if (!fs::is_directory(root)) throw os_error(ENOTDIR, "cannot watch " + root.string() + ", no such folder");
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

std::optional<Change> Watcher::next_change(milliseconds quiet, milliseconds longest) {
    Change change;
    bool started = false;
    steady_clock::time_point last_event;
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
        int timeout_ms = -1;
        if (started) {
            const auto until = std::min(last_event + quiet, change.first_event + longest);
            const auto now = steady_clock::now();
            if (now >= until) break;
            timeout_ms = static_cast<int>(ceil<milliseconds>(until - now).count());
        }
        pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
        if (::poll(fds, 2, timeout_ms) < 0) {
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
            if (event->mask & IN_IGNORED) {
                dirs_.erase(event->wd);
                continue;
            }
            const auto dir = dirs_.find(event->wd);
            if (dir == dirs_.end() || event->len == 0 || is_editor_dropping(event->name)) continue;
            const fs::path path = dir->second / event->name;
            change.paths.push_back(path);
            if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(path, &change);
        }
        if (overflowed) {
            // Events were lost, so folders created meanwhile may be unwatched: watch everything again.
            change.overflowed = true;
            for (const auto& root : roots_) watch_tree(root, &change);
        }
        if (change.paths.size() == before && !overflowed) continue;
        last_event = steady_clock::now();
        if (!started) change.first_event = last_event;
        started = true;
    }
    std::sort(change.paths.begin(), change.paths.end());
    change.paths.erase(std::unique(change.paths.begin(), change.paths.end()), change.paths.end());
    return change;
}

void Watcher::stop() {
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
}

}  // namespace icips::serve
