// The only place that knows cmark-gfm. Markdown from content goes in, HTML comes out.
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace icips::markdown {

// The base path that links to site paths are written under on this thread while a SitePathBase
// is alive ("" otherwise): the default of Options::base.
std::string_view current_base();

// Site paths whose links are written as another target ("/packs/p/w/" -> "#ws-w"), on a page that
// holds what they point to.
using LinkTargets = std::map<std::string, std::string, std::less<>>;
// The targets set on this thread by a LinksWithin (nullptr otherwise): the default of Options::within.
const LinkTargets* current_within();

struct Options {
    // A page's front matter must opt in; otherwise raw HTML is dropped. Even then it goes through
    // sanitize_html.
    bool allow_raw_html = false;
    // Links and images to site paths ("/grades/member/", not "//host/") are written under this base
    // path ("/standards" -> "/standards/grades/member/"); "" writes them as they are. URLs in raw
    // HTML are kept as written.
    std::string_view base = current_base();
    // Links and images whose URL is a key here are written as its value instead (before `base`).
    const LinkTargets* within = current_within();
};

// While alive, Markdown rendered on this thread with default Options writes links to the keys of
// `targets` as their values: the pack's print page holds one so that links to a worksheet's own
// page go to its section of the page.
class LinksWithin {
public:
    explicit LinksWithin(const LinkTargets& targets);
    ~LinksWithin();
    LinksWithin(const LinksWithin&) = delete;
    LinksWithin& operator=(const LinksWithin&) = delete;

private:
    const LinkTargets* previous_;
};

// While alive, Markdown rendered on this thread with default Options writes links to site paths
// under `base` (a site's base path, content/urls.h); the build holds one around each page it renders.
class SitePathBase {
public:
    explicit SitePathBase(std::string_view base);
    ~SitePathBase();
    SitePathBase(const SitePathBase&) = delete;
    SitePathBase& operator=(const SitePathBase&) = delete;

private:
    std::string_view previous_;
};

// Raw HTML made safe to publish: only an allow-list of tags (text formatting, lists, tables,
// headings, links, images, details) with an allow-list of attributes (no event handlers, no style);
// href, src and cite only with a relative, http(s) or mailto URL. Comments, script, style, iframe,
// object, embed, svg, forms and every other tag are dropped (script, style and the like with their
// content); a '<' that starts no tag becomes "&lt;". docs/content.md lists the same.
std::string sanitize_html(std::string_view html);

// Renders a block of Markdown (CommonMark + GFM table, autolink, strikethrough, tagfilter).
std::string to_html(std::string_view markdown, const Options& options = {});

// Renders a single paragraph's worth of Markdown without the surrounding <p> (for titles, list items).
std::string to_inline_html(std::string_view markdown, const Options& options = {});

// The words of a Markdown fragment without its markup, for the search index: emphasis, links and
// code keep their text, raw HTML is dropped, blocks (paragraphs, headings, list items, table cells)
// are separated by one space and all whitespace is collapsed.
// "**Leading** CI\n\n- a\n- b" -> "Leading CI a b".
std::string to_plain_text(std::string_view markdown);

// to_html and to_plain_text from one parse (the parse is most of the cost of either).
struct HtmlAndText {
    std::string html, text;
};
HtmlAndText to_html_and_text(std::string_view markdown, const Options& options = {});

// Markdown that is nothing but paragraphs of plain words, which cmark would give back as they are:
// lines that start with a letter and do not end in a space, holding letters, digits, spaces,
// well-formed non-ASCII characters and only the punctuation , . ; : ? ! ( ) ' " / % + = - (no
// "://" or "www.", which the autolink extension links). Most texts of the model (titles, summaries,
// notes) are like this, and the functions above render them without parsing.
bool is_plain_paragraphs(std::string_view markdown);

namespace detail {
// The same as to_html and to_plain_text, always through cmark (for tests of the shortcut).
std::string cmark_html(std::string_view markdown, const Options& options = {});
std::string cmark_text(std::string_view markdown);
}  // namespace detail

}  // namespace icips::markdown
