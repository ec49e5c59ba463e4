// Page builders of the site's own pages: the home page, prose pages (Markdown), the editorial notes
// and the 404 page. The search page is in search_page.h.
#pragma once
#include "content/site_content.h"
#include "render/rendered.h"
#include "render/theme.h"

#include <string>

namespace icips::render {

std::string render_home(const Theme& theme, const content::SiteContent& site);
Rendered render_prose(const Theme& theme, const content::SiteContent& site, const content::Page& page);
// The editorial notes: the prose of content/editorial-notes.md (if any), then `groups`, every
// `notes:` entry of the content grouped by the kinds (kinds::note_groups).
std::string render_editorial_notes(const Theme& theme, const content::SiteContent& site, const content::Page* page,
                                   DataList groups);
std::string render_not_found(const Theme& theme, const content::SiteContent& site);

}  // namespace icips::render
