// The site's stable URL scheme, in one place: pages, templates, the JSON export and the link check
// all build URLs here. Documented in README.md ("URLs").
#pragma once
#include "content/standards.h"

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
// The anchor of a cell ("leadership-2") and of a descriptor in it ("leadership-2-3"), the same on
// every page that shows them.
std::string maturity_cell_anchor(std::string_view dimension, int level);
std::string maturity_descriptor_anchor(std::string_view dimension, int level, std::string_view descriptor);
inline constexpr std::string_view kMaturityUrl = "/maturity/";
inline constexpr std::string_view kEditorialNotesUrl = "/editorial-notes/";
inline constexpr std::string_view kStandardsPrintUrl = "/standards/print/";
inline constexpr std::string_view kSearchUrl = "/search/";                 // results at /search/?q=...
inline constexpr std::string_view kSearchIndexUrl = "/search-index.json";  // what /search/ searches: the shards' list
inline constexpr std::string_view kSearchShardsUrl = "/search-index/";     // the index's shards, /search-index/<k>.json

// "/grades/member/" -> "grades/member/index.html"; "/sitemap.xml" -> "sitemap.xml".
std::string output_file_for(std::string_view url);

}  // namespace icips::content
