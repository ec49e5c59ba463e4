// What every page shares: the layout around a page kind's own template (header, navigation,
// breadcrumbs, previous/next, footer). Page builders fill a Frame and their kind's data.
#pragma once
#include "content/site_content.h"
#include "render/theme.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace icips::render {

struct Link {
    std::string url;
    std::string title;
};

struct Frame {
    std::string kind;         // template name, also the page's CSS class: "grade", "assignment"
    std::string url;          // the page's own URL
    std::string title;        // <h1> and <title>
    std::string description;  // meta description
    std::vector<Link> crumbs; // from the home page down to the parent (the page itself excluded)
    std::optional<Link> prev, next;
    // Markdown: the credit for what the page shows, in its footer (and, printed, at the foot of
    // every page): the source document and, when the source asks for one, its licence. Empty on
    // pages that show no one source's content.
    std::string source, licence;
};

// Where the theme publishes the search library (assets/vendor/minisearch.js), below /assets/.
inline constexpr std::string_view kSearchLibraryAsset = "vendor/minisearch.js";
// Its English stemmer (assets/vendor/porter2-stemmer.js), loaded when the theme has it; without it
// words match as typed.
inline constexpr std::string_view kSearchStemmerAsset = "vendor/porter2-stemmer.js";

// True when the theme has the asset at `relative` below assets/ ("vendor/minisearch.js").
bool has_asset(const Theme& theme, std::string_view relative);
// True when the theme has the search library: /search/ can search, and every other page has a search
// box in its header (without the library there is none, as it could only lead to "not available").
bool has_search_library(const Theme& theme);

// Renders `data` with the frame's kind template, then wraps it in the theme's layout.
std::string render_page(const Theme& theme, const content::SiteContent& site, const Frame& frame, Data data);

// A CSS string literal holding `text` with every character outside [A-Za-z0-9 ] hex-escaped, safe
// inside a <style> element: the escaping the layout needs to place a running title in its CSS.
std::string css_string(const std::string& text);

// Helpers that page builders share.
Data link_data(const Link& link);
// The editorial-note marker of a thing (partial note-marker): `has_note` and `note_url`, the entry
// about `about` on /editorial-notes/. Set on every object a template may mark, noted or not, so
// that an unnoted item never shows its parent's marker.
void put_note(Data& d, bool has_note, const std::string& about);
inline Data list_of(DataList items) { return items.take(); }
// The templates of every site's pages (the layout, the history pages); each kind of content names
// its own (kinds::template_names has them all), so a theme missing one fails before rendering.
const std::vector<std::string>& template_names();

}  // namespace icips::render
