// /search/: a search box whose results (from the index's shards that /search-index.json lists,
// searched in the browser by the MiniSearch library) appear as you type, with the query in the URL
// (/search/?q=...). The library is a theme asset that `make` installs from npm; a site built
// without it still has the page, which then says so and offers the pages to browse instead, and no
// header search box.
#pragma once
#include "content/site_content.h"
#include "render/theme.h"

#include <string>

namespace icips::render {

std::string render_search(const Theme& theme, const content::SiteContent& site);

}  // namespace icips::render
