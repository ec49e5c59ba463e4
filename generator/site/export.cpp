#include "site/export.h"

#include "content/urls.h"

#include <nlohmann/json.hpp>

namespace icips::site {

using nlohmann::ordered_json;

namespace {

// Editorial notes (Markdown), always present: [] when there are none.
ordered_json notes_json(const std::vector<content::Note>& notes) {
    ordered_json list = ordered_json::array();
    for (const auto& n : notes) list.push_back(n.text);
    return list;
}

ordered_json items_json(const std::vector<content::Item>& items, const std::string& url, const std::string& parent) {
    ordered_json list = ordered_json::array();
    for (const auto& item : items) {
        const std::string anchor = content::item_anchor(parent, item.id);
        ordered_json j;
        j["id"] = item.id;
        j["label"] = item.label;
        j["text"] = item.text;
        j["url"] = url + "#" + anchor;
        j["notes"] = notes_json(item.notes);
        j["items"] = items_json(item.items, url, anchor);
        list.push_back(std::move(j));
    }
    return list;
}

// `url` is the worksheet's URL and `anchor_prefix` "<worksheet-id>--", as on the worksheet page.
ordered_json question_json(const content::Question& q, const std::string& url, const std::string& anchor_prefix) {
    ordered_json j;
    j["id"] = q.id;
    if (!q.label.empty()) j["label"] = q.label;
    j["text"] = q.text;
    j["kind"] = std::string(content::to_string(q.kind));
    j["url"] = url + "#" + anchor_prefix + q.id;
    switch (q.kind) {
        case content::QuestionKind::text: j["lines"] = q.lines; break;
        case content::QuestionKind::scale:
            if (!q.scale_id.empty()) j["scale"] = q.scale_id;
            j["options"] = q.options;
            break;
        case content::QuestionKind::boxes: {
            ordered_json boxes = ordered_json::array();
            for (const auto& b : q.boxes) {
                ordered_json box = {{"id", b.id}, {"title", b.title}, {"lines", b.lines}};
                if (!b.text.empty()) box["text"] = b.text;
                box["notes"] = notes_json(b.notes);
                boxes.push_back(std::move(box));
            }
            j["boxes"] = std::move(boxes);
            break;
        }
        case content::QuestionKind::table: {
            auto headings = [](const std::vector<content::Heading>& list) {
                ordered_json out = ordered_json::array();
                for (const auto& h : list)
                    out.push_back({{"id", h.id}, {"title", h.title}, {"notes", notes_json(h.notes)}});
                return out;
            };
            ordered_json table;
            if (!q.table.corner.empty()) table["corner"] = q.table.corner;
            table["columns"] = headings(q.table.columns);
            table["rows"] = headings(q.table.rows);
            table["row_count"] = q.table.row_count();
            table["cell_lines"] = q.table.cell_lines;
            table["notes"] = notes_json(q.table.notes);
            j["table"] = std::move(table);
            break;
        }
        case content::QuestionKind::none: break;
    }
    j["notes"] = notes_json(q.notes);
    ordered_json follow_ups = ordered_json::array();
    for (const auto& f : q.follow_ups) follow_ups.push_back(question_json(f, url, anchor_prefix));
    j["follow_ups"] = std::move(follow_ups);
    return j;
}

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

std::string standards_json(const content::SiteContent& site) {
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

std::string pack_json(const content::Pack& pack, const std::string& base) {
    ordered_json root;
    root["id"] = pack.id;
    root["title"] = pack.title;
    if (!pack.subtitle.empty()) root["subtitle"] = pack.subtitle;
    root["source"] = pack.source;
    root["url"] = content::with_base(base, content::pack_url(pack.id));
    if (!pack.intro.empty()) root["intro"] = pack.intro;
    root["notes"] = notes_json(pack.notes);
    ordered_json scales = ordered_json::array();
    for (const auto& sc : pack.scales)
        scales.push_back({{"id", sc.id}, {"options", sc.options}, {"notes", notes_json(sc.notes)}});
    root["scales"] = std::move(scales);
    ordered_json sections = ordered_json::array();
    for (const auto& s : pack.sections) {
        ordered_json worksheets = ordered_json::array();
        for (const auto& w : s.worksheets) {
            const std::string url = content::with_base(base, content::worksheet_url(pack.id, w.id));
            ordered_json questions = ordered_json::array();
            for (const auto& q : w.questions) questions.push_back(question_json(q, url, w.id + "--"));
            ordered_json worksheet = {{"id", w.id}, {"title", w.title}, {"url", url}};
            if (!w.intro.empty()) worksheet["intro"] = w.intro;
            worksheet["notes"] = notes_json(w.notes);
            worksheet["questions"] = std::move(questions);
            worksheets.push_back(std::move(worksheet));
        }
        ordered_json section = {{"id", s.id}, {"title", s.title}, {"url", content::with_base(base, content::pack_url(pack.id)) + "#sec-" + s.id}};
        if (!s.body.empty()) section["body"] = s.body;
        if (s.diagram) {
            const auto& d = *s.diagram;
            ordered_json diagram;
            if (!d.title.empty()) diagram["title"] = d.title;
            ordered_json steps = ordered_json::array();
            for (const auto& step : d.steps)
                steps.push_back({{"text", step.text}, {"optional", step.optional}, {"notes", notes_json(step.notes)}});
            diagram["steps"] = std::move(steps);
            if (!d.centre.empty()) diagram["centre"] = d.centre;
            diagram["notes"] = notes_json(d.notes);
            section["diagram"] = std::move(diagram);
        }
        section["notes"] = notes_json(s.notes);
        section["worksheets"] = std::move(worksheets);
        sections.push_back(std::move(section));
    }
    root["sections"] = std::move(sections);
    return root.dump(2) + "\n";
}

std::string maturity_json(const content::MaturityModel& model, const std::string& base) {
    ordered_json root;
    root["id"] = model.id;
    root["title"] = model.title;
    if (!model.short_title.empty()) root["short_title"] = model.short_title;
    root["source"] = model.source;
    root["licence"] = model.licence;
    root["url"] = content::with_base(base, content::maturity_model_url(model.id));
    if (!model.intro.empty()) root["intro"] = model.intro;
    root["notes"] = notes_json(model.notes);
    ordered_json levels = ordered_json::array();
    for (const auto& l : model.levels) {
        ordered_json level = {{"number", l.number}, {"title", l.title}};
        if (!l.summary.empty()) level["summary"] = l.summary;
        level["url"] = content::with_base(base, content::maturity_level_url(model.id, l.number));
        level["notes"] = notes_json(l.notes);
        levels.push_back(std::move(level));
    }
    root["levels"] = std::move(levels);
    ordered_json dimensions = ordered_json::array();
    for (const auto& d : model.dimensions) {
        ordered_json cells = ordered_json::array();
        for (const auto& c : d.cells) {
            ordered_json descriptors = ordered_json::array();
            for (const auto& text : c.descriptors) descriptors.push_back(text.text);
            cells.push_back({{"level", c.level}, {"descriptors", std::move(descriptors)}, {"notes", notes_json(c.notes)}});
        }
        ordered_json dimension = {{"id", d.id}, {"title", d.title}};
        if (!d.summary.empty()) dimension["summary"] = d.summary;
        dimension["url"] = content::with_base(base, content::maturity_dimension_url(model.id, d.id));
        dimension["notes"] = notes_json(d.notes);
        dimension["cells"] = std::move(cells);
        dimensions.push_back(std::move(dimension));
    }
    root["dimensions"] = std::move(dimensions);
    return root.dump(2) + "\n";
}

std::string sitemap_xml(const content::SiteContent& site, const std::vector<std::string>& urls) {
    std::string base = site.config.base_url;
    if (!base.empty() && base.back() == '/') base.pop_back();
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const auto& url : urls) xml += "  <url><loc>" + xml_escape(base + url) + "</loc></url>\n";
    xml += "</urlset>\n";
    return xml;
}

}  // namespace icips::site
