// The plan of a site: every page it will publish, with the URL, the source it comes from and how
// to render it. Planning is cheap; rendering (Markdown, templates) happens later, in parallel.
#pragma once
#include "content/site_content.h"
#include "render/rendered.h"
#include "render/theme.h"

#include <functional>
#include <string>
#include <vector>

namespace icips::site {

struct PlannedPage {
    std::string url;              // "/grades/member/", "/404.html"
    content::Location source;     // the content file it is built from (link errors are reported there)
    std::function<render::Rendered(const render::Theme&)> render;
};

// Pages in a stable order. `content` must outlive the plan. Two pages for one URL (a prose page at
// a generated URL) are reported in `errors`.
std::vector<PlannedPage> plan_site(const content::SiteContent& content, std::vector<content::Diagnostic>& errors);

}  // namespace icips::site
