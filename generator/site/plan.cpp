#include "site/plan.h"

#include "content/diagnostics.h"
#include "content/urls.h"
#include "kinds/kinds.h"
#include "schema/schemas.h"

#include <algorithm>
#include <map>
#include <set>

namespace icips::site {

using content::Location;
using render::Theme;

std::vector<OutputFile> generated_files(const content::SiteContent& site, const Theme& theme) {
    std::vector<OutputFile> files;
    const Location nowhere{};
    for (const auto& json : kinds::json_files(site)) files.push_back({json.url, json.source, false});
    files.push_back({"/sitemap.xml", nowhere, false});
    files.push_back({std::string(content::kSearchIndexUrl), nowhere, false});
    files.push_back({std::string(content::kSearchShardsUrl), nowhere, true});
    for (const auto& schema : schema::schema_files()) files.push_back({"/schema/" + std::string(schema.kind) + ".json", nowhere, false});
    for (const auto& asset : theme.assets()) files.push_back({"/assets/" + asset.relative, {asset.source.string(), 0}, false});
    return files;
}

namespace {

struct Claim {
    std::string file;  // relative to the output folder
    std::string url;
    Location source;
};

std::string describe(const Claim& c) {
    if (c.source.path.empty()) return "the site's own " + c.url;
    return c.source.line > 0 ? c.source.path + ":" + std::to_string(c.source.line) : c.source.path;
}

// Reported at the claim with a content file (what the author can change), naming the other claim.
// `parent`: the folder `b` needs where `a` writes a file; empty when both write one file.
void conflict(const Claim& a, const Claim& b, std::string_view parent, std::vector<content::Diagnostic>& errors) {
    const bool b_is_page = b.source.path.ends_with(".md"), a_is_page = a.source.path.ends_with(".md");
    const Claim& at = !parent.empty() || b_is_page || (!a_is_page && !b.source.path.empty()) ? b : a;
    const Claim& other = &at == &b ? a : b;
    const bool other_generated = !other.source.path.ends_with(".md");
    std::string message = "publishes at " + at.url;
    if (!parent.empty())
        message += ", which needs a folder " + std::string(parent) + "/ where " + describe(other) + " (" + other.url +
                   ") is written";
    else if (other_generated && at.source.path.ends_with(".md"))
        message += ", which the site generates itself" + (other.source.path.empty() ? "" : " from " + describe(other));
    else
        message += " like " + describe(other);
    message += at.source.path.ends_with(".md") ? "; move or rename the page" : "; rename one of them";
    errors.push_back({at.source.path.empty() ? at.url : at.source.path, at.source.line, 0, std::move(message)});
}

// Why `file` (relative to the output folder) is not a plain path inside it, or "".
std::string path_problem(const std::string& file) {
    if (file.empty() || file.front() == '/' || file.find('\\') != std::string::npos || file.find("//") != std::string::npos)
        return "is not a plain path";
    if (content::first_invalid_utf8(file)) return "is not valid UTF-8";
    for (size_t from = 0; from <= file.size();) {
        const size_t end = std::min(file.find('/', from), file.size());
        const std::string_view part = std::string_view(file).substr(from, end - from);
        if (part == "." || part == "..") return "would be written outside the output folder";
        from = end + 1;
    }
    return "";
}

}  // namespace

void check_output_paths(const std::vector<PlannedPage>& plan, const std::vector<OutputFile>& others,
                        std::vector<content::Diagnostic>& errors) {
    std::vector<Claim> files, folders;
    for (const auto& page : plan) files.push_back({content::output_file_for(page.url), page.url, page.source});
    for (const auto& other : others) {
        std::string file = content::output_file_for(other.url);
        if (other.folder) file = other.url.substr(1, other.url.size() - 2);
        (other.folder ? folders : files).push_back({std::move(file), other.url, other.source});
    }
    std::map<std::string_view, const Claim*> by_file, by_folder;
    for (const auto& c : folders) by_folder.emplace(c.file, &c);
    for (const auto& c : files) {
        if (const std::string problem = path_problem(c.file); !problem.empty()) {
            errors.push_back({c.source.path.empty() ? c.url : c.source.path, c.source.line, 0,
                              "publishes at " + c.url + ", which " + problem + "; rename it"});
            continue;
        }
        if (auto [it, fresh] = by_file.emplace(c.file, &c); !fresh) conflict(*it->second, c, "", errors);
    }
    // A file where another file needs a folder ("assets/site.css" and "assets/site.css/index.html").
    for (const auto& [file, claim] : by_file) {
        if (auto folder = by_folder.find(file); folder != by_folder.end()) conflict(*claim, *folder->second, file, errors);
        for (size_t slash = file.find('/'); slash != std::string_view::npos; slash = file.find('/', slash + 1)) {
            const std::string_view parent = file.substr(0, slash);
            if (auto other = by_file.find(parent); other != by_file.end()) conflict(*other->second, *claim, parent, errors);
            else if (auto folder = by_folder.find(parent); folder != by_folder.end())
                conflict(*folder->second, *claim, "", errors);
        }
    }
}

}  // namespace icips::site
