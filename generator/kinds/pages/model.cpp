#include "kinds/pages/model.h"

#include "content/content_files.h"
#include "content/yaml_source.h"
#include "site/parallel.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

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

// A value YAML reads as this very text: it starts with a letter or digit, holds only letters, digits,
// spaces, a few punctuation marks and non-ASCII characters (no ':' or '#', no quotes or brackets), does
// not end in a space and is not a spelling of null.
bool plain_text_value(std::string_view v) {
    if (v.empty() || !std::isalnum(static_cast<unsigned char>(v.front())) || v.back() == ' ') return false;
    for (const char ch : v) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80 || std::isalnum(c) || c == ' ') continue;
        if (std::string_view(".,;()'/-&?!+%").find(ch) == std::string_view::npos) return false;
    }
    return v != "null" && v != "Null" && v != "NULL";
}

// The text a value stands for when YAML reads it as exactly that: a plain value as above, or one in
// double or single quotes with no escapes inside (no backslash, no quote of its own kind).
std::optional<std::string_view> text_value(std::string_view v) {
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
        const std::string_view inner = v.substr(1, v.size() - 2);
        for (const char ch : inner)
            if (static_cast<unsigned char>(ch) < 0x20 || ch == v.front() || ch == '\\') return std::nullopt;
        return inner;
    }
    if (plain_text_value(v)) return v;
    return std::nullopt;
}

bool whole_number(std::string_view v, int& out) {
    const std::string_view digits = v.starts_with('-') ? v.substr(1) : v;
    if (digits.empty() || digits.size() > 9 || (digits.size() > 1 && digits.front() == '0') ||
        digits.find_first_not_of("0123456789") != std::string_view::npos)
        return false;
    out = std::stoi(std::string(v));
    return true;
}

}  // namespace

std::optional<PlainFrontMatter> plain_front_matter(std::string_view text) {
    PlainFrontMatter fields;
    std::set<std::string_view> seen;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        if (end == std::string_view::npos) return std::nullopt;  // the splitter keeps each line's newline
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(end + 1);
        const size_t colon = line.find(": ");
        if (colon == std::string_view::npos || colon == 0) return std::nullopt;
        const std::string_view key = line.substr(0, colon), value = line.substr(colon + 2);
        if (key.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string_view::npos || !seen.insert(key).second)
            return std::nullopt;
        if (key == "title" || key == "description" || key == "nav") {
            const auto text = text_value(value);
            if (!text) return std::nullopt;
            (key == "title" ? fields.title : key == "description" ? fields.description : fields.nav) = std::string(*text);
        } else if (key == "order") {
            if (!whole_number(value, fields.order)) return std::nullopt;
        } else if (key == "raw_html") {
            if (value != "true" && value != "false") return std::nullopt;
            fields.raw_html = value == "true";
        } else {
            return std::nullopt;  // an unknown key: yaml-cpp's path reports it
        }
    }
    if (fields.title.empty()) return std::nullopt;
    return fields;
}

fs::path page_relative_path(const fs::path& file, const fs::path& content_dir) {
    fs::path base = content_dir.lexically_normal();
    if (!base.has_filename()) base = base.parent_path();  // "content/" -> "content"
    return file.lexically_normal().lexically_relative(base);
}

namespace {

// Why a page's path (relative to the content folder) cannot give its URL: each folder and the file
// name without ".md" must be a valid id, so that no URL can climb out of the site ("...md" once
// published at "/../"), hold a backslash or invalid UTF-8, or take the place of a generated file.
std::optional<std::string> page_path_problem(const fs::path& relative) {
    for (auto part = relative.begin(); part != relative.end(); ++part) {
        std::string_view name = part->native();
        const bool file = std::next(part) == relative.end();
        if (file && name.ends_with(".md")) name.remove_suffix(3);
        if (auto problem = page_name_problem(name))
            return (file ? "page file name " : "folder name ") + *problem;
    }
    return std::nullopt;
}

// load_page, with the file's path relative to the content folder already known.
std::optional<Page> load_page_at(const fs::path& file, const fs::path& relative, std::vector<Diagnostic>& errors) {
    const std::string path = file.string();
    if (auto problem = page_path_problem(relative)) {
        errors.push_back({path, 0, 0, *problem});
        return std::nullopt;
    }
    auto contents = read_content_file(file, errors);
    if (!contents) return std::nullopt;
    auto bad = first_unprintable(*contents);
    if (!bad) bad = first_lone_cr(*contents);
    if (bad) {
        errors.push_back({path, bad->line, bad->column, bad->message});
        return std::nullopt;
    }
    auto split = split_front_matter(std::move(*contents), path, errors);
    if (!split) return std::nullopt;
    if (!check_markdown_size(split->body, path, split->body_line, errors)) return std::nullopt;
    Page page;
    page.url = url_for(relative);
    page.body = std::move(split->body);
    page.body_line = split->body_line;
    page.where = {path, 1};
    if (split->front_matter_line == 0) {
        errors.push_back({path, 1, 1, "page has no title; start the file with front matter: ---, title: ..., ---"});
        return std::nullopt;
    }
    // Front matter with a label over the limit goes through yaml-cpp, which reports it at its line.
    if (auto plain = plain_front_matter(split->front_matter);
        plain && !label_problem("title", plain->title) && !label_problem("nav", plain->nav)) {
        page.title = std::move(plain->title);
        page.description = std::move(plain->description);
        page.nav = std::move(plain->nav);
        page.order = plain->order;
        page.raw_html = plain->raw_html;
        return page;
    }
    YamlSource source{path, split->front_matter_line - 1};
    const auto parsed = parse_yaml(split->front_matter, source, errors);
    if (!parsed) return std::nullopt;
    const YamlNode front = *parsed;
    if (front.IsNull()) {
        errors.push_back({path, split->front_matter_line, 1, "front matter is empty; give the page a 'title'"});
        return std::nullopt;
    }
    if (!check_keys(front, source, {"title", "description", "nav", "order", "raw_html"}, {"title"}, errors) ||
        !check_value_lengths(front, source, errors))
        return std::nullopt;
    Reader fields{source, errors};
    page.title = fields.text(front, "title");
    page.description = fields.text(front, "description");
    page.nav = fields.text(front, "nav");
    page.order = fields.integer(front, "order");
    page.raw_html = fields.boolean(front, "raw_html", false);
    if (front["title"] && page.title.empty())
        errors.push_back(at(front["title"], source, "'title' must not be empty"));
    return page;
}

// `file` relative to `content_dir` when it is spelled content_dir + "/" + the rest, as the
// directory iterator spells it (a string operation; lexically_normal() allocated per component).
fs::path relative_to(const fs::path& file, const fs::path& content_dir) {
    const std::string& dir = content_dir.native();
    const std::string& whole = file.native();
    const size_t prefix = dir.size() + (dir.ends_with('/') ? 0 : 1);
    if (!dir.empty() && whole.size() > prefix && whole.starts_with(dir) && whole[prefix - 1] == '/') {
        const std::string_view rest = std::string_view(whole).substr(prefix);
        if (rest.front() != '/' && rest.find("/.") == std::string_view::npos && !rest.starts_with('.') &&
            rest.find("//") == std::string_view::npos)
            return fs::path(rest);
    }
    return page_relative_path(file, content_dir);
}

}  // namespace

namespace {

// Calls `found(target)` for each site path the Markdown links to, in order: what follows "](" from
// its "/" up to the ')', '#' or ' ' that ends the link's path (its end, fragment or title). Stops at
// the first call that returns true, and returns whether one did.
template <typename Found>
bool find_link_target(std::string_view body, Found found) {
    for (size_t at = body.find("](/"); at != std::string_view::npos; at = body.find("](/", at + 1)) {
        const size_t start = at + 2, end = body.find_first_of(")# ", start);
        if (end == std::string_view::npos) break;
        if (found(body.substr(start, end - start))) return true;
    }
    return false;
}

}  // namespace

std::vector<std::string> link_targets(const Page& page) {
    std::vector<std::string> targets;
    find_link_target(page.body, [&](std::string_view target) {
        targets.emplace_back(target);
        return false;
    });
    return targets;
}

bool links_to(const Page& page, std::string_view url) {
    return find_link_target(page.body, [&](std::string_view target) { return target == url; });
}

std::optional<Page> load_page(const fs::path& file, const fs::path& content_dir, std::vector<Diagnostic>& errors) {
    return load_page_at(file, page_relative_path(file, content_dir), errors);
}

std::vector<Page> load_pages(const fs::path& content_dir, std::vector<Diagnostic>& errors) {
    std::vector<Page> pages;
    if (!fs::is_directory(content_dir)) return pages;
    // The one walk of the whole content folder: every link in it is reported here (the other loaders
    // skip links without a word, so that each is reported once).
    std::vector<fs::path> files;
    for (auto& file : list_files(content_dir, errors, true))
        if (file.native().ends_with(".md")) files.push_back(std::move(file));

    // Files are read and parsed in parallel; results and errors are gathered in file order, so
    // they do not depend on the thread count.
    std::vector<std::optional<Page>> loaded(files.size());
    std::vector<std::vector<Diagnostic>> file_errors(files.size());
    site::parallel_for(files.size(), 0, [&](size_t i) {
        loaded[i] = load_page_at(files[i], relative_to(files[i], content_dir), file_errors[i]);
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
