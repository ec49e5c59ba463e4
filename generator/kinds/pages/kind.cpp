// Prose pages as a kind of content (kinds/kind.h): every Markdown file of content/ is a page at the
// URL of its path; with them the site's own pages: the home page, the editorial notes, the search
// page and the 404 page. Their search entries are the first of the index (site/search_index.h).
#include "kinds/kind.h"

#include "content/urls.h"
#include "kinds/kinds.h"
#include "kinds/pages/pages.h"
#include "kinds/pages/search_page.h"

namespace icips::kinds {
namespace {

using content::SiteContent;
using render::Theme;

void load_pages(const std::filesystem::path& content_dir, SiteContent& site, std::vector<content::Diagnostic>& errors) {
    site.pages = content::load_pages(content_dir, errors);
}

void plan_pages(const SiteContent& site, std::vector<site::PlannedPage>& plan, std::vector<content::Diagnostic>&) {
    const content::Location nowhere{};
    const content::Page *home = nullptr, *notes_page = nullptr;
    for (const auto& page : site.pages) {
        if (page.url == "/") home = &page;
        else if (page.url == content::kEditorialNotesUrl) notes_page = &page;
        else plan.push_back({page.url, page.where, [&site, &page](const Theme& t) { return render::render_prose(t, site, page); }});
    }
    plan.push_back({"/", home ? home->where : nowhere, [&site](const Theme& t) { return render::render_home(t, site); }});
    plan.push_back({std::string(content::kEditorialNotesUrl), notes_page ? notes_page->where : nowhere,
                    [&site, notes_page](const Theme& t) {
                        return render::render_editorial_notes(t, site, notes_page, note_groups(site));
                    }});
    plan.push_back({"/404.html", nowhere, [&site](const Theme& t) { return render::render_not_found(t, site); }});
    plan.push_back({std::string(content::kSearchUrl), nowhere, [&site](const Theme& t) { return render::render_search(t, site); }});
}

void diff_entries(const SiteContent& site, std::vector<diff::Entry>& out) {
    for (const auto& p : site.pages)
        out.push_back({"page", "page " + p.url, "", "", "", "Page: " + p.title, p.url,
                       diff::fields_text({p.title, p.description, p.body})});
}

}  // namespace

extern const Kind pages{
    .name = "pages",
    .templates = {"page", "home", "editorial-notes", "404", "search"},
    .folder = "",
    .load = load_pages,
    .sections = nullptr,
    .plan = plan_pages,
    .json = nullptr,
    .search = nullptr,
    .diff = diff_entries,
    .notes = nullptr,
};

}  // namespace icips::kinds
