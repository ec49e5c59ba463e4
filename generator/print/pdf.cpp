#include "print/pdf.h"

#include "http/static_files.h"

#include <httplib.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

namespace fs = std::filesystem;

extern char** environ;

namespace icips::print {
namespace {

// A read-only static server for the output directory on an ephemeral loopback port, under the
// site's base path as it will be published, using the request-path canonicalisation of
// http/static_files.h (nothing outside the directory is ever served).
class StaticServer {
public:
    StaticServer(fs::path root, std::string base) : root_(std::move(root)), base_(std::move(base)) {
        server_.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
            const auto path = http::canonical_request_path(request.target);
            if (path.status != 200) {
                response.status = path.status;
                return;
            }
            if (!path.path.starts_with(base_ + "/")) {
                response.status = 404;
                return;
            }
            auto file = http::read_site_file(root_, path.path.substr(base_.size()));
            if (file.kind != http::SiteFile::Kind::File) {
                response.status = 404;
                return;
            }
            response.set_content(std::move(file.bytes), http::mime_type(file.name));
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ~StaticServer() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }
    int port() const { return port_; }

private:
    fs::path root_;
    std::string base_;
    httplib::Server server_;
    int port_ = -1;
    std::thread thread_;
};

// Runs `argv` and waits at most `timeout`; returns the exit status, or -1 on a timeout or failure.
int run(const std::vector<std::string>& argv, std::chrono::seconds timeout) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    // Chromium is chatty on stderr (D-Bus, GPU); its output is not ours to show.
    posix_spawn_file_actions_t quiet;
    ::posix_spawn_file_actions_init(&quiet);
    ::posix_spawn_file_actions_addopen(&quiet, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    ::posix_spawn_file_actions_addopen(&quiet, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, args[0], &quiet, nullptr, args.data(), environ);
    ::posix_spawn_file_actions_destroy(&quiet);
    if (spawned != 0) return -1;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        if (done < 0) return -1;
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

fs::path find_chromium(const PdfOptions& options) {
    if (!options.chromium.empty()) return options.chromium;
    if (const char* env = std::getenv("CHROMIUM"); env && *env) return env;
    return "/usr/bin/chromium";
}

}  // namespace

PdfReport print_packs(const PdfOptions& options, std::ostream& log) {
    PdfReport report;
    const fs::path packs = options.out_dir / "packs";
    std::vector<std::string> ids;
    if (fs::is_directory(packs))
        for (const auto& entry : fs::directory_iterator(packs))
            if (entry.is_directory() && fs::exists(entry.path() / "print/index.html"))
                ids.push_back(entry.path().filename().string());
    std::sort(ids.begin(), ids.end());
    if (ids.empty()) {
        report.error = "no worksheet pack in " + options.out_dir.string() + "; run `icips-site build` first";
        return report;
    }
    const fs::path chromium = find_chromium(options);
    if (!fs::exists(chromium)) {
        report.error = "Chromium not found at " + chromium.string() +
                       "; install Debian's chromium package (make pdf does) or set CHROMIUM";
        return report;
    }

    StaticServer server(options.out_dir, options.base_path);
    const fs::path profile = fs::temp_directory_path() / ("icips-pdf-" + std::to_string(::getpid()));
    for (const auto& id : ids) {
        const fs::path pdf = fs::absolute(packs / (id + ".pdf"));
        const fs::path partial = fs::absolute(packs / ("." + id + ".pdf.tmp"));
        const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + options.base_path + "/packs/" + id +
                                "/print/";
        // Headless, with a throw-away profile, and a dead proxy for everything but loopback, so
        // nothing leaves this machine.
        const int status = run({chromium.string(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                                "--disable-background-networking", "--disable-component-update",
                                "--metrics-recording-only", "--proxy-server=http://127.0.0.1:9",
                                "--user-data-dir=" + profile.string(), "--no-pdf-header-footer",
                                "--run-all-compositor-stages-before-draw", "--virtual-time-budget=10000",
                                "--print-to-pdf=" + partial.string(), url},
                               std::chrono::seconds(options.timeout_seconds));
        if (status != 0 || !fs::exists(partial) || fs::file_size(partial) == 0) {
            std::error_code ec;
            fs::remove(partial, ec);
            fs::remove_all(profile, ec);
            report.error = "Chromium could not print " + url + " (exit status " + std::to_string(status) + ")";
            return report;
        }
        fs::rename(partial, pdf);
        report.written.push_back(pdf);
        log << "wrote " << (packs / (id + ".pdf")).string() << " (" << fs::file_size(pdf) / 1024 << " KiB)\n";
    }
    std::error_code ec;
    fs::remove_all(profile, ec);
    return report;
}

}  // namespace icips::print
