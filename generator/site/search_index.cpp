#include "site/search_index.h"

#include "content/diagnostics.h"
#include "content/urls.h"
#include "markdown/markdown.h"
#include "site/parallel.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace icips::site {

using content::SiteContent;
using markdown::to_plain_text;

namespace {

// Appends entries and the places they sit in, one place per (URL, where) pair.
class Indexer {
public:
    size_t place(std::string url, std::vector<std::string> where) {
        index_.places.push_back({std::move(url), std::move(where)});
        return index_.places.size() - 1;
    }
    void add(size_t place, std::string anchor, std::string title, std::string text) {
        index_.entries.push_back({place, std::move(anchor), std::move(title), std::move(text)});
    }
    SearchIndex take() { return std::move(index_); }

private:
    SearchIndex index_;
};

std::string joined(const std::string& a, const std::string& b) { return a.empty() ? b : b.empty() ? a : a + " " + b; }

void add_items(Indexer& out, size_t place, const std::vector<content::Item>& items, const std::string& parent_anchor,
               const std::string& parent_title) {
    for (const auto& item : items) {
        const std::string anchor = content::item_anchor(parent_anchor, item.id);
        const std::string title = joined(parent_title, item.label.empty() ? item.id : item.label);
        out.add(place, anchor, title, to_plain_text(item.text));
        add_items(out, place, item.items, anchor, title);
    }
}

// A question's words: its prompt and, for templates, the titles and hints a reader fills in beside.
// Titles are plain text in the model (the templates escape them); text fields and table headings
// are Markdown.
std::string question_text(const content::Question& q) {
    std::string text = to_plain_text(q.text);
    for (const auto& box : q.boxes) text = joined(text, joined(to_plain_text(box.title), to_plain_text(box.text)));
    text = joined(text, to_plain_text(q.table.corner));
    for (const auto* headings : {&q.table.columns, &q.table.rows})
        for (const auto& h : *headings) text = joined(text, to_plain_text(h.title));
    return text;
}

void add_question(Indexer& out, size_t place, const content::Question& q, const std::string& anchor_prefix,
                  const std::string& parent_title) {
    const std::string title = joined(parent_title, q.label);
    out.add(place, anchor_prefix + q.id, title, question_text(q));
    for (const auto& f : q.follow_ups) add_question(out, place, f, anchor_prefix, title);
}

}  // namespace

std::string SearchIndex::url_of(const SearchEntry& entry) const {
    const std::string& url = places.at(entry.place).url;
    return entry.anchor.empty() ? url : url + "#" + entry.anchor;
}

SearchEntry page_search_entry(const content::Page& page, size_t place) {
    // The text the page's render left, taken (it is not needed twice), else parsed here.
    std::string text = page.plain_text ? std::move(*page.plain_text) : to_plain_text(page.body);
    page.plain_text.reset();
    return {place, "", page.title, std::move(text)};
}

SearchIndex search_index(const SiteContent& site, unsigned threads, bool page_texts) {
    Indexer out;
    // The pages' texts, the bulk of the work, in parallel.
    std::vector<SearchEntry> pages(site.pages.size());
    parallel_for(pages.size(), threads, [&](size_t i) {
        pages[i] = page_texts ? page_search_entry(site.pages[i], i) : SearchEntry{i, "", site.pages[i].title, ""};
    });
    for (size_t i = 0; i < pages.size(); ++i) {
        out.place(site.pages[i].url, {});
        out.add(pages[i].place, std::move(pages[i].anchor), std::move(pages[i].title), std::move(pages[i].text));
    }

    const auto& standards = site.standards;
    for (const auto& a : standards.assignments) {
        const content::Grade* grade = standards.grade(a.grade);
        const content::Area* area = standards.area(a.area);
        const std::string grade_title = grade ? grade->title : a.grade;
        const std::string area_title = area ? area->title : a.area;
        const std::string url = content::assignment_url(a);
        const std::string title = "Assignment " + std::to_string(a.number) + ": " + a.title;
        out.add(out.place(url, {grade_title, area_title}), "", title, to_plain_text(a.text));
        add_items(out, out.place(url, {grade_title, area_title, title}), a.items, "", "");
    }

    for (const auto& pack : site.packs)
        for (const auto* w : pack.worksheets()) {
            const size_t place = out.place(content::worksheet_url(pack.id, w->id),
                                           {pack.title, w->title});
            for (const auto& q : w->questions) add_question(out, place, q, w->id + "--", "");
        }

    for (const auto& m : site.models) {
        const std::string model = m.short_title.empty() ? m.title : m.short_title;
        for (const auto& d : m.dimensions) {
            const std::string url = content::maturity_dimension_url(m.id, d.id);
            for (const auto& cell : d.cells) {
                const content::Level* level = m.level(cell.level);
                std::string level_name = "Level " + std::to_string(cell.level);
                if (level && !level->title.empty()) level_name += ": " + level->title;
                const size_t place = out.place(url, {model, d.title, level_name});
                for (const auto& descriptor : cell.descriptors)
                    out.add(place, content::maturity_descriptor_anchor(d.id, cell.level, descriptor.id), "",
                            to_plain_text(descriptor.text));
            }
        }
    }
    SearchIndex index = out.take();
    index.base = site.config.base_path;
    return index;
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

std::string search_entry_json(const SearchEntry& e) {
    std::string out = "[" + std::to_string(e.place % kSearchPlacesPerShard) + ",";
    out.reserve(out.size() + e.anchor.size() + e.title.size() + e.text.size() + 16);
    append_json_string(out, e.anchor);
    out += ',';
    append_json_string(out, e.title);
    out += ',';
    append_json_string(out, e.text);
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
    // Each entry's text is freed once it is JSON, so that the texts and their JSON (28 MB each at
    // 10,000 pages) are not both held in full.
    parallel_for(parts.places.size() + parts.entries.size(), threads, [&](size_t i) {
        if (i < parts.places.size()) {
            parts.places[i] = place_json(index.places[i], index.base);
        } else {
            SearchEntry& entry = index.entries[i - parts.places.size()];
            parts.entries[i - parts.places.size()] = search_entry_json(entry);
            std::string().swap(entry.text);
        }
    });
    return parts;
}

SearchIndexJson search_index_parts(const SearchIndex& index, unsigned threads) {
    return search_index_parts(SearchIndex(index), threads);
}

void refresh_model_parts(const SiteContent& site, SearchIndexJson& parts) {
    const SearchIndex index = search_index(site, 1, false);
    const size_t pages = site.pages.size();
    parts.places.resize(pages);
    parts.entries.resize(pages);
    for (size_t i = pages; i < index.places.size(); ++i) parts.places.push_back(place_json(index.places[i], site.config.base_path));
    for (size_t i = pages; i < index.entries.size(); ++i) parts.entries.push_back(search_entry_json(index.entries[i]));
    parts.shard_entries = shard_entries(index);
}

std::string SearchIndexJson::manifest() const {
    std::string out = "{\"v\":2,\"shards\":[";
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
