// Worksheet packs as a kind of content (kinds/kind.h): content/packs/<pack>.yaml, the list of
// packs, each pack's guide, worksheet pages and print page, /api/packs/<pack>.json.
#include "kinds/kind.h"

#include "content/urls.h"
#include "kinds/packs/pages.h"
#include "markdown/markdown.h"
#include "site/export.h"
#include "site/search_index.h"

#include <nlohmann/json.hpp>

namespace icips::kinds {
namespace {

using content::SiteContent;
using markdown::to_plain_text;
using nlohmann::ordered_json;
using render::Theme;
using site::notes_json;
using site::search_text;
using site::SearchKind;

void load(const std::filesystem::path& content_dir, SiteContent& site, std::vector<content::Diagnostic>& errors) {
    site.packs = content::load_packs(content_dir, errors);
}

void sections(const SiteContent& site, std::vector<content::SiteSection>& out) {
    if (!site.packs.empty()) out.push_back({"/packs/", "Worksheets", "Worksheet packs"});
}

void plan(const SiteContent& site, std::vector<site::PlannedPage>& plan, std::vector<content::Diagnostic>&) {
    if (!site.packs.empty())
        plan.push_back({"/packs/", site.packs.front().where, [&site](const Theme& t) { return render::render_packs(t, site); }});
    for (const auto& pack : site.packs) {
        plan.push_back({content::pack_url(pack.id), pack.where,
                        [&site, &pack](const Theme& t) { return render::render_pack(t, site, pack); }});
        plan.push_back({content::pack_print_url(pack.id), pack.where,
                        [&site, &pack](const Theme& t) { return render::render_pack_print(t, site, pack); }});
        for (const auto& section : pack.sections)
            for (const auto& w : section.worksheets)
                plan.push_back({content::worksheet_url(pack.id, w.id), w.where, [&site, &pack, &section, &w](const Theme& t) {
                                    return render::render_worksheet(t, site, pack, section, w);
                                }});
    }
}

// ---- JSON: /api/packs/<pack>.json (docs/json-api.md) ------------------------------------------

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

void json(const SiteContent& site, std::vector<JsonFile>& out) {
    for (const auto& pack : site.packs)
        out.push_back({content::pack_json_url(pack.id), pack.where,
                       [&site, &pack] { return pack_json(pack, site.config.base_path); }});
}

// ---- Search -------------------------------------------------------------------------------------

// A question's words: its prompt and, for templates, the titles and hints a reader fills in beside.
// Titles are plain text in the model (the templates escape them); text fields and table headings
// are Markdown.
std::string question_text(const content::Question& q) {
    std::string text = to_plain_text(q.text);
    for (const auto& box : q.boxes) text = search_text(text, search_text(to_plain_text(box.title), to_plain_text(box.text)));
    text = search_text(text, to_plain_text(q.table.corner));
    for (const auto* headings : {&q.table.columns, &q.table.rows})
        for (const auto& h : *headings) text = search_text(text, to_plain_text(h.title));
    return text;
}

void add_question(site::SearchIndexer& out, size_t place, const content::Question& q, const std::string& anchor_prefix,
                  const std::string& parent_title) {
    const std::string title = search_text(parent_title, q.label);
    out.add(place, anchor_prefix + q.id, title, question_text(q), SearchKind::question, content::has_notes(q),
            out.url(place) + "#" + anchor_prefix + q.id);
    for (const auto& f : q.follow_ups) add_question(out, place, f, anchor_prefix, title);
}

void search(const SiteContent& site, site::SearchIndexer& out) {
    if (!site.packs.empty())
        out.page("/packs/", {}, "Worksheet packs", "Worksheet packs to run workshops from, on screen or on paper.");
    for (const auto& pack : site.packs) {
        out.page(content::pack_url(pack.id), {"Worksheet packs"}, pack.title, to_plain_text(pack.subtitle));
        out.page(content::pack_print_url(pack.id), {pack.title}, "The whole pack, to print",
                 "Every worksheet of " + pack.title + " on one page, for printing.", SearchKind::tool);
        for (const auto& section : pack.sections)
            for (const auto& w : section.worksheets)
                out.page(content::worksheet_url(pack.id, w.id), {pack.title, section.title}, w.title,
                         search_text("Worksheet.", to_plain_text(w.intro)), SearchKind::tool);
    }
    for (const auto& pack : site.packs)
        for (const auto* w : pack.worksheets()) {
            const size_t place = out.place(content::worksheet_url(pack.id, w->id), {pack.title, w->title});
            for (const auto& q : w->questions) add_question(out, place, q, w->id + "--", "");
        }
}

// ---- Diff ---------------------------------------------------------------------------------------

using diff::Entry;

void add_question(std::vector<Entry>& out, const content::Question& q, const content::Pack& pack,
                  const content::Worksheet& w, const std::string& group, const std::string& place) {
    std::string text = q.text;
    if (!q.options.empty()) {
        text += "\n\n[";
        for (size_t i = 0; i < q.options.size(); ++i) text += (i ? " | " : "") + q.options[i];
        text += "]";
    }
    for (const auto& b : q.boxes) text += "\n\n[" + b.title + (b.text.empty() ? "" : ": " + b.text) + "]";
    for (const auto& c : q.table.columns) text += "\n\n[column: " + c.title + "]";
    for (const auto& r : q.table.rows) text += "\n\n[row: " + r.title + "]";
    const std::string key = "question " + pack.id + "/" + w.id + "/" + q.id;
    out.push_back({"question", key, group, place, q.label, "Question " + (q.label.empty() ? q.id : q.label),
                   content::worksheet_url(pack.id, w.id) + "#" + w.id + "--" + q.id, text});
    for (const auto& f : q.follow_ups) add_question(out, f, pack, w, key, place);
}

void diff_entries(const SiteContent& site, std::vector<Entry>& out) {
    const std::string sep(diff::kPlaceSeparator);
    for (const auto& pack : site.packs) {
        const std::string pack_key = "pack " + pack.id;
        out.push_back({"pack", pack_key, "", "", "", "Pack: " + pack.title, content::pack_url(pack.id),
                       diff::fields_text({pack.title, pack.subtitle, pack.intro})});
        int section_number = 0;
        for (const auto& section : pack.sections) {
            std::string body = section.body;
            if (section.diagram)
                for (const auto& step : section.diagram->steps) body += "\n\n[step: " + step.text + "]";
            out.push_back({"section", "section " + pack.id + "/" + section.id, pack_key, pack.title,
                           "Section " + std::to_string(++section_number), "Section: " + section.title,
                           content::pack_url(pack.id) + "#sec-" + section.id, diff::fields_text({section.title, body})});
            for (const auto& w : section.worksheets) {
                const std::string place = pack.title + sep + section.title;
                out.push_back({"worksheet", "worksheet " + pack.id + "/" + w.id, pack_key, place, "",
                               "Worksheet: " + w.title, content::worksheet_url(pack.id, w.id),
                               diff::fields_text({w.title, w.intro})});
                const std::string key = out.back().key;
                for (const auto& q : w.questions) add_question(out, q, pack, w, key, place + sep + w.title);
            }
        }
    }
}

}  // namespace

extern const Kind packs{
    .name = "packs",
    .templates = {"packs", "pack", "pack-print", "worksheet"},
    .folder = content::kPacksFolder,
    .load = load,
    .sections = sections,
    .plan = plan,
    .json = json,
    .search = search,
    .diff = diff_entries,
    .notes = render::pack_note_groups,
};

}  // namespace icips::kinds
