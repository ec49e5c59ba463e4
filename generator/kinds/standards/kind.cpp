// The standards as a kind of content (kinds/kind.h): content/standards/*.yaml, the grade, area,
// assignment and checklist pages, the booklet, /api/standards.json.
#include "kinds/kind.h"

#include "content/content_files.h"
#include "content/urls.h"
#include "kinds/standards/pages.h"
#include "markdown/markdown.h"
#include "site/export.h"
#include "site/search_index.h"

#include <nlohmann/json.hpp>

namespace icips::kinds {
namespace {

using content::Location;
using content::SiteContent;
using markdown::to_plain_text;
using nlohmann::ordered_json;
using render::Theme;
using site::search_text;
using site::SearchKind;

void load(const std::filesystem::path& content_dir, SiteContent& site, std::vector<content::Diagnostic>& errors) {
    site.standards = content::load_standards(content_dir, errors);
}

void sections(const SiteContent& site, std::vector<content::SiteSection>& out) {
    if (!site.standards.grades.empty())
        out.push_back({"/grades/", "Grades", "The grades and their requirements", std::string(content::kStandardsJsonUrl),
                       "The standards as open data (JSON)"});
    if (!site.standards.areas.empty()) out.push_back({"/areas/", "Compare grades", "The areas, compared across the grades"});
}

void plan(const SiteContent& site, std::vector<site::PlannedPage>& plan, std::vector<content::Diagnostic>&) {
    const auto& standards = site.standards;
    if (!standards.grades.empty())
        plan.push_back({"/grades/", standards.grades.front().where,
                        [&site](const Theme& t) { return render::render_grades(t, site); }});
    for (const auto& grade : standards.grades) {
        plan.push_back({content::grade_url(grade.id), grade.where,
                        [&site, &grade](const Theme& t) { return render::render_grade(t, site, grade); },
                        /*lists_linking_pages=*/true});
        if (render::has_checklist(standards, grade))
            plan.push_back({content::grade_url(grade.id) + "checklist/", grade.where,
                            [&site, &grade](const Theme& t) { return render::render_checklist(t, site, grade); }});
    }
    if (!standards.grades.empty())
        plan.push_back({std::string(content::kStandardsPrintUrl), standards.grades.front().where,
                        [&site](const Theme& t) { return render::render_standards_print(t, site); }});
    if (!standards.areas.empty())
        plan.push_back({"/areas/", standards.areas.front().where,
                        [&site](const Theme& t) { return render::render_areas(t, site); }});
    for (const auto& area : standards.areas)
        plan.push_back({content::area_url(area.id), area.where,
                        [&site, &area](const Theme& t) { return render::render_area(t, site, area); }});
    for (const auto& a : standards.assignments)
        plan.push_back({content::assignment_url(a), a.where,
                        [&site, &a](const Theme& t) { return render::render_assignment(t, site, a); }});
}

// ---- JSON: /api/standards.json (docs/json-api.md) ---------------------------------------------

ordered_json items_json(const std::vector<content::Item>& items, const std::string& url, const std::string& parent) {
    ordered_json list = ordered_json::array();
    for (const auto& item : items) {
        const std::string anchor = content::item_anchor(parent, item.id);
        ordered_json j;
        j["id"] = item.id;
        j["label"] = item.label;
        j["text"] = item.text;
        j["url"] = url + "#" + anchor;
        j["notes"] = site::notes_json(item.notes);
        j["items"] = items_json(item.items, url, anchor);
        list.push_back(std::move(j));
    }
    return list;
}

std::string standards_json(const SiteContent& site) {
    using site::notes_json;
    const auto& standards = site.standards;
    const std::string& base = site.config.base_path;
    ordered_json grades = ordered_json::array();
    for (const auto& g : standards.grades) {
        ordered_json grade;
        grade["id"] = g.id;
        grade["title"] = g.title;
        grade["post_nominal"] = g.post_nominal.empty() ? ordered_json(nullptr) : ordered_json(g.post_nominal);
        grade["order"] = g.order;
        grade["professional"] = g.professional;
        grade["summary"] = g.summary;
        grade["url"] = content::with_base(base, content::grade_url(g.id));
        grade["underpinning_from"] = g.underpinning_from;
        grade["notes"] = notes_json(g.notes);
        ordered_json areas = ordered_json::array();
        for (const auto& a : standards.areas) {
            ordered_json assignments = ordered_json::array();
            for (const auto* as : standards.assignments_of(g.id, a.id)) {
                const std::string url = content::with_base(base, content::assignment_url(*as));
                ordered_json j;
                j["number"] = as->number;
                j["title"] = as->title;
                j["url"] = url;
                if (!as->text.empty()) j["text"] = as->text;
                j["notes"] = notes_json(as->notes);
                j["items"] = items_json(as->items, url, "");
                assignments.push_back(std::move(j));
            }
            areas.push_back({{"id", a.id}, {"title", a.title}, {"url", content::with_base(base, content::area_url(a.id))},
                             {"assignments", std::move(assignments)}});
        }
        grade["areas"] = std::move(areas);
        grades.push_back(std::move(grade));
    }
    // The areas themselves: what each is, the source's rule and expectation, and their notes.
    ordered_json areas = ordered_json::array();
    for (const auto& a : standards.areas) {
        ordered_json area = {{"id", a.id}, {"number", a.number}, {"title", a.title}, {"url", content::with_base(base, content::area_url(a.id))}};
        area["summary"] = a.summary;
        if (!a.rule.empty()) area["rule"] = a.rule;
        if (!a.expectation.empty()) area["expectation"] = a.expectation;
        if (!a.intro.empty()) area["intro"] = a.intro;
        if (!a.source_heading.empty()) area["source_heading"] = a.source_heading;
        area["notes"] = notes_json(a.notes);
        areas.push_back(std::move(area));
    }
    ordered_json root;
    root["title"] = site.config.title;
    root["source"] = standards.source;
    root["areas"] = std::move(areas);
    root["grades"] = std::move(grades);
    return root.dump(2) + "\n";
}

void json(const SiteContent& site, std::vector<JsonFile>& out) {
    if (!site.standards.grades.empty())
        out.push_back({std::string(content::kStandardsJsonUrl), {}, [&site] { return standards_json(site); }});
}

// ---- Search -------------------------------------------------------------------------------------

void add_items(site::SearchIndexer& out, size_t place, const std::vector<content::Item>& items,
               const std::string& parent_anchor, const std::string& parent_title) {
    for (const auto& item : items) {
        const std::string anchor = content::item_anchor(parent_anchor, item.id);
        const std::string title = search_text(parent_title, item.label.empty() ? item.id : item.label);
        out.add(place, anchor, title, to_plain_text(item.text), SearchKind::requirement, !item.notes.empty(),
                out.url(place) + "#" + anchor);
        add_items(out, place, item.items, anchor, title);
    }
}

// Each page by the title it shows and the sentence that says what it is for; then every assignment
// and requirement.
void search(const SiteContent& site, site::SearchIndexer& out) {
    const auto& standards = site.standards;
    if (!standards.grades.empty())
        out.page("/grades/", {}, "Grades", "The ICiPS membership grades and what each must evidence.");
    for (const auto& g : standards.grades) {
        const std::string url = content::grade_url(g.id);
        out.page(url, {"Grades"}, g.title, search_text(g.post_nominal, to_plain_text(g.summary)));
        if (render::has_checklist(standards, g))
            out.page(url + "checklist/", {g.title}, "Portfolio checklist: " + g.title,
                     "Everything a candidate for " + g.title + " must evidence, as a checklist to tick and print.",
                     SearchKind::tool);
    }
    if (!standards.grades.empty())
        out.page(std::string(content::kStandardsPrintUrl), {"Grades"}, "Standards of Professional Practice",
                 "The standards on one page, to print or save as a booklet: every grade, area, assignment and item.",
                 SearchKind::tool);
    if (!standards.areas.empty())
        out.page("/areas/", {}, "Compare grades", "The three areas to be evidenced, each compared across the grades.");
    for (const auto& a : standards.areas)
        out.page(content::area_url(a.id), {"Compare grades"}, a.title, to_plain_text(a.summary));

    for (const auto& a : standards.assignments) {
        const content::Grade* grade = standards.grade(a.grade);
        const content::Area* area = standards.area(a.area);
        const std::string grade_title = grade ? grade->title : a.grade;
        const std::string area_title = area ? area->title : a.area;
        const std::string url = content::assignment_url(a);
        const std::string title = "Assignment " + std::to_string(a.number) + ": " + a.title;
        out.add(out.place(url, {grade_title, area_title}), "", title, to_plain_text(a.text), SearchKind::assignment,
                !a.notes.empty(), url);
        add_items(out, out.place(url, {grade_title, area_title, title}), a.items, "", "");
    }
}

// ---- Diff ---------------------------------------------------------------------------------------

using diff::Entry;
using diff::kPlaceSeparator;

// Items are named as printed: "Item 1", and its sub-item "Item 1 a)".
// `group` is taken by value: callers pass the key of an entry of `out`, which push_back may move.
void add_items(std::vector<Entry>& out, const std::vector<content::Item>& items, const std::string& assignment_key,
               std::string group, const std::string& place, const std::string& page_url,
               const std::string& parent_anchor, const std::string& parent_name) {
    for (const auto& item : items) {
        const std::string anchor = content::item_anchor(parent_anchor, item.id);
        const std::string name = parent_name.empty() ? "Item " + item.id
                                                     : parent_name + " " + (item.label.empty() ? item.id : item.label);
        out.push_back({"item", "item " + assignment_key + "/" + anchor.substr(5), group, place, item.label, name,
                       page_url + "#" + anchor, item.text});
        add_items(out, item.items, assignment_key, out.back().key, place, page_url, anchor, name);
    }
}

void diff_entries(const SiteContent& site, std::vector<Entry>& out) {
    const auto& s = site.standards;
    const auto grade_title = [&s](const std::string& id) {
        const content::Grade* g = s.grade(id);
        return g ? g->title : id;
    };
    const auto area_title = [&s](const std::string& id) {
        const content::Area* a = s.area(id);
        return a ? a->title : id;
    };
    for (const auto& g : s.grades)
        out.push_back({"grade", "grade " + g.id, "", "", "", "Grade: " + g.title, content::grade_url(g.id),
                       diff::fields_text({g.title, g.post_nominal, g.summary})});
    for (const auto& a : s.areas)
        out.push_back({"area", "area " + a.id, "", "", "Area " + std::to_string(a.number), "Area: " + a.title,
                       content::area_url(a.id), diff::fields_text({a.title, a.summary, a.intro})});
    for (const auto& a : s.assignments) {
        const std::string id = a.grade + "/" + a.area + "/" + std::to_string(a.number);
        const std::string place = grade_title(a.grade) + std::string(kPlaceSeparator) + area_title(a.area);
        const std::string number = "Assignment " + std::to_string(a.number);
        out.push_back({"assignment", "assignment " + id, "assignments " + a.grade + "/" + a.area, place, number,
                       number + ": " + a.title, content::assignment_url(a), diff::fields_text({a.title, a.text})});
        add_items(out, a.items, id, out.back().key, place + std::string(kPlaceSeparator) + number,
                  content::assignment_url(a), "", "");
    }
}

}  // namespace

extern const Kind standards{
    .name = "standards",
    .templates = {"grades", "grade", "checklist", "standards-print", "areas", "area", "assignment"},
    .folder = content::kStandardsFolder,
    .load = load,
    .sections = sections,
    .plan = plan,
    .json = json,
    .search = search,
    .diff = diff_entries,
    .notes = render::standards_note_groups,
};

}  // namespace icips::kinds
