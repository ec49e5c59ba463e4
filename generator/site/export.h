// Machine-readable files of the site: the open-data JSON of the standards and sitemap.xml.
#pragma once
#include "content/site_content.h"

#include <string>
#include <vector>

namespace icips::site {

// output/api/standards.json, documented in README.md ("Open data").
std::string standards_json(const content::SiteContent& site);

// sitemap.xml listing `urls` (site-absolute paths); absolute URLs when the site has a base_url.
std::string sitemap_xml(const content::SiteContent& site, const std::vector<std::string>& urls);

}  // namespace icips::site
