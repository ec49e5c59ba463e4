#include "content/site_content.h"

#include "content/yaml_source.h"

namespace fs = std::filesystem;

namespace icips::content {

SiteConfig load_site_config(const fs::path& content_dir, std::vector<Diagnostic>& errors) {
    SiteConfig config;
    const fs::path file = content_dir / "site.yaml";
    if (!fs::exists(file)) return config;
    const YamlSource source{file.string()};
    config.where = {source.path, 0};
    auto text = read_text_file(file, errors);
    if (!text) return config;
    auto root = parse_yaml(*text, source, errors);
    if (!root || root->IsNull()) return config;
    if (!check_keys(*root, source, {"title", "description", "base_url", "language", "footer"}, {}, errors))
        return config;
    Reader read{source, errors};
    if ((*root)["title"]) config.title = read.text(*root, "title");
    config.description = read.text(*root, "description");
    config.base_url = read.text(*root, "base_url");
    if ((*root)["language"]) config.language = read.text(*root, "language");
    config.footer = read.text(*root, "footer");
    if (!config.base_url.empty() && !config.base_url.starts_with("https://") && !config.base_url.starts_with("http://"))
        read.error((*root)["base_url"], "'base_url' must start with https:// or http://");
    if (!config.base_url.empty() && config.base_url.back() != '/') config.base_url += '/';
    return config;
}

SiteContent load_content(const fs::path& content_dir, std::vector<Diagnostic>& errors) {
    SiteContent content;
    content.config = load_site_config(content_dir, errors);
    content.standards = load_standards(content_dir, errors);
    content.pages = load_pages(content_dir, errors);
    content.packs = load_packs(content_dir, errors);
    content.models = load_maturity_models(content_dir, errors);
    return content;
}

}  // namespace icips::content
