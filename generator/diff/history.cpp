#include "diff/history.h"

#include "kinds/kinds.h"

#include "git/git.h"

#include <stdlib.h>

#include <future>
#include <mutex>

namespace fs = std::filesystem;

namespace icips::diff {
namespace {

// A fresh empty directory below the system's temporary folder, removed with this object.
struct TemporaryDirectory {
    fs::path path;
    TemporaryDirectory() {
        std::string pattern = (fs::temp_directory_path() / "icips-rev-XXXXXX").string();
        if (::mkdtemp(pattern.data())) path = pattern;
    }
    ~TemporaryDirectory() {
        std::error_code ec;
        if (!path.empty()) fs::remove_all(path, ec);
    }
};

// Content errors read as "<rev>:<path in the repository>:line:col: message".
void rename_paths(std::vector<content::Diagnostic>& errors, const fs::path& dir, const std::string& shown_as) {
    const std::string from = dir.string();
    for (auto& d : errors)
        if (d.path.starts_with(from)) d.path = shown_as + d.path.substr(from.size() + (d.path.size() > from.size()));
}

RevisionResult load_commit(const git::Place& place, const std::string& name, const std::string& commit) {
    RevisionResult result;
    TemporaryDirectory tmp;
    if (tmp.path.empty()) {
        result.errors.push_back({name, 0, 0, "cannot create a temporary directory for the content at " + name});
        return result;
    }
    const fs::path dir = tmp.path / "content";
    fs::create_directory(dir);
    std::string why;
    if (!git::export_folder(place, commit, dir, why)) {
        result.errors.push_back({name + ":" + place.prefix, 0, 0,
                                 "the content folder does not exist at " + name + " (" + why + ")"});
        return result;
    }
    Revision revision{name, commit, {}};
    revision.site = kinds::load_content(dir, result.errors);
    rename_paths(result.errors, dir, name + ":" + place.prefix);
    if (result.errors.empty()) result.revision = std::move(revision);
    return result;
}

// The entries of the content at a commit never change: tagged versions are read once per process.
struct EntryCache {
    std::mutex mutex;
    std::map<std::string, std::pair<std::vector<Entry>, std::string>> by_commit;  // key -> entries, error
};

std::pair<std::vector<Entry>, std::string> entries_at(const git::Place& place, const std::string& tag,
                                                      const std::string& commit) {
    static EntryCache cache;
    const std::string key = place.top.string() + "\n" + place.prefix + "\n" + commit;
    {
        std::lock_guard lock(cache.mutex);
        if (auto it = cache.by_commit.find(key); it != cache.by_commit.end()) return it->second;
    }
    auto loaded = load_commit(place, tag, commit);
    std::pair<std::vector<Entry>, std::string> value;
    if (loaded.revision) value.first = kinds::diff_entries(loaded.revision->site);
    else if (!loaded.errors.empty()) value.second = format(loaded.errors.front());
    std::lock_guard lock(cache.mutex);
    return cache.by_commit.emplace(key, std::move(value)).first->second;
}

}  // namespace

namespace {

std::string not_in_git(const fs::path& content_dir, const std::string& revision) {
    return content_dir.string() + " is not in a Git work tree (or git is not installed), so there is no " + revision +
           " to compare with";
}
std::string no_such_commit(const git::Place& place, const std::string& revision) {
    return "'" + revision + "' names no commit in " + place.top.string() +
           " (give a branch, tag or commit id, e.g. HEAD or HEAD~1)";
}

}  // namespace

RevisionResult load_revision(const fs::path& content_dir, const std::string& revision) {
    RevisionResult result;
    const auto place = git::locate(content_dir);
    const auto commit = place ? git::resolve_commit(content_dir, revision) : std::nullopt;
    if (!commit) {
        result.bad_revision = true;
        result.error = place ? no_such_commit(*place, revision) : not_in_git(content_dir, revision);
        return result;
    }
    return load_commit(*place, revision, *commit);
}

std::string revision_problem(const fs::path& content_dir, const std::string& revision) {
    const auto place = git::locate(content_dir);
    if (!place) return not_in_git(content_dir, revision);
    return git::resolve_commit(content_dir, revision) ? "" : no_such_commit(*place, revision);
}

History read_history(const fs::path& content_dir) {
    History history;
    // Two git processes at once: the log of the content folder and the version tags.
    auto tagging = std::async(std::launch::async, [&content_dir] { return git::tags(content_dir, kVersionTagPattern); });
    auto dates = git::last_changed(content_dir);
    const auto tags = tagging.get();
    if (!dates) return history;
    history.in_git = true;
    for (auto& [relative, date] : *dates) history.last_changed.emplace((content_dir / relative).string(), std::move(date));
    if (tags.empty()) return history;

    const auto place = git::locate(content_dir);
    if (!place) return history;
    for (size_t i = 0; i < tags.size(); ++i) {
        Version v{tags[i].name, tags[i].date, i + 1 < tags.size() ? tags[i + 1].name : "", {}, ""};
        auto [now, error] = entries_at(*place, tags[i].name, tags[i].commit);
        v.error = error;
        if (error.empty() && i + 1 < tags.size()) {
            auto [then, previous_error] = entries_at(*place, tags[i + 1].name, tags[i + 1].commit);
            if (previous_error.empty()) v.changes = compare(then, now);
            else v.error = previous_error;
        }
        history.versions.push_back(std::move(v));
    }
    return history;
}

std::vector<Change> changes_since(const Revision& revision, const content::SiteContent& current) {
    return compare(kinds::diff_entries(revision.site), kinds::diff_entries(current));
}

}  // namespace icips::diff
