// serve's rebuilds: the whole build once, then, for each change, only what the change touches.
// A build keeps the loaded content, theme, plan, each page's links and the search index's pieces
// in memory (BuiltSite); an edit of Markdown pages reloads those files only and re-renders the
// pages whose output depends on them (the page; when its title, description or order changed also
// the home page and its neighbours in the reading sequence) and the search index, link-checks
// what it re-rendered and replaces each changed file in one step (temporary file + rename). What
// cannot be attributed safely (a template, YAML, site.yaml, a new, moved or removed page, a change
// of the menu, serve --compare) gets the full build. The result is byte for byte a full build's.
#pragma once
#include "render/changes_pages.h"
#include "site/build.h"
#include "site/links.h"
#include "site/plan.h"
#include "site/search_index.h"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace icips::site {

// What a good build leaves for the next, incremental one. Plan entries point into `site`, `history`.
struct BuiltSite {
    content::SiteContent site;
    render::SiteHistory history;
    std::optional<render::Theme> theme;
    std::vector<PlannedPage> plan;
    std::vector<PageLinks> links;  // per plan entry
    std::set<std::string> files;   // published files other than pages (assets, JSON, sitemap)
    SearchIndexJson search;
};

class SiteBuilder {
public:
    explicit SiteBuilder(BuildOptions options);
    ~SiteBuilder();

    // Builds after `changed` (content or theme files, as the watcher reports them); empty: anything
    // may have changed, the full build. A failed build leaves the output as it was; the files it
    // failed on are loaded again with the next change.
    BuildReport rebuild(const std::vector<std::filesystem::path>& changed);
    // Whether the last rebuild was incremental (for tests and the log).
    bool last_incremental() const { return last_incremental_; }
    // Why the last rebuild was a full one.
    const std::string& full_reason() const { return full_reason_; }

private:
    BuildReport full();
    std::optional<BuildReport> incremental(const std::vector<std::filesystem::path>& changed);
    std::nullopt_t fall_back(std::string why);

    BuildOptions options_;
    std::unique_ptr<BuiltSite> built_;
    std::map<std::filesystem::path, size_t> page_of_file_;      // content-relative path -> site.pages index
    std::unordered_map<std::string, size_t> plan_of_url_;       // URL -> plan index
    std::vector<std::filesystem::path> pending_;                // files a failed build could not take
    bool last_incremental_ = false;
    std::string full_reason_;
};

}  // namespace icips::site
