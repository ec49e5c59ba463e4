// Reading a whole file and replacing one in a single step: the low-level file access that the
// content loaders and the output folder share.
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

// True when `inner` is `outer` or lies below it, by the paths' words alone (no file system access:
// compare paths made absolute or canonical the same way).
bool is_within(const std::filesystem::path& inner, const std::filesystem::path& outer);

// "<pid>-<clock>-<counter>": a name part no other process or call uses at the same time.
std::string unique_suffix();

}  // namespace icips::support
