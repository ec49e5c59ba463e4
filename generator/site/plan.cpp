#include "site/plan.h"

#include "content/urls.h"
#include "render/maturity_pages.h"
#include "render/pack_pages.h"
#include "render/search_page.h"
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
    plan.push_back({std::string(content::kSearchUrl), nowhere, [&site](const Theme& t) { return render::render_search(t, site); }});

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
    if (!standards.grades.empty())
        plan.push_back({std::string(content::kStandardsPrintUrl), standards.grades.front().where,
                        [&site](const Theme& t) { return render::render_standards_print(t, site); }});
    if (!standards.areas.empty())
        plan.push_back({"/areas/", standards.areas.front().where,
                        [&site](const Theme& t) { return render::render_areas(t, site); }});
    for (const auto& area : standards.areas)
        plan.push_back({content::area_url(area.id), area.where,
                        [&site, &area](const Theme& t) { return render::render_area(t, site, area); }});
    for (const auto& a : standards.assignments)
        plan.push_back({content::assignment_url(a), a.where,
                        [&site, &a](const Theme& t) { return render::render_assignment(t, site, a); }});

    if (!site.packs.empty())
        plan.push_back({"/packs/", site.packs.front().where, [&site](const Theme& t) { return render::render_packs(t, site); }});
    for (const auto& pack : site.packs) {
        plan.push_back({content::pack_url(pack.id), pack.where,
                        [&site, &pack](const Theme& t) { return render::render_pack(t, site, pack); }});
        plan.push_back({content::pack_print_url(pack.id), pack.where,
                        [&site, &pack](const Theme& t) { return render::render_pack_print(t, site, pack); }});
        for (const auto& section : pack.sections)
            for (const auto& w : section.worksheets)
                plan.push_back({content::worksheet_url(pack.id, w.id), w.where, [&site, &pack, &section, &w](const Theme& t) {
                                    return render::render_worksheet(t, site, pack, section, w);
                                }});
    }

    if (!site.models.empty())
        plan.push_back({std::string(content::kMaturityUrl), site.models.front().where,
                        [&site](const Theme& t) { return render::render_maturity_models(t, site); }});
    for (const auto& m : site.models) {
        plan.push_back({content::maturity_model_url(m.id), m.where,
                        [&site, &m](const Theme& t) { return render::render_maturity_model(t, site, m); }});
        plan.push_back({content::maturity_sheet_url(m.id), m.where,
                        [&site, &m](const Theme& t) { return render::render_maturity_sheet(t, site, m); }});
        plan.push_back({content::maturity_self_assessment_url(m.id), m.where,
                        [&site, &m](const Theme& t) { return render::render_self_assessment(t, site, m); }});
        for (const auto& l : m.levels)
            plan.push_back({content::maturity_level_url(m.id, l.number), l.where,
                            [&site, &m, &l](const Theme& t) { return render::render_maturity_level(t, site, m, l); }});
        for (const auto& d : m.dimensions) {
            const std::string url = content::maturity_dimension_url(m.id, d.id);
            // "sheet", "self-assessment" and "level-<n>" name the model's own pages.
            bool taken = url == content::maturity_sheet_url(m.id) || url == content::maturity_self_assessment_url(m.id);
            for (const auto& l : m.levels) taken = taken || url == content::maturity_level_url(m.id, l.number);
            if (taken) {
                errors.push_back({d.where.path, d.where.line, 0,
                                  "dimension id '" + d.id + "' is the URL of another page of the model (" + url +
                                      "); choose another id"});
                continue;
            }
            plan.push_back({url, d.where,
                            [&site, &m, &d](const Theme& t) { return render::render_maturity_dimension(t, site, m, d); }});
        }
    }

    // A prose page whose file path lands on a generated URL would silently be replaced: refuse it.
    std::map<std::string, const PlannedPage*> owners;
    for (const auto& p : plan)
        if (auto [it, fresh] = owners.emplace(p.url, &p); !fresh) {
            const bool first_is_prose = it->second->source.path.ends_with(".md");
            if (!first_is_prose && !p.source.path.ends_with(".md")) {
                // Loaders refuse duplicate ids, so two generated pages at one URL are a generator bug.
                errors.push_back({p.source.path, p.source.line, 0,
                                  "two generated pages would publish at " + p.url + " (the other from " +
                                      it->second->source.path + "); rename one of the ids"});
                continue;
            }
            const auto& prose = first_is_prose ? *it->second : p;
            errors.push_back({prose.source.path, prose.source.line, 0,
                              "publishes at " + p.url + ", which the site generates itself; move or rename the page"});
        }
    return plan;
}

}  // namespace icips::site
