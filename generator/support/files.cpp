#include "support/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <system_error>

namespace fs = std::filesystem;

namespace icips::support {

std::optional<std::string> read_file(const fs::path& file, int* error, std::size_t max_bytes) {
    // One read into a string of the file's size. The end of the file is then confirmed by a read
    // into a small buffer, which also reads on a file that grew meanwhile or has no size (a pipe).
    const auto failed = [error](int code) -> std::optional<std::string> {
        if (error) *error = code;
        return std::nullopt;
    };
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return failed(errno);
    struct stat info {};
    if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
        const int code = S_ISDIR(info.st_mode) ? EISDIR : errno;
        ::close(fd);
        return failed(code);
    }
    if (S_ISREG(info.st_mode) && static_cast<size_t>(info.st_size) > max_bytes) {
        ::close(fd);
        return failed(EFBIG);
    }
    std::string text;
    text.resize(S_ISREG(info.st_mode) ? static_cast<size_t>(info.st_size) : 0);
    size_t filled = 0;
    char more[4096];
    while (true) {
        const bool into_text = filled < text.size();
        const ssize_t got = into_text ? ::read(fd, text.data() + filled, text.size() - filled)
                                      : ::read(fd, more, sizeof more);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            const int code = errno;
            ::close(fd);
            return failed(code);
        }
        if (got == 0) break;
        if (!into_text) text.append(more, static_cast<size_t>(got));  // the file grew, or has no size
        filled += static_cast<size_t>(got);
    }
    ::close(fd);
    text.resize(filled);
    return text;
}

namespace {

[[noreturn]] void fail(const fs::path& file, int error) {
    throw fs::filesystem_error("cannot write", file, std::error_code(error, std::generic_category()));
}

}  // namespace

void write_file(const fs::path& file, const std::vector<std::string_view>& pieces) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) fail(file, errno);
    std::vector<iovec> io;
    io.reserve(pieces.size());
    for (const auto& piece : pieces)
        if (!piece.empty()) io.push_back({const_cast<char*>(piece.data()), piece.size()});
    for (size_t first = 0; first < io.size();) {
        const int count = static_cast<int>(std::min<size_t>(io.size() - first, IOV_MAX));
        const ssize_t n = ::writev(fd, io.data() + first, count);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : EIO;
            ::close(fd);
            fail(file, error);
        }
        // Skip what was written; a short write leaves the rest of a piece for the next call.
        for (size_t done = static_cast<size_t>(n); done > 0;) {
            const size_t step = std::min(done, io[first].iov_len);
            io[first].iov_base = static_cast<char*>(io[first].iov_base) + step;
            io[first].iov_len -= step;
            done -= step;
            if (io[first].iov_len == 0) ++first;
        }
        while (first < io.size() && io[first].iov_len == 0) ++first;
    }
    if (::close(fd) != 0) fail(file, errno);
}

void replace_file(const fs::path& file, const std::vector<std::string_view>& pieces) {
    fs::create_directories(file.parent_path());
    const fs::path temporary = file.parent_path() / ("." + file.filename().string() + ".tmp-" + unique_suffix());
    try {
        write_file(temporary, pieces);
        fs::rename(temporary, file);
    } catch (...) {
        std::error_code ec;
        fs::remove(temporary, ec);
        throw;
    }
}

std::string unique_suffix() {
    static std::atomic<unsigned> counter{0};
    return std::to_string(::getpid()) + "-" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" +
           std::to_string(counter++);
}

bool is_within(const std::filesystem::path& inner, const std::filesystem::path& outer) {
    const std::filesystem::path relative = inner.lexically_relative(outer);
    return !relative.empty() && *relative.begin() != "..";
}

}  // namespace icips::support
