#include "content/urls.h"

namespace icips::content {

std::string grade_url(std::string_view grade) { return "/grades/" + std::string(grade) + "/"; }

std::string area_url(std::string_view area) { return "/areas/" + std::string(area) + "/"; }

std::string assignment_url(const Assignment& a) {
    return grade_url(a.grade) + a.area + "/" + std::to_string(a.number) + "/";
}

std::string item_anchor(std::string_view parents_anchor, std::string_view id) {
    return (parents_anchor.empty() ? std::string("item") : std::string(parents_anchor)) + "-" + std::string(id);
}

std::string note_anchor(std::string_view about) {
    std::string out = "note";
    for (char c : about) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
        else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if (out.back() != '-') out += '-';
    }
    if (out.back() == '-') out.pop_back();
    return out;
}

std::string note_url(std::string_view about) { return std::string(kEditorialNotesUrl) + "#" + note_anchor(about); }

std::string pack_url(std::string_view pack) { return "/packs/" + std::string(pack) + "/"; }

std::string worksheet_url(std::string_view pack, std::string_view worksheet) {
    return pack_url(pack) + std::string(worksheet) + "/";
}

std::string pack_print_url(std::string_view pack) { return pack_url(pack) + "print/"; }

std::string maturity_model_url(std::string_view model) { return std::string(kMaturityUrl) + std::string(model) + "/"; }

std::string maturity_dimension_url(std::string_view model, std::string_view dimension) {
    return maturity_model_url(model) + std::string(dimension) + "/";
}

std::string maturity_level_url(std::string_view model, int level) {
    return maturity_model_url(model) + "level-" + std::to_string(level) + "/";
}

std::string maturity_sheet_url(std::string_view model) { return maturity_model_url(model) + "sheet/"; }

std::string maturity_self_assessment_url(std::string_view model) {
    return maturity_model_url(model) + "self-assessment/";
}

std::string maturity_json_url(std::string_view model) { return "/api/maturity/" + std::string(model) + ".json"; }

std::string pack_json_url(std::string_view pack) { return "/api/packs/" + std::string(pack) + ".json"; }

std::string maturity_cell_anchor(std::string_view dimension, int level) {
    return std::string(dimension) + "-" + std::to_string(level);
}

std::string maturity_descriptor_anchor(std::string_view dimension, int level, std::string_view descriptor) {
    return maturity_cell_anchor(dimension, level) + "-" + std::string(descriptor);
}

namespace {

bool is_path_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '~' || c == '%';
}

// The path of an http(s) URL: "https://example.org/standards/" -> "/standards/".
std::string_view path_of(std::string_view url) {
    const size_t scheme = url.find("://");
    const size_t slash = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
    return slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
}

}  // namespace

std::string base_url_problem(std::string_view url) {
    std::string_view rest;
    if (url.starts_with("https://")) rest = url.substr(8);
    else if (url.starts_with("http://")) rest = url.substr(7);
    else return "must start with https:// or http://";
    const size_t slash = rest.find('/');
    const std::string_view host = rest.substr(0, slash);
    if (host.empty()) return "has no host after the scheme";
    for (const char c : host)
        if (!is_path_char(c) && c != ':' && c != '[' && c != ']') return "has a character a host cannot hold";
    if (url.find_first_of("?#") != std::string_view::npos) return "must not have a query (?) or a fragment (#)";
    std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    while (!path.empty()) {
        const size_t end = path.find('/');
        const std::string_view segment = path.substr(0, end);
        if (segment.empty() || segment == "." || segment == "..")
            return "has an empty, \".\" or \"..\" segment in its path";
        for (const char c : segment)
            if (!is_path_char(c)) return "has a character in its path other than letters, digits, - _ . ~ and %";
        if (end == std::string_view::npos) break;
        path.remove_prefix(end + 1);
    }
    return "";
}

std::string normalized_base_url(std::string_view url) {
    std::string out(url);
    if (!out.empty() && out.back() != '/') out += '/';
    return out;
}

std::string base_path_of(std::string_view base_url) {
    if (base_url.empty()) return "";
    std::string path(path_of(base_url));
    while (!path.empty() && path.back() == '/') path.pop_back();
    return path;
}

std::string output_file_for(std::string_view url) {
    std::string file(url.substr(url.starts_with('/') ? 1 : 0));
    if (file.empty() || file.back() == '/') file += "index.html";
    return file;
}

}  // namespace icips::content
