// What the Git history adds to the site: /whats-changed/ (the changes between published versions,
// Git tags named standards-*), /changes/ while previewing with `serve --compare REV` (every change
// since REV, and each changed thing marked on its own page through its template data), and the
// "Last changed" line of the grade, area, pack and maturity pages.
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

// While comparing, what changed on the page being rendered: its changes reach the page's template
// data, and the theme shows them (partials changes-here, change-mark and change-note).
//
// plan_pages wraps each page's render in a ChangesOnPage for the page's URL; while it is alive,
// render_page and the page builders on that thread ask it through put_changes_here and put_change.
// It is a scoped thread-local, like markdown::SitePathBase and Theme::Recording, so that the page
// builders' signatures stay as they are: only a build that compares creates one, and without one
// both functions set nothing.
class ChangesOnPage {
public:
    // `h` must outlive the scope. Only h.changes whose page (their URL without #fragment) is `url`.
    ChangesOnPage(const SiteHistory& h, const std::string& url);
    ~ChangesOnPage();
    ChangesOnPage(const ChangesOnPage&) = delete;
    ChangesOnPage& operator=(const ChangesOnPage&) = delete;

private:
    friend bool put_changes_here(Data& data);
    friend void put_change(Data& d, const std::string& element_id);
    const SiteHistory& history_;
    std::vector<const diff::Change*> here_;  // in site order
    const ChangesOnPage* previous_;
};

// The "Changed since REV" box of the page (partial changes-here, right after its heading):
// `has_changes_here`, `compare` (REV), `changes_url` and `changes_here[]`, one per change on the
// page: `name`, `has_anchor` and `anchor` (the changed thing's element id, to link to; none for the
// page itself and for removed things) and the note's keys (below). Returns whether the page has
// changes (the layout then loads changes.css); sets nothing when it has none.
bool put_changes_here(Data& data);
// The change mark of the thing with element id `element_id` on this page (partial change-mark):
// `has_change`, and when it changed `change_type` ("reworded") and `change`, the note's keys:
// `label` ("Reworded"), `revision`, `moved` and `was` (where it was), `has_text` and `text` (the
// words of an added or removed thing), `has_words` and `words[]` (a rewording's runs: `keep`,
// `insert` or `remove`, `text`, `first`). Set on every object a template may mark while comparing,
// so that an unchanged item never shows its parent's mark; nothing is set when not comparing.
void put_change(Data& d, const std::string& element_id);

// The "Last changed" line (keys last_changed, last_changed_text) for a page built from `files`
// (content file paths as in Location::path): the newest of their commit dates; nothing when unknown.
void put_last_changed(Data& data, const content::SiteContent& site, const std::vector<std::string>& files);

}  // namespace icips::render
