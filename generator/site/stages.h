// The build, stage by stage. build_site (site/build.h) runs them in order on the whole site; serve's
// incremental rebuild (site/incremental.h) runs them again on what a change touches.
//
//   load_site     the content, the theme and the Git history, read at the same time
//   plan_pages    every page the site publishes: its URL, the file it comes from, how to render it
//   render_pages  pages of the plan, in parallel: each one's HTML, search text, links and templates
//   check_links   every internal link against the pages and the other files (site/links.h)
//   write_files   the files, into a staging folder swapped in whole (a full build) or each one
//                 replaced in one step (a rebuild)
#pragma once
#include "content/site_content.h"
#include "render/changes_pages.h"
#include "render/rendered.h"
#include "render/theme.h"
#include "site/build.h"
#include "site/links.h"
#include "site/output_dir.h"
#include "site/plan.h"
#include "site/search_index.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace icips::site {

// What a build has made, kept for serve's next incremental rebuild. Plan entries point into `site`
// and `history`.
struct BuiltSite {
    content::SiteContent site;
    render::SiteHistory history;
    std::optional<render::Theme> theme;
    std::vector<PlannedPage> plan;
    std::vector<PageLinks> links;                  // per plan entry
    std::vector<std::set<std::string>> templates;  // per plan entry: the templates its last render used
    std::set<std::string> files;                   // published files other than pages (assets, JSON, sitemap)
    SearchIndexJson search;
};

// ---- load_site ------------------------------------------------------------------------------------

// Loads the content, the theme and the Git history (git runs on a thread of its own) into `built`.
// Errors of content, theme and the compared revision go to report.errors. Returns false, with
// report.usage_error and report.fatal, when --compare names no commit.
bool load_site(const BuildOptions& options, BuiltSite& built, BuildReport& report);

// ---- plan_pages -----------------------------------------------------------------------------------

// The plan of `built`'s content and history: every kind's pages (kinds::plan) and the history pages;
// with --compare, each page renders inside a render::ChangesOnPage for its URL (its change marks).
std::vector<PlannedPage> plan_pages(const BuiltSite& built, const BuildOptions& options,
                                   std::vector<content::Diagnostic>& errors);

// The JSON exports of the model: site path -> bytes.
std::vector<std::pair<std::string, std::string>> export_files(const content::SiteContent& site);

// ---- render_pages ---------------------------------------------------------------------------------

struct RenderedPage {
    render::Rendered rendered;
    PageLinks links;
    std::set<std::string> templates;  // every template the render used
};

// Renders the plan entries `targets` with `theme` on `threads` threads (0: one per core) into
// out[k] for targets[k]; Markdown links to site paths are written under `base`, the site's base path. `done(k, out[k])`, when given, is called on the rendering thread as soon as
// a page is rendered (a full build writes the page there and lets its HTML go). Returns "" or the
// first failure, "<url>: <why>".
std::string render_pages(const std::vector<PlannedPage>& plan, const std::vector<size_t>& targets,
                         const render::Theme& theme, const std::string& base, unsigned threads, std::vector<RenderedPage>& out,
                         const std::function<void(size_t, RenderedPage&)>& done = {});

// ---- write_files ----------------------------------------------------------------------------------

// Where files go: a staging folder that replaces the output folder once the build is done, or the
// output folder itself, each file replaced in one step. Site paths start with '/'.
class Output {
public:
    explicit Output(const StagedOutput& staged) : staged_(&staged) {}
    explicit Output(std::filesystem::path out_dir) : out_dir_(std::move(out_dir)) {}
    void write(const std::string& site_path, const std::vector<std::string_view>& pieces) const;
    void copy(const std::string& site_path, const std::filesystem::path& source) const;

private:
    const StagedOutput* staged_ = nullptr;
    std::filesystem::path out_dir_;
};

// What write_files writes.
struct SiteFiles {
    std::vector<std::pair<std::string, std::string>> bytes;            // site path -> bytes
    std::vector<std::pair<std::string, std::filesystem::path>> copies; // site path -> source file
    const SearchIndexJson* search = nullptr;
    bool search_manifest = false;      // /search-index.json
    std::vector<size_t> search_shards; // /search-index/<k>.json
};

// Writes `files` on `threads` threads; throws std::exception on failure.
void write_files(const Output& out, const SiteFiles& files, unsigned threads);

}  // namespace icips::site
