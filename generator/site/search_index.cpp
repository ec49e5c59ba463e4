#include "site/search_index.h"

#include "content/urls.h"
#include "markdown/markdown.h"

#include <nlohmann/json.hpp>

namespace icips::site {

using content::SiteContent;
using markdown::to_plain_text;

namespace {

// Appends entries and the places they sit in, one place per (URL, where) pair.
class Indexer {
public:
    size_t place(std::string url, std::vector<std::string> where) {
        index_.places.push_back({std::move(url), std::move(where)});
        return index_.places.size() - 1;
    }
    void add(size_t place, std::string anchor, std::string title, std::string text) {
        index_.entries.push_back({place, std::move(anchor), std::move(title), std::move(text)});
    }
    SearchIndex take() { return std::move(index_); }

private:
    SearchIndex index_;
};

std::string joined(const std::string& a, const std::string& b) { return a.empty() ? b : b.empty() ? a : a + " " + b; }

void add_items(Indexer& out, size_t place, const std::vector<content::Item>& items, const std::string& parent_anchor,
               const std::string& parent_title) {
    for (const auto& item : items) {
        const std::string anchor = content::item_anchor(parent_anchor, item.id);
        const std::string title = joined(parent_title, item.label.empty() ? item.id : item.label);
        out.add(place, anchor, title, to_plain_text(item.text));
        add_items(out, place, item.items, anchor, title);
    }
}

// A question's words: its prompt and, for templates, the titles and hints a reader fills in beside.
// Titles are plain text in the model (the templates escape them); text fields and table headings
// are Markdown.
std::string question_text(const content::Question& q) {
    std::string text = to_plain_text(q.text);
    for (const auto& box : q.boxes) text = joined(text, joined(to_plain_text(box.title), to_plain_text(box.text)));
    text = joined(text, to_plain_text(q.table.corner));
    for (const auto* headings : {&q.table.columns, &q.table.rows})
        for (const auto& h : *headings) text = joined(text, to_plain_text(h.title));
    return text;
}

void add_question(Indexer& out, size_t place, const content::Question& q, const std::string& anchor_prefix,
                  const std::string& parent_title) {
    const std::string title = joined(parent_title, q.label);
    out.add(place, anchor_prefix + q.id, title, question_text(q));
    for (const auto& f : q.follow_ups) add_question(out, place, f, anchor_prefix, title);
}

}  // namespace

std::string SearchIndex::url_of(const SearchEntry& entry) const {
    const std::string& url = places.at(entry.place).url;
    return entry.anchor.empty() ? url : url + "#" + entry.anchor;
}

SearchIndex search_index(const SiteContent& site) {
    Indexer out;
    for (const auto& page : site.pages)
        out.add(out.place(page.url, {}), "", page.title, to_plain_text(page.body));

    const auto& standards = site.standards;
    for (const auto& a : standards.assignments) {
        const content::Grade* grade = standards.grade(a.grade);
        const content::Area* area = standards.area(a.area);
        const std::string grade_title = grade ? grade->title : a.grade;
        const std::string area_title = area ? area->title : a.area;
        const std::string url = content::assignment_url(a);
        const std::string title = "Assignment " + std::to_string(a.number) + ": " + a.title;
        out.add(out.place(url, {grade_title, area_title}), "", title, to_plain_text(a.text));
        add_items(out, out.place(url, {grade_title, area_title, title}), a.items, "", "");
    }

    for (const auto& pack : site.packs)
        for (const auto* w : pack.worksheets()) {
            const size_t place = out.place(content::worksheet_url(pack.id, w->id),
                                           {pack.title, w->title});
            for (const auto& q : w->questions) add_question(out, place, q, w->id + "--", "");
        }

    for (const auto& m : site.models) {
        const std::string model = m.short_title.empty() ? m.title : m.short_title;
        for (const auto& d : m.dimensions) {
            const std::string url = content::maturity_dimension_url(m.id, d.id);
            for (const auto& cell : d.cells) {
                const content::Level* level = m.level(cell.level);
                std::string level_name = "Level " + std::to_string(cell.level);
                if (level && !level->title.empty()) level_name += ": " + level->title;
                const size_t place = out.place(url, {model, d.title, level_name});
                for (const auto& descriptor : cell.descriptors)
                    out.add(place, content::maturity_descriptor_anchor(d.id, cell.level, descriptor.id), "",
                            to_plain_text(descriptor.text));
            }
        }
    }
    return out.take();
}

std::string search_index_json(const SearchIndex& index) {
    nlohmann::ordered_json places = nlohmann::ordered_json::array();
    for (const auto& p : index.places) places.push_back({p.url, p.where});
    nlohmann::ordered_json entries = nlohmann::ordered_json::array();
    for (const auto& e : index.entries) entries.push_back({e.place, e.anchor, e.title, e.text});
    nlohmann::ordered_json j;
    j["p"] = std::move(places);
    j["e"] = std::move(entries);
    // Invalid UTF-8 is refused by the loaders; replace rather than throw should any slip through.
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace icips::site
