// Markdown pages with YAML front matter: content/<path>/<name>.md is published at /<path>/<name>/,
// content/<path>/index.md at /<path>/ (and content/index.md is the home page's prose).
#pragma once
#include "content/diagnostics.h"
#include "kinds/standards/model.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace icips::content {

struct Page {
    std::string url;          // "/", "/membership/", "/guides/evidence/"
    std::string title;
    std::string description;
    std::string nav;          // label in the main menu; empty = not in the menu
    int order = 0;
    bool raw_html = false;    // the page opts in to raw HTML in its Markdown
    std::string body;         // Markdown
    int body_line = 1;        // file line where the body starts
    Location where;
    // Neighbours in the reading sequence of pages with an `order` (indexes into SiteContent::pages,
    // -1 for none), set by index_pages() so that no page has to sort the whole site.
    long prev = -1, next = -1;
};

// The fields of front matter of the plainest kind, read without yaml-cpp. Only when every line is
// `key: value` with a known key given once, and each value is one that YAML reads as exactly that
// text (plain, or quoted without escapes), whole number or true/false. Anything else (comments, quotes, lists, blank, indented or
// CRLF lines, an unknown or repeated key, an empty value, a value YAML might read differently) gives
// nothing, and the front matter goes through yaml-cpp with its usual checks and messages.
struct PlainFrontMatter {
    std::string title, description, nav;
    int order = 0;
    bool raw_html = false;
};
std::optional<PlainFrontMatter> plain_front_matter(std::string_view text);

// Every *.md below content_dir, in URL order. Errors (missing title, unknown keys, unclosed front
// matter, two files for one URL, invalid UTF-8) are appended to `errors`.
std::vector<Page> load_pages(const std::filesystem::path& content_dir, std::vector<Diagnostic>& errors);

// One page file below content_dir, or nothing after appending its errors.
std::optional<Page> load_page(const std::filesystem::path& file, const std::filesystem::path& content_dir,
                              std::vector<Diagnostic>& errors);
// The site paths the page's Markdown links to ("](/grades/member/)" -> "/grades/member/"), without
// anchors, in order of appearance.
std::vector<std::string> link_targets(const Page& page);
// Whether the page's Markdown links to the site path `url` (a link `](/grades/affiliate/)`, with or
// without a #fragment): whether `url` is one of link_targets(page). Pages that show "pages about
// this" ask it.
bool links_to(const Page& page, std::string_view url);

// A page file's path relative to content_dir, without file system calls (`file` is content_dir/...).
std::filesystem::path page_relative_path(const std::filesystem::path& file, const std::filesystem::path& content_dir);

}  // namespace icips::content
