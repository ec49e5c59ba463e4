// Reading a content folder's Git history through the `git` command-line tool. Git is always run
// with an argument vector (posix_spawn, no shell), so a revision or a path can never inject a
// command; revisions are checked with `git rev-parse --verify` before any other use.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace icips::git {

struct Result {
    int status = -1;   // git's exit status; -1 when it could not be run
    std::string out;   // standard output
    std::string err;   // standard error
    bool ok() const { return status == 0; }
};

// Runs `git -C <dir> <args...>` and waits for it. Standard input is /dev/null.
Result run(const std::filesystem::path& dir, const std::vector<std::string>& args);

// Where `dir` sits in a Git work tree: the top folder and `dir` relative to it ("content/", or ""
// for the top itself). std::nullopt outside a work tree, or when git is not installed.
struct Place {
    std::filesystem::path top;
    std::string prefix;  // with a trailing '/', as `git rev-parse --show-prefix` prints it
};
std::optional<Place> locate(const std::filesystem::path& dir);

// The full commit id `revision` names, or std::nullopt when it names no commit (a typo, an
// option-like "--foo", a tree or blob id).
std::optional<std::string> resolve_commit(const std::filesystem::path& dir, const std::string& revision);

// Writes the files of folder `prefix` (relative to the top of the repository, "" for the whole tree)
// as it was at `commit` into `dest`, which must exist and be empty. The work tree, index and HEAD
// are left alone. False, with the reason in `error`, when the folder did not exist at that commit.
bool export_folder(const Place& place, const std::string& commit, const std::filesystem::path& dest, std::string& error);

// When each file below `dir` was last changed by a commit reachable from HEAD, in ONE `git log`:
// path relative to `dir` ("standards/grades.yaml") -> committer date ("2026-11-23"). std::nullopt
// outside a Git work tree (or a repository without commits).
std::optional<std::map<std::string, std::string>> last_changed(const std::filesystem::path& dir);

struct Tag {
    std::string name;
    std::string commit;  // full id of the commit it points to
    std::string date;    // the commit's committer date, "2026-11-23"
};
// Tags matching the glob `pattern` ("standards-*") that point at commits, newest commit first
// (ties by name, descending).
// `dir` is any folder of the work tree.
std::vector<Tag> tags(const std::filesystem::path& dir, const std::string& pattern);

}  // namespace icips::git
