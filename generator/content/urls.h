// The site's stable URL scheme, in one place: pages, templates, the JSON export and the link check
// all build URLs here. Documented in docs/urls.md.
#pragma once
#include "kinds/standards/model.h"

#include <string>
#include <string_view>

namespace icips::content {

std::string grade_url(std::string_view grade);                      // /grades/member/
std::string area_url(std::string_view area);                        // /areas/behaviours/
std::string assignment_url(const Assignment& a);                    // /grades/member/behaviours/2/
// The anchor of an item: "item-5", and for a sub-item of item 5 "item-5-a" (`parents` outermost first).
std::string item_anchor(std::string_view parents_anchor, std::string_view id);
std::string pack_url(std::string_view pack);                           // /packs/csit-document-one/
std::string worksheet_url(std::string_view pack, std::string_view worksheet);  // /packs/<pack>/<worksheet>/
std::string pack_print_url(std::string_view pack);                     // /packs/<pack>/print/
std::string maturity_model_url(std::string_view model);                  // /maturity/ci-sam/
std::string maturity_dimension_url(std::string_view model, std::string_view dimension);  // /maturity/<model>/<dimension>/
std::string maturity_level_url(std::string_view model, int level);     // /maturity/<model>/level-2/
std::string maturity_sheet_url(std::string_view model);                // /maturity/<model>/sheet/
std::string maturity_self_assessment_url(std::string_view model);      // /maturity/<model>/self-assessment/
std::string maturity_json_url(std::string_view model);                 // /api/maturity/<model>.json
std::string pack_json_url(std::string_view pack);                      // /api/packs/<pack>.json
inline constexpr std::string_view kStandardsJsonUrl = "/api/standards.json";
// The anchor of a cell ("leadership-2") and of a descriptor in it ("leadership-2-3"), the same on
// every page that shows them.
std::string maturity_cell_anchor(std::string_view dimension, int level);
std::string maturity_descriptor_anchor(std::string_view dimension, int level, std::string_view descriptor);
// The editorial notes about a thing at `about` (its URL, with the anchor of an item, question or
// cell): "/grades/fellow/underpinning-knowledge/2/#item-6" -> "note-grades-fellow-underpinning-knowledge-2-item-6",
// the anchor of its entry on /editorial-notes/; note_url gives that entry's URL.
std::string note_anchor(std::string_view about);
std::string note_url(std::string_view about);
inline constexpr std::string_view kMaturityUrl = "/maturity/";
inline constexpr std::string_view kEditorialNotesUrl = "/editorial-notes/";
inline constexpr std::string_view kStandardsPrintUrl = "/standards/print/";
inline constexpr std::string_view kSearchUrl = "/search/";                 // results at /search/?q=...
inline constexpr std::string_view kSearchIndexUrl = "/search-index.json";  // what /search/ searches: the shards' list
inline constexpr std::string_view kSearchShardsUrl = "/search-index/";     // the index's shards, /search-index/<k>.json

// The base path: where under its host the site is published, taken from site.yaml's base_url (or
// --base-url). Every URL the site writes is base-absolute: the base path, then the site path of
// this file ("/standards" + "/grades/member/"). The base path has no trailing slash and is "" for a
// site at the root of its host, whose URLs are the site paths themselves.
// "https://example.org/standards/" -> "/standards"; "https://example.org/" and "" -> "".
std::string base_path_of(std::string_view base_url);
// Why `base_url` cannot be the address of the site ("" when it can): it must be an http:// or
// https:// URL with a host, and a path of plain segments (letters, digits, "-", "_", ".", "~" and
// %-escapes; no "." or ".." segment, no empty one but the last), without query or fragment.
std::string base_url_problem(std::string_view base_url);
// `base_url` with a trailing slash ("https://example.org/standards" -> "https://example.org/standards/").
std::string normalized_base_url(std::string_view base_url);
// A site path under the base path: with_base("/standards", "/grades/") -> "/standards/grades/".
inline std::string with_base(std::string_view base, std::string_view site_path) {
    return std::string(base) + std::string(site_path);
}

// "/grades/member/" -> "grades/member/index.html"; "/sitemap.xml" -> "sitemap.xml".
std::string output_file_for(std::string_view url);

}  // namespace icips::content
