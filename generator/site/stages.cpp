#include "site/stages.h"

#include "content/urls.h"
#include "diff/history.h"
#include "markdown/markdown.h"
#include "kinds/kinds.h"
#include "render/frame.h"
#include "site/export.h"
#include "site/parallel.h"

#include <future>
#include <mutex>
#include <stdexcept>

namespace fs = std::filesystem;

namespace icips::site {
namespace {

// What git says about the content folder, read while the content loads; `compared` is the content
// at serve --compare's revision.
struct GitHistory {
    diff::History history;
    diff::RevisionResult compared;
};

GitHistory read_git_history(const fs::path& content_dir, const std::string& compare) {
    GitHistory h;
    h.history = diff::read_history(content_dir);
    if (!compare.empty()) h.compared = diff::load_revision(content_dir, compare);
    return h;
}

}  // namespace

bool load_site(const BuildOptions& options, BuiltSite& built, BuildReport& report) {
    auto reading = std::async(std::launch::async, read_git_history, options.content_dir, options.compare);
    std::vector<content::Diagnostic> theme_errors;
    auto theme_loading =
        std::async(std::launch::async, [&] { built.theme.emplace(render::Theme::load(options.themes(), theme_errors)); });
    built.site = kinds::load_content(options.content_dir, report.errors);
    if (!options.base_url.empty()) content::set_base_url(built.site.config, options.base_url);
    theme_loading.get();
    GitHistory git = reading.get();
    if (git.compared.bad_revision) {
        report.usage_error = true;
        report.fatal = git.compared.error;
        return false;
    }
    report.errors.insert(report.errors.end(), git.compared.errors.begin(), git.compared.errors.end());
    built.site.last_changed = std::move(git.history.last_changed);
    render::SiteHistory& history = built.history;
    history.in_git = git.history.in_git;
    history.versions = std::move(git.history.versions);
    history.compare = options.compare;
    history.site_urls = [](const content::SiteContent& site) {
        std::set<std::string> urls;
        for (const auto& e : kinds::diff_entries(site)) urls.insert(e.url);
        return urls;
    };
    if (const auto& revision = git.compared.revision) {
        history.compare_commit = revision->commit;
        history.changes = diff::changes_since(*revision, built.site);
    }
    report.errors.insert(report.errors.end(), theme_errors.begin(), theme_errors.end());
    built.theme->require(kinds::template_names(), report.errors);
    return true;
}

std::vector<PlannedPage> plan_pages(const BuiltSite& built, const BuildOptions& options,
                                   std::vector<content::Diagnostic>& errors) {
    const content::SiteContent& site = built.site;
    const render::SiteHistory& history = built.history;
    auto plan = kinds::plan(site, errors);
    for (auto& page : render::history_pages(site, history)) plan.push_back({page.url, {}, std::move(page.render)});
    if (!options.compare.empty())
        for (auto& page : plan)
            page.render = [&history, url = page.url, inner = std::move(page.render)](const render::Theme& t) {
                const render::ChangesOnPage changes(history, url);
                return inner(t);
            };
    if (built.theme) check_output_paths(plan, generated_files(site, *built.theme), errors);
    return plan;
}

std::vector<std::pair<std::string, std::string>> export_files(const content::SiteContent& site) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& json : kinds::json_files(site)) files.push_back({json.url, json.bytes()});
    return files;
}

std::string render_pages(const std::vector<PlannedPage>& plan, const std::vector<size_t>& targets,
                         const render::Theme& theme, const std::string& base, unsigned threads, std::vector<RenderedPage>& out,
                         const std::function<void(size_t, RenderedPage&)>& done) {
    out.clear();
    out.resize(targets.size());
    std::mutex failure_mutex;
    std::string failure;
    parallel_for(targets.size(), threads, [&](size_t k) {
        const PlannedPage& page = plan[targets[k]];
        try {
            RenderedPage& result = out[k];
            {
                render::Theme::Recording recording(result.templates);
                const markdown::SitePathBase markdown_links(base);
                result.rendered = page.render(theme);
            }
            result.links = extract_links(page.url, page.source, result.rendered.html);
            if (done) done(k, result);
        } catch (const std::exception& e) {
            std::lock_guard lock(failure_mutex);
            if (failure.empty()) failure = page.url + ": " + e.what();
        }
    });
    return failure;
}

void Output::write(const std::string& site_path, const std::vector<std::string_view>& pieces) const {
    if (staged_) staged_->write(site_path.substr(1), pieces);
    else replace_file(out_dir_ / site_path.substr(1), pieces);
}

void Output::copy(const std::string& site_path, const fs::path& source) const {
    if (staged_) {
        staged_->copy(site_path.substr(1), source);
        return;
    }
    const auto bytes = support::read_file(source);
    if (!bytes) throw std::runtime_error("cannot read " + source.string());
    replace_file(out_dir_ / site_path.substr(1), *bytes);
}

void write_files(const Output& out, const SiteFiles& files, unsigned threads) {
    for (const auto& [path, bytes] : files.bytes) out.write(path, {bytes});
    for (const auto& [path, source] : files.copies) out.copy(path, source);
    if (!files.search) return;
    if (files.search_manifest) out.write(std::string(content::kSearchIndexUrl), {files.search->manifest()});
    // The shards on all threads: a large site's index is tens of megabytes.
    std::mutex failure_mutex;
    std::string failure;
    parallel_for(files.search_shards.size(), threads, [&](size_t i) {
        const size_t k = files.search_shards[i];
        try {
            out.write(search_shard_url(k), files.search->pieces(k));
        } catch (const std::exception& e) {
            std::lock_guard lock(failure_mutex);
            if (failure.empty()) failure = e.what();
        }
    });
    if (!failure.empty()) throw std::runtime_error(failure);
}

}  // namespace icips::site
