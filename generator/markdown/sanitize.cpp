// The allow-list behind `raw_html: true` (markdown.h, sanitize_html; docs/content.md lists what it
// lets through). Raw HTML is read as a browser would read its tags and rewritten: allowed tags keep
// their allowed attributes, re-quoted and escaped; everything else is dropped.
#include "markdown/markdown.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace icips::markdown {
namespace {

constexpr std::array kTags = {
    "a",      "abbr",    "b",       "blockquote", "br",     "caption", "cite",  "code",   "col",  "colgroup",
    "dd",     "del",     "details", "dfn",        "div",    "dl",      "dt",    "em",     "figcaption",
    "figure", "h1",      "h2",      "h3",         "h4",     "h5",      "h6",    "hr",     "i",    "img",
    "ins",    "kbd",     "li",      "mark",       "ol",     "p",       "pre",   "q",      "s",    "samp",
    "small",  "span",    "strong",  "sub",        "summary", "sup",    "table", "tbody",  "td",   "tfoot",
    "th",     "thead",   "time",    "tr",         "u",      "ul",      "var",   "wbr"};

// Tags whose content goes with them: it is script, style or another document, never text.
constexpr std::array kDroppedWithContent = {"script", "style", "iframe", "object", "embed", "template", "noscript",
                                           "textarea", "title", "xmp", "noembed", "noframes", "svg", "math"};

constexpr std::array kGlobalAttributes = {"id", "class", "title", "lang", "dir"};

struct TagAttributes {
    const char* tag;
    std::array<const char*, 4> names;
};
constexpr std::array kTagAttributes = {
    TagAttributes{"a", {"href", "hreflang", "rel", nullptr}},
    TagAttributes{"img", {"src", "alt", "width", "height"}},
    TagAttributes{"td", {"colspan", "rowspan", "headers", nullptr}},
    TagAttributes{"th", {"colspan", "rowspan", "headers", "scope"}},
    TagAttributes{"ol", {"start", "reversed", "type", nullptr}},
    TagAttributes{"col", {"span", nullptr, nullptr, nullptr}},
    TagAttributes{"colgroup", {"span", nullptr, nullptr, nullptr}},
    TagAttributes{"time", {"datetime", nullptr, nullptr, nullptr}},
    TagAttributes{"details", {"open", nullptr, nullptr, nullptr}},
    TagAttributes{"blockquote", {"cite", nullptr, nullptr, nullptr}},
    TagAttributes{"q", {"cite", nullptr, nullptr, nullptr}},
    TagAttributes{"del", {"cite", "datetime", nullptr, nullptr}},
    TagAttributes{"ins", {"cite", "datetime", nullptr, nullptr}},
};

template <typename List>
bool listed(const List& list, std::string_view name) {
    return std::any_of(list.begin(), list.end(), [&](const char* n) { return n && name == n; });
}

bool attribute_allowed(std::string_view tag, std::string_view name) {
    if (listed(kGlobalAttributes, name)) return true;
    for (const auto& t : kTagAttributes)
        if (tag == t.tag) return listed(t.names, name);
    return false;
}

bool is_url_attribute(std::string_view name) { return name == "href" || name == "src" || name == "cite"; }

// A URL that cannot run script: relative, or http(s) or mailto. The part before the first '/', '?'
// or '#' is what a browser reads the scheme from (after decoding entities and dropping tabs and line
// breaks), so any '&', space or control character there refuses the URL.
bool safe_url(std::string_view url) {
    const size_t end = std::min(url.find_first_of("/?#"), url.size());
    const std::string_view head = url.substr(0, end);
    for (const char c : head)
        if (c == '&' || static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
    const size_t colon = head.find(':');
    if (colon == std::string_view::npos) return true;  // relative
    std::string scheme(head.substr(0, colon));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    return scheme == "http" || scheme == "https" || scheme == "mailto";
}

std::string escape_attribute(std::string_view value) {
    std::string out;
    for (const char c : value) {
        if (c == '"') out += "&quot;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':'; }

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

struct Tag {
    std::string name;  // lowercase
    bool closing = false;
    std::string rewritten;  // the tag as it is kept ("" when dropped)
    size_t end = 0;         // just after the tag's '>'
};

// Reads the tag at html[at] == '<' as a browser would; nullopt-like (end 0) when it is not a tag.
Tag read_tag(std::string_view html, size_t at) {
    Tag tag;
    size_t i = at + 1;
    if (i < html.size() && html[i] == '/') {
        tag.closing = true;
        ++i;
    }
    const size_t name_start = i;
    while (i < html.size() && name_char(html[i])) ++i;
    if (i == name_start || !std::isalpha(static_cast<unsigned char>(html[name_start]))) return tag;
    tag.name = lower(html.substr(name_start, i - name_start));
    const bool allowed = listed(kTags, tag.name);
    std::string attributes;
    while (i < html.size()) {
        while (i < html.size() && (std::isspace(static_cast<unsigned char>(html[i])) || html[i] == '/')) ++i;
        if (i >= html.size()) return tag;  // never closed: not a tag
        if (html[i] == '>') break;
        const size_t attr_start = i;
        while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '=' &&
               html[i] != '>' && html[i] != '/')
            ++i;
        const std::string name = lower(html.substr(attr_start, i - attr_start));
        while (i < html.size() && std::isspace(static_cast<unsigned char>(html[i]))) ++i;
        std::string_view value;
        bool has_value = false;
        if (i < html.size() && html[i] == '=') {
            has_value = true;
            ++i;
            while (i < html.size() && std::isspace(static_cast<unsigned char>(html[i]))) ++i;
            if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
                const size_t close = html.find(html[i], i + 1);
                if (close == std::string_view::npos) return tag;
                value = html.substr(i + 1, close - i - 1);
                i = close + 1;
            } else {
                const size_t from = i;
                while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '>') ++i;
                value = html.substr(from, i - from);
            }
        }
        if (!allowed || tag.closing || name.empty() || !attribute_allowed(tag.name, name)) continue;
        if (is_url_attribute(name) && !safe_url(value)) continue;
        attributes += " " + name;
        if (has_value) attributes += "=\"" + escape_attribute(value) + "\"";
    }
    if (i >= html.size()) return tag;
    tag.end = i + 1;
    if (allowed) tag.rewritten = (tag.closing ? "</" : "<") + tag.name + (tag.closing ? "" : attributes) + ">";
    return tag;
}

}  // namespace

std::string sanitize_html(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    size_t i = 0;
    while (i < html.size()) {
        const char c = html[i];
        if (c != '<') {
            out += c == '>' ? std::string("&gt;") : std::string(1, c);
            ++i;
            continue;
        }
        if (html.substr(i, 4) == "<!--") {  // comments are dropped
            const size_t close = html.find("-->", i + 4);
            i = close == std::string_view::npos ? html.size() : close + 3;
            continue;
        }
        if (i + 1 < html.size() && (html[i + 1] == '!' || html[i + 1] == '?')) {  // doctype, CDATA, processing
            const size_t close = html.find('>', i);
            i = close == std::string_view::npos ? html.size() : close + 1;
            continue;
        }
        Tag tag = read_tag(html, i);
        if (tag.end == 0) {  // not a tag: the '<' is text
            out += "&lt;";
            ++i;
            continue;
        }
        i = tag.end;
        if (!tag.closing && listed(kDroppedWithContent, tag.name)) {
            // Up to the matching end tag (or the end of this piece of HTML).
            size_t close = html.find("</", i);
            while (close != std::string_view::npos && lower(html.substr(close + 2, tag.name.size())) != tag.name)
                close = html.find("</", close + 2);
            const size_t gt = close == std::string_view::npos ? close : html.find('>', close);
            i = gt == std::string_view::npos ? html.size() : gt + 1;
            continue;
        }
        out += tag.rewritten;
    }
    return out;
}

}  // namespace icips::markdown
