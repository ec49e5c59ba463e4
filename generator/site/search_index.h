// The site's search index: every page (prose pages and the pages the site generates: grades,
// checklists, packs, worksheets, maturity models and their tools), requirement item and sub-item,
// assignment, worksheet question and follow-up and maturity descriptor, as plain text with the URL
// of its own anchor, where it sits and what kind of thing it is. Built from the model at build time; /search/ loads it into a client-side search
// library (themes/default/assets/search.js). It is published in shards (/search-index/<k>.json,
// listed by the manifest /search-index.json), so that serve rewrites only the shard an edit touches.
#pragma once
#include "content/site_content.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace icips::site {

// A page, or a part of one, that entries sit in, with the names a reader knows it by:
// ["Member", "Underpinning knowledge", "Assignment 4: Principles of data collection & analysis"],
// ["CSIT Document One", "Discussion prompts"], ["CI SAM", "Leadership", "Level 1: Marginal"].
struct SearchPlace {
    std::string url;                 // "/grades/member/underpinning-knowledge/4/"
    std::vector<std::string> where;  // outermost first; empty for a prose page
};

// What an entry is, as a reader names it ("Page", "Tool", "Requirement"); search ranks a page's or
// tool's title match first and editorial notes last. In the JSON, the code after the name.
enum class SearchKind {
    page,         // "p": a prose page or a page to read (a grade, an area, a pack, a model, a level)
    tool,         // "t": a page to fill in or print (a checklist, a worksheet, a self-assessment)
    assignment,   // "a"
    requirement,  // "r": an item or sub-item of an assignment
    question,     // "q": a worksheet question or follow-up
    descriptor,   // "d": a maturity descriptor
    note,         // "n": editorial notes, for editors
};
std::string_view search_kind_code(SearchKind kind);

struct SearchEntry {
    size_t place = 0;    // index into SearchIndex::places
    std::string anchor;  // "item-5", "leadership-discussion--a", "leadership-1-8"; empty: the page itself
    std::string title;   // "5.", "1. a)", "Assignment 4: ...", a page's title; may be empty (descriptors)
    std::string text;    // plain text (Markdown stripped)
    SearchKind kind = SearchKind::page;
    std::string note;    // the URL of its editorial notes (content::note_url); empty when it has none
};

struct SearchIndex {
    std::string base;  // the site's base path, which the published index's URLs start with
    std::vector<SearchPlace> places;
    std::vector<SearchEntry> entries;  // in site order: pages, standards, packs, maturity models

    // The entry's own URL: the place's URL and "#anchor" when it has one.
    std::string url_of(const SearchEntry& entry) const;
};

// What the kinds add their entries with (kinds/kind.h, Kind::search).
class SearchIndexer {
public:
    // A new place: the page at `url`, or a part of it, known by `where`. Returns its index.
    size_t place(std::string url, std::vector<std::string> where);
    // An entry at `place`. `noted`: the thing at `about` (a URL with its anchor) has editorial notes.
    void add(size_t place, std::string anchor, std::string title, std::string text, SearchKind kind,
             bool noted = false, const std::string& about = "");
    // A page of its own: one place and one entry for the page itself.
    void page(std::string url, std::vector<std::string> where, std::string title, std::string text,
              SearchKind kind = SearchKind::page);
    const std::string& url(size_t place) const { return index_.places[place].url; }
    SearchIndex take() { return std::move(index_); }

private:
    SearchIndex index_;
};

// "a b"; either alone when the other is empty.
std::string search_text(const std::string& a, const std::string& b);

// Pages come first: page i of site.pages is place i and entry i; the generated pages follow them.
// A page's text is page_texts[i] when that holds one (the search text its render returned), else
// its Markdown made plain here, on `threads` threads (0: one per core).
SearchIndex search_index(const content::SiteContent& site, std::vector<std::optional<std::string>> page_texts = {},
                         unsigned threads = 0);

// A prose page's entry, as search_index() makes it.
SearchEntry page_search_entry(const content::Page& page, size_t place, std::optional<std::string> text = std::nullopt);

// Shards. Shard k holds the places [k * kSearchPlacesPerShard, (k + 1) * kSearchPlacesPerShard) and
// every entry of those places (entries follow their place, so they are a contiguous run too). The
// boundaries are place indices, never bytes: a page's place is its index in site.pages whatever its
// text, so an edit of a page's text changes its own shard only, and a full build after the edit
// cuts the shards exactly where serve's incremental rebuild kept them. Pages come first, then the
// standards, packs and maturity models; the last shard of pages may also hold the first of the
// model's places. 128 places: the real site (about 100 pages, mostly model places) is 2 shards,
// and a site of 10,000 Markdown pages (about 2.8 KB of text each) has shards of about 360 KB.
inline constexpr size_t kSearchPlacesPerShard = 128;
inline size_t search_shard_of(size_t place) { return place / kSearchPlacesPerShard; }
// "/search-index/3.json"
std::string search_shard_url(size_t shard);

// The index as compact JSON (format in docs/json-api.md, "The search index"), in pieces, so that a
// rebuild re-serialises only the entries that changed and rewrites only their shards.
//   manifest, /search-index.json: {"v":3,"shards":["/search-index/0.json",...]}
//   each shard:                   {"p":[[url,[where...]],...],"e":[[place,anchor,title,text,kind,note?],...]}
// with every URL base-absolute (SearchIndex::base before the site path).
// where an entry's place is the index of its place within the shard's "p".
struct SearchIndexJson {
    std::string base;                           // SearchIndex::base
    std::vector<std::string> places, entries;  // each one array element, in site order
    std::vector<size_t> shard_entries;          // shard k's entries: [shard_entries[k], shard_entries[k + 1])

    size_t shards() const { return shard_entries.empty() ? 0 : shard_entries.size() - 1; }
    std::string manifest() const;
    // Shard k's bytes as pieces that point into this object (written with writev, never joined).
    std::vector<std::string_view> pieces(size_t shard) const;
};
SearchIndexJson search_index_parts(const SearchIndex& index, unsigned threads = 0);
// The same, freeing each entry's text as soon as it is serialised.
SearchIndexJson search_index_parts(SearchIndex&& index, unsigned threads = 0);
// Replaces the parts after the prose pages' (the entries of generated pages, standards, packs and
// maturity models, which come after them) with those of `site`, whose pages are the ones `parts` was made from.
void refresh_model_parts(const content::SiteContent& site, SearchIndexJson& parts);
// An entry as an element of its shard's "e" (its place counted from the shard's first place; its
// note URL under `base`).
std::string search_entry_json(const SearchEntry& entry, const std::string& base);

}  // namespace icips::site
