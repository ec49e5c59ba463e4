// The content's Git history as the site uses it: the content model at a revision (for
// `icips-site diff` and `serve --compare`), the changes between released versions (Git tags named
// `standards-*`, for the "What's changed" page) and when each content file last changed.
#pragma once
#include "content/site_content.h"
#include "diff/diff.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace icips::diff {

// The content folder as it was at a revision.
struct Revision {
    std::string name;     // as given: "HEAD", "standards-2025"
    std::string commit;   // full commit id
    content::SiteContent site;
};

struct RevisionResult {
    std::optional<Revision> revision;
    bool bad_revision = false;                 // not a Git work tree, or `name` names no commit (usage error)
    std::string error;                         // why, for bad_revision
    std::vector<content::Diagnostic> errors;   // content errors at that revision, paths as "<rev>:<path>"
};

// Loads `content_dir` as it was at `revision`: the folder is exported with `git archive` into a
// temporary directory (removed afterwards) and loaded like the working tree; the working tree,
// index and HEAD are never touched.
RevisionResult load_revision(const std::filesystem::path& content_dir, const std::string& revision);
// Why `revision` cannot be compared with (no Git work tree, no such commit), or "" when it can.
std::string revision_problem(const std::filesystem::path& content_dir, const std::string& revision);

struct History {
    bool in_git = false;  // the content folder is in a Git work tree
    // Content file (as in Location::path) -> date of the last commit that changed it ("2026-11-23").
    std::map<std::string, std::string> last_changed;
    std::vector<Version> versions;  // newest first; empty without tags matching kVersionTagPattern
};

// Reads when each file last changed (one `git log`) and the changes between tagged versions (only
// when there are such tags; the model at each tagged commit is kept in memory, so a serve rebuild
// does not load it again). Quiet outside a Git work tree: in_git false, nothing else set.
History read_history(const std::filesystem::path& content_dir);

// The changes from `revision` to `current` (the working tree's model), entries paired by stable id.
std::vector<Change> changes_since(const Revision& revision, const content::SiteContent& current);

}  // namespace icips::diff
