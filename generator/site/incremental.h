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
// shard, serve --compare) gets the full build. The result is byte for byte a full build's. Each
// rebuild runs the stages of site/stages.h on what it takes.
#pragma once
#include "site/build.h"
#include "site/stages.h"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace icips::site {

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
    // an element id) and writes their files and `others` (with the search index's shards from
    // built_->search). On a render or link failure nothing is written and `committed` is false: the
    // caller puts back what it changed in built_. A failed write drops built_ (the next change gets
    // the full build).
    BuildReport rerender(const std::vector<size_t>& targets, const render::Theme& theme, SiteFiles others,
                         bool& committed);
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
