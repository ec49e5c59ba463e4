// Machine-readable files of the site: the open-data JSON of the standards and sitemap.xml.
#pragma once
#include "content/site_content.h"

#include <string>
#include <vector>

namespace icips::site {

// The JSON files' `url` fields are base-absolute: the site's base path, then the site path
// ("/standards/grades/member/"; "/grades/member/" at the root), as the pages link.

// output/api/standards.json, documented in docs/json-api.md.
std::string standards_json(const content::SiteContent& site);

// output/api/packs/<pack-id>.json: a pack's sections, worksheets and questions with ids, kinds,
// scale options and template rows and columns (docs/json-api.md).
std::string pack_json(const content::Pack& pack, const std::string& base = "");

// output/api/maturity/<model-id>.json: a maturity model's levels and, per dimension, the descriptors
// of each level in source order (docs/json-api.md).
std::string maturity_json(const content::MaturityModel& model, const std::string& base = "");

// sitemap.xml listing `urls` (site-absolute paths); absolute URLs when the site has a base_url.
std::string sitemap_xml(const content::SiteContent& site, const std::vector<std::string>& urls);

}  // namespace icips::site
