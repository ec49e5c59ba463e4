// Page builders of worksheet packs: the list of packs, a pack's guide, one page per worksheet (a
// form to fill on screen that prints as a blank or filled sheet), and the whole pack on one page
// for printing (cover, contents, every worksheet on a new page).
#pragma once
#include "kinds/packs/model.h"
#include "content/site_content.h"
#include "render/theme.h"

#include <string>

namespace icips::render {

std::string render_packs(const Theme& theme, const content::SiteContent& site);
std::string render_pack(const Theme& theme, const content::SiteContent& site, const content::Pack& pack);
std::string render_worksheet(const Theme& theme, const content::SiteContent& site, const content::Pack& pack,
                             const content::Section& section, const content::Worksheet& worksheet);
std::string render_pack_print(const Theme& theme, const content::SiteContent& site, const content::Pack& pack);

// The packs' groups of editorial notes on /editorial-notes/, one per pack.
void pack_note_groups(const content::SiteContent& site, DataList& groups);

}  // namespace icips::render
