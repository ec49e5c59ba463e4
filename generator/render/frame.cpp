#include "render/frame.h"

#include "content/urls.h"
#include "markdown/markdown.h"
#include "render/changes_pages.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace icips::render {
namespace {

struct NavEntry {
    Link link;
    int order;
};

// Main menu: the home page, every prose page with a `nav` label (by `order`), then the sections of
// the kinds of content (SiteContent::sections).
std::vector<NavEntry> navigation(const content::SiteContent& site) {
    std::vector<NavEntry> entries;
    entries.reserve(site.menu.size() + site.sections.size() + 1);
    entries.push_back({{"/", "Home"}, 0});
    for (size_t i : site.menu) entries.push_back({{site.pages[i].url, site.pages[i].nav}, site.pages[i].order});
    for (const auto& section : site.sections) entries.push_back({{section.url, section.menu_label}, 0});
    return entries;
}

bool is_within(const std::string& url, const std::string& section) {
    return section == "/" ? url == "/" : url.starts_with(section);
}

}  // namespace

std::string css_string(const std::string& text) {
    std::string out = "\"";
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (std::isalnum(c) || c == ' ') {
            out += text[i++];
            continue;
        }
        // One code point of UTF-8, written as a CSS escape.
        const int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        unsigned long code = length == 1 ? c : c & (0x7F >> length);
        for (int k = 1; k < length && i + k < text.size(); ++k)
            code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        i += length;
        char hex[16];
        std::snprintf(hex, sizeof hex, "\\%lX ", code);
        out += hex;
    }
    return out + "\"";
}

bool has_asset(const Theme& theme, std::string_view relative) {
    return std::any_of(theme.assets().begin(), theme.assets().end(),
                       [&](const Asset& a) { return a.relative == relative; });
}

bool has_search_library(const Theme& theme) { return has_asset(theme, kSearchLibraryAsset); }

Data link_data(const Link& link) {
    Data d;
    put(d, "url", link.url);
    put(d, "title", link.title);
    return d;
}

void put_note(Data& d, bool has_note, const std::string& about) {
    d.set("has_note", has_note);
    put(d, "note_url", has_note ? content::note_url(about) : std::string());
}

const std::vector<std::string>& template_names() {
    static const std::vector<std::string> names = {"layout", "whats-changed", "changes"};
    return names;
}

std::string render_page(const Theme& theme, const content::SiteContent& site, const Frame& frame, Data data) {
    // Every template has {{base}}, the base path to write before each site path it links to.
    put(data, "base", site.config.base_path);
    put(data, "page_url", frame.url);
    put(data, "title", frame.title);
    // While comparing with a revision, the "Changed since" box (partial changes-here) and changes.css.
    const bool changes_here = put_changes_here(data);
    std::string main = theme.render(frame.kind, data);
    Data layout;
    put(layout, "base", site.config.base_path);
    put(layout, "kind", frame.kind);
    put(layout, "title", frame.title);
    put(layout, "site_title", site.config.title);
    put(layout, "head_title", frame.url == "/" || frame.title == site.config.title
                                 ? site.config.title
                                 : frame.title + " – " + site.config.title);
    if (!frame.description.empty()) put(layout, "description", frame.description);
    put(layout, "lang", site.config.language);
    DataList open_data;
    for (const auto& section : site.sections)
        if (!section.json_url.empty()) open_data.push_back(link_data({section.json_url, section.json_label}));
    put(layout, "open_data", list_of(std::move(open_data)));
    if (changes_here) layout.set("has_changes_here", true);
    // The header's search box: on every page when the theme has the search library, but not on
    // /search/ itself (which has its own box).
    layout.set("header_search", frame.kind != "search" && has_search_library(theme));
    if (!site.config.base_url.empty())
        put(layout, "canonical", site.config.base_url + frame.url.substr(frame.url.starts_with('/') ? 1 : 0));
    if (!site.config.footer.empty()) {
        // The same footer on every page: rendered once per thread, again only if it changes (serve).
        thread_local std::string footer_source, footer_base, footer_html;
        if (footer_html.empty() || footer_source != site.config.footer || footer_base != site.config.base_path) {
            footer_html = markdown::to_html(site.config.footer, {.base = site.config.base_path, .within = nullptr});
            footer_source = site.config.footer;
            footer_base = site.config.base_path;
        }
        put(layout, "footer", footer_html);
    }

    if (!frame.source.empty()) put(layout, "credit", markdown_inline(frame.source));
    if (!frame.licence.empty()) put(layout, "licence", markdown_inline(frame.licence));

    // The menu entry of the section this page is in is marked current (the longest match wins).
    auto entries = navigation(site);
    size_t best = entries.size(), best_length = 0;
    for (size_t i = 0; i < entries.size(); ++i)
        if (is_within(frame.url, entries[i].link.url) && entries[i].link.url.size() >= best_length) {
            best = i;
            best_length = entries[i].link.url.size();
        }
    DataList nav;
    nav.reserve(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
        Data d = link_data(entries[i].link);
        put(d, "current", i == best);
        put(d, "page", i == best && entries[i].link.url == frame.url);
        nav.push_back(std::move(d));
    }
    put(layout, "nav", list_of(std::move(nav)));

    DataList crumbs;
    crumbs.reserve(frame.crumbs.size());
    for (const auto& c : frame.crumbs) crumbs.push_back(link_data(c));
    put(layout, "has_crumbs", !crumbs.empty());
    put(layout, "crumbs", list_of(std::move(crumbs)));
    if (frame.prev) put(layout, "prev", link_data(*frame.prev));
    if (frame.next) put(layout, "next", link_data(*frame.next));
    put(layout, "has_pager", frame.prev.has_value() || frame.next.has_value());
    // What a kind of page loads besides site.css (its stylesheets and scripts) is the theme's
    // choice: the template head/<kind>, rendered with the page's data, when the theme has one.
    if (const std::string head = "head/" + frame.kind; theme.has(head)) put(layout, "head", theme.render(head, data));
    // Printed at the foot of every page: the credit of the page's source.
    if (!frame.source.empty())
        put(layout, "running_title_css", css_string("Source: " + markdown::to_plain_text(frame.source)));
    return theme.render_around("layout", layout, std::move(main));
}

}  // namespace icips::render
