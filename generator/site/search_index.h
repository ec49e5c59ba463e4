// The site's search index, /search-index.json: every requirement item and sub-item, assignment,
// worksheet question and follow-up, maturity descriptor and prose page, as plain text with the URL
// of its own anchor and where it sits. Built from the model at build time; /search/ loads it into a
// client-side search library (themes/default/assets/search.js).
#pragma once
#include "content/site_content.h"

#include <string>
#include <string_view>
#include <vector>

namespace icips::site {

// A page, or a part of one, that entries sit in, with the names a reader knows it by:
// ["Member", "Underpinning knowledge", "Assignment 4: Principles of data collection & analysis"],
// ["CSIT Document One", "Discussion prompts"], ["CI SAM", "Leadership", "Level 1: Marginal"].
struct SearchPlace {
    std::string url;                 // "/grades/member/underpinning-knowledge/4/"
    std::vector<std::string> where;  // outermost first; empty for a prose page
};

struct SearchEntry {
    size_t place = 0;    // index into SearchIndex::places
    std::string anchor;  // "item-5", "leadership-discussion--a", "leadership-1-8"; empty: the page itself
    std::string title;   // "5.", "1. a)", "Assignment 4: ...", a page's title; may be empty (descriptors)
    std::string text;    // plain text (Markdown stripped)
};

struct SearchIndex {
    std::vector<SearchPlace> places;
    std::vector<SearchEntry> entries;  // in site order: pages, standards, packs, maturity models

    // The entry's own URL: the place's URL and "#anchor" when it has one.
    std::string url_of(const SearchEntry& entry) const;
};

// Pages' texts (the bulk of the index) are made on `threads` threads (0: one per core). Pages come
// first: page i of site.pages is place i and entry i.
// Without `page_texts`, pages' entries have no text (no Markdown is parsed).
SearchIndex search_index(const content::SiteContent& site, unsigned threads = 0, bool page_texts = true);

// A prose page's entry, as search_index() makes it.
SearchEntry page_search_entry(const content::Page& page, size_t place);

// The index as compact JSON (format in README.md, "Search"):
//   {"p": [[url, [where...]], ...], "e": [[place, anchor, title, text], ...]}
std::string search_index_json(const SearchIndex& index);

// The same JSON in pieces, so that a rebuild re-serialises only the entries that changed:
// search_index_json(index) == join(search_index_parts(index)).
struct SearchIndexJson {
    std::vector<std::string> places, entries;  // each one array element
    std::string join() const;
    // join()'s bytes as pieces that point into this object (for writev).
    std::vector<std::string_view> pieces() const;
};
SearchIndexJson search_index_parts(const SearchIndex& index, unsigned threads = 0);
// Replaces the parts after the pages' (the entries of standards, packs and maturity models, which
// come after the pages) with those of `site`, whose pages are the ones `parts` was made from.
void refresh_model_parts(const content::SiteContent& site, SearchIndexJson& parts);
std::string search_entry_json(const SearchEntry& entry);

}  // namespace icips::site
