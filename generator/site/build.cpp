#include "site/build.h"

#include "content/urls.h"
#include "schema/schemas.h"
#include "site/export.h"
#include "site/incremental.h"
#include "site/output_dir.h"
#include "site/stages.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <unordered_map>

namespace fs = std::filesystem;

namespace icips::site {

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
    const fs::path out_dir = resolve_output_dir(options.out_dir);  // what is checked is what is written

    if (options.write)
        if (auto reason = unsafe_output_reason(out_dir, options.content_dir, themes)) {
            report.unsafe_output = true;
            report.fatal = "refusing to write the site to " + options.out_dir.string() +
                           (out_dir == fs::absolute(options.out_dir).lexically_normal() ? "" : " (" + out_dir.string() + ")") +
                           ": " + *reason;
            return report;
        }
    // A folder that is missing, or that cannot be reached (a folder on the way that cannot be
    // entered), is a usage error that names it.
    const auto folder_problem = [](const fs::path& dir) -> std::string {
        std::error_code ec;
        if (fs::is_directory(dir, ec)) return "";
        if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory)
            return dir.string() + " cannot be read: " + ec.message();
        return "not found: " + dir.string();
    };
    for (const fs::path& dir : themes)
        if (const std::string problem = folder_problem(dir); !problem.empty()) {
            report.usage_error = true;
            report.fatal = "theme directory " + problem;
            return report;
        }
    if (const std::string problem = folder_problem(options.content_dir); !problem.empty()) {
        report.usage_error = true;
        report.fatal = "content directory " + problem + " (give it with --content)";
        return report;
    }

    // The output folder is got ready while the content loads: the previous build's spare taken, or a
    // new folder made. A build that fails gives it back (StagedOutput's destructor), also when it
    // returns before taking it from here (the future's destructor waits for it).
    std::future<std::unique_ptr<StagedOutput>> staging;
    if (options.write)
        staging = std::async(std::launch::async, [&out_dir] { return std::make_unique<StagedOutput>(out_dir); });

    // Everything the plan points into lives in `built`, which serve keeps for its next rebuild.
    auto built = std::make_unique<BuiltSite>();
    if (!load_site(options, *built, report)) return report;
    mark("load content, theme and Git history");
    const content::SiteContent& site = built->site;
    report.base_path = site.config.base_path;
    const render::Theme& theme = *built->theme;
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
    std::optional<Output> out;
    if (staged) out.emplace(*staged);

    // Files other than pages: the theme's assets, the JSON export and the sitemap need only the
    // content, so they are made and written on a thread of their own while the pages render.
    SiteFiles others;
    for (const auto& asset : theme.assets()) others.copies.push_back({"/assets/" + asset.relative, asset.source});
    auto besides = std::async(std::launch::async, [&] {
        others.bytes = export_files(site);
        std::vector<std::string> urls;
        for (const auto& p : plan)
            if (p.url.ends_with('/')) urls.push_back(p.url);
        std::sort(urls.begin(), urls.end());
        others.bytes.push_back({"/sitemap.xml", sitemap_xml(site, urls)});
        for (const auto& schema : schema::schema_files())  // the content files' JSON Schemas, for editors
            others.bytes.push_back({"/schema/" + std::string(schema.kind) + ".json", std::string(schema.text)});
        if (out) write_files(*out, others, 1);
    });

    // Every page, in parallel; each is written as soon as it is rendered, and only what the link
    // check and the search index need is kept in memory.
    std::unordered_map<std::string, size_t> page_of_url;  // prose pages, whose search text the index takes
    for (size_t i = 0; i < site.pages.size(); ++i) page_of_url.emplace(site.pages[i].url, i);
    std::vector<std::optional<std::string>> page_texts(site.pages.size());
    std::vector<size_t> all(plan.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = i;
    built->links.resize(plan.size());
    built->templates.resize(plan.size());
    std::vector<RenderedPage> rendered;
    std::string failure = render_pages(plan, all, theme, site.config.base_path, options.threads, rendered, [&](size_t i, RenderedPage& page) {
        if (out) out->write("/" + content::output_file_for(plan[i].url), {page.rendered.html});
        std::string().swap(page.rendered.html);
        if (page.rendered.search_text)
            if (const auto it = page_of_url.find(plan[i].url); it != page_of_url.end())
                page_texts[it->second] = std::move(page.rendered.search_text);
        built->links[i] = std::move(page.links);
        built->templates[i] = std::move(page.templates);
    });
    rendered.clear();
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

    built->search = search_index_parts(search_index(site, std::move(page_texts), options.threads), options.threads);
    mark("search index");

    std::set<std::string>& files = built->files;
    for (const auto& [path, bytes] : others.bytes) files.insert(path);
    for (const auto& [path, source] : others.copies) files.insert(path);
    files.insert(std::string(content::kSearchIndexUrl));
    for (size_t k = 0; k < built->search.shards(); ++k) files.insert(search_shard_url(k));
    report.errors = check_links(built->links, files, site.config.base_path);
    mark("link check");
    if (!report.errors.empty()) return report;  // the staging directory is removed, the output kept
    if (!staged) return report;

    try {
        SiteFiles index;
        index.search = &built->search;
        index.search_manifest = true;
        for (size_t k = 0; k < built->search.shards(); ++k) index.search_shards.push_back(k);
        write_files(*out, index, options.threads);
        report.files = plan.size() + others.bytes.size() + others.copies.size() + 1 + built->search.shards();
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
