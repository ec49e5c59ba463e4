// The preview server as a reviewer meets it: pages with live reload, hostile paths refused,
// reloads that are never early, build errors shown over the last good page, a clean stop.
#include "serve/serve.h"

#include "content_tree.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using namespace std::chrono;
using icips::serve::canonical_request_path;
using icips::serve::EventHub;
using icips::serve::PreviewServer;
using icips::serve::ServeOptions;
using icips::serve::with_live_reload;

extern char** environ;

namespace {

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

int elapsed_ms(steady_clock::time_point since) {
    return static_cast<int>(duration_cast<milliseconds>(steady_clock::now() - since).count());
}

// ---- A small HTTP client on raw sockets, so that requests go out byte for byte as written ----------

struct Socket {
    int fd = -1;
    explicit Socket(int port) {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            ::close(fd);
            fd = -1;
        }
    }
    ~Socket() {
        if (fd >= 0) ::close(fd);
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    bool send(std::string_view bytes) const {
        return ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
    }
    // Appends what arrives within `timeout` to `into`; false on timeout, end of stream or error.
    bool receive(std::string& into, milliseconds timeout) const {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
        char buffer[16384];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) return false;
        into.append(buffer, static_cast<size_t>(n));
        return true;
    }
};

struct Response {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    std::string header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// Reads one response from `pending` (bytes already received) and the socket; a HEAD response has no body.
Response read_response(const Socket& socket, std::string& pending, bool head = false) {
    Response response;
    size_t end;
    while ((end = pending.find("\r\n\r\n")) == std::string::npos)
        if (!socket.receive(pending, seconds(10))) return response;
    std::istringstream lines(pending.substr(0, end));
    std::string line;
    std::getline(lines, line);
    response.status = std::atoi(line.substr(line.find(' ') + 1).c_str());
    while (std::getline(lines, line)) {
        const size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        if (value.ends_with('\r')) value.pop_back();
        response.headers[name] = value;
    }
    pending.erase(0, end + 4);
    const size_t length = head ? 0 : std::strtoul(response.header("content-length").c_str(), nullptr, 10);
    while (pending.size() < length)
        if (!socket.receive(pending, seconds(10))) break;
    response.body = pending.substr(0, length);
    pending.erase(0, std::min(length, pending.size()));
    return response;
}

Response request(int port, const std::string& method, const std::string& target, const std::string& body = "") {
    const Socket socket(port);
    std::string text = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!body.empty()) text += "Content-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    socket.send(text + "\r\n" + body);
    std::string pending;
    return read_response(socket, pending, method == "HEAD");
}

Response get(int port, const std::string& target) { return request(port, "GET", target); }

struct Event {
    std::string name, data;
};

// An /__events stream read the way EventSource reads it (chunked transfer decoded, comments skipped).
class EventStream {
public:
    explicit EventStream(int port, const std::string& target = "/__events") : socket_(port) {
        socket_.send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
        response_ = read_response(socket_, raw_, true);
    }
    int status() const { return response_.status; }
    const Response& response() const { return response_; }
    // True once the server's first message (the retry interval) has arrived: the stream is subscribed.
    bool opened() {
        decode();  // the first chunk may have come with the headers
        while (!contains(text_, "retry:"))
            if (!pull(seconds(5))) return false;
        return true;
    }
    // The next named event within `timeout`.
    std::optional<Event> next(milliseconds timeout = seconds(15)) {
        const auto deadline = steady_clock::now() + timeout;
        decode();
        for (;;) {
            size_t end;
            while ((end = text_.find("\n\n")) != std::string::npos) {
                const std::string block = text_.substr(0, end);
                text_.erase(0, end + 2);
                Event event;
                std::istringstream lines(block);
                for (std::string line; std::getline(lines, line);) {
                    if (line.starts_with("event: ")) event.name = line.substr(7);
                    if (line.starts_with("data: ")) event.data += (event.data.empty() ? "" : "\n") + line.substr(6);
                }
                if (!event.name.empty()) return event;
            }
            const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
            if (left.count() <= 0 || !pull(left)) return std::nullopt;
        }
    }

private:
    bool pull(milliseconds timeout) {
        if (!socket_.receive(raw_, timeout)) return false;
        decode();
        return true;
    }
    void decode() {  // every complete chunk
        for (;;) {
            const size_t line_end = raw_.find("\r\n");
            if (line_end == std::string::npos) return;
            const size_t size = std::strtoul(raw_.substr(0, line_end).c_str(), nullptr, 16);
            if (raw_.size() < line_end + 2 + size + 2) return;
            text_ += raw_.substr(line_end + 2, size);
            raw_.erase(0, line_end + 2 + size + 2);
        }
    }
    Socket socket_;
    Response response_;
    std::string raw_, text_;
};

// ---- A small site, served in-process on an ephemeral port ----------------------------------------

std::string guide(const std::string& text) { return "---\ntitle: Guide\n---\n" + text + "\n"; }

struct ServedSite : ContentTree {
    fs::path content = root / "content";
    fs::path out = root / "out";
    ServeOptions options;
    std::unique_ptr<PreviewServer> server;
    icips::site::BuildReport first_build;

    ServedSite() {
        write("content/index.md", "---\ntitle: Home\n---\nWelcome home.\n");
        write("content/guide.md", guide("First version."));
        options.build.content_dir = content;
        options.build.out_dir = out;
        options.build.default_theme = fs::path(ICIPS_SOURCE_DIR) / "themes/default";
        options.port = 0;
    }
    void start() {
        server = std::make_unique<PreviewServer>(options);
        first_build = server->start();
    }
    int port() const { return server->port(); }
    // Saves `text` as `relative` and waits for the next event on `events` (no name if none came).
    Event save(EventStream& events, const std::string& relative, const std::string& text) const {
        write(relative, text);
        return events.next().value_or(Event{});
    }
};

// ---- Request paths -----------------------------------------------------------------------------

TEST(RequestPath, CanonicalisesOrdinaryPaths) {
    EXPECT_EQ(canonical_request_path("/").path, "/");
    EXPECT_EQ(canonical_request_path("/grades/member/").path, "/grades/member/");
    EXPECT_EQ(canonical_request_path("/assets/site.css").path, "/assets/site.css");
    EXPECT_EQ(canonical_request_path("//grades///member").path, "/grades/member");
    EXPECT_EQ(canonical_request_path("/%41bc/").path, "/Abc/");
    EXPECT_EQ(canonical_request_path("/a%20b").path, "/a b");
    EXPECT_EQ(canonical_request_path("/caf%C3%A9").path, "/caf\xC3\xA9");
    // Decoded once only: "%252e" is the three characters "%2e", not a dot.
    EXPECT_EQ(canonical_request_path("/%252e%252e/").path, "/%2e%2e/");
    const auto with_query = canonical_request_path("/assets/site.css?icips-serve=7&x=/../");
    EXPECT_EQ(with_query.status, 200);
    EXPECT_EQ(with_query.path, "/assets/site.css");
    EXPECT_EQ(with_query.query, "icips-serve=7&x=/../");
}

TEST(RequestPath, RefusesHostilePaths) {
    const std::vector<std::pair<std::string, int>> hostile = {
        {"", 400},
        {"*", 400},
        {"grades/", 400},
        {"http://example.org/", 400},
        {"\\..\\..\\etc\\passwd", 400},
        {"/..", 400},
        {"/../", 400},
        {"/../etc/passwd", 400},
        {"/grades/../../etc/passwd", 400},
        {"/./index.html", 400},
        {"/grades/.", 400},
        {"/%2e%2e/etc/passwd", 400},
        {"/%2E%2E/%2E%2E/etc/passwd", 400},
        {"/.%2e/etc/passwd", 400},
        {"/%2e./etc/passwd", 400},
        {"/%2e", 400},
        {"/..%2fetc%2fpasswd", 400},
        {"/%2f%2fetc/passwd", 400},
        {"/grades%2F..%2F..%2Fetc", 400},
        {"/%5c..%5c..%5cetc%5cpasswd", 400},
        {"/..\\etc\\passwd", 400},
        {"/grades\\member", 400},
        {"/index.html%00.css", 400},
        {"/%00", 400},
        {std::string("/a\0b", 4), 400},
        {"/a%0d%0aSet-Cookie:x", 400},
        {"/a%7f", 400},
        {"/%", 400},
        {"/%2", 400},
        {"/%zz", 400},
        {"/%%32%65%%32%65/", 400},
        {"/%c0%ae%c0%ae/etc/passwd", 400},  // overlong UTF-8 for "."
        {"/%ff", 400},
        {"/page#fragment", 400},
        {"/.icips-site", 404},
        {"/.git/config", 404},
        {"/grades/.hidden/", 404},
    };
    for (const auto& [target, status] : hostile) {
        const auto result = canonical_request_path(target);
        EXPECT_EQ(result.status, status) << target;
        EXPECT_TRUE(result.path.empty()) << target << " -> " << result.path;
    }
}

TEST(RequestPath, NoAcceptedPathCanClimbOrHideASeparator) {
    // Whatever is accepted is made of plain segments only.
    for (const std::string target : {"/a/b/", "//x//y", "/%41/%42", "/a%20b/c", "/x?y=../..", "/caf%C3%A9/"}) {
        const auto result = canonical_request_path(target);
        ASSERT_EQ(result.status, 200) << target;
        EXPECT_FALSE(contains(result.path, "/../") || result.path.ends_with("/..") || contains(result.path, "//") ||
                     contains(result.path, "\\"))
            << result.path;
    }
}

TEST(MimeType, ByExtension) {
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"index.html", "text/html; charset=utf-8"},     {"site.css", "text/css; charset=utf-8"},
        {"answers.js", "text/javascript; charset=utf-8"}, {"standards.json", "application/json"},
        {"sitemap.xml", "application/xml"},             {"logo.svg", "image/svg+xml"},
        {"logo.PNG", "image/png"},                      {"font.woff2", "font/woff2"},
        {"pack.pdf", "application/pdf"},                {"robots.txt", "text/plain; charset=utf-8"},
        {"archive.tar.gz", "application/octet-stream"}, {"README", "application/octet-stream"},
    };
    for (const auto& [name, type] : expected) EXPECT_EQ(icips::serve::mime_type(name), type) << name;
}

// ---- What the server adds to a page --------------------------------------------------------------

TEST(LiveReload, ClientGoesBeforeTheLastBodyTag) {
    icips::serve::SiteState good{41, false, ""};
    const std::string page = with_live_reload("<html><body><p>x</p></body></html>\n", good);
    const size_t script = page.find("<script>");
    ASSERT_NE(script, std::string::npos);
    EXPECT_LT(script, page.find("</body>"));
    EXPECT_TRUE(contains(page, "/__events?since=41"));
    EXPECT_FALSE(contains(page, "role=\"alertdialog\""));  // a good build shows no overlay
    EXPECT_LT(with_live_reload("<BODY>x</BODY>", good).find("<script>"), with_live_reload("<BODY>x</BODY>", good).find("</BODY>"));
    EXPECT_TRUE(with_live_reload("no body", good).starts_with("no body<script>"));
}

TEST(LiveReload, FailedBuildAddsAnAccessibleOverlayWithEscapedErrors) {
    icips::serve::SiteState failed{7, true, "content/a.md:3:5: unknown key '<script>alert(1)</script>' & more\nb.yaml:1:1: x"};
    const std::string page = with_live_reload("<body><main>last good</main></body>", failed);
    EXPECT_TRUE(contains(page, "role=\"alertdialog\""));
    EXPECT_TRUE(contains(page, "aria-labelledby=\"icips-serve-overlay-title\""));
    EXPECT_TRUE(contains(page, "<button type=\"button\""));
    EXPECT_TRUE(contains(page, "content/a.md:3:5: unknown key &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39; &amp; more"));
    EXPECT_FALSE(contains(page, "<script>alert(1)"));
    EXPECT_TRUE(contains(page, "<main>last good</main>"));
    // The overlay template inside the script cannot end the script early.
    const size_t script = page.find("<script>");
    EXPECT_EQ(page.find("</script>", script), page.rfind("</script>"));
}

TEST(EventHub, SendsReloadCssOrErrorForEachBuild) {
    EventHub hub(4);
    uint64_t seen = hub.state().generation;
    hub.publish(true, "", false);
    EXPECT_TRUE(contains(*hub.next_message(seen, milliseconds(10)), "event: reload\n"));
    EXPECT_EQ(seen, hub.state().generation);
    hub.publish(true, "", true);
    EXPECT_TRUE(contains(*hub.next_message(seen, milliseconds(10)), "event: css\n"));
    // Nothing new: a heartbeat comment.
    EXPECT_EQ(*hub.next_message(seen, milliseconds(10)), ":\n\n");
    hub.publish(false, "a.md:1:2: first\nb.md:3:4: second", false);
    const std::string error = *hub.next_message(seen, milliseconds(10));
    EXPECT_TRUE(contains(error, "event: error\ndata: a.md:1:2: first\ndata: b.md:3:4: second\n\n")) << error;
    // A stylesheet-only fix after a failed build must clear the overlay: a reload, not a swap.
    hub.publish(true, "", true);
    EXPECT_TRUE(contains(*hub.next_message(seen, milliseconds(10)), "event: reload\n"));
    // A stream that missed a build cannot know what changed: reload.
    uint64_t behind = seen;
    hub.publish(true, "", false);
    hub.publish(true, "", true);
    EXPECT_TRUE(contains(*hub.next_message(behind, milliseconds(10)), "event: reload\n"));
    hub.close();
    EXPECT_FALSE(hub.next_message(seen, seconds(5)).has_value());
}

// The fields of one Server-Sent Events message as EventSource reads them: a line ends at CRLF, LF or
// a lone CR; "name: value"; a repeated data field joins with a line feed.
std::vector<std::pair<std::string, std::string>> sse_fields(const std::string& message) {
    std::vector<std::pair<std::string, std::string>> fields;
    for (size_t start = 0; start < message.size();) {
        size_t end = message.find_first_of("\r\n", start);
        if (end == std::string::npos) end = message.size();
        const std::string line = message.substr(start, end - start);
        start = end + (message.compare(end, 2, "\r\n") == 0 ? 2 : 1);
        if (line.empty()) break;  // the message ends
        const size_t colon = line.find(':');
        std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
        if (value.starts_with(' ')) value.erase(0, 1);
        if (colon != 0) fields.emplace_back(line.substr(0, colon), value);
    }
    return fields;
}

TEST(EventHub, ErrorTextCannotForgeAnEventOrARetryInterval) {
    using Fields = std::vector<std::pair<std::string, std::string>>;
    EventHub hub(1);
    uint64_t seen = hub.state().generation;
    hub.publish(false, "a.md:1:2: bad \"x\rretry: 99999\revent: reload\r\rid: 1\"\r\nb.md:3:4: second\nthird", false);
    const Fields fields = sse_fields(*hub.next_message(seen, milliseconds(10)));
    const Fields expected = {{"id", std::to_string(seen)}, {"event", "error"},
                             {"data", "a.md:1:2: bad \"x"}, {"data", "retry: 99999"}, {"data", "event: reload"},
                             {"data", ""}, {"data", "id: 1\""}, {"data", "b.md:3:4: second"}, {"data", "third"}};
    EXPECT_EQ(fields, expected);
    EXPECT_EQ(sse_fields(icips::serve::sse_message("reload", 7, "")), (Fields{{"id", "7"}, {"event", "reload"}, {"data", ""}}));
}

TEST(EventHub, BoundsItsClientsAndGivesPlacesBack) {
    EventHub hub(2);
    auto first = hub.join(), second = hub.join();
    EXPECT_TRUE(first && second);
    EXPECT_FALSE(hub.join());
    EXPECT_EQ(hub.clients(), 2u);
    first.reset();
    EXPECT_EQ(hub.clients(), 1u);
    EXPECT_TRUE(hub.join());
}

// ---- Watching ----------------------------------------------------------------------------------

TEST(Watcher, SeesFilesInNewFoldersAndCoalescesABurst) {
    ContentTree t;
    t.write("content/index.md", "x");
    icips::serve::Watcher watcher({t.root / "content"});
    auto writer = std::async(std::launch::async, [&] {
        fs::create_directories(t.root / "content/new/deeper");
        t.write("content/new/deeper/page.md", "one");
        for (int i = 0; i < 5; ++i) t.write("content/burst-" + std::to_string(i) + ".md", "two");
        t.write("content/.page.md.swp", "editor");
        t.write("content/page.md~", "backup");
    });
    const auto change = watcher.next_change(milliseconds(100));
    writer.get();
    ASSERT_TRUE(change.has_value());
    const auto& paths = change->paths;
    const auto has = [&](const fs::path& p) { return std::find(paths.begin(), paths.end(), p) != paths.end(); };
    EXPECT_TRUE(has(t.root / "content/new/deeper/page.md"));
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(has(t.root / ("content/burst-" + std::to_string(i) + ".md"))) << i;
    EXPECT_FALSE(has(t.root / "content/.page.md.swp"));
    EXPECT_FALSE(has(t.root / "content/page.md~"));

    // The new folder is watched from now on.
    auto later = std::async(std::launch::async, [&] { t.write("content/new/deeper/page.md", "three"); });
    const auto next = watcher.next_change(milliseconds(50));
    later.get();
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->paths, std::vector<fs::path>{t.root / "content/new/deeper/page.md"});

    auto stopper = std::async(std::launch::async, [&] {
        std::this_thread::sleep_for(milliseconds(50));
        watcher.stop();
    });
    EXPECT_FALSE(watcher.next_change(milliseconds(50)).has_value());
}

TEST(Watcher, FollowsARootThatIsDeletedMovedAwayOrReplaced) {
    ContentTree t;
    t.write("content/sub/page.md", "x");
    const fs::path content = t.root / "content";
    icips::serve::Watcher watcher({content});
    const auto after = [&](const std::function<void()>& act) {
        auto acting = std::async(std::launch::async, act);
        auto change = watcher.next_change(milliseconds(100), seconds(1), seconds(5));
        acting.get();
        return change.value_or(icips::serve::Change{});
    };
    const auto has = [](const icips::serve::Change& c, const fs::path& p) {
        return std::find(c.paths.begin(), c.paths.end(), p) != c.paths.end();
    };

    // Deleted: reported missing.
    auto change = after([&] { fs::remove_all(content); });
    EXPECT_EQ(change.missing, std::vector<fs::path>{content});
    // Nothing else happens meanwhile: an empty change after the idle time.
    EXPECT_TRUE(watcher.next_change(milliseconds(50), seconds(1), milliseconds(600))->empty());

    // Back: watched anew, with what is in it.
    change = after([&] { t.write("content/sub/page.md", "back"); });
    EXPECT_TRUE(change.missing.empty());
    EXPECT_EQ(change.returned, std::vector<fs::path>{content});
    EXPECT_TRUE(has(change, content / "sub/page.md"));
    change = after([&] { t.write("content/sub/page.md", "edited"); });
    EXPECT_EQ(change.paths, std::vector<fs::path>{content / "sub/page.md"});

    // Moved away and replaced by another folder: the old one is no longer reported as the root.
    change = after([&] {
        fs::rename(content, t.root / "old");
        t.write("new/sub/page.md", "new");
        fs::rename(t.root / "new", content);
    });
    EXPECT_TRUE(change.missing.empty());
    EXPECT_EQ(change.returned, std::vector<fs::path>{content});
    change = after([&] {
        t.write("old/sub/page.md", "old edit");
        t.write("content/sub/page.md", "new edit");
    });
    EXPECT_EQ(change.paths, std::vector<fs::path>{content / "sub/page.md"});
    EXPECT_TRUE(change.returned.empty());
}

TEST(Watcher, RefusesAFolderThatDoesNotExist) {
    ContentTree t;
    EXPECT_THROW(icips::serve::Watcher({t.root / "missing"}), std::system_error);
}

// ---- Serving -----------------------------------------------------------------------------------

TEST(Serve, PagesCarryTheClientButTheFilesOnDiskDoNot) {
    ServedSite s;
    s.start();
    ASSERT_TRUE(s.first_build.ok());
    ASSERT_GT(s.port(), 0);
    EXPECT_EQ(s.server->url(), "http://127.0.0.1:" + std::to_string(s.port()) + "/");

    const Response page = get(s.port(), "/guide/");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
    EXPECT_TRUE(contains(page.body, "First version."));
    EXPECT_TRUE(contains(page.body, "new EventSource(\"/__events?since="));
    EXPECT_LT(page.body.find("<script>"), page.body.rfind("</body>"));
    const std::string on_disk = slurp(s.out / "guide/index.html");
    EXPECT_TRUE(contains(on_disk, "First version."));
    EXPECT_FALSE(contains(on_disk, "__events"));
    EXPECT_FALSE(contains(on_disk, "EventSource"));

    const Response css = get(s.port(), "/assets/site.css?icips-serve=3");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
    EXPECT_EQ(css.body, slurp(s.out / "assets/site.css"));  // only HTML gets the client
    EXPECT_EQ(get(s.port(), "/sitemap.xml").header("content-type"), "application/xml");
    EXPECT_EQ(get(s.port(), "/").status, 200);

    const Response head = request(s.port(), "HEAD", "/guide/");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-length"), std::to_string(page.body.size()));
    EXPECT_TRUE(head.body.empty());
}

TEST(Serve, TraversalAttemptsAreRefused) {
    ServedSite s;
    s.write("secret.txt", "top secret");
    s.start();
    // Symlinks in the output directory: absolute and relative ones leading out are refused, one that
    // stays inside is followed.
    fs::create_symlink(s.root / "secret.txt", s.out / "leak.txt");
    fs::create_symlink("..", s.out / "up");
    fs::create_symlink("/etc", s.out / "etc");
    fs::create_symlink("assets/site.css", s.out / "alias.css");
    for (const std::string target :
         {"/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd", "/..%2fsecret.txt",
          "/..%2F..%2Fetc%2Fpasswd", "\\..\\secret.txt", "/\\..\\secret.txt", "/%5c..%5csecret.txt", "/guide/index.html%00",
          "/leak.txt", "/up/secret.txt", "/up/out/index.html", "/etc/passwd", "/etc/", "/.icips-site"}) {
        const Response r = get(s.port(), target);
        EXPECT_TRUE(r.status == 400 || r.status == 403 || r.status == 404) << target << " -> " << r.status;
        EXPECT_FALSE(contains(r.body, "top secret")) << target;
        EXPECT_FALSE(contains(r.body, "root:")) << target;
    }
    EXPECT_EQ(get(s.port(), "/leak.txt").status, 403);
    EXPECT_EQ(get(s.port(), "/%2e%2e/secret.txt").status, 400);
    const Response alias = get(s.port(), "/alias.css");
    EXPECT_EQ(alias.status, 200);
    EXPECT_EQ(alias.body, slurp(s.out / "assets/site.css"));
}

TEST(Serve, OnLoopbackOtherHostNamesAreRefused) {
    ServedSite s;
    s.start();
    const auto with_host = [&](const std::string& host) {
        const Socket socket(s.port());
        socket.send("GET /guide/ HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        std::string pending;
        return read_response(socket, pending);
    };
    const std::string port = std::to_string(s.port());
    for (const std::string& host : std::vector<std::string>{"localhost:" + port, "127.0.0.1:" + port, "127.0.0.1", "[::1]:" + port})
        EXPECT_EQ(with_host(host).status, 200) << host;
    // A page elsewhere whose host name was re-pointed at 127.0.0.1 (DNS rebinding) reads nothing.
    for (const std::string& host :
         std::vector<std::string>{"attacker.example:" + port, "attacker.example", "127.0.0.1.attacker.example", "[::2]"}) {
        const Response r = with_host(host);
        EXPECT_EQ(r.status, 403) << host;
        EXPECT_FALSE(contains(r.body, "First version.")) << host;
    }
}

TEST(Serve, OnlyGetAndHeadAreAllowed) {
    ServedSite s;
    s.start();
    for (const std::string method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"}) {
        const Response r = request(s.port(), method, "/guide/", method == "TRACE" ? "" : "payload");
        EXPECT_EQ(r.status, 405) << method;
        EXPECT_EQ(r.header("allow"), "GET, HEAD") << method;
    }
    // A refused request's body is read (not taken for the next request), so the connection stays in step.
    const Socket socket(s.port());
    socket.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 7\r\n\r\n");
    std::this_thread::sleep_for(milliseconds(50));
    socket.send("payload");
    std::string pending;
    EXPECT_EQ(read_response(socket, pending).status, 405);
    socket.send("GET /guide/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const Response next = read_response(socket, pending);
    EXPECT_EQ(next.status, 200);
    EXPECT_TRUE(contains(next.body, "First version."));
}

TEST(Serve, MissingPagesGetTheSites404PageAndFoldersAreNeverListed) {
    ServedSite s;
    s.start();
    const Response missing = get(s.port(), "/no/such/page/");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.header("content-type"), "text/html; charset=utf-8");
    EXPECT_TRUE(contains(missing.body, "There is no page at this address")) << missing.body;
    EXPECT_TRUE(contains(missing.body, "__events"));
    EXPECT_EQ(get(s.port(), "/.icips-site").status, 404);

    const Response folder = get(s.port(), "/assets/");  // a folder without index.html: not a listing
    EXPECT_EQ(folder.status, 404);
    EXPECT_TRUE(contains(folder.body, "There is no page at this address"));

    const Response redirect = get(s.port(), "/guide?from=nav");
    EXPECT_EQ(redirect.status, 302);
    EXPECT_EQ(redirect.header("location"), "/guide/?from=nav");
    EXPECT_EQ(get(s.port(), "/assets").header("location"), "/assets/");
}

TEST(Serve, TheSiteIsServedUnderItsBasePathAndTheRootLeadsThere) {
    ServedSite s;
    s.options.build.base_url = "https://example.org/standards/";
    s.start();
    EXPECT_EQ(s.server->url(), "http://127.0.0.1:" + std::to_string(s.port()) + "/standards/");
    const Response home = get(s.port(), "/standards/");
    EXPECT_EQ(home.status, 200);
    EXPECT_TRUE(contains(home.body, "Welcome home.")) << home.body;
    EXPECT_TRUE(contains(home.body, "href=\"/standards/assets/site.css\""));
    EXPECT_EQ(get(s.port(), "/standards/assets/site.css").status, 200);
    EXPECT_EQ(get(s.port(), "/standards/guide/").status, 200);
    for (const char* to_home : {"/", "/standards"}) {
        const Response redirect = get(s.port(), to_home);
        EXPECT_EQ(redirect.status, 302) << to_home;
        EXPECT_EQ(redirect.header("location"), "/standards/") << to_home;
    }
    EXPECT_EQ(get(s.port(), "/?q=x").header("location"), "/standards/?q=x");
    EXPECT_EQ(get(s.port(), "/standards/guide").header("location"), "/standards/guide/");
    // Outside the base path there is nothing of the site: a link that forgot the base fails here too.
    const Response outside = get(s.port(), "/guide/");
    EXPECT_EQ(outside.status, 404);
    EXPECT_TRUE(contains(outside.body, "There is no page at this address"));
    EXPECT_EQ(get(s.port(), "/assets/site.css").status, 404);
    EXPECT_EQ(get(s.port(), "/standardsx/").status, 404);
}

TEST(Serve, ReloadIsSentOnlyOnceTheNewPageIsOnDisk) {
    ServedSite s;
    // A slow build: a reload sent when the change is seen, rather than when the build is done,
    // would arrive while the old page is still on disk.
    s.options.rebuild = [build = s.options.build](const std::vector<fs::path>&) {
        std::this_thread::sleep_for(milliseconds(300));
        return icips::site::build_site(build);
    };
    s.start();
    EventStream events(s.port());
    ASSERT_EQ(events.status(), 200);
    EXPECT_EQ(events.response().header("content-type"), "text/event-stream");
    ASSERT_TRUE(events.opened());

    const Event event = s.save(events, "content/guide.md", guide("Second version."));
    const std::string on_disk = slurp(s.out / "guide/index.html");  // read the moment the event arrives
    EXPECT_EQ(event.name, "reload");
    EXPECT_TRUE(contains(on_disk, "Second version.")) << on_disk;
    EXPECT_TRUE(contains(get(s.port(), "/guide/").body, "Second version."));
}

TEST(Serve, BadEditShowsTheErrorOverTheLastGoodPageUntilFixed) {
    ServedSite s;
    s.start();
    EventStream events(s.port());
    ASSERT_TRUE(events.opened());

    const Event error = s.save(events, "content/guide.md", "---\ntitle: [unclosed\n---\nBroken version.\n");
    EXPECT_EQ(error.name, "error");
    EXPECT_TRUE(contains(error.data, "guide.md:3:")) << error.data;

    for (const std::string target : {"/guide/", "/", "/no/such/page/"}) {
        const Response page = get(s.port(), target);
        EXPECT_TRUE(contains(page.body, "role=\"alertdialog\"")) << target;
        EXPECT_TRUE(contains(page.body, "guide.md:3:")) << target;
    }
    const Response last_good = get(s.port(), "/guide/");
    EXPECT_EQ(last_good.status, 200);
    EXPECT_TRUE(contains(last_good.body, "First version."));
    EXPECT_FALSE(contains(last_good.body, "Broken version."));

    // A page opened now, with the generation it was served with, is up to date: no event until the fix.
    const size_t since = last_good.body.find("since=") + 6;
    const std::string generation = last_good.body.substr(since, last_good.body.find_first_not_of("0123456789", since) - since);
    EventStream late(s.port(), "/__events?since=" + generation);
    ASSERT_TRUE(late.opened());
    EXPECT_FALSE(late.next(milliseconds(300)).has_value());

    s.write("content/guide.md", guide("Fixed version."));
    for (EventStream* stream : {&events, &late}) {
        const auto reload = stream->next();
        ASSERT_TRUE(reload.has_value());
        EXPECT_EQ(reload->name, "reload");
    }
    const Response fixed = get(s.port(), "/guide/");
    EXPECT_TRUE(contains(fixed.body, "Fixed version."));
    EXPECT_FALSE(contains(fixed.body, "role=\"alertdialog\""));
}

TEST(Serve, FirstBuildFailingStillServesWithTheErrors) {
    ServedSite s;
    s.write("content/guide.md", "---\ntitle: Guide\norder: ten\n---\n");
    s.start();
    EXPECT_FALSE(s.first_build.ok());
    const Response page = get(s.port(), "/guide/");
    EXPECT_EQ(page.status, 404);  // nothing was ever built
    EXPECT_TRUE(contains(page.body, "role=\"alertdialog\""));
    EXPECT_TRUE(contains(page.body, "guide.md:3:")) << page.body;
}

TEST(Serve, StylesheetOnlyChangeSwapsStylesheetsInsteadOfReloading) {
    ServedSite s;
    s.write("theme/assets/site.css", "body { color: black; }\n");
    s.options.build.theme_dirs = {s.root / "theme"};
    s.start();
    EventStream events(s.port());
    ASSERT_TRUE(events.opened());

    EXPECT_EQ(s.save(events, "theme/assets/site.css", "body { color: navy; }\n").name, "css");
    EXPECT_EQ(get(s.port(), "/assets/site.css").body, "body { color: navy; }\n");
    EXPECT_EQ(s.save(events, "content/guide.md", guide("Second version.")).name, "reload");
}

TEST(Serve, ChangesDuringABuildAreBuiltAgainAfterIt) {
    ServedSite s;
    std::atomic<int> builds{0}, running{0}, overlapping{0};
    s.options.rebuild = [&, build = s.options.build](const std::vector<fs::path>&) {
        if (running++ > 0) ++overlapping;
        auto report = icips::site::build_site(build);
        if (++builds == 2) std::this_thread::sleep_for(milliseconds(500));  // the first rebuild lingers
        --running;
        return report;
    };
    s.start();
    s.write("content/guide.md", guide("Second version."));
    const auto deadline = steady_clock::now() + seconds(10);
    while (builds < 2 && steady_clock::now() < deadline) std::this_thread::sleep_for(milliseconds(5));
    s.write("content/guide.md", guide("Third version."));  // while build 2 is still running
    while ((builds < 3 || !contains(get(s.port(), "/guide/").body, "Third version.")) && steady_clock::now() < deadline)
        std::this_thread::sleep_for(milliseconds(20));
    EXPECT_TRUE(contains(slurp(s.out / "guide/index.html"), "Third version."));
    EXPECT_EQ(builds, 3);
    EXPECT_EQ(overlapping, 0);
}

TEST(Serve, DroppedEventStreamsAreReleasedAndNeverStarvePages) {
    ServedSite s;
    s.options.max_event_clients = 3;
    s.options.page_workers = 2;
    s.start();
    {
        std::vector<std::unique_ptr<EventStream>> streams;
        for (int i = 0; i < 3; ++i) {
            streams.push_back(std::make_unique<EventStream>(s.port()));
            ASSERT_TRUE(streams.back()->opened()) << i;
        }
        EXPECT_EQ(s.server->event_clients(), 3u);
        EXPECT_EQ(EventStream(s.port()).status(), 503);  // one too many
        // Every stream place is taken, and pages are still served at once, in parallel.
        std::vector<std::future<int>> pages;
        const auto start = steady_clock::now();
        for (int i = 0; i < 8; ++i)
            pages.push_back(std::async(std::launch::async, [&] { return get(s.port(), "/guide/").status; }));
        for (auto& p : pages) EXPECT_EQ(p.get(), 200);
        EXPECT_LT(elapsed_ms(start), 2000);
    }  // the clients drop their streams without a word
    const auto deadline = steady_clock::now() + seconds(5);
    while (s.server->event_clients() > 0 && steady_clock::now() < deadline) std::this_thread::sleep_for(milliseconds(20));
    EXPECT_EQ(s.server->event_clients(), 0u);
    EventStream again(s.port());
    EXPECT_TRUE(again.opened());
    EXPECT_EQ(s.save(again, "content/guide.md", guide("Second version.")).name, "reload");
}

TEST(Serve, StopReturnsWithinASecondWithStreamsAndIdleConnectionsOpen) {
    ServedSite s;
    s.start();
    EventStream events(s.port());
    ASSERT_TRUE(events.opened());
    const Socket idle(s.port());  // a keep-alive connection between two requests
    idle.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    std::string pending;
    ASSERT_EQ(read_response(idle, pending).status, 200);
    const Socket partial(s.port());  // a request that never finishes
    partial.send("GET / HTTP/1.1\r\nHo");
    std::this_thread::sleep_for(milliseconds(100));

    const auto start = steady_clock::now();
    s.server->stop();
    EXPECT_LT(elapsed_ms(start), 1000);
    EXPECT_FALSE(events.next(milliseconds(500)).has_value());  // the stream ended
    EXPECT_EQ(s.server->port(), 0);
    EXPECT_EQ(Socket(s.port()).fd, -1);
}

// Clients that send a request one header line at a time, the way a slow-loris attack does.
struct SlowClients {
    std::vector<std::unique_ptr<Socket>> sockets;
    std::vector<std::string> received;
    SlowClients(int port, int count) {
        for (int i = 0; i < count; ++i) {
            sockets.push_back(std::make_unique<Socket>(port));
            sockets.back()->send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        }
        received.resize(sockets.size());
    }
    // One more header line on every connection, and whatever the server sent meanwhile.
    void trickle() {
        for (size_t i = 0; i < sockets.size(); ++i) {
            sockets[i]->send("X-Slow: " + std::to_string(i) + "\r\n");
            while (sockets[i]->receive(received[i], milliseconds(0))) {
            }
        }
    }
    int answered(const std::string& status_line) const {
        return static_cast<int>(std::count_if(received.begin(), received.end(),
                                              [&](const std::string& r) { return r.starts_with(status_line); }));
    }
};

TEST(Serve, SlowClientsNeverKeepAPageFromBeingAnswered) {
    ServedSite s;
    s.start();  // the default workers, deadline and cap
    SlowClients slow(s.port(), 300);
    int took = -1, status = 0;
    for (int second = 0; second < 3; ++second) {
        slow.trickle();
        std::this_thread::sleep_for(milliseconds(500));
        if (second == 1) {
            const auto start = steady_clock::now();
            status = get(s.port(), "/guide/").status;
            took = elapsed_ms(start);
        }
    }
    slow.trickle();
    std::cout << "a page among 300 slow connections: " << took << " ms; " << slow.answered("HTTP/1.1 503")
              << " slow connections dropped with 503\n";
    EXPECT_EQ(status, 200);
    EXPECT_LT(took, 1000);
    // Those that waited longest were dropped with a 503, the rest still wait.
    EXPECT_GE(slow.answered("HTTP/1.1 503 "), 300 - 64);
    EXPECT_EQ(slow.answered("HTTP/1.1 200 "), 0);
}

TEST(Serve, ARequestThatDoesNotArriveInTimeIs408) {
    ServedSite s;
    s.options.request_deadline = milliseconds(400);
    s.start();
    SlowClients slow(s.port(), 1);
    const auto start = steady_clock::now();
    while (slow.received[0].empty() && elapsed_ms(start) < 3000) {
        slow.trickle();
        std::this_thread::sleep_for(milliseconds(50));
    }
    EXPECT_TRUE(slow.received[0].starts_with("HTTP/1.1 408 ")) << slow.received[0];
    EXPECT_GE(elapsed_ms(start), 350);
    EXPECT_LT(elapsed_ms(start), 1500);
    EXPECT_EQ(get(s.port(), "/guide/").status, 200);
}

TEST(Serve, OversizedAndMalformedRequestsAreRefused) {
    ServedSite s;
    s.start();
    std::string many_headers = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (int i = 0; i < 400; ++i) many_headers += "X-Header-" + std::to_string(i) + ": " + std::string(40, 'x') + "\r\n";
    const auto answer = [&](const std::string& text) {
        const Socket socket(s.port());
        socket.send(text);
        std::string pending;
        return read_response(socket, pending).status;
    };
    EXPECT_EQ(answer(many_headers + "\r\n"), 431);
    EXPECT_EQ(answer(many_headers), 431);  // too large before it even ends
    EXPECT_EQ(answer("GARBAGE\r\n\r\n"), 400);
    EXPECT_EQ(answer("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2000000\r\n\r\n" + std::string(2000000, 'x')),
              200);  // GET answers without the body
    EXPECT_EQ(answer("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2000000\r\n\r\n" + std::string(2000000, 'x')),
              413);
    EXPECT_EQ(get(s.port(), "/guide/").status, 200);
}

TEST(Serve, ADeletedContentFolderIsSaidAndWatchedAgainWhenBack) {
    ServedSite s;
    s.start();
    EventStream events(s.port());
    ASSERT_TRUE(events.opened());
    const fs::path saved = s.root / "saved";
    fs::rename(s.content, saved);
    const auto gone = events.next();
    ASSERT_TRUE(gone.has_value());
    EXPECT_EQ(gone->name, "error");
    EXPECT_TRUE(contains(gone->data, s.content.string() + ": the folder is gone")) << gone->data;
    // The last good site is still served, with the news over it.
    const Response page = get(s.port(), "/guide/");
    EXPECT_TRUE(contains(page.body, "First version."));
    EXPECT_TRUE(contains(page.body, "the folder is gone"));

    fs::copy(saved, s.content, fs::copy_options::recursive);
    EXPECT_EQ(events.next().value_or(Event{}).name, "reload");
    EXPECT_FALSE(contains(get(s.port(), "/guide/").body, "the folder is gone"));
    // Edits in the folder that came back are seen.
    EXPECT_EQ(s.save(events, "content/guide.md", guide("Second version.")).name, "reload");
    EXPECT_TRUE(contains(get(s.port(), "/guide/").body, "Second version."));
}

TEST(Serve, ADeletedOutputFolderIsBuiltAgainAsTheBuildsOwn) {
    ServedSite s;
    s.start();
    EventStream events(s.port());
    ASSERT_TRUE(events.opened());
    fs::remove_all(s.out);
    EXPECT_EQ(events.next(seconds(5)).value_or(Event{}).name, "reload");
    EXPECT_TRUE(fs::exists(s.out / ".icips-site"));
    EXPECT_TRUE(contains(get(s.port(), "/guide/").body, "First version."));
    // An edit after it, and then `build` into the same folder, as after any serve.
    EXPECT_EQ(s.save(events, "content/guide.md", guide("Second version.")).name, "reload");
    EXPECT_TRUE(contains(slurp(s.out / "guide/index.html"), "Second version."));
    EXPECT_TRUE(fs::exists(s.out / "index.html"));
    const auto report = icips::site::build_site(s.options.build);
    EXPECT_TRUE(report.ok()) << report.fatal;
}

TEST(Serve, RefusedOutputDirectoryStartsNothing) {
    ServedSite s;
    s.options.build.out_dir = s.content;
    s.start();
    EXPECT_TRUE(s.first_build.unsafe_output);
    EXPECT_EQ(s.port(), 0);
}

TEST(Serve, TakenPortIsReported) {
    ServedSite s;
    s.start();
    ServeOptions second = s.options;
    second.port = s.port();
    second.build.out_dir = s.root / "other-out";
    PreviewServer other(second);
    try {
        other.start();
        FAIL() << "a second server started on a taken port";
    } catch (const std::system_error& e) {
        EXPECT_EQ(e.code(), std::errc::address_in_use);
        EXPECT_TRUE(contains(e.what(), "127.0.0.1:" + std::to_string(s.port()) + ": the port is taken")) << e.what();
    }
    EXPECT_FALSE(fs::exists(second.build.out_dir));  // nothing was built
}

// The time from saving a file of the real content to the `reload` event reaching a client.
TEST(Serve, EditToReloadOnTheRealContent) {
    ContentTree t;
    fs::create_directories(t.root);
    fs::copy(ICIPS_CONTENT_DIR, t.root / "content", fs::copy_options::recursive);
    ServeOptions options;
    options.build.content_dir = t.root / "content";
    options.build.out_dir = t.root / "out";
    options.build.default_theme = fs::path(ICIPS_SOURCE_DIR) / "themes/default";
    options.port = 0;
    PreviewServer server(options);
    ASSERT_TRUE(server.start().ok());
    EventStream events(server.port());
    ASSERT_TRUE(events.opened());
    const fs::path page = t.root / "content/membership.md";
    const std::string original = slurp(page);
    std::vector<int> times;
    for (int i = 0; i < 5; ++i) {
        const auto start = steady_clock::now();
        std::ofstream(page, std::ios::binary) << original << "\nEdit " << i << ".\n";
        const auto event = events.next();
        times.push_back(elapsed_ms(start));
        ASSERT_TRUE(event.has_value());
        ASSERT_EQ(event->name, "reload");
        EXPECT_TRUE(contains(slurp(t.root / "out/membership/index.html"), "Edit " + std::to_string(i) + "."));
    }
    std::sort(times.begin(), times.end());
    std::cout << "edit-to-reload on the real content: median " << times[2] << " ms, worst " << times[4] << " ms\n";
    RecordProperty("edit_to_reload_median_ms", times[2]);
    EXPECT_LT(times[2], 2000);
}

// ---- The command --------------------------------------------------------------------------------

struct Child {
    pid_t pid = -1;
    int out = -1;  // the child's stdout and stderr
    std::string output;
    // Reads the child's output until it holds `text`; false after `timeout`.
    bool wait_for(const std::string& text, milliseconds timeout = seconds(20)) {
        const auto deadline = steady_clock::now() + timeout;
        while (!contains(output, text)) {
            const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
            pollfd p{out, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
            char buffer[4096];
            const ssize_t n = ::read(out, buffer, sizeof buffer);
            if (n <= 0) return false;
            output.append(buffer, static_cast<size_t>(n));
        }
        return true;
    }
    ~Child() {
        if (pid > 0 && ::waitpid(pid, nullptr, WNOHANG) == 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
        if (out >= 0) ::close(out);
    }
};

void spawn(Child& child, const std::vector<std::string>& args) {
    int fds[2];
    ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ASSERT_EQ(::posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    child.out = fds[0];
}

int port_in(const std::string& output) {
    const size_t at = output.find("serving http://127.0.0.1:");
    return at == std::string::npos ? 0 : std::atoi(output.c_str() + at + 25);
}

TEST(ServeCommand, StopsCleanlyOnSigtermAndSigintWithinASecond) {
    for (const int signal : {SIGTERM, SIGINT}) {
        ServedSite s;
        Child child;
        spawn(child, {ICIPS_BINARY, "serve", "--content", s.content.string(), "--out", s.out.string(), "--port", "0"});
        ASSERT_TRUE(child.wait_for("/ (Ctrl-C stops)")) << child.output;
        const int port = port_in(child.output);
        ASSERT_GT(port, 0) << child.output;
        EXPECT_TRUE(contains(get(port, "/guide/").body, "First version."));
        EventStream events(port);
        ASSERT_TRUE(events.opened());
        const Socket idle(port);
        idle.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        std::string pending;
        ASSERT_EQ(read_response(idle, pending).status, 200);

        const auto start = steady_clock::now();
        ::kill(child.pid, signal);
        int status = 0;
        while (::waitpid(child.pid, &status, WNOHANG) == 0 && elapsed_ms(start) < 5000)
            std::this_thread::sleep_for(milliseconds(2));
        const int took = elapsed_ms(start);
        EXPECT_LT(took, 1000) << "signal " << signal;
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
        child.pid = -1;
    }
}

TEST(ServeCommand, OtherAddressesNeedBindAndWarn) {
    ServedSite s;
    Child child;
    spawn(child, {ICIPS_BINARY, "serve", "--content", s.content.string(), "--out", s.out.string(), "--port", "0",
                  "--bind", "0.0.0.0"});
    ASSERT_TRUE(child.wait_for("(Ctrl-C stops)")) << child.output;
    EXPECT_TRUE(contains(child.output, "warning: listening on 0.0.0.0")) << child.output;
    ::kill(child.pid, SIGTERM);
    int status = 0;
    ::waitpid(child.pid, &status, 0);
    child.pid = -1;
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(ServeCommand, UsageErrorsExitWithTwoAndServeNothing) {
    ServedSite s;
    const std::string nowhere = (s.root / "nowhere").string();
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--content", nowhere, "--out", s.out.string()}, "cannot watch " + nowhere + ": No such file or directory"},
        {{"--content", s.content.string(), "--out", s.content.string()}, "refusing to write the site"},
        {{"--content", s.content.string(), "--out", s.out.string(), "--port", "70000"}, "--port"},
        // Each address that cannot be listened on names itself and the real cause.
        {{"--content", s.content.string(), "--out", s.out.string(), "--bind", "999.1.1.1"},
         "cannot listen on 999.1.1.1:0: not an IP address"},
        {{"--content", s.content.string(), "--out", s.out.string(), "--bind", "localhost.invalid"},
         "cannot listen on localhost.invalid:0: not an IP address"},
        {{"--content", s.content.string(), "--out", s.out.string(), "--bind", "192.0.2.1"},
         "cannot listen on 192.0.2.1:0: the address is not one of this machine's"},
        {{"--content", s.content.string(), "--out", s.out.string(), "--bind", "2001:db8::1"},
         "cannot listen on [2001:db8::1]:0: the address is not one of this machine's"},
    };
    for (const auto& [flags, message] : cases) {
        std::vector<std::string> args = {ICIPS_BINARY, "serve", "--port", "0"};
        args.insert(args.end(), flags.begin(), flags.end());
        Child child;
        spawn(child, args);
        int status = 0;
        ::waitpid(child.pid, &status, 0);
        child.pid = -1;
        child.wait_for(message, seconds(1));
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << message << ": " << status;
        EXPECT_TRUE(contains(child.output, message)) << child.output;
        EXPECT_FALSE(contains(child.output, "serving http")) << child.output;
        EXPECT_FALSE(contains(child.output, "Address already in use")) << child.output;
        EXPECT_FALSE(contains(child.output, "warning: listening on")) << child.output;
        EXPECT_FALSE(fs::exists(s.out)) << message;  // the output is untouched
    }
}

}  // namespace
