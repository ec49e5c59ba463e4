// The command line only: parse flags, call one function per command.
#include "content/urls.h"
#include "diff/format.h"
#include "diff/history.h"
#include "kinds/kinds.h"
#include "print/pdf.h"
#include "serve/serve.h"
#include "site/build.h"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

#ifndef ICIPS_VERSION
#define ICIPS_VERSION "0.0.0"
#endif
#ifndef ICIPS_SOURCE_DIR
#define ICIPS_SOURCE_DIR "."
#endif

namespace {

constexpr int kOk = 0, kContentErrors = 1, kUsage = 2;

// This binary's own path.
fs::path self() {
    std::error_code ec;
    return fs::read_symlink("/proc/self/exe", ec);
}

// themes/default beside the binary's build folder, else in the working directory, else the
// source tree the binary was built from.
fs::path default_theme() {
    const fs::path exe = self();
    for (const fs::path& candidate : {exe.parent_path().parent_path() / "themes/default", fs::path("themes/default"),
                                      fs::path(ICIPS_SOURCE_DIR) / "themes/default"}) {
        std::error_code ec;
        if (candidate.empty()) continue;
        if (fs::is_directory(candidate / "templates", ec)) return candidate;
        // There but not readable (a folder on the way that cannot be entered): the build says so.
        if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) return candidate;
    }
    return "themes/default";
}

struct Common {
    std::string content = "content";
    std::string out = "output";
    std::vector<std::string> themes;
    std::string base_url;  // --base-url: overrides site.yaml's base_url
    unsigned threads = 0;
    bool timings = false;
};

void add_common(CLI::App* command, Common& common, bool with_out) {
    command->add_option("--content", common.content, "Content directory")->capture_default_str();
    if (with_out) command->add_option("--out", common.out, "Output directory")->capture_default_str();
    command->add_option("--theme", common.themes,
                        "Theme directory whose files override the default theme's (may be repeated; first wins)");
    command->add_option("--base-url", common.base_url,
                        "Where the site is published (https://example.org/standards/); overrides site.yaml's base_url");
    command->add_option("--threads", common.threads, "Render threads (default: one per core)");
    command->add_flag("--timings", common.timings, "Print how long each step of the build took (to stderr)");
}

icips::site::BuildOptions build_options(const Common& common, bool write) {
    icips::site::BuildOptions options;
    options.content_dir = common.content;
    options.out_dir = common.out;
    for (const auto& t : common.themes) options.theme_dirs.push_back(t);
    options.default_theme = default_theme();
    options.threads = common.threads;
    options.write = write;
    options.base_url = common.base_url;
    return options;
}

// `base_path`: set to the built site's base path.
int run_build(const Common& common, bool write, std::string* base_path = nullptr) {
    const auto start = std::chrono::steady_clock::now();
    const auto report = icips::site::build_site(build_options(common, write));
    if (base_path) *base_path = report.base_path;
    if (common.timings) {
        const auto done = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        for (const auto& t : report.timings)
            std::fprintf(stderr, "%8.1f ms %8.1f ms CPU %6ld page faults  %s\n", t.ms, t.cpu_ms, t.page_faults,
                         t.step.c_str());
        std::fprintf(stderr, "%8.1f ms  in all, from main\n", done);
    }
    for (const auto& d : report.errors) std::cerr << format(d) << "\n";
    for (const auto& w : report.warnings) std::cerr << "warning: " << w << "\n";
    if (report.unsafe_output || report.usage_error) {
        std::cerr << "icips-site: " << report.fatal << "\n";
        return kUsage;
    }
    if (!report.ok()) {
        if (!report.fatal.empty()) std::cerr << "icips-site: " << report.fatal << "\n";
        if (!report.errors.empty())
            std::cerr << "icips-site: " << report.errors.size() << (report.errors.size() == 1 ? " error" : " errors");
        if (write) std::cerr << "; " << common.out << " was left unchanged";
        std::cerr << "\n";
        return kContentErrors;
    }
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (write)
        std::cout << "built " << report.pages << " pages (" << report.files << " files) into " << common.out << " in "
                  << static_cast<int>(ms + 0.5) << " ms\n";
    else
        std::cout << "checked " << report.pages << " pages: no errors (" << static_cast<int>(ms + 0.5) << " ms)\n";
    return kOk;
}

// `icips-site diff [REV]`: the content model at REV (default HEAD) against the working tree.
int run_diff(const std::string& content, const std::string& revision, const std::string& output_format) {
    if (!fs::is_directory(content)) {
        std::cerr << "icips-site: content directory not found: " << content << " (give it with --content)\n";
        return kUsage;
    }
    auto before = icips::diff::load_revision(content, revision);
    if (before.bad_revision) {
        std::cerr << "icips-site: " << before.error << "\n";
        return kUsage;
    }
    std::vector<icips::content::Diagnostic> errors = before.errors;
    const auto now = icips::kinds::load_content(content, errors);
    for (const auto& d : errors) std::cerr << format(d) << "\n";
    if (!errors.empty() || !before.revision) {
        std::cerr << "icips-site: " << errors.size() << (errors.size() == 1 ? " error" : " errors")
                  << "; fix the content to compare it\n";
        return kContentErrors;
    }
    icips::diff::DiffReport report;
    report.from = revision;
    report.from_commit = before.revision->commit;
    report.base_url = now.config.base_url;
    report.changes = icips::diff::changes_since(*before.revision, now);
    if (output_format == "json") std::cout << icips::diff::format_json(report);
    else if (output_format == "markdown") std::cout << icips::diff::format_markdown(report);
    else std::cout << icips::diff::format_text(report);
    return kOk;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"icips-site: builds the ICiPS standards site from content/ into output/"};
    app.set_version_flag("--version", "icips-site " ICIPS_VERSION);
    app.require_subcommand(1);
    Common common;
    auto* build = app.add_subcommand("build", "Validate the content and write the site to --out (atomically)");
    add_common(build, common, true);
    auto* check = app.add_subcommand("check", "Validate the content and every internal link; write nothing");
    add_common(check, common, false);
    icips::serve::ServeOptions serve_options;
    auto* serve = app.add_subcommand("serve", "Build, serve the site on 127.0.0.1, rebuild and reload the browser on every change");
    add_common(serve, common, true);
    serve->add_option("--port", serve_options.port, "Port (0 picks a free one)")->capture_default_str()->check(CLI::Range(0, 65535));
    std::string compare_revision;
    serve->add_option("--compare", compare_revision,
                      "Git revision to compare with: /changes/ lists every change since it, changed pages are marked");
    serve->add_option("--bind", serve_options.bind, "Address to listen on (other machines can reach anything but loopback)")
        ->capture_default_str();
    auto* pdf = app.add_subcommand("pdf", "Build, then print each worksheet pack, the standards booklet and each grade's checklist to PDF with headless Chromium");
    add_common(pdf, common, true);
    std::string diff_revision = "HEAD", diff_format = "text";
    auto* diff = app.add_subcommand("diff", "Compare the content at a Git revision (default HEAD) with the working tree");
    diff->add_option("--content", common.content, "Content directory")->capture_default_str();
    diff->add_option("REV", diff_revision, "Git revision to compare with (branch, tag, commit)")->capture_default_str();
    diff->add_option("--format", diff_format, "Output format")
        ->capture_default_str()
        ->check(CLI::IsMember({"text", "markdown", "json"}));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kOk : kUsage;
    }
    if (!common.base_url.empty())
        if (const std::string problem = icips::content::base_url_problem(common.base_url); !problem.empty()) {
            std::cerr << "icips-site: --base-url " << common.base_url << ": the address " << problem << "\n";
            return kUsage;
        }
    try {
        if (build->parsed()) return run_build(common, true);
        if (diff->parsed()) return run_diff(common.content, diff_revision, diff_format);
        if (check->parsed()) return run_build(common, false);
        if (pdf->parsed()) {
            icips::print::PdfOptions options;
            if (const int built = run_build(common, true, &options.base_path); built != kOk) return built;
            options.out_dir = common.out;
            const auto report = icips::print::print_pdfs(options, std::cout);
            if (!report.error.empty()) {
                std::cerr << "icips-site: " << report.error << "\n";
                return kContentErrors;
            }
            return kOk;
        }
        if (serve->parsed()) {
            serve_options.build = build_options(common, true);
            serve_options.build.compare = compare_revision;
            if (!compare_revision.empty() && fs::is_directory(common.content))
                if (const auto problem = icips::diff::revision_problem(common.content, compare_revision); !problem.empty()) {
                    std::cerr << "icips-site: " << problem << "\n";
                    return kUsage;
                }
            return icips::serve::run_serve(serve_options, std::cout, std::cerr);
        }
    } catch (const std::exception& e) {
        std::cerr << "icips-site: " << e.what() << "\n";
        return kContentErrors;
    }
    return kUsage;
}
