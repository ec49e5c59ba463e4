// /search/: a search box whose results (from the index's shards that /search-index.json lists,
// searched in the browser by the MiniSearch library) appear as you type, with the query in the URL
// (/search/?q=...). The library is a theme asset that `make` installs from npm; a site built
// without it still has the page, which then says so and offers the pages to browse instead, and no
// header search box.
#pragma once
#include "content/site_content.h"
#include "render/theme.h"

#include <string>
#include <string_view>

namespace icips::render {

// Where the theme publishes the search library (assets/vendor/minisearch.js), below /assets/.
inline constexpr std::string_view kSearchLibraryAsset = "vendor/minisearch.js";
// Its English stemmer (assets/vendor/porter2-stemmer.js), loaded when the theme has it; without it
// words match as typed.
inline constexpr std::string_view kSearchStemmerAsset = "vendor/porter2-stemmer.js";

// True when the theme has the search library: /search/ can search, and every other page has a search
// box in its header (without the library there is none, as it could only lead to "not available").
bool has_search_library(const Theme& theme);

std::string render_search(const Theme& theme, const content::SiteContent& site);

}  // namespace icips::render
