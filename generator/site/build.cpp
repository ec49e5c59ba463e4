#include "site/build.h"

#include "content/site_content.h"
#include "content/yaml_cache.h"
#include "content/urls.h"
#include "render/changes_pages.h"
#include "render/frame.h"
#include "schema/schemas.h"
#include "git/git.h"
#include "markdown/markdown.h"
#include "site/export.h"
#include "site/incremental.h"
#include "site/links.h"
#include "site/output_dir.h"
#include "site/parallel.h"
#include "site/plan.h"
#include "site/search_index.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <optional>

namespace fs = std::filesystem;

namespace icips::site {

std::vector<PlannedPage> plan_pages(const BuiltSite& built, const BuildOptions& options,
                                   std::vector<content::Diagnostic>& errors) {
    const content::SiteContent& site = built.site;
    const render::SiteHistory& history = built.history;
    auto plan = plan_site(site, errors);
    for (auto& page : render::history_pages(site, history)) plan.push_back({page.url, {}, std::move(page.render)});
    if (!options.compare.empty())
        for (auto& page : plan)
            page.render = [&history, &site, url = page.url, inner = std::move(page.render)](const render::Theme& t) {
                return render::mark_changes(inner(t), url, history, site.config.base_path);
            };
    return plan;
}

std::vector<std::pair<std::string, std::string>> export_files(const content::SiteContent& site) {
    std::vector<std::pair<std::string, std::string>> files;
    if (!site.standards.grades.empty()) files.push_back({"/api/standards.json", standards_json(site)});
    for (const auto& pack : site.packs) files.push_back({"/api/packs/" + pack.id + ".json", pack_json(pack, site.config.base_path)});
    for (const auto& m : site.models) files.push_back({content::maturity_json_url(m.id), maturity_json(m, site.config.base_path)});
    return files;
}

std::unique_ptr<content::YamlCache> open_yaml_cache(const BuildOptions& options) {
    if (options.cache)
        if (const auto dir = git::cache_dir(options.content_dir))
            return std::make_unique<content::YamlCache>(content::YamlCache::file_for(*dir, options.content_dir));
    return nullptr;
}

std::string render_recording(const PlannedPage& page, const render::Theme& theme, std::set<std::string>& templates,
                             const std::string& base) {
    templates.clear();
    render::Theme::Recording recording(templates);
    const markdown::SitePathBase markdown_links(base);
    return page.render(theme);
}

BuildReport build_site(const BuildOptions& options, std::unique_ptr<BuiltSite>* keep) {
    BuildReport report;
    auto usage = [] {
        rusage u{};
        ::getrusage(RUSAGE_SELF, &u);
        const auto ms = [](const timeval& t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
        return std::pair{u.ru_minflt, ms(u.ru_utime) + ms(u.ru_stime)};
    };
    auto last = std::chrono::steady_clock::now();
    auto last_usage = usage();
    auto mark = [&](std::string step) {
        const auto now = std::chrono::steady_clock::now();
        const auto now_usage = usage();
        report.timings.push_back({std::move(step), std::chrono::duration<double, std::milli>(now - last).count(),
                                  now_usage.first - last_usage.first, now_usage.second - last_usage.second});
        last = now;
        last_usage = now_usage;
    };
    const std::vector<fs::path> themes = options.themes();

    if (options.write)
        if (auto reason = unsafe_output_reason(options.out_dir, options.content_dir, themes)) {
            report.unsafe_output = true;
            report.fatal = "refusing to write the site to " + options.out_dir.string() + ": " + *reason;
            return report;
        }
    for (const fs::path& dir : themes)
        if (!fs::is_directory(dir)) {
            report.usage_error = true;
            report.fatal = "theme directory not found: " + dir.string();
            return report;
        }
    if (!fs::is_directory(options.content_dir)) {
        report.usage_error = true;
        report.fatal = "content directory not found: " + options.content_dir.string() + " (give it with --content)";
        return report;
    }

    // The output folder is got ready while the content loads: the previous build's spare taken, or a
    // new folder made. A build that fails gives it back (StagedOutput's destructor), also when it
    // returns before taking it from here (the future's destructor waits for it).
    std::future<std::unique_ptr<StagedOutput>> staging;
    if (options.write)
        staging = std::async(std::launch::async, [&options] { return std::make_unique<StagedOutput>(options.out_dir); });
    // The Git history (last-changed dates, tagged versions, serve --compare's revision) is read by
    // git on a thread of its own while the content loads (render/changes_pages.h).
    auto reading = std::async(std::launch::async, render::read_site_history, options.content_dir, options.compare,
                              options.cache);
    // Everything the plan points into lives in `built`, which serve keeps for its next rebuild.
    auto built = std::make_unique<BuiltSite>();
    // The theme's templates are parsed on another thread meanwhile; their errors come after the content's.
    std::vector<content::Diagnostic> theme_errors;
    auto theme_loading = std::async(std::launch::async, [&] { built->theme.emplace(render::Theme::load(themes, theme_errors)); });
    const std::unique_ptr<content::YamlCache> yaml_cache = open_yaml_cache(options);
    content::SiteContent& loaded = built->site =
        content::load_content(options.content_dir, report.errors, yaml_cache.get());
    if (!options.base_url.empty()) content::set_base_url(loaded.config, options.base_url);
    report.base_path = loaded.config.base_path;
    // Newly parsed YAML is kept for the next build on a thread of its own (waited for on return).
    std::future<void> saving;
    if (yaml_cache && yaml_cache->additions() > 0) saving = std::async(std::launch::async, [&] { yaml_cache->save(); });
    mark(yaml_cache ? "load content (YAML: " + std::to_string(yaml_cache->hits()) + " documents from the cache, " +
                          std::to_string(yaml_cache->additions()) + " parsed)"
                    : "load content");
    theme_loading.get();
    mark("load theme (beside the content)");
    render::SiteHistory& history = built->history = reading.get();
    mark("read git history (beside the content)");
    if (history.compared.bad_revision) {
        report.usage_error = true;
        report.fatal = history.compared.error;
        return report;
    }
    report.errors.insert(report.errors.end(), history.compared.errors.begin(), history.compared.errors.end());
    loaded.last_changed = history.history.last_changed;
    render::compare_with(history, loaded);
    const content::SiteContent& site = loaded;
    report.errors.insert(report.errors.end(), theme_errors.begin(), theme_errors.end());
    const render::Theme& theme = *built->theme;
    theme.require(render::template_names(), report.errors);
    auto& plan = built->plan = plan_pages(*built, options, report.errors);
    mark("plan");
    if (!report.errors.empty()) return report;

    std::unique_ptr<StagedOutput> staged;
    try {
        if (staging.valid()) staged = staging.get();
    } catch (const std::exception& e) {
        report.fatal = std::string("cannot create the output directory: ") + e.what();
        return report;
    }

    // Files other than pages: the theme's assets, the JSON export and the sitemap need only the
    // content, so they are made and written on a thread of their own while the pages render.
    std::vector<std::pair<std::string, std::string>> extra;  // site path -> bytes
    std::vector<std::pair<std::string, fs::path>> copies;    // site path -> source file
    for (const auto& asset : theme.assets()) copies.push_back({"/assets/" + asset.relative, asset.source});
    auto besides = std::async(std::launch::async, [&] {
        extra = export_files(site);
        std::vector<std::string> urls;
        for (const auto& p : plan)
            if (p.url.ends_with('/')) urls.push_back(p.url);
        std::sort(urls.begin(), urls.end());
        extra.push_back({"/sitemap.xml", sitemap_xml(site, urls)});
        for (const auto& schema : schema::schema_files())  // the content files' JSON Schemas, for editors
            extra.push_back({"/schema/" + std::string(schema.kind) + ".json", std::string(schema.text)});
        if (!staged) return;
        for (const auto& [path, bytes] : extra) staged->write(path.substr(1), bytes);
        for (const auto& [path, source] : copies) staged->copy(path.substr(1), source);
    });

    // Render in parallel; each page is written as soon as it is rendered, and only what the link
    // check needs is kept in memory.
    std::vector<PageLinks>& links = built->links;
    links.resize(plan.size());
    built->templates.resize(plan.size());
    std::mutex failure_mutex;
    std::string failure;
    parallel_for(plan.size(), options.threads, [&](size_t i) {
        const auto& page = plan[i];
        try {
            const std::string html = render_recording(page, theme, built->templates[i], site.config.base_path);
            links[i] = extract_links(page.url, page.source, html);
            if (staged) staged->write(content::output_file_for(page.url), html);
        } catch (const std::exception& e) {
            std::lock_guard lock(failure_mutex);
            if (failure.empty()) failure = page.url + ": " + e.what();
        }
    });
    report.pages = plan.size();
    try {
        besides.get();
    } catch (const std::exception& e) {
        if (failure.empty()) failure = std::string("the site: ") + e.what();
    }
    mark(staged ? "render and write pages (exports and assets beside them)" : "render pages");
    if (!failure.empty()) {
        report.fatal = "cannot write " + failure;
        return report;
    }

    // The search index takes the pages' text from their rendering, so it comes after it.
    built->search = search_index_parts(search_index(site, options.threads), options.threads);
    // The manifest is small; each shard is written from the index's pieces, never joined.
    const std::pair<std::string, std::string> manifest{std::string(content::kSearchIndexUrl), built->search.manifest()};
    mark("search index");

    std::set<std::string>& files = built->files;
    for (const auto& [path, bytes] : extra) files.insert(path);
    for (const auto& [path, source] : copies) files.insert(path);
    files.insert(manifest.first);
    for (size_t k = 0; k < built->search.shards(); ++k) files.insert(search_shard_url(k));
    report.errors = check_links(links, files, site.config.base_path);
    mark("link check");
    if (!report.errors.empty()) return report;  // the staging directory is removed, the output kept
    if (!staged) return report;

    try {
        staged->write(manifest.first.substr(1), manifest.second);
        // The shards on all threads (80 shards, 28 MB at 10,000 pages: 40-80 ms on one).
        std::string shard_failure;
        parallel_for(built->search.shards(), options.threads, [&](size_t k) {
            try {
                staged->write(search_shard_url(k).substr(1), built->search.pieces(k));
            } catch (const std::exception& e) {
                std::lock_guard lock(failure_mutex);
                if (shard_failure.empty()) shard_failure = e.what();
            }
        });
        if (!shard_failure.empty()) throw std::runtime_error(shard_failure);
        report.files = plan.size() + extra.size() + 1 + built->search.shards() + copies.size();
        mark("write the search index");
        staged->commit();
        mark("swap in the new output");
        if (keep) *keep = std::move(built);
    } catch (const std::exception& e) {
        report.fatal = std::string("cannot write the site: ") + e.what();
    }
    return report;
}

}  // namespace icips::site
