// Page builders of the standards: the grades, a grade, the areas compared, an area, an assignment,
// a grade's portfolio checklist and the booklet. Each returns the finished HTML of one page.
#pragma once
#include "content/site_content.h"
#include "render/rendered.h"
#include "render/theme.h"

#include <string>

namespace icips::render {

std::string render_grades(const Theme& theme, const content::SiteContent& site);
std::string render_grade(const Theme& theme, const content::SiteContent& site, const content::Grade& grade);
std::string render_areas(const Theme& theme, const content::SiteContent& site);
std::string render_area(const Theme& theme, const content::SiteContent& site, const content::Area& area);
std::string render_assignment(const Theme& theme, const content::SiteContent& site, const content::Assignment& a);
// /grades/<id>/checklist/: everything a candidate for the grade must evidence, as a form with a
// tick box and an evidence reference per item; answers stay in the browser.
bool has_checklist(const content::Standards& standards, const content::Grade& grade);
std::string render_checklist(const Theme& theme, const content::SiteContent& site, const content::Grade& grade);
// /standards/print/: the whole standards on one page, printed by `icips-site pdf` as a booklet
// (cover, contents, each grade with its assignments and items, the areas' comparison tables, the
// editorial notes).
std::string render_standards_print(const Theme& theme, const content::SiteContent& site);
// The standards' groups of editorial notes (grades, areas, assignments and items) on
// /editorial-notes/ and in the booklet.
void standards_note_groups(const content::SiteContent& site, DataList& groups);

// Links to a grade and an area with what lists of them show (summary, post-nominal, rule).
Data grade_link_data(const content::Grade& g);
Data area_link_data(const content::Area& a);

// An area's rule and expectation for the partial area-expectation (`has_rule`, `rule`,
// `has_expectation`, `expectation`), where a candidate works: grade pages, checklists, area pages.
// With `shown` false both are off (a checklist shows them once per area).
void put_area_expectation(Data& d, const content::Area& area, bool shown = true);

// The exception to the cumulative rule, said where it applies (`rule_note`): for a grade above the
// first whose underpinning knowledge is its own only, "So a candidate for CI Leader evidences the CI
// Leader underpinning knowledge only."; "" elsewhere.
std::string rule_exception(const content::SiteContent& site, const content::Grade& grade, const content::Area& area);

// The page that tells where an assignment sits: "Member, underpinning knowledge, assignment 4".
std::string assignment_name(const content::SiteContent& site, const content::Assignment& a);

// How many requirements a candidate evidences for an assignment: its items and sub-items, each a
// tick box on the checklist; an assignment without items is one.
size_t requirement_count(const content::Assignment& a);
// "1 requirement", "5 requirements".
std::string requirements_text(size_t n);

}  // namespace icips::render
