#include "kinds/pages/search_page.h"

#include "content/urls.h"
#include "render/frame.h"

#include <algorithm>

namespace icips::render {

std::string render_search(const Theme& theme, const content::SiteContent& site) {
    Frame frame{"search", std::string(content::kSearchUrl), "Search",
                "Search every page, tool, requirement, assignment, worksheet question and maturity descriptor.", {{"/", "Home"}}};
    const bool library = has_search_library(theme);
    // The sections to browse when the browser cannot search (no library, no JavaScript).
    DataList browse;
    for (const auto& section : site.sections) browse.push_back(link_data({section.url, section.browse_label}));
    browse.push_back(link_data({"/", "The home page"}));

    Data data;
    data.set("has_library", library);
    data.set("has_stemmer", library && has_asset(theme, kSearchStemmerAsset));  // optional: words match as typed without it
    data.set("search_url", std::string(content::kSearchUrl));
    data.set("index_url", std::string(content::kSearchIndexUrl));
    data.set("browse", list_of(std::move(browse)));
    return render_page(theme, site, frame, std::move(data));
}

}  // namespace icips::render
