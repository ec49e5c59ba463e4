#include "site/incremental.h"

#include "content/urls.h"
#include "kinds/kinds.h"
#include "render/frame.h"
#include "site/output_dir.h"
#include "site/parallel.h"
#include "support/files.h"

#include <algorithm>
#include <mutex>
#include <utility>

namespace fs = std::filesystem;

namespace icips::site {
namespace {

// What of a page its own output shows and nothing else does: the Markdown body and its options.
bool same_body(const content::Page& a, const content::Page& b) {
    return a.body == b.body && a.body_line == b.body_line && a.raw_html == b.raw_html && a.where.path == b.where.path &&
           a.where.line == b.where.line;
}

// What other pages show of a page: the home page lists ordered pages by title and description,
// neighbours in the reading sequence link to it by title.
bool same_listing(const content::Page& a, const content::Page& b) {
    return a.title == b.title && a.description == b.description && a.order == b.order;
}

// The menu (on every page) shows the nav label, in order.
bool same_menu_entry(const content::Page& a, const content::Page& b) {
    return a.nav == b.nav && (a.nav.empty() || a.order == b.order);
}

bool is_subset(const std::vector<std::string>& small, const std::vector<std::string>& large) {  // both sorted
    return std::includes(large.begin(), large.end(), small.begin(), small.end());
}

}  // namespace

SiteBuilder::SiteBuilder(BuildOptions options) : options_(std::move(options)) {
    options_.out_dir = resolve_output_dir(options_.out_dir);  // the folder every rebuild writes, resolved once
}

SiteBuilder::~SiteBuilder() = default;

BuildReport SiteBuilder::rebuild(const std::vector<fs::path>& changed) {
    last_incremental_ = false;
    full_reason_ = built_ ? "anything may have changed" : "no build to start from";
    if (built_ && !changed.empty()) {
        std::vector<fs::path> paths = pending_;
        paths.insert(paths.end(), changed.begin(), changed.end());
        std::sort(paths.begin(), paths.end());
        paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
        if (auto report = incremental(paths)) {
            last_incremental_ = true;
            report->base_path = built_ ? built_->site.config.base_path : "";
            if (report->ok()) pending_.clear();
            else pending_ = paths;
            return *report;
        }
    }
    return full();
}

std::nullopt_t SiteBuilder::fall_back(std::string why) {
    full_reason_ = std::move(why);
    return std::nullopt;
}

BuildReport SiteBuilder::full() {
    built_.reset();
    page_of_file_.clear();
    plan_of_url_.clear();
    pending_.clear();
    BuildReport report = build_site(options_, &built_);
    if (built_) {
        const auto& pages = built_->site.pages;
        for (size_t i = 0; i < pages.size(); ++i)
            page_of_file_[content::page_relative_path(pages[i].where.path, options_.content_dir)] = i;
        for (size_t i = 0; i < built_->plan.size(); ++i) plan_of_url_[built_->plan[i].url] = i;
    }
    return report;
}

std::optional<BuildReport> SiteBuilder::incremental(const std::vector<fs::path>& changed) {
    // Comparing with a revision marks changes on any page: not attributable to single files.
    if (!options_.compare.empty() || !options_.write) return fall_back("comparing with a revision");
    BuiltSite& built = *built_;
    auto& pages = built.site.pages;

    // A change of the model's YAML, or of the theme, alone; anything mixed is the full build.
    const std::vector<fs::path> themes = options_.themes();
    const auto in_theme = [&](const fs::path& file) {
        return std::any_of(themes.begin(), themes.end(), [&](const fs::path& t) { return support::is_within(file, t); });
    };
    const auto in_model = [&](const fs::path& file) { return kinds::is_model_file(file, options_.content_dir); };
    // Editors and tools save through temporary files (sed's "sedXXXXXX", vim's "4913") that are gone
    // by now; a file that is gone but was read by the build (a page, YAML, a template, an asset)
    // still counts.
    std::vector<fs::path> saved;
    for (const fs::path& file : changed) {
        std::error_code ec;
        const auto ext = file.extension();
        const bool was_read = ext == ".md" || ext == ".yaml" || ext == ".mustache" ||
                              std::any_of(built.theme->assets().begin(), built.theme->assets().end(),
                                          [&](const render::Asset& a) { return a.source == file; });
        if (fs::exists(file, ec) || was_read) saved.push_back(file);
    }
    if (saved.empty()) return fall_back("nothing the site is built from changed");
    if (std::all_of(saved.begin(), saved.end(), in_model)) return model_changed();
    if (std::all_of(saved.begin(), saved.end(), in_theme)) return theme_changed(saved);

    // Only edits of existing Markdown pages are taken here; anything else is the full build.
    std::vector<size_t> edited;
    for (const fs::path& file : saved) {
        if (file.extension() != ".md") return fall_back(file.string() + " is not a Markdown page");
        const auto it = page_of_file_.find(content::page_relative_path(file, options_.content_dir));
        if (it == page_of_file_.end()) return fall_back(file.string() + " is a new page");
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) return fall_back(file.string() + " was removed");
        edited.push_back(it->second);
    }

    BuildReport report;
    std::vector<content::Page> loaded;
    for (size_t i : edited) {
        std::vector<content::Diagnostic> errors;
        auto page = content::load_page(pages[i].where.path, options_.content_dir, errors);
        report.errors.insert(report.errors.end(), errors.begin(), errors.end());
        if (page && errors.empty()) loaded.push_back(std::move(*page));
    }
    if (!report.errors.empty()) return report;  // nothing changed: the output and the model stay
    for (size_t k = 0; k < edited.size(); ++k)
        if (!same_menu_entry(pages[edited[k]], loaded[k]))
            return fall_back(pages[edited[k]].where.path + " changed the menu, which every page shows");

    // Swap the new pages in; `old` has what to put back should the build fail.
    std::vector<content::Page> old;
    std::vector<std::pair<long, long>> old_neighbours(pages.size());
    for (size_t i = 0; i < pages.size(); ++i) old_neighbours[i] = {pages[i].prev, pages[i].next};
    bool listing_changed = false;
    std::vector<size_t> body_changed;
    for (size_t k = 0; k < edited.size(); ++k) {
        content::Page& page = pages[edited[k]];
        listing_changed = listing_changed || !same_listing(page, loaded[k]);
        if (!same_body(page, loaded[k]) || page.title != loaded[k].title) body_changed.push_back(edited[k]);
        old.push_back(std::move(page));
        page = std::move(loaded[k]);
    }
    content::index_pages(built.site);
    const auto restore = [&] {
        for (size_t k = 0; k < edited.size(); ++k) pages[edited[k]] = std::move(old[k]);
        content::index_pages(built.site);
    };

    // The pages to render again: the edited ones; after a change of title, description or order
    // also the home page, every page whose neighbours changed and the neighbours of the edited ones.
    std::set<size_t> again;
    const auto add_url = [&](const std::string& url) {
        if (auto it = plan_of_url_.find(url); it != plan_of_url_.end()) again.insert(it->second);
    };
    for (size_t i : edited) add_url(pages[i].url);
    // The pages an edited page links to, before and after the edit, that list the pages linking to them.
    for (size_t k = 0; k < edited.size(); ++k)
        for (const content::Page* page : {&old[k], &pages[edited[k]]})
            for (const std::string& url : content::link_targets(*page))
                if (auto it = plan_of_url_.find(url); it != plan_of_url_.end() && built.plan[it->second].lists_linking_pages)
                    again.insert(it->second);
    if (listing_changed) {
        add_url("/");
        const std::set<long> edited_set(edited.begin(), edited.end());
        for (size_t i = 0; i < pages.size(); ++i)
            if (old_neighbours[i] != std::pair{pages[i].prev, pages[i].next} || edited_set.count(pages[i].prev) ||
                edited_set.count(pages[i].next))
                add_url(pages[i].url);
    }
    const std::vector<size_t> targets(again.begin(), again.end());

    // The search index's entries of pages whose text changed, and their shards (page i is place i);
    // the old entries kept for a failure.
    std::vector<std::pair<size_t, std::string>> old_entries;
    std::set<size_t> shards;
    for (size_t i : body_changed) {
        std::string entry = search_entry_json(page_search_entry(pages[i], i), built.site.config.base_path);
        if (entry == built.search.entries[i]) continue;  // the Markdown moved, its words did not
        old_entries.push_back({i, std::exchange(built.search.entries[i], std::move(entry))});
        shards.insert(search_shard_of(i));
    }
    SiteFiles others;
    others.search_shards.assign(shards.begin(), shards.end());
    bool committed = false;
    report = rerender(targets, *built.theme, std::move(others), committed);
    if (!committed && built_) {
        for (auto& [i, entry] : old_entries) built.search.entries[i] = std::move(entry);
        restore();
    }
    return report;
}

BuildReport SiteBuilder::rerender(const std::vector<size_t>& targets, const render::Theme& theme, SiteFiles others,
                                  bool& committed) {
    committed = false;
    BuiltSite& built = *built_;
    BuildReport report;
    std::vector<RenderedPage> rendered;
    if (const std::string failure = render_pages(built.plan, targets, theme, built.site.config.base_path, options_.threads, rendered);
        !failure.empty()) {
        report.fatal = "cannot render " + failure;
        return report;
    }
    // The link check: the rendered pages' links; every page's, when one of them lost an element id
    // another page may link to.
    bool ids_lost = false;
    for (size_t k = 0; k < targets.size(); ++k) {
        ids_lost = ids_lost || !is_subset(built.links[targets[k]].ids, rendered[k].links.ids);
        std::swap(built.links[targets[k]], rendered[k].links);
    }
    const std::string& base = built.site.config.base_path;
    report.errors = ids_lost ? check_links(built.links, built.files, base) : check_links(built.links, built.files, targets, base);
    if (!report.errors.empty()) {
        for (size_t k = 0; k < targets.size(); ++k) std::swap(built.links[targets[k]], rendered[k].links);
        return report;
    }
    for (size_t k = 0; k < targets.size(); ++k) built.templates[targets[k]] = std::move(rendered[k].templates);
    committed = true;
    const size_t extra = others.bytes.size() + others.copies.size(), shards = others.search_shards.size();
    for (size_t k = 0; k < targets.size(); ++k)
        others.bytes.push_back({"/" + content::output_file_for(built.plan[targets[k]].url), std::move(rendered[k].rendered.html)});
    others.search = &built.search;
    try {
        write_files(Output(options_.out_dir), others, options_.threads);
    } catch (const std::exception& e) {
        built_.reset();  // some files may be new and some old: the next change gets the full build
        report.fatal = std::string("cannot write the site: ") + e.what();
        return report;
    }
    report.pages = targets.size();
    report.files = targets.size() + extra + shards;
    return report;
}

std::optional<BuildReport> SiteBuilder::model_changed() {
    BuiltSite& built = *built_;
    content::SiteContent& site = built.site;
    BuildReport report;
    // Loaded again whole (they are small and refer to each other), with their errors in build order.
    std::vector<content::Diagnostic> errors;
    content::SiteContent fresh;
    kinds::load_models(options_.content_dir, fresh, errors);
    if (!errors.empty()) {
        report.errors = std::move(errors);
        return report;  // nothing changed: the output and the model stay
    }
    // The menu on every page (and so every page) shows which kinds of content there are.
    if (fresh.sections != site.sections)
        return fall_back("a kind of content appeared or went, which changes the menu on every page");

    // Swapping keeps the old models' elements where they are, so the old plan stays valid on restore.
    content::swap_models(site, fresh);
    std::vector<PlannedPage> plan = plan_pages(built, options_, report.errors);
    const auto restore = [&] { content::swap_models(site, fresh); };
    if (!report.errors.empty()) {
        restore();
        return report;
    }
    bool same_pages = plan.size() == built.plan.size();
    for (size_t i = 0; same_pages && i < plan.size(); ++i) same_pages = plan[i].url == built.plan[i].url;
    auto exports = export_files(site);
    for (const auto& [path, bytes] : exports) same_pages = same_pages && built.files.count(path);
    size_t old_exports = 0;
    for (const auto& path : built.files) old_exports += path.starts_with("/api/") ? 1 : 0;
    same_pages = same_pages && old_exports == exports.size();
    if (!same_pages) {
        restore();
        return fall_back("pages or JSON files were added or removed");
    }

    // Markdown pages show only pages and the menu; every other page may show the model.
    std::set<std::string> prose;
    for (const auto& page : site.pages)
        if (page.url != "/" && page.url != content::kEditorialNotesUrl) prose.insert(page.url);
    std::vector<size_t> targets;
    for (size_t i = 0; i < plan.size(); ++i)
        if (!prose.count(plan[i].url)) targets.push_back(i);
    // The search index's model entries, and the shards whose bytes they change. The manifest lists
    // the shards: a model that needs more or fewer of them gets the full build.
    SearchIndexJson search = built.search;
    refresh_model_parts(site, search);
    if (search.shards() != built.search.shards()) {
        restore();
        return fall_back("the search index needs " + std::to_string(search.shards()) + " shards instead of " +
                         std::to_string(built.search.shards()));
    }
    std::vector<size_t> shards;
    for (size_t k = search_shard_of(site.pages.size()); k < search.shards(); ++k)
        if (search.pieces(k) != built.search.pieces(k)) shards.push_back(k);
    std::swap(built.plan, plan);
    std::swap(built.search, search);

    bool committed = false;
    SiteFiles others;
    others.bytes = std::move(exports);
    others.search_shards = std::move(shards);
    report = rerender(targets, *built.theme, std::move(others), committed);
    if (!committed && built_) {
        std::swap(built.plan, plan);
        built.search = std::move(search);
        restore();
    }
    return report;
}

std::optional<BuildReport> SiteBuilder::theme_changed(const std::vector<fs::path>& files) {
    BuiltSite& built = *built_;
    const std::vector<fs::path> themes = options_.themes();
    BuildReport report;
    std::optional<render::Theme> theme;
    theme.emplace(render::Theme::load(themes, report.errors));
    theme->require(kinds::template_names(), report.errors);
    if (!report.errors.empty()) return report;  // the old theme stays

    // Assets: the same files (an edited stylesheet is copied); one added or removed is the full build.
    const auto& old_assets = built.theme->assets();
    const auto& assets = theme->assets();
    bool same_assets = old_assets.size() == assets.size();
    for (size_t i = 0; same_assets && i < assets.size(); ++i)
        same_assets = assets[i].relative == old_assets[i].relative && assets[i].source == old_assets[i].source;
    if (!same_assets) return fall_back("a theme asset was added, removed or overridden");

    // The changed templates, by name ("grade", "partials/items"), and the pages whose last render
    // used one of them or a template that includes a changed partial.
    std::set<std::string> changed_names;
    SiteFiles others;
    for (const fs::path& file : files) {
        bool found = false;
        for (const fs::path& dir : themes) {
            const fs::path relative = file.lexically_relative(dir / "templates");
            if (!relative.empty() && *relative.begin() != ".." && file.extension() == ".mustache") {
                std::string name = relative.generic_string();
                changed_names.insert(name.substr(0, name.size() - std::string(".mustache").size()));
                found = true;
                break;
            }
        }
        if (found) continue;
        const auto asset = std::find_if(assets.begin(), assets.end(), [&](const render::Asset& a) { return a.source == file; });
        if (asset == assets.end()) return fall_back(file.string() + " is neither a template nor an asset in use");
        auto bytes = support::read_file(file);
        if (!bytes) return fall_back(file.string() + " cannot be read");
        others.bytes.push_back({"/assets/" + asset->relative, std::move(*bytes)});
    }
    const auto affected = [&](const std::string& name) {
        if (changed_names.count(name)) return true;
        for (const auto& partial : theme->partials_of(name))
            if (changed_names.count("partials/" + partial)) return true;
        return false;
    };
    std::vector<size_t> targets;
    for (size_t i = 0; i < built.plan.size(); ++i)
        if (std::any_of(built.templates[i].begin(), built.templates[i].end(), affected)) targets.push_back(i);

    bool committed = false;
    report = rerender(targets, *theme, std::move(others), committed);
    if (committed && built_) built.theme = std::move(theme);
    return report;
}

}  // namespace icips::site
