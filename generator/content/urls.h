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
inline constexpr std::string_view kEditorialNotesUrl = "/editorial-notes/";

// "/grades/member/" -> "grades/member/index.html"; "/sitemap.xml" -> "sitemap.xml".
std::string output_file_for(std::string_view url);

}  // namespace icips::content
