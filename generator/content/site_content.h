// Everything a content directory holds, loaded and cross-checked: the site settings, the standards,
// the prose pages, worksheet packs and maturity models. This is the model the site is planned from.
#pragma once
#include "kinds/maturity/model.h"
#include "kinds/packs/model.h"
#include "kinds/pages/model.h"
#include "kinds/standards/model.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace icips::content {

// content/site.yaml (optional; every key optional).
struct SiteConfig {
    std::string title = "Standards";  // shown in the header and in every <title>
    std::string description;         // the home page's meta description when it has none
    std::string base_url;            // "https://example.org/standards/": canonical and sitemap URLs
    std::string base_path;           // its path without the trailing slash ("/standards"; "" at the root),
                                     // before every URL the site writes (content/urls.h)
    std::string language = "en-GB";  // the <html lang>
    std::string footer;              // Markdown shown in every page's footer (publisher, source, licence)
    Location where;
};

// A section of the site a kind of content adds to the menu, to the search page's ways to browse and,
// with its open data, to the footer.
struct SiteSection {
    std::string url;           // "/grades/"
    std::string menu_label;    // "Grades"
    std::string browse_label;  // "The grades and their requirements"
    // The section's content as open data, linked from every page's footer; "" for none.
    std::string json_url;      // "/api/standards.json"
    std::string json_label;    // "The standards as open data (JSON)"
    bool operator==(const SiteSection&) const = default;
};

// Each kind's part (generator/kinds/<kind>/model.h), the settings, and what is derived from them.
struct SiteContent {
    SiteConfig config;
    Standards standards;
    std::vector<Page> pages;
    std::vector<Pack> packs;
    std::vector<MaturityModel> models;
    // The pages with a `nav` label in menu order (indexes into `pages`), set by index_pages().
    std::vector<size_t> menu;
    // The kinds' sections, in the kinds' order (kinds::sections).
    std::vector<SiteSection> sections;
    // When each content file last changed in Git (Location::path -> "2026-11-23"), filled by the
    // build from the history (render/changes_pages.h); empty outside a Git repository.
    std::map<std::string, std::string> last_changed;
};

// Publishes the site at `base_url` (an http(s) URL that content::base_url_problem accepts): sets
// base_url and base_path.
void set_base_url(SiteConfig& config, std::string_view base_url);

SiteConfig load_site_config(const std::filesystem::path& content_dir, std::vector<Diagnostic>& errors);

// Derives from `pages` what many pages show, so that no page has to go through the whole site: the
// menu and each page's neighbours in the reading sequence (Page::prev, Page::next). load_content
// calls it; call it again after changing `pages`.
void index_pages(SiteContent& content);

// Swaps what the kinds with a content folder load (the YAML models: standards, packs, maturity
// models) between `a` and `b`, and the sections derived from them; the settings, prose pages, menu
// and history stay. Vectors are swapped, not copied, so pointers into their elements stay valid.
void swap_models(SiteContent& a, SiteContent& b);

}  // namespace icips::content
