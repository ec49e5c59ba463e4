// A kind of content: the standards, worksheet packs, maturity models, prose pages. Each kind lives
// in one folder, generator/kinds/<kind>/, and is one `Kind` value, listed in kinds/kinds.cpp:
//
//   model.h, model*.cpp  its structs, loader and URLs (namespace content; library icips_content)
//   kind.cpp             its Kind: the functions below (library icips_site)
//   any other .cpp       its page builders (namespace render; library icips_render)
//
// The build asks every kind in the list, in its order, for each of these; the rest of the
// generator (plan, render, link check, write, serve, diff) knows no kind by name. See
// CONTRIBUTING.md, "Adding a kind of content".
#pragma once
#include "content/site_content.h"
#include "diff/diff.h"
#include "render/theme.h"
#include "site/plan.h"

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace icips::site {
class SearchIndexer;
}

namespace icips::kinds {

// A JSON file of the open-data export: its URL, the content file it comes from (where a clash of
// URLs is reported) and its bytes, made when the build writes it.
struct JsonFile {
    std::string url;  // "/api/packs/csit-document-one.json"
    content::Location source;
    std::function<std::string()> bytes;
};

struct Kind {
    std::string_view name;    // "standards", in messages
    // The templates its pages use (themes/<theme>/templates/<name>.mustache): a theme without one
    // fails before anything renders.
    std::vector<std::string_view> templates;
    // Its folder in content/, holding its YAML ("standards"): the one place the name is written.
    // serve reloads every kind with a folder when a YAML file in one changes. "" for prose pages,
    // which are the Markdown files anywhere in content/.
    std::string_view folder;

    // Reads the kind's files from `content_dir` into its part of `site`. Runs beside the other
    // kinds' loads (each writes only its own part); errors name file and line.
    void (*load)(const std::filesystem::path& content_dir, content::SiteContent& site,
                 std::vector<content::Diagnostic>& errors);
    // Its sections in the menu and among the search page's ways to browse, when it has content.
    void (*sections)(const content::SiteContent& site, std::vector<content::SiteSection>& out);
    // Its pages, appended to the plan; a clash of its own ids goes to `errors`.
    void (*plan)(const content::SiteContent& site, std::vector<site::PlannedPage>& plan,
                 std::vector<content::Diagnostic>& errors);
    // Its JSON export files.
    void (*json)(const content::SiteContent& site, std::vector<JsonFile>& out);
    // Its entries in the search index: the pages it generates and the things on them.
    void (*search)(const content::SiteContent& site, site::SearchIndexer& out);
    // Its entries for comparing two versions (diff/diff.h), by stable key, in site order.
    void (*diff)(const content::SiteContent& site, std::vector<diff::Entry>& out);
    // Its groups of editorial notes on /editorial-notes/ (render/notes.h).
    void (*notes)(const content::SiteContent& site, render::DataList& groups);
};

}  // namespace icips::kinds
