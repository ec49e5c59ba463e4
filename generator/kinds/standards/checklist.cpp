#include "content/urls.h"
#include "render/frame.h"
#include "kinds/standards/pages.h"

#include <algorithm>

namespace icips::render {

using content::Assignment;
using content::Grade;
using content::Item;
using content::SiteContent;

namespace {

// One row per item (and sub-item): a tick box and an evidence-reference field, named after the
// item's stable URL parts so saved answers survive edits to the wording.
Data check_items(const std::vector<Item>& items, const std::string& field_prefix, const std::string& page_url,
                 const std::string& parent_anchor, const std::string& name_prefix) {
    DataList list;
    for (const auto& item : items) {
        const std::string anchor = content::item_anchor(parent_anchor, item.id);
        const std::string name = name_prefix + ", item " + anchor.substr(5);
        Data d;
        put(d, "field", field_prefix + anchor);
        put(d, "label", item.label);
        put(d, "text", markdown_inline(item.text));
        put(d, "name", name);
        put(d, "href", page_url + "#" + anchor);
        put_note(d, !item.notes.empty(), page_url + "#" + anchor);
        put(d, "items", check_items(item.items, field_prefix, page_url, anchor, name_prefix));
        put(d, "has_items", !item.items.empty());
        list.push_back(std::move(d));
    }
    return list_of(std::move(list));
}

Data check_assignment(const SiteContent& site, const Assignment& a) {
    const std::string url = content::assignment_url(a);
    const std::string field = a.grade + "-" + a.area + "-" + std::to_string(a.number) + "-";
    const std::string name = assignment_name(site, a);
    Data d;
    put(d, "number", std::to_string(a.number));
    put(d, "title", a.title);
    put(d, "url", url);
    put(d, "name", name);
    put(d, "anchor", a.grade + "-" + a.area + "-" + std::to_string(a.number));
    put(d, "requirements", requirements_text(requirement_count(a)));
    put(d, "field", field + "assignment");
    put_note(d, !a.notes.empty(), url);
    if (!a.text.empty()) put(d, "text", markdown_block(a.text));
    put(d, "items", check_items(a.items, field, url, "", name));
    put(d, "has_items", !a.items.empty());
    return d;
}

Data section(const SiteContent& site, const Grade& grade, const content::Area& area, bool first_of_area,
             const std::string& id, const std::string& heading, const std::vector<const Assignment*>& assignments,
             size_t& requirements) {
    DataList list;
    for (const auto* a : assignments) {
        list.push_back(check_assignment(site, *a));
        requirements += requirement_count(*a);
    }
    Data d;
    put(d, "id", id);
    put(d, "heading", heading);
    put_area_expectation(d, area, first_of_area);
    if (auto note = rule_exception(site, grade, area); first_of_area && !note.empty()) put(d, "rule_note", note);
    put(d, "assignments", list_of(std::move(list)));
    return d;
}

}  // namespace

bool has_checklist(const content::Standards& standards, const Grade& grade) {
    if (!grade.underpinning_from.empty()) return true;
    return std::any_of(standards.areas.begin(), standards.areas.end(),
                       [&](const auto& a) { return !standards.assignments_of(grade.id, a.id).empty(); });
}

std::string render_checklist(const Theme& theme, const SiteContent& site, const Grade& grade) {
    const std::string grade_url = content::grade_url(grade.id);
    Frame frame{"checklist", grade_url + "checklist/", "Portfolio checklist: " + grade.title,
                "Everything a candidate for " + grade.title + " must evidence, as a checklist to fill in or print.",
                {{"/", "Home"}, {"/grades/", "Grades"}, {grade_url, grade.title}}};
    frame.source = site.standards.source;
    const auto& standards = site.standards;
    DataList sections;
    size_t requirements = 0;
    for (const auto& area : standards.areas) {
        if (area.id == "underpinning-knowledge") {
            // The cumulative rule is data: every grade in underpinning_from, in grade order.
            bool first = true;
            for (const auto& from : standards.grades) {
                const bool needed = std::find(grade.underpinning_from.begin(), grade.underpinning_from.end(), from.id) !=
                                    grade.underpinning_from.end();
                auto assignments = standards.assignments_of(from.id, area.id);
                if (needed && !assignments.empty()) {
                    sections.push_back(section(site, grade, area, first, area.id + "-" + from.id,
                                               area.title + " (" + from.title + ")", assignments, requirements));
                    first = false;
                }
            }
        } else if (auto assignments = standards.assignments_of(grade.id, area.id); !assignments.empty()) {
            sections.push_back(section(site, grade, area, true, area.id, area.title, assignments, requirements));
        }
    }
    Data data;
    put(data, "grade", grade.title);
    put(data, "grade_url", grade_url);
    put(data, "pdf_url", grade_url + "checklist.pdf");
    put(data, "pdf_label", "The blank checklist as a PDF, to print");
    put(data, "store", "icips-checklist-" + grade.id);
    put(data, "has_sections", !sections.empty());
    put(data, "requirements", requirements_text(requirements));
    put(data, "sections", list_of(std::move(sections)));
    return render_page(theme, site, frame, std::move(data));
}

}  // namespace icips::render
