// The preview server: `icips-site serve` is the build pipeline in a loop. It builds, serves the
// output directory over HTTP on loopback (under the site's base path, as it will be published; "/"
// redirects there), watches the content and theme folders, rebuilds after
// every burst of changes and, only once the new files are in place, tells every open page to
// reload (or to swap its stylesheets, or to show the build's errors over the last good page).
#pragma once
#include "http/static_files.h"
#include "site/build.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace icips::serve {

// Request paths and the files they name (http/static_files.h), as the server uses them.
using http::canonical_request_path;
using http::mime_type;
using http::read_site_file;
using http::RequestPath;
using http::SiteFile;

// ---- Watching the sources (watcher.cpp) ---------------------------------------------------------

// One burst of changes to the watched folders.
struct Change {
    std::vector<std::filesystem::path> paths;              // files and folders created, written, moved, removed
    std::chrono::steady_clock::time_point first_event;     // when the first event of the burst arrived
    bool overflowed = false;                               // events were lost: assume anything changed
    // Watched folders that are gone (deleted, or moved away) when the burst ends; each is watched
    // again as soon as a folder of that name is back.
    std::vector<std::filesystem::path> missing;
    // Watched folders that came back or were replaced by another folder: watched anew, and
    // anything in them may have changed.
    std::vector<std::filesystem::path> returned;
    bool empty() const { return paths.empty() && !overflowed && missing.empty() && returned.empty(); }
};

// Watches every folder below each root with inotify, including folders created later. Editor
// droppings (names starting with '.' or '#', or ending with '~') are ignored. A root that is
// deleted, moved away or replaced is noticed (inotify follows the folder, not its name): its old
// watches are dropped, and it is watched again once a folder is there.
class Watcher {
public:
    // Throws std::system_error when inotify is unavailable or a root cannot be watched.
    explicit Watcher(const std::vector<std::filesystem::path>& roots);
    ~Watcher();
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    // Waits for a change, then until `quiet` passes with no further event (but no longer than
    // `longest` in all, so a folder that never stops changing still gets rebuilt), and returns the
    // burst. With `idle`, returns an empty change when `idle` passes without one. Returns
    // std::nullopt once stop() has been called.
    std::optional<Change> next_change(std::chrono::milliseconds quiet,
                                      std::chrono::milliseconds longest = std::chrono::seconds(1),
                                      std::optional<std::chrono::milliseconds> idle = std::nullopt);
    // Wakes next_change() for good; safe to call from any thread.
    void stop();

private:
    struct Root {
        std::filesystem::path path;
        bool present = false;
        uint64_t device = 0, inode = 0;  // of the folder watched, while present
    };
    void watch_tree(const std::filesystem::path& dir, Change* created);
    bool check_roots(Change& change);  // true when a root went or came back
    int inotify_fd_ = -1;
    int wake_fd_ = -1;
    std::vector<Root> roots_;
    std::map<int, std::filesystem::path> dirs_;  // watch descriptor -> folder
};

// ---- Live reload (live_reload.cpp) ---------------------------------------------------------------

// What the last build left for the pages: a generation number that changes with every build, and
// the errors while the last build failed.
struct SiteState {
    uint64_t generation = 0;
    bool failed = false;
    std::string errors;  // one "path:line:col: message" per line
};

// The Server-Sent Events side of the server: every build is published here, and every open
// /__events stream waits here for the next one.
class EventHub {
public:
    explicit EventHub(size_t max_clients);

    // Records a finished build: a good build sends `reload` (or `css` when only stylesheets
    // changed and the build before was good too); a failed one sends `error` with `errors`.
    void publish(bool ok, std::string errors, bool css_only);
    SiteState state() const;

    // A place for one more stream, or nullptr when max_clients streams are open; the place is
    // given back when the returned pointer is destroyed.
    std::shared_ptr<void> join();
    size_t clients() const;

    // The next message for a stream that has seen generation `seen`: the event for the current
    // state as soon as it differs (`seen` is then updated), a comment line when `heartbeat` passes
    // first (writing it is how a dropped client is noticed), or std::nullopt once closed.
    std::optional<std::string> next_message(uint64_t& seen, std::chrono::milliseconds heartbeat);
    // Ends every stream: next_message() returns std::nullopt from now on.
    void close();

private:
    struct Shared;
    std::shared_ptr<Shared> shared_;
};

// One Server-Sent Events message; `data` may span lines.
std::string sse_message(std::string_view event, uint64_t id, std::string_view data);

// `html` with the live-reload client inserted before its last </body>, and, while the last build
// failed, the error overlay (role="alertdialog", HTML-escaped errors, a focusable Close button).
std::string with_live_reload(std::string html, const SiteState& state);

// ---- The server (server.cpp) ---------------------------------------------------------------------

// Rebuilds the site after `changed` (empty: anything may have changed, as after lost events); the
// default is a site::SiteBuilder (site/incremental.h), which re-renders only what `changed` touches.
using Rebuild = std::function<site::BuildReport(const std::vector<std::filesystem::path>& changed)>;

struct ServeOptions {
    site::BuildOptions build;                 // content, output and theme folders
    std::string bind = "127.0.0.1";           // anything but loopback is reachable by other machines
    int port = 1313;                          // 0 picks a free port
    std::chrono::milliseconds quiet{60};      // a burst of events is over after this long without one
    size_t max_event_clients = 32;            // open /__events streams; more are refused with 503
    size_t page_workers = 96;                 // threads for everything else, never taken by streams
    // A request's line, headers and body must arrive within this, or it is answered 408.
    std::chrono::milliseconds request_deadline{5000};
    // Connections waiting for a request (slow or idle ones); one more drops the one that has waited
    // longest (503 if it had begun a request), so slow clients never hold every page worker.
    size_t max_waiting_connections = 64;
    Rebuild rebuild;                          // empty: the full build
    std::function<void(const std::string&)> log;  // one line per build; empty: quiet
};

class PreviewServer {
public:
    explicit PreviewServer(ServeOptions options);
    ~PreviewServer();  // stop()
    PreviewServer(const PreviewServer&) = delete;
    PreviewServer& operator=(const PreviewServer&) = delete;

    // Builds once, then serves and watches, even when that build failed (its errors are shown in the
    // pages until a good build), unless the output directory was refused: then nothing is started
    // and the report says unsafe_output. Throws std::system_error when a content or theme folder
    // cannot be watched, and ListenError (http_server.h; before building) when the address cannot
    // be listened on.
    site::BuildReport start();
    // Stops watching, ends every stream and connection and joins every thread; idempotent.
    void stop();

    int port() const;
    std::string url() const;        // the home page: "http://127.0.0.1:1313/", "http://127.0.0.1:1313/standards/"
    size_t event_clients() const;   // open /__events streams

private:
    struct Running;
    ServeOptions options_;
    std::unique_ptr<Running> running_;
};

// `icips-site serve`: starts a PreviewServer, prints its URL to `out`, and serves until SIGINT or
// SIGTERM. Returns the exit code: 0 after a clean stop; 2 (a usage error) when the output
// directory is refused, a content or theme folder does not exist or the address cannot be bound;
// 1 when watching fails otherwise.
int run_serve(ServeOptions options, std::ostream& out, std::ostream& err);

}  // namespace icips::serve
