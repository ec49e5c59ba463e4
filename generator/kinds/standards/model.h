// The Standards of professional practice as a typed model: grades, areas and each grade's
// assignments per area. Every value keeps the file and line it came from.
#pragma once
#include "content/yaml_source.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace icips::content {

// The folder of content/ with the standards' YAML: grades.yaml, areas.yaml, assignments/.
inline constexpr std::string_view kStandardsFolder = "standards";

struct Item {
    std::string id;     // stable anchor part: explicit `id`, or the label's letters and digits
    std::string label;  // as printed in the source, e.g. "1." or "a)"
    std::string text;   // Markdown
    std::vector<Item> items;
    std::vector<Note> notes;
    Location where;
};

struct Assignment {
    std::string grade;
    std::string area;
    int number = 0;
    std::string title;
    std::string text;  // optional Markdown prompt
    std::vector<Item> items;
    std::vector<Note> notes;
    Location where;
};

struct Grade {
    std::string id, title, post_nominal, source_heading, summary;
    int order = 0;
    bool professional = true;
    std::vector<std::string> underpinning_from;  // grade ids, its own included
    std::vector<Note> notes;
    Location where;
};

struct Area {
    std::string id, title, summary, intro, source_heading;
    std::string rule;         // optional: the source's rule for the area, e.g. which grades are cumulative
    std::string expectation;  // optional: what the assessors expect to see, shown wherever a candidate works
    int number = 0;
    std::vector<Note> notes;
    Location where;
};

struct Standards {
    std::string source;  // Markdown credit for the standards document (grades.yaml `source`)
    std::vector<Grade> grades;  // ascending order
    std::vector<Area> areas;    // ascending number
    std::vector<Assignment> assignments;  // by area, grade order, number

    const Grade* grade(const std::string& id) const;
    const Area* area(const std::string& id) const;
    std::vector<const Assignment*> assignments_of(const std::string& grade, const std::string& area) const;
};

// Loads content_dir/standards/. A missing standards/ folder gives an empty model (a site of
// Markdown pages only). Every error found is appended to `errors`.
Standards load_standards(const std::filesystem::path& content_dir, std::vector<Diagnostic>& errors);

// URLs (docs/urls.md).
std::string grade_url(std::string_view grade);                      // /grades/member/
std::string area_url(std::string_view area);                        // /areas/behaviours/
std::string assignment_url(const Assignment& a);                    // /grades/member/behaviours/2/
// The anchor of an item: "item-5", and for a sub-item of item 5 "item-5-a" (`parents` outermost first).
std::string item_anchor(std::string_view parents_anchor, std::string_view id);
inline constexpr std::string_view kStandardsJsonUrl = "/api/standards.json";
inline constexpr std::string_view kStandardsPrintUrl = "/standards/print/";

}  // namespace icips::content
