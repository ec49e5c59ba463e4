#include "http/static_files.h"

#include "content/diagnostics.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <utility>

namespace fs = std::filesystem;

namespace icips::http {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

RequestPath refused(int status) { return {status, {}, {}}; }

// A file descriptor closed when it goes out of scope.
struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

// Opens `relative` below the directory `root_fd`, failing with EXDEV or ELOOP for anything that
// would resolve outside it (a "..", an absolute symlink, a symlink climbing out).
int open_beneath(int root_fd, const std::string& relative, const fs::path& root) {
    open_how how{};
    how.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    const long fd = ::syscall(SYS_openat2, root_fd, relative.c_str(), &how, sizeof how);
    if (fd >= 0 || errno != ENOSYS) return static_cast<int>(fd);
    // Kernels before 5.6 (or sandboxes that filter openat2): resolve, then check where it led.
    char resolved[PATH_MAX], resolved_root[PATH_MAX];
    if (!::realpath((root / relative).c_str(), resolved) || !::realpath(root.c_str(), resolved_root)) return -1;
    const std::string inside(resolved), base = std::string(resolved_root) + "/";
    if (inside != resolved_root && !inside.starts_with(base)) {
        errno = EXDEV;
        return -1;
    }
    return ::open(resolved, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
}

bool read_all(int fd, std::string& bytes) {
    std::array<char, 65536> buffer;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n == 0) return true;
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        bytes.append(buffer.data(), static_cast<size_t>(n));
    }
}

}  // namespace

RequestPath canonical_request_path(std::string_view target) {
    const size_t question = target.find('?');
    const std::string_view raw = target.substr(0, question);
    RequestPath result;
    if (question != std::string_view::npos) result.query = std::string(target.substr(question + 1));
    if (raw.empty() || raw.front() != '/') return refused(400);  // not origin-form ("http://...", "*")

    std::string decoded;
    decoded.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '%') {
            if (i + 2 >= raw.size()) return refused(400);
            const int high = hex_value(raw[i + 1]), low = hex_value(raw[i + 2]);
            if (high < 0 || low < 0) return refused(400);
            c = static_cast<char>(high * 16 + low);
            i += 2;
            if (c == '/') return refused(400);  // an encoded '/' is never part of a file name here
        }
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\\' || c == '#' || byte < 0x20 || byte == 0x7f) return refused(400);
        decoded += c;
    }
    if (content::first_invalid_utf8(decoded)) return refused(400);

    std::string canonical;
    size_t start = 1;
    while (start <= decoded.size()) {
        size_t end = decoded.find('/', start);
        if (end == std::string::npos) end = decoded.size();
        const std::string_view segment = std::string_view(decoded).substr(start, end - start);
        if (segment == "." || segment == "..") return refused(400);
        if (segment.starts_with('.')) return refused(404);
        if (!segment.empty()) canonical.append("/").append(segment);
        start = end + 1;
    }
    if (canonical.empty() || decoded.ends_with('/')) canonical += '/';
    result.path = std::move(canonical);
    return result;
}

std::string mime_type(std::string_view file_name) {
    static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
        {".html", "text/html; charset=utf-8"},   {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json"},           {".xml", "application/xml"},
        {".svg", "image/svg+xml"},               {".png", "image/png"},
        {".jpg", "image/jpeg"},                  {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},                   {".webp", "image/webp"},
        {".ico", "image/x-icon"},                {".woff2", "font/woff2"},
        {".woff", "font/woff"},                  {".pdf", "application/pdf"},
        {".txt", "text/plain; charset=utf-8"},   {".map", "application/json"},
    };
    const size_t dot = file_name.rfind('.');
    if (dot != std::string_view::npos) {
        std::string extension(file_name.substr(dot));
        for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const auto& [suffix, type] : kTypes)
            if (extension == suffix) return std::string(type);
    }
    return "application/octet-stream";
}

SiteFile read_site_file(const fs::path& root, const std::string& canonical_path) {
    std::string relative = canonical_path.substr(1);
    if (relative.empty() || relative.ends_with('/')) relative += "index.html";
    SiteFile file;
    file.name = fs::path(relative).filename().string();
    // A rebuild swaps a new output directory in and removes the old one; a lookup that raced with
    // the removal finds its root deleted and tries again with the new one.
    for (int attempt = 0; attempt < 3; ++attempt) {
        const Fd root_fd(::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (root_fd.fd < 0) return file;
        const Fd fd(open_beneath(root_fd.fd, relative, root));
        if (fd.fd < 0) {
            if (errno == EXDEV || errno == ELOOP) {
                file.kind = SiteFile::Kind::Refused;
                return file;
            }
            struct stat root_stat {};
            if (::fstat(root_fd.fd, &root_stat) == 0 && root_stat.st_nlink == 0) continue;
            return file;  // Missing
        }
        struct stat st {};
        if (::fstat(fd.fd, &st) != 0) return file;
        if (S_ISDIR(st.st_mode)) {
            file.kind = SiteFile::Kind::Directory;
        } else if (!S_ISREG(st.st_mode)) {
            file.kind = SiteFile::Kind::Refused;
        } else if (read_all(fd.fd, file.bytes)) {
            file.kind = SiteFile::Kind::File;
        }
        return file;
    }
    return file;
}

}  // namespace icips::http
