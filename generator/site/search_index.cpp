#include "site/search_index.h"

#include "content/diagnostics.h"
#include "content/urls.h"
#include "markdown/markdown.h"
#include "kinds/kinds.h"
#include "site/parallel.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace icips::site {

using content::SiteContent;
using markdown::to_plain_text;

size_t SearchIndexer::place(std::string url, std::vector<std::string> where) {
    index_.places.push_back({std::move(url), std::move(where)});
    return index_.places.size() - 1;
}

void SearchIndexer::add(size_t place, std::string anchor, std::string title, std::string text, SearchKind kind,
                        bool noted, const std::string& about) {
    std::string note = noted ? content::note_url(about) : std::string();
    index_.entries.push_back({place, std::move(anchor), std::move(title), std::move(text), kind, std::move(note)});
}

void SearchIndexer::page(std::string url, std::vector<std::string> where, std::string title, std::string text,
                         SearchKind kind) {
    add(place(std::move(url), std::move(where)), "", std::move(title), std::move(text), kind);
}

std::string search_text(const std::string& a, const std::string& b) { return a.empty() ? b : b.empty() ? a : a + " " + b; }

namespace {

// Editorial notes are for editors: they rank below the standards' own words.
SearchKind page_kind(const content::Page& page) {
    return page.url == content::kEditorialNotesUrl ? SearchKind::note : SearchKind::page;
}

}  // namespace

std::string_view search_kind_code(SearchKind kind) {
    switch (kind) {
        case SearchKind::page: return "p";
        case SearchKind::tool: return "t";
        case SearchKind::assignment: return "a";
        case SearchKind::requirement: return "r";
        case SearchKind::question: return "q";
        case SearchKind::descriptor: return "d";
        case SearchKind::note: return "n";
    }
    return "p";
}

std::string SearchIndex::url_of(const SearchEntry& entry) const {
    const std::string& url = places.at(entry.place).url;
    return entry.anchor.empty() ? url : url + "#" + entry.anchor;
}

SearchEntry page_search_entry(const content::Page& page, size_t place, std::optional<std::string> text) {
    return {place, "", page.title, text ? std::move(*text) : to_plain_text(page.body), page_kind(page)};
}

namespace {

// The index; without `with_page_texts`, pages' entries have no text (no Markdown is parsed).
SearchIndex make_index(const SiteContent& site, std::vector<std::optional<std::string>> page_texts, unsigned threads,
                       bool with_page_texts) {
    SearchIndexer out;
    page_texts.resize(site.pages.size());
    // The pages' texts, the bulk of the work, in parallel.
    std::vector<SearchEntry> pages(site.pages.size());
    parallel_for(pages.size(), threads, [&](size_t i) {
        pages[i] = with_page_texts ? page_search_entry(site.pages[i], i, std::move(page_texts[i]))
                                   : SearchEntry{i, "", site.pages[i].title, "", page_kind(site.pages[i])};
    });
    for (size_t i = 0; i < pages.size(); ++i) {
        out.place(site.pages[i].url, {});
        out.add(pages[i].place, std::move(pages[i].anchor), std::move(pages[i].title), std::move(pages[i].text),
                pages[i].kind);
    }
    kinds::search_entries(site, out);
    SearchIndex index = out.take();
    index.base = site.config.base_path;
    return index;
}

}  // namespace

SearchIndex search_index(const SiteContent& site, std::vector<std::optional<std::string>> page_texts, unsigned threads) {
    return make_index(site, std::move(page_texts), threads, true);
}

namespace {

// A JSON string as nlohmann's dump() writes it (UTF-8 kept, control characters as \u00xx), written
// directly: the index is tens of megabytes for a large site. Invalid UTF-8 (refused by the
// loaders) goes through nlohmann, which replaces it.
void append_json_string(std::string& out, std::string_view s) {
    if (content::first_invalid_utf8(s)) {
        out += nlohmann::ordered_json(std::string(s)).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        return;
    }
    out += '"';
    size_t plain = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s, plain, i - plain);
        plain = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                static constexpr char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
    }
    out.append(s, plain, s.size() - plain);
    out += '"';
}

// The place with its URL under the base path.
std::string place_json(const SearchPlace& p, const std::string& base) {
    std::string out = "[";
    append_json_string(out, content::with_base(base, p.url));
    out += ",[";
    for (size_t i = 0; i < p.where.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, p.where[i]);
    }
    out += "]]";
    return out;
}

}  // namespace

std::string search_shard_url(size_t shard) {
    return std::string(content::kSearchShardsUrl) + std::to_string(shard) + ".json";
}

// [place, anchor, title, text, kind] and, for an entry with editorial notes, the URL of its notes
// under the base path.
std::string search_entry_json(const SearchEntry& e, const std::string& base) {
    std::string out = "[" + std::to_string(e.place % kSearchPlacesPerShard) + ",";
    out.reserve(out.size() + e.anchor.size() + e.title.size() + e.text.size() + 16);
    append_json_string(out, e.anchor);
    out += ',';
    append_json_string(out, e.title);
    out += ',';
    append_json_string(out, e.text);
    out += ",\"";
    out += search_kind_code(e.kind);
    out += '"';
    if (!e.note.empty()) {
        out += ',';
        append_json_string(out, content::with_base(base, e.note));
    }
    out += ']';
    return out;
}

namespace {

// Where each shard's entries start (SearchIndexJson::shard_entries): entries are in place order.
std::vector<size_t> shard_entries(const SearchIndex& index) {
    const size_t shards = (index.places.size() + kSearchPlacesPerShard - 1) / kSearchPlacesPerShard;
    std::vector<size_t> starts;
    starts.reserve(shards + 1);
    size_t entry = 0;
    for (size_t k = 0; k < shards; ++k) {
        starts.push_back(entry);
        while (entry < index.entries.size() && search_shard_of(index.entries[entry].place) == k) ++entry;
    }
    starts.push_back(entry);
    return starts;
}

}  // namespace

SearchIndexJson search_index_parts(SearchIndex&& index, unsigned threads) {
    SearchIndexJson parts;
    parts.base = index.base;
    parts.places.resize(index.places.size());
    parts.entries.resize(index.entries.size());
    parts.shard_entries = shard_entries(index);
    // Each entry's text is freed once it is JSON, so that the texts and their JSON are not both
    // held in full.
    parallel_for(parts.places.size() + parts.entries.size(), threads, [&](size_t i) {
        if (i < parts.places.size()) {
            parts.places[i] = place_json(index.places[i], index.base);
        } else {
            SearchEntry& entry = index.entries[i - parts.places.size()];
            parts.entries[i - parts.places.size()] = search_entry_json(entry, index.base);
            std::string().swap(entry.text);
        }
    });
    return parts;
}

SearchIndexJson search_index_parts(const SearchIndex& index, unsigned threads) {
    return search_index_parts(SearchIndex(index), threads);
}

void refresh_model_parts(const SiteContent& site, SearchIndexJson& parts) {
    const SearchIndex index = make_index(site, {}, 1, false);
    const size_t pages = site.pages.size();
    parts.places.resize(pages);
    parts.entries.resize(pages);
    for (size_t i = pages; i < index.places.size(); ++i) parts.places.push_back(place_json(index.places[i], site.config.base_path));
    for (size_t i = pages; i < index.entries.size(); ++i) parts.entries.push_back(search_entry_json(index.entries[i], site.config.base_path));
    parts.shard_entries = shard_entries(index);
}

std::string SearchIndexJson::manifest() const {
    std::string out = "{\"v\":3,\"shards\":[";
    for (size_t k = 0; k < shards(); ++k) {
        if (k) out += ',';
        append_json_string(out, content::with_base(base, search_shard_url(k)));
    }
    out += "]}\n";
    return out;
}

std::vector<std::string_view> SearchIndexJson::pieces(size_t shard) const {
    const size_t first_place = shard * kSearchPlacesPerShard;
    const size_t end_place = std::min(places.size(), first_place + kSearchPlacesPerShard);
    const size_t first_entry = shard_entries.at(shard), end_entry = shard_entries.at(shard + 1);
    std::vector<std::string_view> out;
    out.reserve(2 * (end_place - first_place + end_entry - first_entry) + 4);
    out.push_back("{\"p\":[");
    for (size_t i = first_place; i < end_place; ++i) {
        if (i > first_place) out.push_back(",");
        out.push_back(places[i]);
    }
    out.push_back("],\"e\":[");
    for (size_t i = first_entry; i < end_entry; ++i) {
        if (i > first_entry) out.push_back(",");
        out.push_back(entries[i]);
    }
    out.push_back("]}\n");
    return out;
}

}  // namespace icips::site
