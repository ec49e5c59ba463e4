#include "content/pages.h"

#include "content/yaml_source.h"
#include "site/parallel.h"

#include <algorithm>
#include <map>

namespace fs = std::filesystem;

namespace icips::content {
namespace {

std::string url_for(const fs::path& relative) {
    fs::path without = relative.parent_path();
    if (relative.stem() != "index") without /= relative.stem();
    std::string url = "/" + without.generic_string();
    if (url.back() != '/') url += '/';
    return url;
}

}  // namespace

fs::path page_relative_path(const fs::path& file, const fs::path& content_dir) {
    fs::path base = content_dir.lexically_normal();
    if (!base.has_filename()) base = base.parent_path();  // "content/" -> "content"
    return file.lexically_normal().lexically_relative(base);
}

std::optional<Page> load_page(const fs::path& file, const fs::path& content_dir, std::vector<Diagnostic>& errors) {
    const std::string path = file.string();
    const auto contents = read_text_file(file, errors);
    if (!contents) return std::nullopt;
    const std::string& text = *contents;
    if (auto bad = first_unprintable(text)) {
        errors.push_back({path, bad->line, bad->column, bad->message});
        return std::nullopt;
    }
    auto split = split_front_matter(text, path, errors);
    if (!split) return std::nullopt;
    Page page;
    page.url = url_for(page_relative_path(file, content_dir));
    page.body = split->body;
    page.body_line = split->body_line;
    page.where = {path, 1};
    if (split->front_matter_line == 0) {
        errors.push_back({path, 1, 1, "page has no title; start the file with front matter: ---, title: ..., ---"});
        return std::nullopt;
    }
    YamlSource source{path, split->front_matter_line - 1};
    auto front = parse_yaml(split->front_matter, source, errors);
    if (!front) return std::nullopt;
    if (front->IsNull()) {
        errors.push_back({path, split->front_matter_line, 1, "front matter is empty; give the page a 'title'"});
        return std::nullopt;
    }
    if (!check_keys(*front, source, {"title", "description", "nav", "order", "raw_html"}, {"title"}, errors))
        return std::nullopt;
    Reader fields{source, errors};
    page.title = fields.text(*front, "title");
    page.description = fields.text(*front, "description");
    page.nav = fields.text(*front, "nav");
    page.order = fields.integer(*front, "order");
    page.raw_html = fields.boolean(*front, "raw_html", false);
    if ((*front)["title"] && page.title.empty())
        errors.push_back(at((*front)["title"], source, "'title' must not be empty"));
    return page;
}

std::vector<Page> load_pages(const fs::path& content_dir, std::vector<Diagnostic>& errors) {
    std::vector<Page> pages;
    if (!fs::is_directory(content_dir)) return pages;
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(content_dir))
        if (entry.is_regular_file() && entry.path().extension() == ".md") files.push_back(entry.path());
    std::sort(files.begin(), files.end());

    // Files are read and parsed in parallel; results and errors are gathered in file order, so
    // they do not depend on the thread count.
    std::vector<std::optional<Page>> loaded(files.size());
    std::vector<std::vector<Diagnostic>> file_errors(files.size());
    site::parallel_for(files.size(), 0, [&](size_t i) {
        loaded[i] = load_page(files[i], content_dir, file_errors[i]);
    });
    std::map<std::string, std::string> owners;  // url -> file
    pages.reserve(files.size());
    for (size_t i = 0; i < files.size(); ++i) {
        errors.insert(errors.end(), file_errors[i].begin(), file_errors[i].end());
        if (!loaded[i]) continue;
        Page& page = *loaded[i];
        if (auto [it, fresh] = owners.emplace(page.url, page.where.path); !fresh) {
            errors.push_back({page.where.path, 0, 0, "publishes at " + page.url + " like " + it->second + "; rename one of them"});
            continue;
        }
        pages.push_back(std::move(page));
    }
    std::sort(pages.begin(), pages.end(), [](const Page& a, const Page& b) { return a.url < b.url; });
    return pages;
}

}  // namespace icips::content
