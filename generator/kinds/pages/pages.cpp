#include "kinds/pages/pages.h"

#include "content/urls.h"
#include "kinds/standards/pages.h"
#include "markdown/markdown.h"
#include "render/frame.h"

namespace icips::render {

using content::Page;
using content::SiteContent;

namespace {

const Link kHome{"/", "Home"};

const Page* find_page(const SiteContent& site, const std::string& url) {
    for (const auto& p : site.pages)
        if (p.url == url) return &p;
    return nullptr;
}

}  // namespace

std::string render_home(const Theme& theme, const SiteContent& site) {
    const Page* home = find_page(site, "/");
    Frame frame{"home", "/", home ? home->title : site.config.title,
                home && !home->description.empty() ? home->description : site.config.description};
    frame.source = site.standards.source;  // what these pages show comes from the standards
    Data data;
    if (home) put(data, "body", markdown_block(home->body, home->raw_html));
    DataList grades, areas, guides;
    for (const auto& g : site.standards.grades) grades.push_back(grade_link_data(g));
    for (const auto& a : site.standards.areas) areas.push_back(area_link_data(a));
    for (const auto& p : site.pages)
        if (p.url != "/" && p.url != content::kEditorialNotesUrl && p.order > 0) {
            Data d = link_data({p.url, p.title});
            put(d, "description", p.description);
            guides.push_back(std::move(d));
        }
    put(data, "has_grades", !grades.empty());
    put(data, "grades", list_of(std::move(grades)));
    put(data, "has_areas", !areas.empty());
    put(data, "areas", list_of(std::move(areas)));
    put(data, "has_guides", !guides.empty());
    put(data, "guides", list_of(std::move(guides)));

    // The ways in by task: applying for a grade, running a workshop, assessing an organisation.
    DataList checklists, packs, models;
    for (const auto& g : site.standards.grades)
        if (has_checklist(site.standards, g)) checklists.push_back(link_data({content::grade_url(g.id) + "checklist/", g.title}));
    for (const auto& p : site.packs) packs.push_back(link_data({content::pack_url(p.id), p.title}));
    for (const auto& m : site.models) {
        Data d = link_data({content::maturity_model_url(m.id), m.short_title.empty() ? m.title : m.short_title});
        put(d, "self_assessment_url", content::maturity_self_assessment_url(m.id));
        models.push_back(std::move(d));
    }
    put(data, "has_checklists", !checklists.empty());
    put(data, "checklists", list_of(std::move(checklists)));
    put(data, "has_packs", !site.packs.empty());
    put(data, "packs", list_of(std::move(packs)));
    put(data, "has_models", !site.models.empty());
    put(data, "models", list_of(std::move(models)));
    // With one model the way in opens its self-assessment; with several, the list of models.
    put(data, "assess_url", site.models.size() == 1 ? content::maturity_self_assessment_url(site.models[0].id)
                                                    : std::string(content::kMaturityUrl));
    put(data, "has_ways_in", !site.standards.grades.empty() || !site.packs.empty() || !site.models.empty());
    return render_page(theme, site, frame, std::move(data));
}

Rendered render_prose(const Theme& theme, const SiteContent& site, const Page& page) {
    Frame frame{"page", page.url, page.title, page.description, {kHome}};
    frame.source = site.standards.source;  // what these pages show comes from the standards
    // Prose pages with an `order` read as a sequence, in that order (content::index_pages).
    if (page.prev >= 0) frame.prev = Link{site.pages[page.prev].url, site.pages[page.prev].title};
    if (page.next >= 0) frame.next = Link{site.pages[page.next].url, site.pages[page.next].title};
    Data data;
    auto body = markdown::to_html_and_text(page.body, {page.raw_html});
    put(data, "body", Data{std::move(body.html)});
    return {render_page(theme, site, frame, std::move(data)), std::move(body.text)};
}

std::string render_editorial_notes(const Theme& theme, const SiteContent& site, const Page* page, DataList groups) {
    Frame frame{"editorial-notes", std::string(content::kEditorialNotesUrl), page ? page->title : "Editorial notes",
                page ? page->description : "Doubts about the transcription of the source, for editors.", {kHome}};
    Data data;
    if (page) put(data, "body", markdown_block(page->body, page->raw_html));
    put(data, "has_groups", !groups.empty());
    put(data, "groups", list_of(std::move(groups)));
    return render_page(theme, site, frame, std::move(data));
}

std::string render_not_found(const Theme& theme, const SiteContent& site) {
    Frame frame{"404", "/404.html", "Page not found", "", {}};
    Data data;
    put(data, "has_grades", !site.standards.grades.empty());
    return render_page(theme, site, frame, std::move(data));
}

}  // namespace icips::render
