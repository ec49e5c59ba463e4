#include "kinds/standards/pages.h"

#include "markdown/markdown.h"

#include "content/urls.h"
#include "render/changes_pages.h"
#include "render/frame.h"
#include "render/notes.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace icips::render {

using content::Area;
using content::Assignment;
using content::Grade;
using content::Item;
using content::Note;
using content::Page;
using content::SiteContent;

namespace {

const Link kHome{"/", "Home"};
const Link kGrades{"/grades/", "Grades"};
const Link kAreas{"/areas/", "Compare grades"};

std::string lower_first(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

// Items as nested lists. `id_prefix` keeps element ids unique on pages that show several
// assignments; `with_ids` is false where the same items appear more than once (comparison table).
Data items_data(const std::vector<Item>& items, const std::string& page_url, const std::string& parent_anchor,
                const std::string& id_prefix, bool with_ids) {
    DataList list;
    list.reserve(items.size());
    for (const auto& item : items) {
        const std::string anchor = content::item_anchor(parent_anchor, item.id);
        Data d;
        put(d, "label", item.label);
        put(d, "name", parent_anchor.empty() ? item.id : parent_anchor.substr(5) + " " + item.id);
        put(d, "text", markdown_inline(item.text));
        put(d, "href", page_url + "#" + anchor);
        put(d, "has_id", with_ids);
        put(d, "element_id", id_prefix + anchor);
        put_note(d, !item.notes.empty(), page_url + "#" + anchor);
        put_change(d, id_prefix + anchor);
        put(d, "items", items_data(item.items, page_url, anchor, id_prefix, with_ids));
        put(d, "has_items", !item.items.empty());
        list.push_back(std::move(d));
    }
    return list_of(std::move(list));
}

Data assignment_data(const SiteContent& site, const Assignment& a, const std::string& id_prefix, bool with_ids) {
    const std::string url = content::assignment_url(a);
    Data d;
    put(d, "number", std::to_string(a.number));
    put(d, "title", a.title);
    put(d, "url", url);
    put(d, "name", assignment_name(site, a));
    put_note(d, !a.notes.empty(), url);
    if (!a.text.empty()) put(d, "text", markdown_block(a.text));
    put(d, "items", items_data(a.items, url, "", id_prefix, with_ids));
    put(d, "has_items", !a.items.empty());
    return d;
}

std::vector<const Grade*> professional_grades(const SiteContent& site) {
    std::vector<const Grade*> out;
    for (const auto& g : site.standards.grades)
        if (g.professional) out.push_back(&g);
    return out;
}

// A grade's assignments across the areas, in reading order: the sequence previous/next follows.
std::vector<const Assignment*> sequence_of(const SiteContent& site, const std::string& grade) {
    std::vector<const Assignment*> out;
    for (const auto& area : site.standards.areas)
        for (const auto* a : site.standards.assignments_of(grade, area.id)) out.push_back(a);
    return out;
}

// How many assignments a candidate for the grade evidences: its own in each area but underpinning
// knowledge, where it is those of every grade in `underpinning_from` (as on its portfolio checklist).
size_t assignments_to_evidence(const SiteContent& site, const Grade& grade) {
    size_t count = 0;
    for (const auto& area : site.standards.areas) {
        if (area.id != "underpinning-knowledge") count += site.standards.assignments_of(grade.id, area.id).size();
        else
            for (const auto& from : grade.underpinning_from) count += site.standards.assignments_of(from, area.id).size();
    }
    return count;
}

// Items to show in a sentence: each gets `separator`, the words before it ("", ", " or " and ").
Data in_a_sentence(std::vector<Data> items) {
    DataList list;
    for (size_t i = 0; i < items.size(); ++i) {
        put(items[i], "separator", i == 0 ? "" : i + 1 == items.size() ? " and " : ", ");
        list.push_back(std::move(items[i]));
    }
    return list_of(std::move(list));
}

void collect_item_notes(const std::vector<Item>& items, const std::string& url, const std::string& parent_anchor,
                        const std::string& name, std::vector<NoteEntry>& out) {
    for (const auto& item : items) {
        const std::string anchor = content::item_anchor(parent_anchor, item.id);
        const std::string label = item.label.empty() ? item.id : item.label;
        const std::string item_name = name.empty() ? "Item " + label : name + ", item " + label;
        if (!item.notes.empty()) out.push_back({{url + "#" + anchor, item_name}, &item.notes});
        collect_item_notes(item.items, url, anchor, item_name, out);
    }
}

}  // namespace

Data grade_link_data(const Grade& g) {
    Data d = link_data({content::grade_url(g.id), g.title});
    put(d, "id", g.id);
    if (!g.post_nominal.empty()) put(d, "post_nominal", g.post_nominal);
    put(d, "summary", markdown_inline(g.summary));
    put(d, "professional", g.professional);
    return d;
}

Data area_link_data(const Area& a) {
    Data d = link_data({content::area_url(a.id), a.title});
    put(d, "id", a.id);
    put(d, "number", std::to_string(a.number));
    put(d, "summary", markdown_block(a.summary));
    put_area_expectation(d, a);
    return d;
}

std::string rule_exception(const SiteContent& site, const Grade& grade, const Area& area) {
    const auto professional = professional_grades(site);
    if (area.id != "underpinning-knowledge" || area.rule.empty() || grade.underpinning_from.size() != 1 ||
        grade.underpinning_from[0] != grade.id || professional.empty() || professional.front() == &grade)
        return "";
    return "So a candidate for " + grade.title + " evidences the " + grade.title + " underpinning knowledge only.";
}

void put_area_expectation(Data& d, const Area& area, bool shown) {
    d.set("has_rule", shown && !area.rule.empty());
    put(d, "rule", shown && !area.rule.empty() ? markdown_inline(area.rule) : Data{std::string()});
    d.set("has_expectation", shown && !area.expectation.empty());
    put(d, "expectation", shown && !area.expectation.empty() ? markdown_inline(area.expectation) : Data{std::string()});
}

size_t requirement_count(const Assignment& a) {
    const auto count = [](const auto& self, const std::vector<Item>& items) -> size_t {
        size_t n = 0;
        for (const auto& i : items) n += 1 + self(self, i.items);
        return n;
    };
    return a.items.empty() ? 1 : count(count, a.items);
}

std::string requirements_text(size_t n) { return std::to_string(n) + (n == 1 ? " requirement" : " requirements"); }
namespace {

// A grade's assignments, area by area (areas without any left out). `id_prefix` keeps element ids
// unique on a page that shows several grades.
DataList grade_areas(const SiteContent& site, const Grade& grade, const std::string& id_prefix) {
    DataList areas;
    for (const auto& area : site.standards.areas) {
        DataList assignments;
        for (const auto* a : site.standards.assignments_of(grade.id, area.id))
            assignments.push_back(assignment_data(site, *a, id_prefix + area.id + "-" + std::to_string(a->number) + "-", true));
        if (assignments.empty()) continue;
        Data d = area_link_data(area);
        put(d, "anchor", id_prefix + area.id);
        if (auto note = rule_exception(site, grade, area); !note.empty()) put(d, "rule_note", note);
        put(d, "assignments", list_of(std::move(assignments)));
        areas.push_back(std::move(d));
    }
    return areas;
}

// An area's comparison table: one column per grade, one row per assignment number. Sets "grades",
// "rows" and "has_rows" on `data`.
void put_comparison(Data& data, const SiteContent& site, const Area& area) {
    auto grades = professional_grades(site);
    std::vector<std::vector<const Assignment*>> columns;
    int rows = 0;
    for (const auto* g : grades) {
        columns.push_back(site.standards.assignments_of(g->id, area.id));
        for (const auto* a : columns.back()) rows = std::max(rows, a->number);
    }
    DataList heads, body;
    for (const auto* g : grades) heads.push_back(grade_link_data(*g));
    for (int n = 1; n <= rows; ++n) {
        DataList cells;
        for (const auto& column : columns) {
            Data cell;
            auto it = std::find_if(column.begin(), column.end(), [n](const Assignment* a) { return a->number == n; });
            put(cell, "empty", it == column.end());
            if (it != column.end()) put(cell, "assignment", assignment_data(site, **it, "", false));
            cells.push_back(std::move(cell));
        }
        Data row;
        put(row, "number", std::to_string(n));
        put(row, "cells", list_of(std::move(cells)));
        body.push_back(std::move(row));
    }
    put(data, "grades", list_of(std::move(heads)));
    put(data, "rows", list_of(std::move(body)));
    put(data, "has_rows", rows > 0);
}

}  // namespace

void standards_note_groups(const SiteContent& site, DataList& groups) {
    std::vector<NoteEntry> grades, areas, assignments;
    for (const auto& g : site.standards.grades)
        if (!g.notes.empty()) grades.push_back({{content::grade_url(g.id), g.title}, &g.notes});
    for (const auto& a : site.standards.areas)
        if (!a.notes.empty()) areas.push_back({{content::area_url(a.id), a.title}, &a.notes});
    for (const auto& a : site.standards.assignments) {
        const std::string url = content::assignment_url(a);
        if (!a.notes.empty()) assignments.push_back({{url, assignment_name(site, a)}, &a.notes});
        collect_item_notes(a.items, url, "", assignment_name(site, a), assignments);
    }
    if (!grades.empty()) groups.push_back(note_group("grades", grades));
    if (!areas.empty()) groups.push_back(note_group("areas", areas));
    if (!assignments.empty()) groups.push_back(note_group("assignments and items", assignments));
}

namespace {

}  // namespace

std::string assignment_name(const SiteContent& site, const Assignment& a) {
    const Grade* g = site.standards.grade(a.grade);
    const Area* area = site.standards.area(a.area);
    return (g ? g->title : a.grade) + ", " + lower_first(area ? area->title : a.area) + ", assignment " +
           std::to_string(a.number);
}

std::string render_grades(const Theme& theme, const SiteContent& site) {
    Frame frame{"grades", "/grades/", "Grades", "The ICiPS membership grades and what each must evidence.", {kHome}};
    const auto& standards = site.standards;
    frame.source = standards.source;  // what these pages show comes from the standards
    DataList grades;
    Data data;
    std::vector<const Grade*> professional;
    const Grade* start = nullptr;  // the first grade that is not professional: where candidates start
    for (size_t i = 0; i < standards.grades.size(); ++i) {
        const Grade& g = standards.grades[i];
        Data d = grade_link_data(g);
        put_note(d, !g.notes.empty(), content::grade_url(g.id));
        put(d, "step", std::to_string(i));
        const size_t count = assignments_to_evidence(site, g);
        put(d, "assignment_count", std::to_string(count));
        put(d, "one_assignment", count == 1);
        put(d, "has_assignments", count > 0);
        std::vector<Data> underpinning;
        for (const auto& from : g.underpinning_from)
            if (const Grade* other = standards.grade(from)) underpinning.push_back(link_data({content::grade_url(other->id), other->title}));
        put(d, "has_underpinning", !underpinning.empty());
        put(d, "underpinning", in_a_sentence(std::move(underpinning)));
        grades.push_back(std::move(d));
        if (g.professional) professional.push_back(&g);
        else if (!start) start = &g;
    }
    if (start) put(data, "start", grade_link_data(*start));
    put(data, "grade_count", std::to_string(standards.grades.size()));
    put(data, "grades", list_of(std::move(grades)));
    put(data, "professional_count", std::to_string(professional.size()));
    if (!professional.empty()) {
        put(data, "first_professional", grade_link_data(*professional.front()));
        put(data, "last_professional", grade_link_data(*professional.back()));
    }
    std::vector<Data> areas;
    for (const auto& a : standards.areas) {
        Data d = area_link_data(a);
        put(d, "title", lower_first(a.title));
        areas.push_back(std::move(d));
    }
    put(data, "has_areas", !areas.empty());
    put(data, "areas", in_a_sentence(std::move(areas)));
    put(data, "booklet_url", std::string(content::kStandardsPrintUrl));
    return render_page(theme, site, frame, std::move(data));
}

std::string render_grade(const Theme& theme, const SiteContent& site, const Grade& grade) {
    const std::string url = content::grade_url(grade.id);
    Frame frame{"grade", url, grade.title, "What a candidate for " + grade.title + " must evidence.", {kHome, kGrades}};
    frame.source = site.standards.source;  // what these pages show comes from the standards
    const auto& grades = site.standards.grades;
    for (size_t i = 0; i < grades.size(); ++i)
        if (grades[i].id == grade.id) {
            if (i > 0) frame.prev = Link{content::grade_url(grades[i - 1].id), grades[i - 1].title};
            if (i + 1 < grades.size()) frame.next = Link{content::grade_url(grades[i + 1].id), grades[i + 1].title};
        }
    Data data = grade_link_data(grade);
    put_note(data, !grade.notes.empty(), url);
    put(data, "summary", markdown_block(grade.summary));
    if (has_checklist(site.standards, grade)) put(data, "checklist_url", url + "checklist/");
    DataList areas = grade_areas(site, grade, "");
    const bool any = !areas.empty();
    put(data, "areas", list_of(std::move(areas)));
    put(data, "has_requirements", any);
    if (!any) {
        // A grade with nothing to evidence (Affiliate) is where a candidate starts: the prose pages
        // that link to it tell how, and the next grade is the first to work towards.
        std::vector<const Page*> about;
        for (const auto& p : site.pages)
            if (p.url != "/" && p.url != content::kEditorialNotesUrl && content::links_to(p, url)) about.push_back(&p);
        std::stable_sort(about.begin(), about.end(), [](const Page* a, const Page* b) { return a->order < b->order; });
        DataList start;
        for (const auto* p : about) {
            Data d = link_data({p->url, p->title});
            put(d, "description", p->description);
            start.push_back(std::move(d));
        }
        put(data, "has_start_pages", !start.empty());
        put(data, "start_pages", list_of(std::move(start)));
        for (size_t i = 0; i + 1 < grades.size(); ++i)
            if (grades[i].id == grade.id) {
                Data next = grade_link_data(grades[i + 1]);
                if (has_checklist(site.standards, grades[i + 1]))
                    put(next, "checklist_url", content::grade_url(grades[i + 1].id) + "checklist/");
                put(data, "next_grade", next);
            }
    }

    // Underpinning knowledge this grade must also evidence from other grades (data: underpinning_from).
    const Area* underpinning = site.standards.area("underpinning-knowledge");
    DataList also;
    for (const auto& from : grade.underpinning_from) {
        const Grade* other = site.standards.grade(from);
        if (!other || other->id == grade.id || !underpinning) continue;
        // Each opens in place to show its items.
        DataList assignments;
        size_t requirements = 0;
        for (const auto* a : site.standards.assignments_of(other->id, underpinning->id)) {
            Data d = assignment_data(site, *a, "", false);
            put(d, "requirements", requirements_text(requirement_count(*a)));
            requirements += requirement_count(*a);
            assignments.push_back(std::move(d));
        }
        Data d = grade_link_data(*other);
        put(d, "count", requirements_text(requirements) + " in " + std::to_string(assignments.size()) +
                            (assignments.size() == 1 ? " assignment" : " assignments"));
        put(d, "assignments", list_of(std::move(assignments)));
        also.push_back(std::move(d));
    }
    put(data, "has_also", !also.empty());
    put(data, "also", list_of(std::move(also)));
    if (underpinning) put(data, "underpinning", area_link_data(*underpinning));
    std::vector<std::string> sources = {grade.where.path};
    for (const auto& a : site.standards.assignments)
        if (a.grade == grade.id) sources.push_back(a.where.path);
    put_last_changed(data, site, sources);
    return render_page(theme, site, frame, std::move(data));
}

std::string render_areas(const Theme& theme, const SiteContent& site) {
    Frame frame{"areas", "/areas/", "Compare grades",
                "The three areas to be evidenced, each compared across the grades.", {kHome}};
    frame.source = site.standards.source;  // what these pages show comes from the standards
    DataList areas;
    for (const auto& a : site.standards.areas) areas.push_back(area_link_data(a));
    Data data;
    put(data, "areas", list_of(std::move(areas)));
    return render_page(theme, site, frame, std::move(data));
}

std::string render_area(const Theme& theme, const SiteContent& site, const Area& area) {
    const std::string url = content::area_url(area.id);
    Frame frame{"area", url, area.title, "The " + lower_first(area.title) + " assignments of every grade, side by side.",
                {kHome, kAreas}};
    frame.source = site.standards.source;  // what these pages show comes from the standards
    const auto& areas = site.standards.areas;
    for (size_t i = 0; i < areas.size(); ++i)
        if (areas[i].id == area.id) {
            if (i > 0) frame.prev = Link{content::area_url(areas[i - 1].id), areas[i - 1].title};
            if (i + 1 < areas.size()) frame.next = Link{content::area_url(areas[i + 1].id), areas[i + 1].title};
        }
    Data data = area_link_data(area);
    if (!area.intro.empty()) put(data, "intro", markdown_block(area.intro));

    put_comparison(data, site, area);
    std::vector<std::string> sources = {area.where.path};
    for (const auto& a : site.standards.assignments)
        if (a.area == area.id) sources.push_back(a.where.path);
    put_last_changed(data, site, sources);
    return render_page(theme, site, frame, std::move(data));
}

std::string render_assignment(const Theme& theme, const SiteContent& site, const Assignment& a) {
    const Grade* grade = site.standards.grade(a.grade);
    const Area* area = site.standards.area(a.area);
    const std::string url = content::assignment_url(a);
    Frame frame{"assignment", url, "Assignment " + std::to_string(a.number) + ": " + a.title,
                assignment_name(site, a) + ": " + a.title + ".",
                {kHome, kGrades, {content::grade_url(a.grade), grade ? grade->title : a.grade}}};
    frame.source = site.standards.source;  // what these pages show comes from the standards
    auto sequence = sequence_of(site, a.grade);
    if (auto it = std::find(sequence.begin(), sequence.end(), &a); it != sequence.end()) {
        if (it != sequence.begin()) frame.prev = Link{content::assignment_url(**(it - 1)), assignment_name(site, **(it - 1))};
        if (it + 1 != sequence.end()) frame.next = Link{content::assignment_url(**(it + 1)), assignment_name(site, **(it + 1))};
    }
    Data data = assignment_data(site, a, "", true);
    put(data, "title", frame.title);
    if (grade) put(data, "grade", grade_link_data(*grade));
    if (area) put(data, "area", area_link_data(*area));
    DataList others;
    for (const auto& g : site.standards.grades) {
        if (g.id == a.grade) continue;
        for (const auto* other : site.standards.assignments_of(g.id, a.area))
            if (other->number == a.number) {
                Data d = link_data({content::assignment_url(*other), other->title});
                put(d, "grade", g.title);
                others.push_back(std::move(d));
            }
    }
    put(data, "has_others", !others.empty());
    put(data, "others", list_of(std::move(others)));
    std::vector<NoteEntry> notes;
    if (!a.notes.empty()) notes.push_back({{url, "This assignment"}, &a.notes});
    collect_item_notes(a.items, url, "", "", notes);
    DataList note_list;
    for (const auto& e : notes) {
        Data d = link_data(e.about);
        put(d, "notes", notes_data(*e.notes));
        note_list.push_back(std::move(d));
    }
    put(data, "has_notes", !note_list.empty());
    put(data, "notes", list_of(std::move(note_list)));
    put(data, "editorial_notes_url", std::string(content::kEditorialNotesUrl));
    return render_page(theme, site, frame, std::move(data));
}

std::string render_standards_print(const Theme& theme, const SiteContent& site) {
    Frame frame{"standards-print", std::string(content::kStandardsPrintUrl), "Standards of Professional Practice",
                "The standards on one page, to print or save as a booklet: every grade, area, assignment and item.",
                {kHome, kGrades}};
    frame.source = site.standards.source;
    Data data;
    put(data, "site_title", site.config.title);
    DataList grades;
    for (const auto& g : site.standards.grades) {
        Data d = grade_link_data(g);
        put_note(d, !g.notes.empty(), content::grade_url(g.id));
        put(d, "anchor", "grade-" + g.id);
        put(d, "summary", markdown_block(g.summary));
        DataList areas = grade_areas(site, g, g.id + "-");
        put(d, "has_requirements", !areas.empty());
        put(d, "areas", list_of(std::move(areas)));
        grades.push_back(std::move(d));
    }
    put(data, "grades", list_of(std::move(grades)));
    DataList areas;
    for (const auto& a : site.standards.areas) {
        Data d = area_link_data(a);
        put(d, "anchor", "area-" + a.id);
        if (!a.intro.empty()) put(d, "intro", markdown_block(a.intro));
        put_comparison(d, site, a);
        areas.push_back(std::move(d));
    }
    put(data, "areas", list_of(std::move(areas)));
    DataList groups;
    standards_note_groups(site, groups);
    put(data, "has_groups", !groups.empty());
    put(data, "groups", list_of(std::move(groups)));
    put(data, "pdf_url", "/standards.pdf");
    put(data, "pdf_label", "The booklet as a PDF, to print");
    return render_page(theme, site, frame, std::move(data));
}

}  // namespace icips::render
