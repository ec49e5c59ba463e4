// Page builders of maturity models: the list of models, a model's matrix (levels as columns,
// dimensions as rows), a page per dimension and per level, a printable blank self-assessment sheet,
// and the interactive self-assessment (static HTML; themes/default/assets/self-assessment.js draws
// the result in the browser). Every page of a model shows its source and licence.
#pragma once
#include "kinds/maturity/model.h"
#include "content/site_content.h"
#include "render/theme.h"

#include <string>

namespace icips::render {

std::string render_maturity_models(const Theme& theme, const content::SiteContent& site);
std::string render_maturity_model(const Theme& theme, const content::SiteContent& site,
                                  const content::MaturityModel& model);
std::string render_maturity_dimension(const Theme& theme, const content::SiteContent& site,
                                      const content::MaturityModel& model, const content::Dimension& dimension);
std::string render_maturity_level(const Theme& theme, const content::SiteContent& site,
                                  const content::MaturityModel& model, const content::Level& level);
std::string render_maturity_sheet(const Theme& theme, const content::SiteContent& site,
                                  const content::MaturityModel& model);
std::string render_self_assessment(const Theme& theme, const content::SiteContent& site,
                                   const content::MaturityModel& model);

// The models' groups of editorial notes on /editorial-notes/, one per model.
void maturity_note_groups(const content::SiteContent& site, DataList& groups);

}  // namespace icips::render
