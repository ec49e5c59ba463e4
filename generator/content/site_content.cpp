#include "content/site_content.h"

#include "content/content_files.h"
#include "content/limits.h"
#include "content/urls.h"
#include "content/yaml_source.h"

#include <algorithm>
#include <utility>

namespace fs = std::filesystem;

namespace icips::content {

SiteConfig load_site_config(const fs::path& content_dir, std::vector<Diagnostic>& errors) {
    SiteConfig config;
    const fs::path file = content_dir / "site.yaml";
    if (!fs::exists(file) || is_link(file)) return config;  // a link is reported by load_pages
    const YamlSource source{file.string(), 0};
    config.where = {source.path, 0};
    auto text = read_content_file(file, errors);
    if (!text) return config;
    const auto parsed = parse_yaml(*text, source, errors);
    if (!parsed || parsed->IsNull() || !check_value_lengths(*parsed, source, errors)) return config;
    const YamlNode root = *parsed;
    if (!check_keys(root, source, {"title", "description", "base_url", "language", "footer"}, {}, errors))
        return config;
    Reader read{source, errors};
    if (root["title"]) config.title = read.text(root, "title");
    config.description = read.text(root, "description");
    const std::string base_url = read.text(root, "base_url");
    if (root["language"]) config.language = read.text(root, "language");
    config.footer = read.text(root, "footer");
    if (config.footer.size() > kMaxFooterLength) {
        read.error(root["footer"], "'footer' has " + std::to_string(config.footer.size()) +
                                       " characters; every page shows it, so it may have at most " +
                                       std::to_string(kMaxFooterLength));
        config.footer.clear();
    }
    if (!base_url.empty()) {
        if (const std::string problem = base_url_problem(base_url); !problem.empty())
            read.error(root["base_url"], "'base_url' " + problem);
        else
            set_base_url(config, base_url);
    }
    return config;
}

void set_base_url(SiteConfig& config, std::string_view base_url) {
    config.base_url = normalized_base_url(base_url);
    config.base_path = base_path_of(config.base_url);
}

void index_pages(SiteContent& content) {
    auto& pages = content.pages;
    const auto by_order = [&pages](size_t a, size_t b) { return pages[a].order < pages[b].order; };
    content.menu.clear();
    for (size_t i = 0; i < pages.size(); ++i)
        if (!pages[i].nav.empty()) content.menu.push_back(i);
    std::stable_sort(content.menu.begin(), content.menu.end(), by_order);
    // Prose pages with an `order` read as a sequence, in that order (the home page is not in it).
    std::vector<size_t> sequence;
    for (size_t i = 0; i < pages.size(); ++i) {
        pages[i].prev = pages[i].next = -1;
        if (pages[i].order > 0 && pages[i].url != "/") sequence.push_back(i);
    }
    std::stable_sort(sequence.begin(), sequence.end(), by_order);
    for (size_t k = 0; k < sequence.size(); ++k) {
        if (k > 0) pages[sequence[k]].prev = static_cast<long>(sequence[k - 1]);
        if (k + 1 < sequence.size()) pages[sequence[k]].next = static_cast<long>(sequence[k + 1]);
    }
}

void swap_models(SiteContent& a, SiteContent& b) {
    std::swap(a, b);
    // Back what no kind with a content folder loads.
    std::swap(a.config, b.config);
    std::swap(a.pages, b.pages);
    std::swap(a.menu, b.menu);
    std::swap(a.last_changed, b.last_changed);
}

}  // namespace icips::content
