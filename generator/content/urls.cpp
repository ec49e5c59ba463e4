#include "content/urls.h"

namespace icips::content {

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
