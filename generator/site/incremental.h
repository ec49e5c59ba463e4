// serve's rebuilds: the whole build once, then, for each change, only what the change touches.
// A build keeps the loaded content, theme, plan, each page's links, the templates each page's
// render used and the search index's pieces in memory (BuiltSite). An edit of Markdown pages
// reloads those files only and re-renders the pages whose output depends on them (the page; when
// its title, description or order changed also the home page and its neighbours in the reading
// sequence) and rewrites the search index's shards that hold the edited pages. An edit of
// standards, pack or maturity YAML reloads the model and re-renders every page but the Markdown
// pages, with the JSON exports and the search index's shards whose model entries changed. An edit of a
// template re-renders the pages whose last render used it (or a template that includes it, for a
// partial); an edited asset is copied. Each rebuild link-checks and replaces each changed file in
// one step (temporary file + rename). What cannot be attributed safely (site.yaml, a new, moved or
// removed page or asset, a change of the menu, a model edit that adds or removes a search index
// shard, serve --compare) gets the full build. The result
// is byte for byte a full build's.
#pragma once
#include "content/yaml_cache.h"
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
    std::vector<std::set<std::string>> templates;  // per plan entry: the templates its last render used
    std::set<std::string> files;   // published files other than pages (assets, JSON, sitemap)
    SearchIndexJson search;
};

// The plan of `built`'s content and history as build_site makes it (with the history pages and,
// with --compare, the change marks).
std::vector<PlannedPage> plan_pages(const BuiltSite& built, const BuildOptions& options,
                                   std::vector<content::Diagnostic>& errors);
// The JSON exports of the model: site path -> bytes.
std::vector<std::pair<std::string, std::string>> export_files(const content::SiteContent& site);
// The YAML cache of `options.content_dir` (<.git>/icips-site); nullptr unless caching is on and the
// content is in an ordinary Git repository.
std::unique_ptr<content::YamlCache> open_yaml_cache(const BuildOptions& options);
// Renders `page`, noting in `templates` every template the render used; Markdown links to site
// paths are written under `base`, the site's base path.
std::string render_recording(const PlannedPage& page, const render::Theme& theme, std::set<std::string>& templates,
                             const std::string& base);

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
    // A change of standards, pack or maturity YAML: every page but the Markdown pages.
    std::optional<BuildReport> model_changed();
    // A change of templates or assets: the pages whose last render used a changed template.
    std::optional<BuildReport> theme_changed(const std::vector<std::filesystem::path>& files);
    // Renders the plan entries `targets` with `theme`, link-checks them (the whole site when one lost
    // an element id) and replaces their files, `extra` (site path -> bytes) and the search index's
    // shards `search_shards` from built_->search. On a render or link failure nothing is
    // written and `committed` is false: the caller puts back what it changed in built_. A failed
    // write drops built_ (the next change gets the full build).
    BuildReport rerender(const std::vector<size_t>& targets, const render::Theme& theme,
                         const std::vector<std::pair<std::string, std::string>>& extra,
                         const std::vector<size_t>& search_shards, bool& committed);
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
