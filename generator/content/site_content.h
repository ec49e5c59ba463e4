// Everything a content directory holds, loaded and cross-checked: the site settings, the standards,
// the prose pages, worksheet packs and maturity models. This is the model the site is planned from.
#pragma once
#include "content/maturity.h"
#include "content/packs.h"
#include "content/pages.h"
#include "content/standards.h"

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

struct SiteContent {
    SiteConfig config;
    Standards standards;
    std::vector<Page> pages;
    std::vector<Pack> packs;
    std::vector<MaturityModel> models;
    // The pages with a `nav` label in menu order (indexes into `pages`), set by index_pages().
    std::vector<size_t> menu;
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

// Loads every kind of content and reports every error of every file at once.
SiteContent load_content(const std::filesystem::path& content_dir, std::vector<Diagnostic>& errors);

}  // namespace icips::content
