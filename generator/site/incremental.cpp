#include "site/incremental.h"

#include "content/urls.h"
#include "site/output_dir.h"
#include "site/parallel.h"

#include <algorithm>
#include <mutex>

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

bool is_subset(const std::set<std::string>& small, const std::set<std::string>& large) {
    return std::includes(large.begin(), large.end(), small.begin(), small.end());
}

}  // namespace

SiteBuilder::SiteBuilder(BuildOptions options) : options_(std::move(options)) {}

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

    // Only edits of existing Markdown pages are taken here; anything else is the full build.
    std::vector<size_t> edited;
    for (const fs::path& file : changed) {
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
    if (listing_changed) {
        add_url("/");
        const std::set<long> edited_set(edited.begin(), edited.end());
        for (size_t i = 0; i < pages.size(); ++i)
            if (old_neighbours[i] != std::pair{pages[i].prev, pages[i].next} || edited_set.count(pages[i].prev) ||
                edited_set.count(pages[i].next))
                add_url(pages[i].url);
    }
    const std::vector<size_t> targets(again.begin(), again.end());

    std::vector<std::string> html(targets.size());
    std::vector<PageLinks> links(targets.size());
    std::mutex failure_mutex;
    std::string failure;
    parallel_for(targets.size(), options_.threads, [&](size_t k) {
        const PlannedPage& page = built.plan[targets[k]];
        try {
            html[k] = page.render(*built.theme);
            links[k] = extract_links(page.url, page.source, html[k]);
        } catch (const std::exception& e) {
            std::lock_guard lock(failure_mutex);
            if (failure.empty()) failure = page.url + ": " + e.what();
        }
    });
    if (!failure.empty()) {
        restore();
        report.fatal = "cannot render " + failure;
        return report;
    }

    // The link check: the rendered pages' links; every page's, when one of them lost an element id
    // another page may link to.
    bool ids_lost = false;
    for (size_t k = 0; k < targets.size(); ++k) {
        ids_lost = ids_lost || !is_subset(built.links[targets[k]].ids, links[k].ids);
        std::swap(built.links[targets[k]], links[k]);
    }
    report.errors = ids_lost ? check_links(built.links, built.files) : check_links(built.links, built.files, targets);
    if (!report.errors.empty()) {
        for (size_t k = 0; k < targets.size(); ++k) std::swap(built.links[targets[k]], links[k]);
        restore();
        return report;
    }

    // Write: each page, then the search index, each replaced in one step.
    try {
        for (size_t k = 0; k < targets.size(); ++k)
            replace_file(options_.out_dir / content::output_file_for(built.plan[targets[k]].url), html[k]);
        report.files = targets.size();
        if (!body_changed.empty()) {
            for (size_t i : body_changed) built.search.entries[i] = search_entry_json(page_search_entry(pages[i], i));
            replace_file(options_.out_dir / content::kSearchIndexUrl.substr(1), built.search.pieces());
            ++report.files;
        }
    } catch (const std::exception& e) {
        // Some files may be new and some old: the next change gets the full build.
        built_.reset();
        report.fatal = std::string("cannot write the site: ") + e.what();
        return report;
    }
    report.pages = targets.size();
    return report;
}

}  // namespace icips::site
