// The preview server: cpp-httplib serving the output directory, a thread that rebuilds after every
// burst of changes, and the `serve` command around them.
#include "serve/http_server.h"
#include "serve/serve.h"
#include "site/incremental.h"
#include "site/output_dir.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <mutex>
#include <thread>

namespace fs = std::filesystem;
using namespace std::chrono;

namespace icips::serve {
namespace {

// How often an idle event stream writes a comment: a write is how a client that went away is noticed.
constexpr auto kHeartbeat = seconds(1);
// How often, without changes, the output folder is looked at (a deleted one is built again).
constexpr auto kOutputCheck = milliseconds(500);
constexpr const char* kAnyPath = R"([\s\S]*)";
constexpr const char* kText = "text/plain; charset=utf-8";

std::string build_errors(const site::BuildReport& report) {
    std::string text;
    for (const auto& d : report.errors) text += format(d) + "\n";
    if (!report.fatal.empty()) text += report.fatal + "\n";
    if (!text.empty()) text.pop_back();
    return text;
}

bool only_stylesheets(const Change& change) {
    return !change.overflowed && !change.paths.empty() &&
           std::all_of(change.paths.begin(), change.paths.end(), [](const fs::path& p) { return p.extension() == ".css"; });
}

bool is_loopback(const std::string& address) {
    in_addr v4{};
    in6_addr v6{};
    if (::inet_pton(AF_INET, address.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    if (::inet_pton(AF_INET6, address.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
    return address == "localhost";
}

// A Host header naming this machine's loopback interface ("localhost:1313", "127.0.0.1", "[::1]:80"),
// or none at all.
bool names_loopback(const std::string& host) {
    if (host.empty()) return true;
    const size_t end = host.starts_with('[') ? host.find(']') : host.rfind(':');
    const std::string name = host.starts_with('[') ? host.substr(1, end == std::string::npos ? end : end - 1)
                                                   : host.substr(0, end);
    return is_loopback(name);
}

int milliseconds_since(steady_clock::time_point start) {
    return static_cast<int>(duration_cast<milliseconds>(steady_clock::now() - start).count());
}

std::vector<fs::path> watched_folders(const site::BuildOptions& build) {
    std::vector<fs::path> folders = build.themes();
    folders.insert(folders.begin(), build.content_dir);
    return folders;
}

// The generation a page was served with: EventSource's Last-Event-ID on a reconnection, else ?since=.
std::optional<uint64_t> seen_generation(const httplib::Request& req) {
    const std::string text =
        req.has_header("Last-Event-ID") ? req.get_header_value("Last-Event-ID") : req.get_param_value("since");
    uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

void refuse_method(httplib::Response& res) {
    res.status = 405;
    res.set_header("Allow", "GET, HEAD");
    res.set_content("only GET and HEAD are allowed\n", kText);
}

}  // namespace

struct PreviewServer::Running {
    explicit Running(const ServeOptions& options)
        : http(ConnectionLimits{.request_deadline = options.request_deadline,
                                .max_waiting = options.max_waiting_connections}),
          hub(options.max_event_clients) {}

    void serve_get(const httplib::Request& req, httplib::Response& res);
    void serve_events(const httplib::Request& req, httplib::Response& res);
    void serve_not_found(httplib::Response& res, const SiteState& state);
    void rebuild_loop();
    // The base path the last good build was made for: the site is served under it.
    std::string base_path() const {
        std::lock_guard lock(base_mutex);
        return base;
    }
    void set_base_path(std::string path) {
        std::lock_guard lock(base_mutex);
        base = std::move(path);
    }
    // The address of the site's home page: url with the base path.
    std::string home() const { return url.substr(0, url.size() - 1) + base_path() + "/"; }

    fs::path root;
    mutable std::mutex base_mutex;
    std::string base;
    Rebuild rebuild;
    std::function<void(const std::string&)> log;
    milliseconds quiet{};
    bool output_written = false;  // the last build succeeded, so the output folder is there (rebuild thread)
    HttpServer http;
    EventHub hub;
    std::unique_ptr<Watcher> watcher;
    std::thread listener, rebuilder;
    int port = 0;
    std::string url;
};

void PreviewServer::Running::serve_get(const httplib::Request& req, httplib::Response& res) {
    const RequestPath request = canonical_request_path(req.target);
    // Read the state before the file: a build that finishes in between makes the page look older
    // than it is (an extra reload), never newer (a missed one).
    const SiteState state = hub.state();
    if (request.status == 404) return serve_not_found(res, state);
    if (request.status != 200) {
        res.status = request.status;
        res.set_content("refused: the path is malformed or leaves the site\n", kText);
        return;
    }
    if (request.path == "/__events") return serve_events(req, res);
    // The site is served under its base path, as it will be published; "/" leads there, and
    // anything else outside it is not the site's.
    const std::string base = base_path();
    if (!base.empty() && (request.path == "/" || request.path == base))
        return res.set_redirect(base + "/" + (request.query.empty() ? "" : "?" + request.query), 302);
    if (!base.empty() && !request.path.starts_with(base + "/")) return serve_not_found(res, state);
    SiteFile file = read_site_file(root, request.path.substr(base.size()));
    switch (file.kind) {
        case SiteFile::Kind::File: {
            const std::string type = mime_type(file.name);
            res.set_content(type.starts_with("text/html") ? with_live_reload(std::move(file.bytes), state)
                                                          : std::move(file.bytes),
                            type);
            return;
        }
        case SiteFile::Kind::Directory:
            // 302, not 301: browsers keep a 301 for good, and in a preview a folder may become a file.
            return res.set_redirect(request.path + "/" + (request.query.empty() ? "" : "?" + request.query), 302);
        case SiteFile::Kind::Refused:
            res.status = 403;
            res.set_content("refused: the path leads outside the site\n", kText);
            return;
        case SiteFile::Kind::Missing:
            return serve_not_found(res, state);
    }
}

void PreviewServer::Running::serve_not_found(httplib::Response& res, const SiteState& state) {
    SiteFile page = read_site_file(root, "/404.html");
    std::string html = page.kind == SiteFile::Kind::File
                           ? std::move(page.bytes)
                           : "<!DOCTYPE html>\n<html lang=\"en\">\n<title>Page not found</title>\n<body>\n"
                             "<h1>Page not found</h1>\n</body>\n</html>\n";
    res.status = 404;
    res.set_content(with_live_reload(std::move(html), state), mime_type(".html"));
}

void PreviewServer::Running::serve_events(const httplib::Request& req, httplib::Response& res) {
    std::shared_ptr<void> place = hub.join();
    if (!place) {
        res.status = 503;
        res.set_header("Retry-After", "2");
        res.set_content("too many live-reload streams are open\n", kText);
        return;
    }
    uint64_t seen = seen_generation(req).value_or(hub.state().generation);
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider(
        "text/event-stream", [this, place, seen, opened = false](size_t, httplib::DataSink& sink) mutable {
            if (!opened) {
                opened = true;
                constexpr std::string_view kRetry = "retry: 1000\n\n";
                if (!sink.write(kRetry.data(), kRetry.size())) return false;
            }
            const std::optional<std::string> message = hub.next_message(seen, kHeartbeat);
            if (!message) {
                sink.done();
                return true;
            }
            return sink.write(message->data(), message->size());
        });
}

void PreviewServer::Running::rebuild_loop() {
    for (;;) {
        try {
            // Without a change, the loop still wakes now and then to look at the output folder.
            const std::optional<Change> change = watcher->next_change(quiet, seconds(1), kOutputCheck);
            if (!change) return;
            if (!change->missing.empty()) {
                // Nothing to build from: say so over the last good site until the folder is back.
                std::string gone;
                for (const auto& folder : change->missing)
                    gone += folder.string() + ": the folder is gone (deleted or moved away); it is watched again as soon as a folder is back there\n";
                gone.pop_back();
                hub.publish(false, gone, false);
                if (log) log(gone + "\nnothing is built until then: the last good site is still served");
                continue;
            }
            // The output folder deleted while serving: a full build writes it again, marked as the
            // build's own. Once one has failed, waiting for the next change is enough.
            const bool output_gone = !fs::exists(root / site::kOutputMarker);
            if (change->empty() && !(output_gone && output_written)) continue;
            const bool full = output_gone || change->overflowed || !change->returned.empty();
            if (log) {
                for (const auto& folder : change->returned) log(folder.string() + " is there again: watching it anew, full build");
                if (output_gone && output_written) log("the output folder " + root.string() + " was deleted: building it again");
            }
            const auto started = steady_clock::now();
            const auto changed_at = change->empty() ? started : change->first_event;
            site::BuildReport report;
            try {
                // A full build: anything may have changed, which an empty list says.
                report = rebuild(full ? std::vector<fs::path>{} : change->paths);
            } catch (const std::exception& e) {
                report.fatal = std::string("the build stopped: ") + e.what();
            }
            output_written = report.ok();
            const bool css = !full && only_stylesheets(*change);
            if (report.ok()) set_base_path(report.base_path);
            hub.publish(report.ok(), build_errors(report), css);
            if (!log) continue;
            if (report.ok())
                log("rebuilt " + std::to_string(report.pages) + " pages in " + std::to_string(milliseconds_since(started)) +
                    " ms; " + (css ? "stylesheets swapped " : "pages reloaded ") +
                    std::to_string(milliseconds_since(changed_at)) + " ms after the change" +
                    (report.warnings.empty() ? "" : " (" + report.warnings.back() + ")"));
            else
                log(build_errors(report) + "\nthe build failed: the last good site is still served, with these errors over it");
        } catch (const std::exception& e) {
            if (log) log(std::string("watching for changes failed: ") + e.what());
            return;
        }
    }
}

PreviewServer::PreviewServer(ServeOptions options) : options_(std::move(options)) {}

PreviewServer::~PreviewServer() { stop(); }

site::BuildReport PreviewServer::start() {
    if (running_) throw std::logic_error("the preview server is already running");
    auto r = std::make_unique<Running>(options_);
    r->root = fs::absolute(options_.build.out_dir);
    r->log = options_.log;
    r->quiet = options_.quiet;
    if (options_.rebuild) {
        r->rebuild = options_.rebuild;
    } else {
        // One builder keeps the site in memory between rebuilds and re-renders only what a change touches.
        auto builder = std::make_shared<site::SiteBuilder>(options_.build);
        r->rebuild = [builder](const std::vector<fs::path>& changed) {
            site::BuildReport report = builder->rebuild(changed);
            if (!changed.empty() && !builder->last_incremental())
                report.warnings.push_back("full build: " + builder->full_reason());
            return report;
        };
    }
    // Watch before the first build, so that nothing saved while it runs is missed.
    r->watcher = std::make_unique<Watcher>(watched_folders(options_.build));
    // Listen before building, so that an address that cannot be used leaves the output untouched.
    // Connections wait in the listening queue until the server starts.
    r->port = r->http.listen_on(options_.bind, options_.port);
    site::BuildReport report = r->rebuild({});
    if (report.unsafe_output) return report;
    r->output_written = report.ok();
    r->set_base_path(report.base_path);
    r->hub.publish(report.ok(), build_errors(report), false);

    httplib::Server& http = r->http;
    const size_t threads = options_.page_workers + options_.max_event_clients;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_keep_alive_max_count(1000);
    http.set_keep_alive_timeout(2);
    http.set_read_timeout(2);
    http.set_write_timeout(2);
    http.set_payload_max_length(1 << 20);
    http.set_default_headers({{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}});
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content("the server failed to answer this request\n", kText);
    });
    Running* running = r.get();
    const bool loopback = is_loopback(options_.bind);
    http.set_pre_routing_handler([running, loopback](const httplib::Request& req, httplib::Response& res) {
        // On loopback, a Host naming anything else is a page elsewhere reaching in by DNS rebinding.
        if (loopback && !names_loopback(req.get_header_value("Host"))) {
            res.status = 403;
            res.set_content("refused: open the preview at " + running->home() + "\n", kText);
            return httplib::Server::HandlerResponse::Handled;
        }
        if (req.method == "GET" || req.method == "HEAD") {
            running->serve_get(req, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        // Methods that may carry a body go on to the handlers below, after httplib has read the
        // body, so that the connection stays in step.
        static const std::vector<std::string> kWithBody = {"POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
        if (std::find(kWithBody.begin(), kWithBody.end(), req.method) != kWithBody.end())
            return httplib::Server::HandlerResponse::Unhandled;
        refuse_method(res);
        return httplib::Server::HandlerResponse::Handled;
    });
    const auto refuse = [](const httplib::Request&, httplib::Response& res) { refuse_method(res); };
    http.Post(kAnyPath, refuse).Put(kAnyPath, refuse).Patch(kAnyPath, refuse).Delete(kAnyPath, refuse).Options(kAnyPath, refuse);

    const bool ipv6 = options_.bind.find(':') != std::string::npos;
    r->url = "http://" + (ipv6 ? "[" + options_.bind + "]" : options_.bind) + ":" + std::to_string(r->port) + "/";

    // httplib's workers are started by the listening thread and inherit its signal mask: with
    // SIGPIPE blocked, a write to a client that went away fails with EPIPE instead of killing us.
    sigset_t pipe, previous;
    ::sigemptyset(&pipe);
    ::sigaddset(&pipe, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipe, &previous);
    auto listening_ended = std::make_shared<std::atomic<bool>>(false);
    r->listener = std::thread([&http, listening_ended] {
        http.listen_after_bind();
        *listening_ended = true;
    });
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    // stop() only reaches a server that has started listening.
    while (!http.is_running() && !*listening_ended) std::this_thread::sleep_for(milliseconds(1));
    if (!http.is_running()) {
        r->listener.join();
        throw std::system_error(std::make_error_code(std::errc::address_in_use), "cannot listen on " + r->url);
    }
    r->rebuilder = std::thread([running] { running->rebuild_loop(); });
    running_ = std::move(r);
    return report;
}

void PreviewServer::stop() {
    if (!running_) return;
    running_->watcher->stop();
    running_->hub.close();
    running_->http.stop();
    running_->http.close_connections();
    running_->listener.join();
    running_->rebuilder.join();
    running_.reset();
}

int PreviewServer::port() const { return running_ ? running_->port : 0; }

std::string PreviewServer::url() const { return running_ ? running_->home() : std::string(); }

size_t PreviewServer::event_clients() const { return running_ ? running_->hub.clients() : 0; }

int run_serve(ServeOptions options, std::ostream& out, std::ostream& err) {
    // SIGINT and SIGTERM are blocked before any thread starts, so every thread inherits the block
    // and only sigwait() below takes them.
    sigset_t stop_signals, previous;
    ::sigemptyset(&stop_signals);
    ::sigaddset(&stop_signals, SIGINT);
    ::sigaddset(&stop_signals, SIGTERM);
    ::pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
    struct RestoreMask {
        sigset_t mask;
        ~RestoreMask() { ::pthread_sigmask(SIG_SETMASK, &mask, nullptr); }
    } restore{previous};

    if (!options.log) options.log = [&out](const std::string& line) { out << line << std::endl; };
    PreviewServer server(options);
    const auto started = steady_clock::now();
    try {
        const site::BuildReport report = server.start();
        if (report.unsafe_output) {
            err << "icips-site: " << report.fatal << std::endl;
            return 2;
        }
        if (report.ok())
            out << "built " << report.pages << " pages into " << options.build.out_dir.string() << " in "
                << milliseconds_since(started) << " ms" << std::endl;
        else
            err << build_errors(report) << "\nicips-site: the site did not build; serving the last good site with "
                << "the errors shown over every page" << std::endl;
    } catch (const std::system_error& e) {
        err << "icips-site: " << e.what() << std::endl;
        // An address that cannot be listened on, a folder given that is missing or cannot be read.
        const bool usage = dynamic_cast<const ListenError*>(&e) || e.code() == std::errc::not_a_directory ||
                           e.code() == std::errc::no_such_file_or_directory || e.code() == std::errc::permission_denied;
        return usage ? 2 : 1;
    }
    if (!is_loopback(options.bind))
        err << "warning: listening on " << options.bind
            << ": anyone who can reach this machine can read the site; --bind 127.0.0.1 keeps it private" << std::endl;
    out << "serving " << server.url() << " (Ctrl-C stops)" << std::endl;
    int signal = 0;
    ::sigwait(&stop_signals, &signal);
    const auto stopping = steady_clock::now();
    server.stop();
    out << "stopped in " << milliseconds_since(stopping) << " ms" << std::endl;
    return 0;
}

}  // namespace icips::serve
