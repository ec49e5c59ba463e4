#include "kinds/packs/pages.h"

#include "content/urls.h"
#include "markdown/markdown.h"
#include "render/changes_pages.h"
#include "render/frame.h"
#include "render/notes.h"

#include <algorithm>
#include <cstdio>

namespace icips::render {

using content::Pack;
using content::Question;
using content::QuestionKind;
using content::Section;
using content::SiteContent;
using content::Worksheet;

namespace {

const Link kHome{"/", "Home"};
const Link kPacks{"/packs/", "Worksheet packs"};

// Form fields are named "<worksheet>.<question>[.<part>]" on every page that shows them, so answers
// typed on a worksheet's page appear on the whole-pack print page and the other way round. Element
// ids are "<worksheet>--<question>[--<part>]", unique on the print page too.
struct Names {
    std::string field, element;
    Names part(const std::string& p) const { return {field + "." + p, element + "--" + p}; }
};

// `url` is the worksheet's own page, where the question's anchor is its element id.
// `worksheet_title` is given for a worksheet's top-level questions: one whose whole text is the
// worksheet's title (a template's table or boxes) keeps it for screen readers but does not show it twice.
// `pack` holds the scales a scale question names: a scale with editorial notes is marked beside its
// choices (its notes are listed with the pack's on /editorial-notes/).
Data question_data(const Pack& pack, const Question& q, const Names& names, const std::string& url,
                   const std::string& worksheet_title = {}) {
    Data d;
    put_note(d, content::has_notes(q), url + "#" + names.element);
    put_change(d, names.element);
    put(d, "repeats_title", !worksheet_title.empty() && q.label.empty() && q.text == worksheet_title);
    put(d, "element_id", names.element);
    put(d, "field", names.field);
    put(d, "label", q.label);  // always set: an unset key would resolve to the parent question's
    put(d, "has_label", !q.label.empty());
    put(d, "text", markdown_inline(q.text));
    // The kind once, for class names; the is_* flags choose each kind's markup (mustache has no switch).
    put(d, "kind", q.kind == QuestionKind::none ? std::string("prompt") : std::string(content::to_string(q.kind)));
    put(d, "is_text", q.kind == QuestionKind::text);
    put(d, "is_scale", q.kind == QuestionKind::scale);
    put(d, "is_boxes", q.kind == QuestionKind::boxes);
    put(d, "is_table", q.kind == QuestionKind::table);
    put(d, "is_none", q.kind == QuestionKind::none);
    put(d, "lines", std::to_string(q.lines > 0 ? q.lines : 4));

    DataList options;
    for (size_t i = 0; i < q.options.size(); ++i) {
        Data o;
        put(o, "value", q.options[i]);
        put(o, "element_id", names.element + "--" + std::to_string(i + 1));
        options.push_back(std::move(o));
    }
    put(d, "options", list_of(std::move(options)));
    const auto scale = std::find_if(pack.scales.begin(), pack.scales.end(),
                                    [&](const content::Scale& s) { return !q.scale_id.empty() && s.id == q.scale_id; });
    Data scale_note;  // set on every question, so that a follow-up never shows its parent's
    put_note(scale_note, scale != pack.scales.end() && !scale->notes.empty(), content::pack_url(pack.id));
    put(d, "scale_note", scale_note);

    DataList boxes;
    for (const auto& b : q.boxes) {
        const Names box = names.part(b.id);
        Data o;
        put(o, "element_id", box.element);
        put(o, "field", box.field);
        put(o, "title", markdown_inline(b.title));
        put(o, "has_hint", !b.text.empty());
        put(o, "hint", b.text.empty() ? Data{std::string()} : markdown_inline(b.text));
        put(o, "lines", std::to_string(b.lines));
        boxes.push_back(std::move(o));
    }
    put(d, "boxes", list_of(std::move(boxes)));

    if (q.kind == QuestionKind::table) {
        const auto& t = q.table;
        Data table;
        if (!t.corner.empty()) put(table, "corner", markdown_inline(t.corner));
        DataList columns, rows;
        for (const auto& c : t.columns) {
            Data col;
            put(col, "element_id", names.element + "--col-" + c.id);
            put(col, "title", markdown_inline(c.title));
            columns.push_back(std::move(col));
        }
        for (int r = 0; r < t.row_count(); ++r) {
            const bool titled = !t.rows.empty();
            const std::string row_id = titled ? t.rows[r].id : "row-" + std::to_string(r + 1);
            Data row;
            put(row, "element_id", names.element + "--" + row_id);
            put(row, "title", titled ? markdown_inline(t.rows[r].title) : Data{"Row " + std::to_string(r + 1)});
            put(row, "blank", !titled);
            DataList cells;
            for (const auto& c : t.columns) {
                const Names cell = names.part(row_id + "." + c.id);
                Data o;
                put(o, "element_id", cell.element);
                put(o, "field", cell.field);
                put(o, "labelledby", names.element + "--" + row_id + " " + names.element + "--col-" + c.id);
                put(o, "lines", std::to_string(t.cell_lines));
                cells.push_back(std::move(o));
            }
            put(row, "cells", list_of(std::move(cells)));
            rows.push_back(std::move(row));
        }
        put(table, "columns", list_of(std::move(columns)));
        put(table, "rows", list_of(std::move(rows)));
        put(d, "table", table);
    }

    DataList follow_ups;
    for (const auto& f : q.follow_ups) {
        // Follow-up ids are unique within the worksheet, so they name their own fields.
        const std::string worksheet_field = names.field.substr(0, names.field.find('.'));
        const std::string worksheet_element = names.element.substr(0, names.element.find("--"));
        follow_ups.push_back(question_data(pack, f, {worksheet_field + "." + f.id, worksheet_element + "--" + f.id}, url));
    }
    put(d, "has_follow_ups", !follow_ups.empty());
    put(d, "follow_ups", list_of(std::move(follow_ups)));
    return d;
}

Data worksheet_data(const Pack& pack, const Section& section, const Worksheet& w) {
    Data d;
    put(d, "id", w.id);
    put(d, "anchor", "ws-" + w.id);
    put(d, "title", w.title);
    put(d, "url", content::worksheet_url(pack.id, w.id));
    put_note(d, !w.notes.empty(), content::worksheet_url(pack.id, w.id));
    put(d, "section_title", section.title);
    put(d, "intro", w.intro.empty() ? Data{std::string()} : markdown_block(w.intro));
    DataList questions;
    const std::string url = content::worksheet_url(pack.id, w.id);
    for (const auto& q : w.questions) questions.push_back(question_data(pack, q, {w.id + "." + q.id, w.id + "--" + q.id}, url, w.title));
    put(d, "questions", list_of(std::move(questions)));
    return d;
}

// "six", "fourth": the diagram's text alternative counts its boxes in words.
std::string count_word(size_t n, bool ordinal) {
    static const char* const cardinals[] = {"no", "one", "two", "three", "four", "five", "six",
                                            "seven", "eight", "nine", "ten", "eleven", "twelve"};
    static const char* const ordinals[] = {"", "first", "second", "third", "fourth", "fifth", "sixth",
                                           "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"};
    if (n <= 12) return ordinal ? ordinals[n] : cardinals[n];
    return std::to_string(n) + (ordinal ? "th" : "");
}

// The diagram as the source draws it: its boxes in the source's order, an optional one marked, and
// a text alternative in sentences that says what the boxes are and which are optional.
Data diagram_data(const content::Diagram& diagram) {
    Data d;
    put(d, "has_title", !diagram.title.empty());
    if (!diagram.title.empty()) put(d, "caption", markdown_inline(diagram.title));
    put(d, "has_centre", !diagram.centre.empty());
    put(d, "centre", diagram.centre.empty() ? Data{std::string()} : markdown_inline(diagram.centre));
    const size_t n = diagram.steps.size();
    std::string alt = "A diagram of " + count_word(n, false) + (n == 1 ? " box" : " boxes") +
                      ", listed below in the order the source prints them.";
    std::vector<std::string> optional;
    DataList steps;
    for (size_t i = 0; i < n; ++i) {
        Data s;
        put(s, "text", markdown_inline(diagram.steps[i].text));
        put(s, "optional", diagram.steps[i].optional);
        if (diagram.steps[i].optional) optional.push_back(count_word(i + 1, true));
        steps.push_back(std::move(s));
    }
    for (size_t i = 0; i < optional.size(); ++i)
        alt += (i == 0 ? " The " : i + 1 == optional.size() ? " and the " : ", the ") + optional[i];
    if (!optional.empty()) alt += optional.size() == 1 ? " box is an optional step." : " boxes are optional steps.";
    if (!diagram.centre.empty()) alt += " One more box is drawn in the middle; it is listed last.";
    put(d, "alt", alt);
    put(d, "steps", list_of(std::move(steps)));
    return d;
}

Data section_data(const Pack& pack, const Section& s, bool with_worksheets) {
    Data d;
    put(d, "id", s.id);
    put(d, "anchor", "sec-" + s.id);
    put_note(d, !s.notes.empty() || (s.diagram && !s.diagram->notes.empty()),
             content::pack_url(pack.id) + "#sec-" + s.id);
    put_change(d, "sec-" + s.id);
    put(d, "title", s.title);
    put(d, "body", s.body.empty() ? Data{std::string()} : markdown_block(s.body));
    if (s.diagram) put(d, "diagram", diagram_data(*s.diagram));
    DataList worksheets;
    for (const auto& w : s.worksheets)
        worksheets.push_back(with_worksheets ? worksheet_data(pack, s, w)
                                             : link_data({content::worksheet_url(pack.id, w.id), w.title}));
    put(d, "has_worksheets", !worksheets.empty());
    put(d, "worksheets", list_of(std::move(worksheets)));
    return d;
}

Data pack_data(const Pack& pack) {
    Data d;
    put(d, "pack_title", pack.title);
    if (!pack.subtitle.empty()) put(d, "subtitle", pack.subtitle);
    put(d, "source", markdown_block(pack.source));
    if (!pack.intro.empty()) put(d, "intro", markdown_block(pack.intro));
    put(d, "pack_url", content::pack_url(pack.id));
    put(d, "print_url", content::pack_print_url(pack.id));
    put(d, "store", "icips-pack-" + pack.id);
    return d;
}

// Links to a worksheet's own page go to its section of the page that holds them all.
markdown::LinkTargets links_within(const Pack& pack) {
    markdown::LinkTargets targets;
    for (const auto* w : pack.worksheets()) targets.emplace(content::worksheet_url(pack.id, w->id), "#ws-" + w->id);
    return targets;
}

}  // namespace

std::string render_packs(const Theme& theme, const SiteContent& site) {
    Frame frame{"packs", "/packs/", "Worksheet packs", "Worksheet packs to run workshops from, on screen or on paper.",
                {kHome}};
    DataList packs;
    for (const auto& p : site.packs) {
        Data d = link_data({content::pack_url(p.id), p.title});
        if (!p.subtitle.empty()) put(d, "subtitle", p.subtitle);
        put(d, "worksheet_count", std::to_string(p.worksheets().size()));
        packs.push_back(std::move(d));
    }
    Data data;
    put(data, "packs", list_of(std::move(packs)));
    return render_page(theme, site, frame, std::move(data));
}

std::string render_pack(const Theme& theme, const SiteContent& site, const Pack& pack) {
    Frame frame{"pack", content::pack_url(pack.id), pack.title, pack.subtitle, {kHome, kPacks}};
    frame.source = pack.source;
    Data data = pack_data(pack);
    put_note(data, !pack.notes.empty(), content::pack_url(pack.id));
    DataList sections;
    for (const auto& s : pack.sections) sections.push_back(section_data(pack, s, false));
    put(data, "sections", list_of(std::move(sections)));
    put(data, "pdf_url", "/packs/" + pack.id + ".pdf");
    put(data, "pdf_label", "The whole pack as a PDF, to print");
    put_last_changed(data, site, {pack.where.path});
    return render_page(theme, site, frame, std::move(data));
}

std::string render_worksheet(const Theme& theme, const SiteContent& site, const Pack& pack, const Section& section,
                             const Worksheet& worksheet) {
    Frame frame{"worksheet", content::worksheet_url(pack.id, worksheet.id), worksheet.title,
                "Worksheet from " + pack.title + ": " + worksheet.title + "."};  // no breadcrumbs: the page links back to its pack
    frame.source = pack.source;
    const auto all = pack.worksheets();
    for (size_t i = 0; i < all.size(); ++i)
        if (all[i] == &worksheet) {
            if (i > 0) frame.prev = Link{content::worksheet_url(pack.id, all[i - 1]->id), all[i - 1]->title};
            if (i + 1 < all.size()) frame.next = Link{content::worksheet_url(pack.id, all[i + 1]->id), all[i + 1]->title};
        }
    Data data = pack_data(pack);
    put(data, "worksheet", worksheet_data(pack, section, worksheet));
    put(data, "section_url", content::pack_url(pack.id) + "#sec-" + section.id);
    return render_page(theme, site, frame, std::move(data));
}

std::string render_pack_print(const Theme& theme, const SiteContent& site, const Pack& pack) {
    Frame frame{"pack-print", content::pack_print_url(pack.id), pack.title,
                "The whole of " + pack.title + " on one page, for printing.",
                {kHome, kPacks, {content::pack_url(pack.id), pack.title}}};
    frame.source = pack.source;
    const markdown::LinkTargets targets = links_within(pack);
    const markdown::LinksWithin within(targets);  // the Markdown of this page links within it
    Data data = pack_data(pack);
    put_note(data, !pack.notes.empty(), content::pack_url(pack.id));
    DataList sections;
    for (const auto& s : pack.sections) sections.push_back(section_data(pack, s, true));
    put(data, "sections", list_of(std::move(sections)));
    return render_page(theme, site, frame, std::move(data));
}

namespace {

void collect_question_notes(const content::Question& q, const std::string& url, const std::string& prefix,
                            const std::string& name, std::vector<NoteEntry>& out) {
    const Link about{url + "#" + prefix + q.id, name + ", question " + (q.label.empty() ? q.id : q.label)};
    for (const auto* notes : {&q.notes, &q.table.notes})
        if (!notes->empty()) out.push_back({about, notes});
    for (const auto& b : q.boxes)
        if (!b.notes.empty()) out.push_back({about, &b.notes});
    for (const auto* headings : {&q.table.columns, &q.table.rows})
        for (const auto& h : *headings)
            if (!h.notes.empty()) out.push_back({about, &h.notes});
    for (const auto& f : q.follow_ups) collect_question_notes(f, url, prefix, name, out);
}

std::vector<NoteEntry> pack_notes(const content::Pack& pack) {
    std::vector<NoteEntry> out;
    const std::string url = content::pack_url(pack.id);
    if (!pack.notes.empty()) out.push_back({{url, pack.title}, &pack.notes});
    for (const auto& scale : pack.scales)
        if (!scale.notes.empty()) out.push_back({{url, pack.title + ", scale " + scale.id}, &scale.notes});
    for (const auto& section : pack.sections) {
        const Link about{url + "#sec-" + section.id, pack.title + ": " + section.title};
        if (!section.notes.empty()) out.push_back({about, &section.notes});
        if (section.diagram) {
            if (!section.diagram->notes.empty()) out.push_back({about, &section.diagram->notes});
            for (const auto& step : section.diagram->steps)
                if (!step.notes.empty()) out.push_back({about, &step.notes});
        }
        for (const auto& w : section.worksheets) {
            const std::string worksheet_url = content::worksheet_url(pack.id, w.id);
            if (!w.notes.empty()) out.push_back({{worksheet_url, "Worksheet: " + w.title}, &w.notes});
            for (const auto& q : w.questions)
                collect_question_notes(q, worksheet_url, w.id + "--", "Worksheet: " + w.title, out);
        }
    }
    return out;
}

}  // namespace

void pack_note_groups(const content::SiteContent& site, DataList& groups) {
    for (const auto& pack : site.packs)
        if (auto notes = pack_notes(pack); !notes.empty()) groups.push_back(note_group(pack.title, notes));
}

}  // namespace icips::render
