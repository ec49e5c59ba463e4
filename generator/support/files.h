// Reading a whole file and replacing one in a single step: the low-level file access that the
// content loaders, the output folder, the Git readers and the caches share.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace icips::support {

// The whole file as bytes, read with one read of its size; std::nullopt when it cannot be opened
// or read, is a folder or is a symbolic link (links are never followed: O_NOFOLLOW). `error`, when
// given, receives the errno of the failure (EISDIR for a folder, ELOOP for a link, EFBIG for a file
// of more than `max_bytes`, which is then not read).
std::optional<std::string> read_file(const std::filesystem::path& file, int* error = nullptr,
                                     std::size_t max_bytes = static_cast<std::size_t>(-1));

// Writes `pieces` one after the other to `file` (writev; plain open, no rename). Throws
// std::filesystem::filesystem_error.
void write_file(const std::filesystem::path& file, const std::vector<std::string_view>& pieces);

// Replaces `file` in one step (a temporary file beside it, then rename), so that a reader sees the
// old bytes or the new ones, never part of them; creates its folder when missing. Throws
// std::filesystem::filesystem_error and leaves no temporary file behind.
void replace_file(const std::filesystem::path& file, const std::vector<std::string_view>& pieces);

// A file's bytes mapped read-only into memory, all at once (MAP_POPULATE: one system call instead
// of a page fault per 4 KiB, each ~17 us on a paravirtualised VM). For files replaced only by
// rename, as replace_file does: a file cut short in place while mapped would fault on access.
class MappedFile {
public:
    // std::nullopt when the file cannot be opened or mapped; an empty file maps to no bytes.
    static std::optional<MappedFile> open(const std::filesystem::path& file);
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    ~MappedFile();
    std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

private:
    MappedFile(void* data, std::size_t size) : data_(data), size_(size) {}
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

// "<pid>-<clock>-<counter>": a name part no other process or call uses at the same time.
std::string unique_suffix();

}  // namespace icips::support
