// Writing the site so that it never half-publishes: pages go into a fresh temporary directory
// beside the output directory, which replaces the output directory only when the whole build has
// succeeded. A failed build removes the temporary directory and leaves the output as it was.
#pragma once
#include <filesystem>
#include <mutex>
#include <set>
#include <optional>
#include <string>
#include <vector>

namespace icips::site {

// Why `out` must not be used as the output directory, if it must not: it is "/", the home
// directory, a Git repository's root, the content or a theme directory (or holds one of them), or
// an existing non-empty directory that an earlier build did not write.
std::optional<std::string> unsafe_output_reason(const std::filesystem::path& out, const std::filesystem::path& content,
                                                const std::vector<std::filesystem::path>& themes);

class StagedOutput {
public:
    // Creates <parent>/.<name>.tmp-<unique>; throws std::filesystem::filesystem_error on failure.
    explicit StagedOutput(std::filesystem::path out);
    ~StagedOutput();  // removes the staging directory unless committed
    StagedOutput(const StagedOutput&) = delete;
    StagedOutput& operator=(const StagedOutput&) = delete;

    const std::filesystem::path& dir() const { return staging_; }
    // Writes `bytes` to dir()/relative, creating folders.
    void write(const std::string& relative, std::string_view bytes) const;
    // Swaps the staging directory in for the output directory (keeping a top-level .gitkeep).
    void commit();

private:
    std::filesystem::path out_, staging_;
    bool committed_ = false;
    mutable std::mutex folders_mutex_;
    mutable std::set<std::string> folders_;  // made already
};

// Writes `bytes` to `file` (plain open/write; throws std::filesystem::filesystem_error).
void write_file(const std::filesystem::path& file, std::string_view bytes);
// Replaces `file` in one step (a temporary file beside it, then rename), so that a reader sees the
// old bytes or the new ones, never part of them; creates its folder when missing.
void replace_file(const std::filesystem::path& file, std::string_view bytes);
// The same for a file made of `pieces` one after the other (written with writev, never joined).
void replace_file(const std::filesystem::path& file, const std::vector<std::string_view>& pieces);

// The marker file every build writes, by which a later build recognises an output directory.
inline constexpr const char* kOutputMarker = ".icips-site";

}  // namespace icips::site
