#include "site/links.h"

#include "site/parallel.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace icips::site {
namespace {

// Value of the attribute that starts at `at` (just after `name="`), decoding the few entities
// the renderers produce.
std::string attribute_value(std::string_view html, size_t at) {
    const size_t end = html.find('"', at);
    std::string value(html.substr(at, end == std::string_view::npos ? 0 : end - at));
    for (size_t amp = value.find("&amp;"); amp != std::string::npos; amp = value.find("&amp;", amp + 1))
        value.erase(amp + 1, 4);
    return value;
}

bool is_external(const std::string& target) {
    if (target.starts_with("//")) return true;
    const size_t colon = target.find(':');
    const size_t slash = target.find_first_of("/?#");
    return colon != std::string::npos && (slash == std::string::npos || colon < slash);
}

// Resolves `target` against the page URL to a site path and fragment.
std::pair<std::string, std::string> resolve(const std::string& page_url, std::string target) {
    std::string fragment;
    if (auto hash = target.find('#'); hash != std::string::npos) {
        fragment = target.substr(hash + 1);
        target.erase(hash);
    }
    if (auto query = target.find('?'); query != std::string::npos) target.erase(query);
    if (target.empty()) return {page_url, fragment};
    // A site-absolute path without empty, "." or ".." segments (what the renderers write) is its
    // own resolution.
    if (target.starts_with('/') && target.find("//") == std::string::npos && target.find("/./") == std::string::npos &&
        target.find("/../") == std::string::npos && !target.ends_with("/.") && !target.ends_with("/.."))
        return {std::move(target), std::move(fragment)};
    std::string base = target.starts_with('/') ? "" : page_url.substr(0, page_url.rfind('/') + 1);
    const std::string joined = base + target;
    std::vector<std::string_view> parts;
    for (size_t at = 0; at <= joined.size();) {
        size_t end = joined.find('/', at);
        if (end == std::string::npos) end = joined.size();
        const std::string_view part(joined.data() + at, end - at);
        at = end + 1;
        if (part.empty() || part == ".") continue;
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else {
            parts.push_back(part);
        }
    }
    std::string path = "/";
    for (size_t i = 0; i < parts.size(); ++i) {
        path += parts[i];
        if (i + 1 < parts.size()) path += '/';
    }
    if (target.ends_with('/') && path != "/") path += '/';
    return {path, fragment};
}

int line_mentioning(const std::string& file, const std::string& target) {
    std::ifstream in(file);
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (line.find(target) != std::string::npos) return number;
    }
    return 0;
}

}  // namespace

bool PageLinks::has_id(std::string_view id) const {
    return std::binary_search(ids.begin(), ids.end(), id, std::less<>());
}

PageLinks extract_links(std::string url, content::Location source, std::string_view html) {
    PageLinks links{std::move(url), std::move(source), {}, {}};
    // One pass over the page for every ` href="`, ` src="` and ` id="`. The src targets come after
    // the href ones, the order errors are reported in.
    std::vector<std::string> sources;
    for (size_t at = html.find("=\""); at != std::string_view::npos; at = html.find("=\"", at + 2)) {
        const std::string_view name = html.substr(0, at);
        if (name.ends_with(" href")) links.targets.push_back(attribute_value(html, at + 2));
        else if (name.ends_with(" src")) sources.push_back(attribute_value(html, at + 2));
        else if (name.ends_with(" id")) links.ids.push_back(attribute_value(html, at + 2));
    }
    std::sort(links.ids.begin(), links.ids.end());
    links.ids.erase(std::unique(links.ids.begin(), links.ids.end()), links.ids.end());
    links.targets.insert(links.targets.end(), std::make_move_iterator(sources.begin()), std::make_move_iterator(sources.end()));
    return links;
}

std::vector<content::Diagnostic> check_links(const std::vector<PageLinks>& pages, const std::set<std::string>& files,
                                             const std::vector<size_t>& which, const std::string& base) {
    std::unordered_map<std::string_view, const PageLinks*> by_url;
    by_url.reserve(pages.size());
    for (const auto& p : pages) by_url[p.url] = &p;
    // Pages are checked in parallel; their errors are gathered in
    // page order, so the report does not depend on the thread count.
    std::vector<std::vector<content::Diagnostic>> found_errors(which.size());
    parallel_for(which.size(), 0, [&](size_t k) {
        std::vector<content::Diagnostic>& errors = found_errors[k];
        const PageLinks& page = pages[which[k]];
        std::unordered_set<std::string_view> reported;  // views of page.targets
        for (const auto& target : page.targets) {
            if (is_external(target) || !reported.insert(target).second) continue;
            // Pages link base-absolute (the base path, then the site path): resolved against the page's
            // address, the target must be under the base path, which is then taken off.
            auto [path, fragment] = resolve(base + page.url, target);
            const bool outside = !base.empty() && !(path.starts_with(base) && path.size() > base.size() && path[base.size()] == '/');
            if (!outside) path.erase(0, base.size());
            const PageLinks* found = nullptr;
            if (!outside) {
                if (auto it = by_url.find(path); it != by_url.end()) found = it->second;
                else if (auto slash = by_url.find(path + "/"); slash != by_url.end()) found = slash->second;
            }
            std::string problem;
            if (outside)
                problem = path + " is outside the site, which is published under " + base + "/ (site paths in "
                          "Markdown are written under it; a template writes {{base}} before each)";
            else if (!found && !files.count(path))
                problem = "no page or file at " + path;
            else if (!fragment.empty() && found && !found->has_id(fragment))
                problem = path + " has no element with id '" + fragment + "'";
            if (problem.empty()) continue;
            // The source writes a site path where the page has the base path before it.
            const std::string written = !outside && target.starts_with(base + "/") ? target.substr(base.size()) : target;
            const int line = page.source.path.empty() ? 0 : line_mentioning(page.source.path, written);
            errors.push_back({page.source.path.empty() ? "(theme)" : page.source.path,
                              line ? line : page.source.line, 0,
                              "broken link to " + target + " on " + page.url + ": " + problem});
        }
    });
    std::vector<content::Diagnostic> errors;
    for (auto& page_errors : found_errors)
        errors.insert(errors.end(), std::make_move_iterator(page_errors.begin()), std::make_move_iterator(page_errors.end()));
    return errors;
}

std::vector<content::Diagnostic> check_links(const std::vector<PageLinks>& pages, const std::set<std::string>& files,
                                             const std::string& base) {
    std::vector<size_t> all(pages.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = i;
    return check_links(pages, files, all, base);
}

}  // namespace icips::site
