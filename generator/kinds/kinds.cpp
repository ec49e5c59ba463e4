#include "kinds/kinds.h"

#include "render/frame.h"
#include "support/files.h"

#include <algorithm>
#include <future>

namespace fs = std::filesystem;

namespace icips::kinds {

// Each kind is defined in its folder's kind.cpp.
extern const Kind standards, packs, maturity, pages;

const std::vector<const Kind*>& all() {
    static const std::vector<const Kind*> list = {&standards, &packs, &maturity, &pages};
    return list;
}

namespace {

// Loads the kinds that `which` selects, each on a thread of its own.
void load_kinds(const fs::path& content_dir, content::SiteContent& site, std::vector<content::Diagnostic>& errors,
                bool (*which)(const Kind&)) {
    std::vector<const Kind*> chosen;
    for (const Kind* kind : all())
        if (which(*kind)) chosen.push_back(kind);
    std::vector<std::vector<content::Diagnostic>> kind_errors(chosen.size());
    std::vector<std::future<void>> loads;
    for (size_t i = 0; i < chosen.size(); ++i)
        loads.push_back(std::async(std::launch::async, [&, i] { chosen[i]->load(content_dir, site, kind_errors[i]); }));
    for (auto& load : loads) load.get();
    for (const auto& list : kind_errors) errors.insert(errors.end(), list.begin(), list.end());
}

}  // namespace

content::SiteContent load_content(const fs::path& content_dir, std::vector<content::Diagnostic>& errors) {
    content::SiteContent site;
    site.config = content::load_site_config(content_dir, errors);
    load_kinds(content_dir, site, errors, [](const Kind&) { return true; });
    content::index_pages(site);
    site.sections = sections(site);
    return site;
}

void load_models(const fs::path& content_dir, content::SiteContent& into, std::vector<content::Diagnostic>& errors) {
    load_kinds(content_dir, into, errors, [](const Kind& kind) { return !kind.folder.empty(); });
    into.sections = sections(into);
}

bool is_model_file(const fs::path& file, const fs::path& content_dir) {
    if (file.extension() != ".yaml") return false;
    return std::any_of(all().begin(), all().end(), [&](const Kind* kind) {
        return !kind->folder.empty() && support::is_within(file, content_dir / kind->folder);
    });
}

std::vector<std::string> template_names() {
    std::vector<std::string> names = render::template_names();
    for (const Kind* kind : all()) names.insert(names.end(), kind->templates.begin(), kind->templates.end());
    return names;
}

std::vector<content::SiteSection> sections(const content::SiteContent& site) {
    std::vector<content::SiteSection> out;
    for (const Kind* kind : all())
        if (kind->sections) kind->sections(site, out);
    return out;
}

std::vector<site::PlannedPage> plan(const content::SiteContent& site, std::vector<content::Diagnostic>& errors) {
    std::vector<site::PlannedPage> out;
    for (const Kind* kind : all()) kind->plan(site, out, errors);
    return out;
}

std::vector<JsonFile> json_files(const content::SiteContent& site) {
    std::vector<JsonFile> out;
    for (const Kind* kind : all())
        if (kind->json) kind->json(site, out);
    return out;
}

void search_entries(const content::SiteContent& site, site::SearchIndexer& out) {
    for (const Kind* kind : all())
        if (kind->search) kind->search(site, out);
}

std::vector<diff::Entry> diff_entries(const content::SiteContent& site) {
    std::vector<diff::Entry> out;
    for (const Kind* kind : all())
        if (kind->diff) kind->diff(site, out);
    return out;
}

render::DataList note_groups(const content::SiteContent& site) {
    render::DataList groups;
    for (const Kind* kind : all())
        if (kind->notes) kind->notes(site, groups);
    return groups;
}

}  // namespace icips::kinds
