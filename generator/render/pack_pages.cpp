#include "render/pack_pages.h"

#include "content/urls.h"
#include "render/frame.h"

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

Data question_data(const Question& q, const Names& names) {
    Data d;
    d.set("element_id", names.element);
    d.set("field", names.field);
    d.set("label", q.label);  // always set: an unset key would resolve to the parent question's
    d.set("has_label", !q.label.empty());
    d.set("text", markdown_inline(q.text));
    d.set("is_text", q.kind == QuestionKind::text);
    d.set("is_scale", q.kind == QuestionKind::scale);
    d.set("is_boxes", q.kind == QuestionKind::boxes);
    d.set("is_table", q.kind == QuestionKind::table);
    d.set("is_none", q.kind == QuestionKind::none);
    d.set("lines", std::to_string(q.lines > 0 ? q.lines : 4));

    std::vector<Data> options;
    for (size_t i = 0; i < q.options.size(); ++i) {
        Data o;
        o.set("value", q.options[i]);
        o.set("element_id", names.element + "--" + std::to_string(i + 1));
        options.push_back(o);
    }
    d.set("options", list_of(options));

    std::vector<Data> boxes;
    for (const auto& b : q.boxes) {
        const Names box = names.part(b.id);
        Data o;
        o.set("element_id", box.element);
        o.set("field", box.field);
        o.set("title", markdown_inline(b.title));
        o.set("has_hint", !b.text.empty());
        o.set("hint", b.text.empty() ? Data{std::string()} : markdown_inline(b.text));
        o.set("lines", std::to_string(b.lines));
        boxes.push_back(o);
    }
    d.set("boxes", list_of(boxes));

    if (q.kind == QuestionKind::table) {
        const auto& t = q.table;
        Data table;
        if (!t.corner.empty()) table.set("corner", markdown_inline(t.corner));
        std::vector<Data> columns, rows;
        for (const auto& c : t.columns) {
            Data col;
            col.set("element_id", names.element + "--col-" + c.id);
            col.set("title", markdown_inline(c.title));
            columns.push_back(col);
        }
        for (int r = 0; r < t.row_count(); ++r) {
            const bool titled = !t.rows.empty();
            const std::string row_id = titled ? t.rows[r].id : "row-" + std::to_string(r + 1);
            Data row;
            row.set("element_id", names.element + "--" + row_id);
            row.set("title", titled ? markdown_inline(t.rows[r].title) : Data{"Row " + std::to_string(r + 1)});
            row.set("blank", !titled);
            std::vector<Data> cells;
            for (const auto& c : t.columns) {
                const Names cell = names.part(row_id + "." + c.id);
                Data o;
                o.set("element_id", cell.element);
                o.set("field", cell.field);
                o.set("labelledby", names.element + "--" + row_id + " " + names.element + "--col-" + c.id);
                o.set("lines", std::to_string(t.cell_lines));
                cells.push_back(o);
            }
            row.set("cells", list_of(cells));
            rows.push_back(row);
        }
        table.set("columns", list_of(columns));
        table.set("rows", list_of(rows));
        d.set("table", table);
    }

    std::vector<Data> follow_ups;
    for (const auto& f : q.follow_ups) {
        // Follow-up ids are unique within the worksheet, so they name their own fields.
        const std::string worksheet_field = names.field.substr(0, names.field.find('.'));
        const std::string worksheet_element = names.element.substr(0, names.element.find("--"));
        follow_ups.push_back(question_data(f, {worksheet_field + "." + f.id, worksheet_element + "--" + f.id}));
    }
    d.set("follow_ups", list_of(follow_ups));
    d.set("has_follow_ups", !follow_ups.empty());
    return d;
}

Data worksheet_data(const Pack& pack, const Section& section, const Worksheet& w) {
    Data d;
    d.set("id", w.id);
    d.set("anchor", "ws-" + w.id);
    d.set("title", w.title);
    d.set("url", content::worksheet_url(pack.id, w.id));
    d.set("section_title", section.title);
    d.set("intro", w.intro.empty() ? Data{std::string()} : markdown_block(w.intro));
    std::vector<Data> questions;
    for (const auto& q : w.questions) questions.push_back(question_data(q, {w.id + "." + q.id, w.id + "--" + q.id}));
    d.set("questions", list_of(questions));
    return d;
}

Data diagram_data(const content::Diagram& diagram) {
    Data d;
    d.set("has_title", !diagram.title.empty());
    d.set("caption", diagram.title.empty() ? Data{std::string("The improvement cycle")} : markdown_inline(diagram.title));
    d.set("has_centre", !diagram.centre.empty());
    d.set("centre", diagram.centre.empty() ? Data{std::string()} : markdown_inline(diagram.centre));
    std::vector<Data> steps;
    const size_t n = diagram.steps.size();
    for (size_t i = 0; i < n; ++i) {
        Data s;
        s.set("number", std::to_string(i + 1));
        s.set("text", markdown_inline(diagram.steps[i].text));
        s.set("optional", diagram.steps[i].optional);
        // Position on the circle, drawn by CSS from these two numbers.
        s.set("style", "--i:" + std::to_string(i) + ";--n:" + std::to_string(n));
        steps.push_back(s);
    }
    d.set("steps", list_of(steps));
    d.set("first", diagram.steps.empty() ? std::string() : std::string("1"));
    return d;
}

Data section_data(const Pack& pack, const Section& s, bool with_worksheets) {
    Data d;
    d.set("id", s.id);
    d.set("anchor", "sec-" + s.id);
    d.set("title", s.title);
    d.set("body", s.body.empty() ? Data{std::string()} : markdown_block(s.body));
    if (s.diagram) d.set("diagram", diagram_data(*s.diagram));
    std::vector<Data> worksheets;
    for (const auto& w : s.worksheets)
        worksheets.push_back(with_worksheets ? worksheet_data(pack, s, w)
                                             : link_data({content::worksheet_url(pack.id, w.id), w.title}));
    d.set("worksheets", list_of(worksheets));
    d.set("has_worksheets", !worksheets.empty());
    return d;
}

Data pack_data(const Pack& pack) {
    Data d;
    d.set("pack_title", pack.title);
    if (!pack.subtitle.empty()) d.set("subtitle", pack.subtitle);
    d.set("source", markdown_block(pack.source));
    if (!pack.intro.empty()) d.set("intro", markdown_block(pack.intro));
    d.set("pack_url", content::pack_url(pack.id));
    d.set("print_url", content::pack_print_url(pack.id));
    d.set("store", "icips-pack-" + pack.id);
    return d;
}

// The printed running footer: the pack's title and the page number.
std::string print_footer(const Pack& pack) {
    const std::string font = "font: 9pt system-ui, sans-serif; color: #333;";
    return "@page { @bottom-left { content: " + css_string(pack.title) + "; " + font +
           " } @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); " + font + " } }";
}

// Links to a worksheet's own page become links within the page that holds them all.
void link_within(std::string& html, const Pack& pack) {
    for (const auto* w : pack.worksheets()) {
        const std::string from = "href=\"" + content::worksheet_url(pack.id, w->id) + "\"";
        const std::string to = "href=\"#ws-" + w->id + "\"";
        for (size_t at = html.find(from); at != std::string::npos; at = html.find(from, at + to.size()))
            html.replace(at, from.size(), to);
    }
}

}  // namespace

std::string css_string(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == ' ') {
            out += static_cast<char>(c);
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\%X ", c);  // bytes of UTF-8 are escaped one by one
            out += hex;
        }
    }
    return out + "\"";
}

std::string render_packs(const Theme& theme, const SiteContent& site) {
    Frame frame{"packs", "/packs/", "Worksheet packs", "Worksheet packs to run workshops from, on screen or on paper.",
                {kHome}};
    std::vector<Data> packs;
    for (const auto& p : site.packs) {
        Data d = link_data({content::pack_url(p.id), p.title});
        if (!p.subtitle.empty()) d.set("subtitle", p.subtitle);
        d.set("worksheet_count", std::to_string(p.worksheets().size()));
        packs.push_back(d);
    }
    Data data;
    data.set("packs", list_of(packs));
    return render_page(theme, site, frame, data);
}

std::string render_pack(const Theme& theme, const SiteContent& site, const Pack& pack) {
    Frame frame{"pack", content::pack_url(pack.id), pack.title, pack.subtitle, {kHome, kPacks}};
    Data data = pack_data(pack);
    std::vector<Data> sections;
    for (const auto& s : pack.sections) sections.push_back(section_data(pack, s, false));
    data.set("sections", list_of(sections));
    return render_page(theme, site, frame, data);
}

std::string render_worksheet(const Theme& theme, const SiteContent& site, const Pack& pack, const Section& section,
                             const Worksheet& worksheet) {
    Frame frame{"worksheet", content::worksheet_url(pack.id, worksheet.id), worksheet.title,
                "Worksheet from " + pack.title + ": " + worksheet.title + ".",
                {kHome, kPacks, {content::pack_url(pack.id), pack.title}}};
    frame.scripts.push_back("/assets/answers.js");
    frame.style = print_footer(pack);
    const auto all = pack.worksheets();
    for (size_t i = 0; i < all.size(); ++i)
        if (all[i] == &worksheet) {
            if (i > 0) frame.prev = Link{content::worksheet_url(pack.id, all[i - 1]->id), all[i - 1]->title};
            if (i + 1 < all.size()) frame.next = Link{content::worksheet_url(pack.id, all[i + 1]->id), all[i + 1]->title};
        }
    Data data = pack_data(pack);
    data.set("worksheet", worksheet_data(pack, section, worksheet));
    data.set("section_url", content::pack_url(pack.id) + "#sec-" + section.id);
    return render_page(theme, site, frame, data);
}

std::string render_pack_print(const Theme& theme, const SiteContent& site, const Pack& pack) {
    Frame frame{"pack-print", content::pack_print_url(pack.id), pack.title,
                "The whole of " + pack.title + " on one page, for printing.",
                {kHome, kPacks, {content::pack_url(pack.id), pack.title}}};
    frame.scripts.push_back("/assets/answers.js");
    frame.style = print_footer(pack);
    Data data = pack_data(pack);
    std::vector<Data> sections;
    for (const auto& s : pack.sections) sections.push_back(section_data(pack, s, true));
    data.set("sections", list_of(sections));
    std::string html = render_page(theme, site, frame, data);
    link_within(html, pack);
    return html;
}

}  // namespace icips::render
