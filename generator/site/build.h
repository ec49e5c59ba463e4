// The whole pipeline: load -> validate -> plan -> render (in parallel) -> link check -> write
// (into a staging directory swapped in only on success). `check` is the same without the write.
#pragma once
#include "content/diagnostics.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace icips::site {

struct BuildOptions {
    std::filesystem::path content_dir = "content";
    std::filesystem::path out_dir = "output";
    std::vector<std::filesystem::path> theme_dirs;  // overrides first; the default theme is appended
    std::filesystem::path default_theme;           // themes/default
    unsigned threads = 0;                           // 0 = one per core
    bool write = true;                              // false for `check`

    // The theme folders in priority order: the overrides, then the default theme.
    std::vector<std::filesystem::path> themes() const {
        std::vector<std::filesystem::path> all = theme_dirs;
        if (!default_theme.empty()) all.push_back(default_theme);
        return all;
    }
    std::string compare;                            // serve --compare REV: /changes/ and marks on changed pages
    // --base-url: where the site is published, instead of site.yaml's base_url (checked by the
    // caller with content::base_url_problem); "" keeps site.yaml's.
    std::string base_url;
};

struct BuildReport {
    std::vector<content::Diagnostic> errors;  // content and link errors: the build failed
    std::vector<std::string> warnings;
    size_t pages = 0;                         // HTML pages rendered
    size_t files = 0;                         // files written (pages, assets, JSON, sitemap)
    std::string base_path;                    // the site's base path ("/standards"; "" at the root)
    bool unsafe_output = false;               // refused the output directory (a usage error)
    bool usage_error = false;                 // a content or theme directory that does not exist
    std::string fatal;                        // why the build stopped (with unsafe_output, usage_error or an I/O failure)
    // How long each step took, in order: `build --timings`.
    struct Timing {
        std::string step;
        double ms = 0;         // wall time since the previous step
        long page_faults = 0;  // minor page faults since the previous step (all threads)
        double cpu_ms = 0;     // user and system time of all threads since the previous step
    };
    std::vector<Timing> timings;
    bool ok() const { return errors.empty() && fatal.empty() && !unsafe_output && !usage_error; }
};

struct BuiltSite;  // site/incremental.h

// `keep`: on success, what serve's next incremental rebuild starts from.
BuildReport build_site(const BuildOptions& options, std::unique_ptr<BuiltSite>* keep = nullptr);

}  // namespace icips::site
