#include "site/output_dir.h"

#include "support/files.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <system_error>

namespace fs = std::filesystem;

namespace icips::site {
namespace {

fs::path canonical_or_absolute(const fs::path& p) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(p, ec);
    return ec ? fs::absolute(p).lexically_normal() : c;
}

}  // namespace

fs::path resolve_output_dir(const fs::path& out) {
    if (out.empty()) return out;
    return canonical_or_absolute(out);
}

std::optional<std::string> unsafe_output_reason(const fs::path& out, const fs::path& content,
                                                const std::vector<fs::path>& themes) {
    const fs::path o = canonical_or_absolute(out);
    if (o == o.root_path()) return "it is the root directory";
    if (const char* home = std::getenv("HOME"); home && *home && o == canonical_or_absolute(home))
        return "it is your home directory";
    if (fs::exists(o / ".git")) return "it is the root of a Git repository";
    const fs::path c = canonical_or_absolute(content);
    if (support::is_within(c, o)) return "it is or holds the content directory " + content.string();
    if (support::is_within(o, c)) return "it is inside the content directory " + content.string();
    for (const auto& t : themes)
        if (support::is_within(canonical_or_absolute(t), o) || support::is_within(o, canonical_or_absolute(t)))
            return "it is, holds or is inside the theme directory " + t.string();
    std::error_code ec;
    if (fs::exists(o, ec) && !fs::is_directory(o, ec)) return "it exists and is not a directory";
    if (fs::is_directory(o, ec) && !fs::exists(o / kOutputMarker)) {
        for (const auto& entry : fs::directory_iterator(o, ec))
            if (entry.path().filename() != ".gitkeep")
                return "it is not empty and was not written by icips-site (no " + std::string(kOutputMarker) +
                       " file); empty it or choose another directory";
    }
    return std::nullopt;
}

namespace {

// A build that was killed (SIGKILL, power cut) leaves its staging folder beside the output. Each
// build removes those of processes that no longer run, if they hold our marker (so only folders
// icips-site wrote are ever removed).
void remove_stale_staging(const fs::path& parent, const std::string& name) {
    const std::string prefix = "." + name + ".tmp-";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(parent, ec)) {
        const std::string file = entry.path().filename().string();
        if (!file.starts_with(prefix) || !entry.is_directory(ec)) continue;
        const std::string rest = file.substr(prefix.size());
        const size_t dash = rest.find('-');
        if (dash == 0 || dash == std::string::npos || rest.find_first_not_of("0123456789") != dash) continue;
        const long pid = std::stol(rest.substr(0, dash));
        if (pid <= 0 || pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        if (!fs::exists(entry.path() / kOutputMarker, ec)) continue;
        fs::remove_all(entry.path(), ec);
    }
}

// A real folder (not a link to one) that holds our marker: only such a folder is recycled.
bool is_our_folder(const fs::path& dir) {
    std::error_code ec;
    return fs::symlink_status(dir, ec).type() == fs::file_type::directory &&
           fs::symlink_status(dir / kOutputMarker, ec).type() == fs::file_type::regular;
}

}  // namespace

StagedOutput::StagedOutput(fs::path out) : out_(std::move(out)) {
    const fs::path absolute = fs::absolute(out_).lexically_normal();
    const fs::path name = absolute.has_filename() ? absolute.filename() : absolute.parent_path().filename();
    const fs::path parent = absolute.has_filename() ? absolute.parent_path() : absolute.parent_path().parent_path();
    fs::create_directories(parent);
    remove_stale_staging(parent, name.string());
    staging_ = parent / ("." + name.string() + ".tmp-" + support::unique_suffix());
    spare_ = parent / ("." + name.string() + ".spare");
    out_ = parent / name;
    // Taking the spare is one rename, so two builds running at once never share it.
    recycled_ = is_our_folder(spare_) && ::renameat2(AT_FDCWD, spare_.c_str(), AT_FDCWD, staging_.c_str(), RENAME_NOREPLACE) == 0;
    if (!recycled_) fs::create_directory(staging_);
    else spare_entries_ = list();
    folders_.insert(staging_.string());
    write(kOutputMarker, "Written by icips-site. A build replaces this whole directory.\n");
}

// A failed build puts back the spare it took (so that beside the output there is what there was
// before), and removes a staging folder it made.
StagedOutput::~StagedOutput() {
    if (committed_) return;
    if (recycled_) keep_as_spare(staging_);
    else {
        std::error_code ec;
        fs::remove_all(staging_, ec);
    }
}

// A folder that holds the marker is a good start for the next build whatever else it holds; when
// it cannot become the spare (one is there already), it is removed.
void StagedOutput::keep_as_spare(const fs::path& dir) const {
    std::error_code ec;
    if (is_our_folder(dir) && ::renameat2(AT_FDCWD, dir.c_str(), AT_FDCWD, spare_.c_str(), RENAME_NOREPLACE) == 0) return;
    fs::remove_all(dir, ec);
}

void replace_file(const fs::path& file, std::string_view bytes) { replace_file(file, std::vector<std::string_view>{bytes}); }

namespace {

enum class Existing { missing, same, differs, in_the_way };

// What `file` in a recycled folder is, compared with the `bytes` to be written there: the same
// bytes already, a plain file to overwrite, or something to remove first (a folder, a link, or a
// file with other hard links, which overwriting would change too).
Existing compare_existing(const fs::path& file, const std::vector<std::string_view>& pieces) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return errno == ENOENT ? Existing::missing : Existing::in_the_way;
    struct stat st {};
    size_t size = 0;
    for (const auto& piece : pieces) size += piece.size();
    Existing result = Existing::differs;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) result = Existing::in_the_way;
    else if (static_cast<size_t>(st.st_size) == size) {
        // The file is read in large blocks and each block compared with the pieces it spans (a
        // search shard is thousands of small pieces).
        char buffer[1 << 16];
        bool same = true;
        size_t piece = 0, at = 0;  // the next byte to compare: pieces[piece][at]
        while (same && piece < pieces.size()) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                same = false;
                break;
            }
            for (size_t done = 0; same && done < static_cast<size_t>(n);) {
                if (piece == pieces.size()) {
                    same = false;  // the file grew meanwhile
                    break;
                }
                const size_t take = std::min(static_cast<size_t>(n) - done, pieces[piece].size() - at);
                // (An empty piece's data may be a null pointer, which memcmp must not be given.)
                if (take > 0) same = std::memcmp(buffer + done, pieces[piece].data() + at, take) == 0;
                done += take;
                at += take;
                if (at == pieces[piece].size()) {
                    ++piece;
                    at = 0;
                }
            }
        }
        if (same) result = Existing::same;
    }
    ::close(fd);
    return result;
}

}  // namespace

// Each folder is made once, not once per file. In a recycled folder, whatever stands where a
// folder must be (a file, a link) is removed first, so that nothing is ever written through a link.
void StagedOutput::make_folder(const fs::path& folder) const {
    std::lock_guard lock(mutex_);
    if (folders_.count(folder.string())) return;
    if (recycled_) {
        fs::path at = staging_;
        for (const auto& part : folder.lexically_relative(staging_)) {
            at /= part;
            if (folders_.count(at.string())) continue;
            std::error_code ec;
            const auto type = fs::symlink_status(at, ec).type();
            if (type != fs::file_type::directory && type != fs::file_type::not_found) fs::remove_all(at);
            if (type != fs::file_type::directory) fs::create_directory(at);
            folders_.insert(at.string());
        }
        return;
    }
    fs::create_directories(folder);
    for (fs::path at = folder; at != staging_ && at.has_relative_path(); at = at.parent_path()) folders_.insert(at.string());
}

void StagedOutput::write(const std::string& relative, std::string_view bytes) const {
    write(relative, std::vector<std::string_view>{bytes});
}

void StagedOutput::write(const std::string& relative, const std::vector<std::string_view>& pieces) const {
    // The plan is checked before anything is written (check_output_paths); this is the last guard.
    const fs::path normal = fs::path(relative).lexically_normal();
    if (relative.empty() || normal.is_absolute() || normal.empty() || *normal.begin() == ".." || normal != fs::path(relative))
        throw fs::filesystem_error("refusing to write outside the output folder", fs::path(relative),
                                   std::make_error_code(std::errc::invalid_argument));
    const fs::path file = staging_ / relative;
    make_folder(file.parent_path());
    if (recycled_) {
        {
            std::lock_guard lock(mutex_);
            written_.insert(fs::path(relative).lexically_normal().generic_string());
        }
        switch (compare_existing(file, pieces)) {
            case Existing::same: return;
            case Existing::in_the_way: fs::remove_all(file); break;
            case Existing::missing:
            case Existing::differs: break;
        }
    }
    support::write_file(file, pieces);
}

void StagedOutput::copy(const std::string& relative, const fs::path& source) const {
    int error = 0;
    const auto bytes = support::read_file(source, &error);  // one read (a stream was byte by byte)
    if (!bytes) throw fs::filesystem_error("cannot read", source, std::error_code(error, std::generic_category()));
    write(relative, *bytes);
}

std::optional<std::vector<StagedOutput::Entry>> StagedOutput::list() const {
    std::vector<Entry> entries;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(staging_, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        std::error_code type_ec;
        const bool folder = it->is_directory(type_ec) && !it->is_symlink(type_ec);
        entries.push_back({it->path().string(), folder});
    }
    if (ec) return std::nullopt;
    return entries;
}

// Removes from a recycled folder every file this build did not write and every folder that holds
// none of them. What the spare held was listed when it was taken; everything added since is this
// build's own. A listed path is kept when it is now a folder this build made or a file it wrote
// (whichever it was before: writing removes what stands in the way).
void StagedOutput::prune() const {
    std::optional<std::vector<Entry>> listed = spare_entries_;
    if (!listed) listed = list();
    if (!listed) throw fs::filesystem_error("cannot list", staging_, std::make_error_code(std::errc::io_error));
    const size_t prefix = staging_.string().size() + 1;
    std::vector<std::string> doomed;
    std::string gone;  // + "/": a listed folder that is doomed or was replaced by a file, and so what it held
    for (const auto& entry : *listed) {
        if (!gone.empty() && entry.path.starts_with(gone)) continue;
        const bool made = folders_.count(entry.path) != 0;
        if (entry.folder && !made) gone = entry.path + "/";
        if (made || written_.count(entry.path.substr(prefix))) continue;
        doomed.push_back(entry.path);
    }
    for (const auto& path : doomed) fs::remove_all(path);
}

void StagedOutput::commit() {
    if (recycled_) prune();
    if (fs::exists(out_ / ".gitkeep") && !fs::exists(staging_ / ".gitkeep")) fs::copy_file(out_ / ".gitkeep", staging_ / ".gitkeep");
    if (fs::exists(out_) && ::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) == 0) {
        // Swapped in one atomic step: the old output now sits at the staging path, and becomes
        // the next build's starting point.
        committed_ = true;
        keep_as_spare(staging_);
    } else if (fs::exists(out_)) {
        // Filesystems without RENAME_EXCHANGE: two renames: the old output is moved aside, then the new one takes its name. Only the
        // moment between them has no output directory; the old one is removed afterwards.
        const fs::path old = out_.parent_path() / ("." + out_.filename().string() + ".old-" + support::unique_suffix());
        fs::rename(out_, old);
        try {
            fs::rename(staging_, out_);
        } catch (...) {
            fs::rename(old, out_);
            throw;
        }
        committed_ = true;
        keep_as_spare(old);
    } else {
        fs::rename(staging_, out_);
        committed_ = true;
    }
}

}  // namespace icips::site
