// The plan of a site: every page it will publish, with the URL, the source it comes from and how
// to render it. Planning is cheap; rendering (Markdown, templates) happens later, in parallel. The
// kinds of content plan their pages (kinds::plan); the site adds the history pages (site/stages.h).
#pragma once
#include "content/site_content.h"
#include "render/rendered.h"
#include "render/theme.h"

#include <functional>
#include <string>
#include <vector>

namespace icips::site {

struct PlannedPage {
    std::string url;              // "/grades/member/", "/404.html"
    content::Location source;     // the content file it is built from (link errors are reported there)
    std::function<render::Rendered(const render::Theme&)> render;
    // The page lists the prose pages that link to it, by title and description (a grade page without
    // requirements does): serve renders it again when a page linking to it, before or after an
    // edit, is edited.
    bool lists_linking_pages = false;
};

// A file the build writes besides the planned pages.
struct OutputFile {
    std::string url;          // "/sitemap.xml", "/assets/site.css"
    content::Location source; // the theme file of an asset; empty for what the site makes itself
    bool folder = false;      // the whole folder is the site's ("/search-index/": the index's shards)
};
// Every such file: the JSON export, the sitemap, the search index, the schemas, the theme's assets.
std::vector<OutputFile> generated_files(const content::SiteContent& site, const render::Theme& theme);

// The check of the whole plan before anything is written: every output path lies inside the output
// folder, and no two sources (pages of any kind, generated files, assets) claim one file, nor one a
// file where another needs a folder. Each conflict is reported naming both sources.
void check_output_paths(const std::vector<PlannedPage>& plan, const std::vector<OutputFile>& others,
                        std::vector<content::Diagnostic>& errors);

}  // namespace icips::site
