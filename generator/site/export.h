// Machine-readable files of the site: what the kinds' JSON export files share (kinds/kind.h,
// Kind::json; their formats in docs/json-api.md) and sitemap.xml.
#pragma once
#include "content/site_content.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace icips::site {

// The JSON files' `url` fields are base-absolute: the site's base path, then the site path
// ("/standards/grades/member/"; "/grades/member/" at the root), as the pages link.

// Editorial notes (Markdown), always present: [] when there are none.
nlohmann::ordered_json notes_json(const std::vector<content::Note>& notes);

// sitemap.xml listing `urls` (site-absolute paths); absolute URLs when the site has a base_url.
std::string sitemap_xml(const content::SiteContent& site, const std::vector<std::string>& urls);

}  // namespace icips::site
