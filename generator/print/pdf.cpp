#include "print/pdf.h"

#include "http/static_files.h"

#include <httplib.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
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

// The standard output of a command (argv[0] looked up on PATH), or nullopt when it cannot run or fails.
std::optional<std::string> output_of(const std::vector<std::string>& argv) {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) return std::nullopt;
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    ::posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    ::posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    std::string out;
    if (spawned == 0) {
        char buffer[65536];
        for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<size_t>(n));
    }
    ::close(pipe_fds[0]);
    if (spawned != 0) return std::nullopt;
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
    return out;
}

// A named destination of a PDF: an element id that a link points to, its page and how far down it is.
struct Destination {
    std::string id;
    int page = 0;
    double top = 0;  // PDF units from the bottom of the page
};

// `pdfinfo -dests` lines: "   7 [ XYZ    0  825 null      ] "ws-leadership-discussion"".
std::vector<Destination> destinations(const fs::path& pdf) {
    std::vector<Destination> result;
    const auto text = output_of({"pdfinfo", "-dests", pdf.string()});
    if (!text) return result;
    std::istringstream lines(*text);
    for (std::string line; std::getline(lines, line);) {
        const size_t open = line.find('['), close = line.find(']'), quote = line.find('"', close == std::string::npos ? 0 : close);
        if (open == std::string::npos || close == std::string::npos || quote == std::string::npos || line.back() != '"') continue;
        Destination d;
        d.id = line.substr(quote + 1, line.size() - quote - 2);
        std::istringstream page(line.substr(0, open)), where(line.substr(open + 1, close - open - 1));
        std::string kind, left;
        if (!(page >> d.page) || !(where >> kind >> left >> d.top) || d.id.empty()) continue;
        result.push_back(std::move(d));
    }
    return result;
}

// The lines of text on each page (pdftotext's pages end in form feeds), without what every page
// repeats in its margins: the page number ("Page n of m", at the top) and the credit of the source
// at the foot, which starts "Source: " within the page's last two lines (it may wrap onto a second).
std::vector<int> lines_per_page(const fs::path& pdf) {
    std::vector<int> counts;
    const auto text = output_of({"pdftotext", "-layout", pdf.string(), "-"});
    if (!text) return counts;
    static const std::regex page_number(R"(Page \d+ of \d+\s*$)");
    std::vector<std::string> page;  // the page's non-blank lines but its number
    const auto end_page = [&] {
        size_t kept = page.size();
        for (size_t i = page.size() >= 2 ? page.size() - 2 : 0; i < page.size(); ++i)
            if (page[i].substr(page[i].find_first_not_of(' ')).starts_with("Source: ")) {
                kept = i;
                break;
            }
        counts.push_back(static_cast<int>(kept));
        page.clear();
    };
    std::istringstream in(*text);
    for (std::string line; std::getline(in, line);) {
        for (size_t feed; (feed = line.find('\f')) != std::string::npos; line.erase(0, feed + 1)) end_page();
        if (line.find_first_not_of(" \t\r") != std::string::npos && !std::regex_search(line, page_number))
            page.push_back(line);
    }
    return counts;
}

std::string query_value(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

// A page holding at most this many lines before a section that starts a new page is nearly empty:
// the next pass lets that section continue it.
constexpr int kNearlyEmpty = 6;
// A destination this high on its page (A4 is 842 units tall) is at the top of the page's text.
constexpr double kTopOfPage = 760;
constexpr int kMostPasses = 4;

// What the next pass of a print page is told (see the theme's paper.js): each destination's page,
// and the sections to let flow on (added to `flow`, kept from pass to pass so the layout settles).
std::string next_query(const fs::path& pdf, std::set<std::string>& flow) {
    const auto dests = destinations(pdf);
    const auto lines = lines_per_page(pdf);
    for (const auto& d : dests) {
        const size_t before = static_cast<size_t>(d.page) - 2;  // the previous page, 0-based
        if (d.page > 2 && before < lines.size() && lines[before] <= kNearlyEmpty && d.top >= kTopOfPage) flow.insert(d.id);
    }
    std::string pages;
    for (const auto& d : dests) pages += (pages.empty() ? "" : "~") + query_value(d.id) + "." + std::to_string(d.page);
    std::string query = "?pages=" + pages;
    if (!flow.empty()) {
        query += "&flow=";
        for (const auto& id : flow) query += (query.back() == '=' ? "" : "~") + query_value(id);
    }
    return query;
}

// The print pages of a built site and their PDFs: each worksheet pack, the standards booklet, each
// grade's portfolio checklist.
struct Document {
    std::string page;  // site path of the print page
    fs::path pdf;      // relative to the output directory
};

std::vector<Document> documents(const fs::path& out) {
    std::vector<Document> found;
    const auto each = [&](const fs::path& folder, const std::string& page, const std::string& pdf) {
        std::vector<std::string> ids;
        if (fs::is_directory(out / folder))
            for (const auto& entry : fs::directory_iterator(out / folder))
                if (entry.is_directory() && fs::exists(entry.path() / page / "index.html"))
                    ids.push_back(entry.path().filename().string());
        std::sort(ids.begin(), ids.end());
        for (const auto& id : ids) {
            std::string file = pdf;
            file.replace(file.find('*'), 1, id);
            found.push_back({"/" + folder.string() + "/" + id + "/" + page + "/", folder / file});
        }
    };
    each("packs", "print", "*.pdf");
    if (fs::exists(out / "standards/print/index.html")) found.push_back({"/standards/print/", "standards.pdf"});
    each("grades", "checklist", "*/checklist.pdf");
    return found;
}

}  // namespace

PdfReport print_pdfs(const PdfOptions& options, std::ostream& log) {
    PdfReport report;
    const auto docs = documents(options.out_dir);
    if (std::none_of(docs.begin(), docs.end(), [](const Document& d) { return d.page.starts_with("/packs/"); })) {
        report.error = "no worksheet pack in " + options.out_dir.string() + "; run `icips-site build` first";
        return report;
    }
    const fs::path chromium = find_chromium(options);
    if (!fs::exists(chromium)) {
        report.error = "Chromium not found at " + chromium.string() +
                       "; install Debian's chromium package (make pdf does) or set CHROMIUM";
        return report;
    }
    if (!output_of({"pdfinfo", "-v"}) || !output_of({"pdftotext", "-v"})) {
        report.error = "poppler's pdfinfo and pdftotext not found; install Debian's poppler-utils package (make pdf does)";
        return report;
    }

    StaticServer server(options.out_dir, options.base_path);
    const fs::path profile = fs::temp_directory_path() / ("icips-pdf-" + std::to_string(::getpid()));
    std::error_code ec;
    for (const auto& doc : docs) {
        const fs::path pdf = fs::absolute(options.out_dir / doc.pdf);
        const fs::path partial = pdf.parent_path() / ("." + pdf.filename().string() + ".tmp");
        const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + options.base_path + doc.page;
        // Printed until its contents' page numbers and its layout settle: each pass is told what
        // the previous one found.
        std::string query;
        std::set<std::string> flow;
        for (int pass = 0; pass < kMostPasses; ++pass) {
            // Headless, with a throw-away profile, and a dead proxy for everything but loopback,
            // so nothing leaves this machine.
            const int status = run({chromium.string(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                    "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                                    "--disable-background-networking", "--disable-component-update",
                                    "--metrics-recording-only", "--proxy-server=http://127.0.0.1:9",
                                    "--user-data-dir=" + profile.string(), "--no-pdf-header-footer",
                                    "--generate-pdf-document-outline", "--run-all-compositor-stages-before-draw",
                                    "--virtual-time-budget=10000", "--print-to-pdf=" + partial.string(), url + query},
                                   std::chrono::seconds(options.timeout_seconds));
            if (status != 0 || !fs::exists(partial) || fs::file_size(partial) == 0) {
                fs::remove(partial, ec);
                fs::remove_all(profile, ec);
                report.error = "Chromium could not print " + url + " (exit status " + std::to_string(status) + ")";
                return report;
            }
            const std::string next = next_query(partial, flow);
            if (next == query) break;
            query = next;
        }
        fs::rename(partial, pdf);
        report.written.push_back(pdf);
        log << "wrote " << (options.out_dir / doc.pdf).string() << " (" << fs::file_size(pdf) / 1024 << " KiB)\n";
    }
    fs::remove_all(profile, ec);

    // The theme's pdf-link.js shows each page's link to its PDF, with its size, from this list
    // (keyed by the PDFs' URLs under the base path, as the pages link them).
    std::string list = "{";
    for (size_t i = 0; i < docs.size(); ++i)
        list += std::string(i ? ",\n " : "\n ") + "\"" + options.base_path + "/" + docs[i].pdf.generic_string() + "\": " +
                std::to_string(fs::file_size(options.out_dir / docs[i].pdf));
    list += "\n}\n";
    const fs::path sizes = options.out_dir / "assets" / "pdfs.json";
    fs::create_directories(sizes.parent_path(), ec);
    std::ofstream(sizes.string() + ".tmp", std::ios::binary) << list;
    fs::rename(sizes.string() + ".tmp", sizes, ec);
    if (ec) report.error = "cannot write " + sizes.string() + ": " + ec.message();
    return report;
}

}  // namespace icips::print
