// The internal link check: every link from one page of the site to another (and to an #anchor in
// it) must resolve, or the build fails, as in Zola.
#pragma once
#include "content/diagnostics.h"
#include "content/yaml_source.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace icips::site {

// What a rendered page links to and which element ids it has.
struct PageLinks {
    std::string url;  // the page's site path
    content::Location source;
    std::vector<std::string> targets;  // href and src values, as written
    std::vector<std::string> ids;      // sorted, each once (a set's node per id cost an allocation each)

    bool has_id(std::string_view id) const;
};

PageLinks extract_links(std::string url, content::Location source, std::string_view html);

// Checks every internal target against the pages and the other published files (assets, JSON;
// site paths like "/assets/site.css"). Pages are published under `base`, the site's base path
// ("/standards"; "" at the root): a target resolves against the page's address there, and must
// stay under it. Returns one diagnostic per broken link, at the line of the page's source file that
// holds the link when it can be found there.
std::vector<content::Diagnostic> check_links(const std::vector<PageLinks>& pages, const std::set<std::string>& files,
                                             const std::string& base = "");
// The same for the pages at `which` (indexes into `pages`) only, against all of `pages`.
std::vector<content::Diagnostic> check_links(const std::vector<PageLinks>& pages, const std::set<std::string>& files,
                                             const std::vector<size_t>& which, const std::string& base = "");

}  // namespace icips::site
