#include "site/plan.h"

#include "content/urls.h"
#include "render/standards_pages.h"

#include <algorithm>
#include <map>

namespace icips::site {

using content::Location;
using render::Theme;

std::vector<PlannedPage> plan_site(const content::SiteContent& site, std::vector<content::Diagnostic>& errors) {
    std::vector<PlannedPage> plan;
    const auto& standards = site.standards;
    const Location nowhere{};
    const content::Page* notes_page = nullptr;

    for (const auto& page : site.pages) {
        if (page.url == content::kEditorialNotesUrl) {
            notes_page = &page;
        } else if (page.url != "/") {
            plan.push_back({page.url, page.where, [&site, &page](const Theme& t) { return render::render_prose(t, site, page); }});
        }
    }
    const content::Page* home = nullptr;
    for (const auto& page : site.pages)
        if (page.url == "/") home = &page;
    plan.push_back({"/", home ? home->where : nowhere, [&site](const Theme& t) { return render::render_home(t, site); }});
    plan.push_back({std::string(content::kEditorialNotesUrl), notes_page ? notes_page->where : nowhere,
                    [&site, notes_page](const Theme& t) { return render::render_editorial_notes(t, site, notes_page); }});
    plan.push_back({"/404.html", nowhere, [&site](const Theme& t) { return render::render_not_found(t, site); }});

    if (!standards.grades.empty())
        plan.push_back({"/grades/", standards.grades.front().where,
                        [&site](const Theme& t) { return render::render_grades(t, site); }});
    for (const auto& grade : standards.grades) {
        plan.push_back({content::grade_url(grade.id), grade.where,
                        [&site, &grade](const Theme& t) { return render::render_grade(t, site, grade); }});
        if (render::has_checklist(standards, grade))
            plan.push_back({content::grade_url(grade.id) + "checklist/", grade.where,
                            [&site, &grade](const Theme& t) { return render::render_checklist(t, site, grade); }});
    }
    if (!standards.areas.empty())
        plan.push_back({"/areas/", standards.areas.front().where,
                        [&site](const Theme& t) { return render::render_areas(t, site); }});
    for (const auto& area : standards.areas)
        plan.push_back({content::area_url(area.id), area.where,
                        [&site, &area](const Theme& t) { return render::render_area(t, site, area); }});
    for (const auto& a : standards.assignments)
        plan.push_back({content::assignment_url(a), a.where,
                        [&site, &a](const Theme& t) { return render::render_assignment(t, site, a); }});

    // A prose page whose file path lands on a generated URL would silently be replaced: refuse it.
    std::map<std::string, const PlannedPage*> owners;
    for (const auto& p : plan)
        if (auto [it, fresh] = owners.emplace(p.url, &p); !fresh) {
            const auto& prose = it->second->source.path.ends_with(".md") ? *it->second : p;
            errors.push_back({prose.source.path, 0, 0,
                              "publishes at " + p.url + ", which the site generates itself; move or rename the page"});
        }
    return plan;
}

}  // namespace icips::site
