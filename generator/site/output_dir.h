// Writing the site so that it never half-publishes: pages go into a staging directory beside the
// output directory, which replaces the output directory in one step only when the whole build has
// succeeded. A failed build leaves the output as it was.
//
// The output a build replaces is not deleted but kept beside it as <parent>/.<name>.spare, and the
// next build stages into that folder instead of an empty one: a file whose bytes are unchanged is
// left alone, a changed one is overwritten in place, and files the build did not write are removed
// before the swap, so that a rebuild neither creates nor deletes every file and folder of the site.
#pragma once
#include "support/files.h"

#include <filesystem>
#include <mutex>
#include <set>
#include <optional>
#include <string>
#include <vector>

namespace icips::site {

// The output folder `out` names, resolved once: absolute, with every link in its existing part
// resolved as the kernel resolves it ("v/link/.." is the folder that holds link's target, not "v").
// This path is the one checked (unsafe_output_reason) and the one written (StagedOutput).
std::filesystem::path resolve_output_dir(const std::filesystem::path& out);

// Why `out` must not be used as the output directory, if it must not: it is "/", the home
// directory, a Git repository's root, the content or a theme directory (or holds one of them), or
// an existing non-empty directory that an earlier build did not write.
std::optional<std::string> unsafe_output_reason(const std::filesystem::path& out, const std::filesystem::path& content,
                                                const std::vector<std::filesystem::path>& themes);

class StagedOutput {
public:
    // Takes over <parent>/.<name>.spare as <parent>/.<name>.tmp-<unique>, or creates that folder
    // when there is no spare; throws std::filesystem::filesystem_error on failure.
    explicit StagedOutput(std::filesystem::path out);
    ~StagedOutput();  // unless committed: puts the spare back, or removes the staging directory
    StagedOutput(const StagedOutput&) = delete;
    StagedOutput& operator=(const StagedOutput&) = delete;

    const std::filesystem::path& dir() const { return staging_; }
    // Writes `bytes` to dir()/relative, creating folders (safe to call from several threads). Throws
    // std::filesystem::filesystem_error for a `relative` that is not a plain path inside dir().
    void write(const std::string& relative, std::string_view bytes) const;
    // The same for a file made of `pieces` one after the other (written with writev, never joined).
    void write(const std::string& relative, const std::vector<std::string_view>& pieces) const;
    // Copies the file `source` to dir()/relative.
    void copy(const std::string& relative, const std::filesystem::path& source) const;
    // Removes what a recycled spare held that this build did not write, then swaps the staging
    // directory in for the output directory (keeping a top-level .gitkeep); the old output becomes
    // the spare.
    void commit();
    // Whether staging started from the spare of an earlier build.
    bool recycled() const { return recycled_; }

private:
    struct Entry {
        std::string path;  // absolute
        bool folder;       // a real folder (not a link to one)
    };
    // Everything below the staging folder, each folder before what it holds; nullopt on an error.
    std::optional<std::vector<Entry>> list() const;
    void make_folder(const std::filesystem::path& folder) const;
    void prune() const;
    void keep_as_spare(const std::filesystem::path& dir) const;

    std::filesystem::path out_, staging_, spare_;
    bool committed_ = false;
    bool recycled_ = false;
    mutable std::mutex mutex_;
    mutable std::set<std::string> folders_;  // made already (absolute)
    mutable std::set<std::string> written_;  // relative paths written, when recycled
    // What the recycled spare held when it was taken (listed then, on the thread that prepares the
    // output while the content loads, so that the prune after the render need not walk it again).
    std::optional<std::vector<Entry>> spare_entries_;
};

// Replaces `file` in one step; see support::replace_file, which also takes the file in pieces.
using support::replace_file;
void replace_file(const std::filesystem::path& file, std::string_view bytes);

// The marker file every build writes, by which a later build recognises an output directory.
inline constexpr const char* kOutputMarker = ".icips-site";

}  // namespace icips::site
