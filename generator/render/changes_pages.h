// What the Git history adds to the site: /whats-changed/ (the changes between published versions,
// Git tags named standards-*), /changes/ while previewing with `serve --compare REV` (every change
// since REV, and each changed thing marked on its own page), and the "Last changed" line of the
// grade, area, pack and maturity pages.
#pragma once
#include "content/site_content.h"
#include "diff/diff.h"
#include "render/theme.h"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace icips::render {

inline constexpr std::string_view kWhatsChangedUrl = "/whats-changed/";
inline constexpr std::string_view kChangesUrl = "/changes/";

// What the Git history gives the pages, as plain data: the load stage reads it (site/stages.h).
struct SiteHistory {
    bool in_git = false;                 // the content folder is in a Git work tree
    std::vector<diff::Version> versions; // newest first: tags matching diff::kVersionTagPattern
    std::string compare;                 // serve --compare REV ("" when not comparing)
    std::string compare_commit;          // the full commit id REV names
    std::vector<diff::Change> changes;   // since REV
    // Every URL and anchor `site` shows (the diff entries' URLs), so that removed and moved-away
    // things are not linked; asked only when there are changes to link.
    std::function<std::set<std::string>(const content::SiteContent& site)> site_urls;
};

// A page the history adds to the plan.
struct HistoryPage {
    std::string url;
    std::function<std::string(const Theme&)> render;
};
// /whats-changed/ always; /changes/ when comparing. `h` and `site` must outlive the pages.
std::vector<HistoryPage> history_pages(const content::SiteContent& site, const SiteHistory& h);

// While comparing: `html` of the page at `url` with a "Changed since REV" box after its heading
// listing what changed on it, and the words inserted and deleted shown at each changed thing.
// `base`: the site's base path, which the links it adds start with.
std::string mark_changes(std::string html, const std::string& url, const SiteHistory& h, const std::string& base);

// The "Last changed" line (keys last_changed, last_changed_text) for a page built from `files`
// (content file paths as in Location::path): the newest of their commit dates; nothing when unknown.
void put_last_changed(Data& data, const content::SiteContent& site, const std::vector<std::string>& files);

}  // namespace icips::render
