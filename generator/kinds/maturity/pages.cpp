#include "kinds/maturity/pages.h"

#include "content/urls.h"
#include "render/changes_pages.h"
#include "render/frame.h"
#include "render/notes.h"

namespace icips::render {

using content::Cell;
using content::Dimension;
using content::Level;
using content::MaturityModel;
using content::Note;
using content::SiteContent;

namespace {

const Link kHome{"/", "Home"};
const Link kModels{std::string(content::kMaturityUrl), "Maturity models"};

std::string short_title(const MaturityModel& m) { return m.short_title.empty() ? m.title : m.short_title; }

std::string level_name(const Level& l) { return "Level " + std::to_string(l.number) + ": " + l.title; }

// Optional Markdown: every key is always set (an unset key would resolve in a parent context).
void set_block(Data& d, const std::string& key, const std::string& markdown) {
    put(d, "has_" + key, !markdown.empty());
    put(d, key, markdown.empty() ? Data{std::string()} : markdown_block(markdown));
}

// The marker of a cell with editorial notes, linking to them (partial note-marker).
void put_cell_note(Data& d, const MaturityModel& m, const Dimension& dim, int level) {
    const Cell* cell = dim.cell(level);
    put_note(d, cell && !cell->notes.empty(),
             content::maturity_dimension_url(m.id, dim.id) + "#" + content::maturity_cell_anchor(dim.id, level));
}

// A cell's descriptors; with anchors ("leadership-2-3") where the page shows each cell once.
Data descriptors_data(const Dimension& dimension, const Cell* cell, bool with_anchors) {
    DataList list;
    if (cell)
        for (const auto& d : cell->descriptors) {
            Data o;
            const std::string anchor = content::maturity_descriptor_anchor(dimension.id, cell->level, d.id);
            put(o, "has_anchor", with_anchors);
            put(o, "anchor", anchor);
            put_change(o, anchor);
            put(o, "text", markdown_inline(d.text));
            list.push_back(std::move(o));
        }
    return list_of(std::move(list));
}

// Editorial notes and what they are about.
struct NoteLink {
    Link about;
    const std::vector<Note>* notes;
};

Data notes_data(const std::vector<Note>& notes) {
    Data list{Data::type::list};
    for (const auto& n : notes) append(list, markdown_block(n.text));
    return list;
}

// Notes shown on a page of the model, in a closed <details> as on assignment pages.
void set_notes(Data& data, const std::vector<NoteLink>& entries) {
    DataList list;
    for (const auto& e : entries) {
        Data d = link_data(e.about);
        put(d, "notes", notes_data(*e.notes));
        list.push_back(std::move(d));
    }
    put(data, "has_notes", !entries.empty());
    put(data, "notes", list_of(std::move(list)));
    put(data, "editorial_notes_url", std::string(content::kEditorialNotesUrl));
}

// What every page of a model shows: its titles, source, licence and where its other pages are.
Data model_data(const MaturityModel& m) {
    Data d;
    put(d, "model_title", m.title);
    put(d, "model_short", short_title(m));
    put(d, "model_url", content::maturity_model_url(m.id));
    put(d, "source", markdown_inline(m.source));
    put(d, "licence", markdown_inline(m.licence));
    put(d, "sheet_url", content::maturity_sheet_url(m.id));
    put(d, "self_assessment_url", content::maturity_self_assessment_url(m.id));
    put(d, "json_url", content::maturity_json_url(m.id));
    put(d, "level_count", std::to_string(m.levels.size()));
    put(d, "dimension_count", std::to_string(m.dimensions.size()));
    DataList levels, dimensions;
    for (const auto& l : m.levels) {
        Data o = link_data({content::maturity_level_url(m.id, l.number), l.title});
        put(o, "number", std::to_string(l.number));
        set_block(o, "summary", l.summary);
        levels.push_back(std::move(o));
    }
    for (const auto& dim : m.dimensions) dimensions.push_back(link_data({content::maturity_dimension_url(m.id, dim.id), dim.title}));
    put(d, "levels", list_of(std::move(levels)));
    put(d, "dimensions", list_of(std::move(dimensions)));
    return d;
}

Frame model_frame(const MaturityModel& m, std::string kind, std::string url, std::string title, std::string description,
                  bool below_model) {
    Frame frame{std::move(kind), std::move(url), std::move(title), std::move(description), {kHome, kModels}};
    if (below_model) frame.crumbs.push_back({content::maturity_model_url(m.id), short_title(m)});
    frame.source = m.source;
    frame.licence = m.licence;
    return frame;
}

template <class T, class UrlOf, class TitleOf>
void set_pager(Frame& frame, const std::vector<T>& all, const T& current, UrlOf url_of, TitleOf title_of) {
    for (size_t i = 0; i < all.size(); ++i)
        if (&all[i] == &current) {
            if (i > 0) frame.prev = Link{url_of(all[i - 1]), title_of(all[i - 1])};
            if (i + 1 < all.size()) frame.next = Link{url_of(all[i + 1]), title_of(all[i + 1])};
        }
}

// A dimension on the sheet and in the self-assessment: a choice per level, element ids
// "<prefix>-<dimension>-<level>", with the level's descriptors beside it where `with_descriptors`.
Data form_dimension(const MaturityModel& m, const Dimension& dim, const std::string& prefix, bool with_descriptors) {
    Data d;
    put(d, "id", dim.id);
    put(d, "title", dim.title);
    put(d, "url", content::maturity_dimension_url(m.id, dim.id));
    set_block(d, "summary", dim.summary);
    DataList choices;
    for (const auto& l : m.levels) {
        const std::string element = prefix + "-" + dim.id + "-" + std::to_string(l.number);
        Data c;
        put(c, "element_id", element);
        put(c, "number", std::to_string(l.number));
        put(c, "title", l.title);
        put(c, "descriptors_id", element + "-descriptors");
        put(c, "descriptors", with_descriptors ? descriptors_data(dim, dim.cell(l.number), false) : Data{Data::type::list});
        put_cell_note(c, m, dim, l.number);
        choices.push_back(std::move(c));
    }
    put(d, "choices", list_of(std::move(choices)));
    return d;
}

}  // namespace

std::string render_maturity_models(const Theme& theme, const SiteContent& site) {
    Frame frame{"maturity-models", std::string(content::kMaturityUrl), "Maturity models",
                "Maturity models to read and to assess a team against.", {kHome}};
    DataList models;
    for (const auto& m : site.models) {
        Data d = model_data(m);
        set_block(d, "intro", m.intro);
        models.push_back(std::move(d));
    }
    Data data;
    put(data, "models", list_of(std::move(models)));
    return render_page(theme, site, frame, std::move(data));
}

std::string render_maturity_model(const Theme& theme, const SiteContent& site, const MaturityModel& m) {
    Frame frame = model_frame(m, "maturity", content::maturity_model_url(m.id), m.title,
                              m.title + ": the maturity matrix, " + std::to_string(m.levels.size()) + " levels by " +
                                  std::to_string(m.dimensions.size()) + " dimensions.",
                              false);
    set_pager(frame, site.models, m, [](const MaturityModel& x) { return content::maturity_model_url(x.id); },
              [](const MaturityModel& x) { return x.title; });
    Data data = model_data(m);
    set_block(data, "intro", m.intro);
    DataList rows;
    for (const auto& dim : m.dimensions) {
        Data row = link_data({content::maturity_dimension_url(m.id, dim.id), dim.title});
        DataList cells;
        for (const auto& l : m.levels) {
            Data c;
            put(c, "anchor", content::maturity_cell_anchor(dim.id, l.number));
            put(c, "descriptors", descriptors_data(dim, dim.cell(l.number), true));
            put_cell_note(c, m, dim, l.number);
            cells.push_back(std::move(c));
        }
        put(row, "cells", list_of(std::move(cells)));
        rows.push_back(std::move(row));
    }
    put(data, "rows", list_of(std::move(rows)));
    std::vector<NoteLink> notes;
    if (!m.notes.empty()) notes.push_back({{content::maturity_model_url(m.id), "This model"}, &m.notes});
    for (const auto& l : m.levels)
        if (!l.notes.empty()) notes.push_back({{content::maturity_level_url(m.id, l.number), level_name(l)}, &l.notes});
    set_notes(data, notes);
    put_last_changed(data, site, {m.where.path});
    return render_page(theme, site, frame, std::move(data));
}

std::string render_maturity_dimension(const Theme& theme, const SiteContent& site, const MaturityModel& m,
                                      const Dimension& dim) {
    const std::string url = content::maturity_dimension_url(m.id, dim.id);
    Frame frame = model_frame(m, "maturity-dimension", url, dim.title + " – " + short_title(m),
                              short_title(m) + ": the " + std::to_string(m.levels.size()) + " levels of " + dim.title +
                                  ", and what moving up a level means.",
                              true);
    set_pager(frame, m.dimensions, dim, [&m](const Dimension& x) { return content::maturity_dimension_url(m.id, x.id); },
              [](const Dimension& x) { return x.title; });
    Data data = model_data(m);
    put(data, "heading", dim.title);
    set_block(data, "summary", dim.summary);
    DataList levels;
    for (size_t i = 0; i < m.levels.size(); ++i) {
        const Level& l = m.levels[i];
        Data d = link_data({content::maturity_level_url(m.id, l.number), l.title});
        put(d, "number", std::to_string(l.number));
        put(d, "anchor", content::maturity_cell_anchor(dim.id, l.number));
        set_block(d, "summary", l.summary);
        // The step up to this level is this level's own descriptors: no words are added to the model.
        put(d, "is_step_up", i > 0);
        put(d, "from_number", i > 0 ? std::to_string(m.levels[i - 1].number) : std::string());
        put(d, "from_title", i > 0 ? m.levels[i - 1].title : std::string());
        put(d, "descriptors", descriptors_data(dim, dim.cell(l.number), true));
        put_cell_note(d, m, dim, l.number);
        levels.push_back(std::move(d));
    }
    put(data, "dimension_levels", list_of(std::move(levels)));
    std::vector<NoteLink> notes;
    if (!dim.notes.empty()) notes.push_back({{url, "This dimension"}, &dim.notes});
    for (const auto& c : dim.cells)
        if (const Level* l = m.level(c.level); l && !c.notes.empty())
            notes.push_back({{url + "#" + content::maturity_cell_anchor(dim.id, c.level), level_name(*l)}, &c.notes});
    set_notes(data, notes);
    return render_page(theme, site, frame, std::move(data));
}

std::string render_maturity_level(const Theme& theme, const SiteContent& site, const MaturityModel& m, const Level& level) {
    Frame frame = model_frame(m, "maturity-level", content::maturity_level_url(m.id, level.number),
                              level_name(level) + " – " + short_title(m),
                              short_title(m) + ", " + level_name(level) + ": its descriptors in every dimension.", true);
    set_pager(frame, m.levels, level, [&m](const Level& x) { return content::maturity_level_url(m.id, x.number); },
              [](const Level& x) { return level_name(x); });
    Data data = model_data(m);
    put(data, "heading", level_name(level));
    put(data, "number", std::to_string(level.number));
    set_block(data, "summary", level.summary);
    DataList dims;
    std::vector<NoteLink> notes;
    if (!level.notes.empty()) notes.push_back({{content::maturity_level_url(m.id, level.number), "This level"}, &level.notes});
    for (const auto& dim : m.dimensions) {
        const std::string cell_url = content::maturity_dimension_url(m.id, dim.id) + "#" +
                                     content::maturity_cell_anchor(dim.id, level.number);
        Data d = link_data({content::maturity_dimension_url(m.id, dim.id), dim.title});
        put(d, "anchor", content::maturity_cell_anchor(dim.id, level.number));
        const Cell* cell = dim.cell(level.number);
        put(d, "descriptors", descriptors_data(dim, cell, true));
        put_cell_note(d, m, dim, level.number);
        dims.push_back(std::move(d));
        if (cell && !cell->notes.empty()) notes.push_back({{cell_url, dim.title}, &cell->notes});
    }
    put(data, "level_dimensions", list_of(std::move(dims)));
    set_notes(data, notes);
    return render_page(theme, site, frame, std::move(data));
}

std::string render_maturity_sheet(const Theme& theme, const SiteContent& site, const MaturityModel& m) {
    Frame frame = model_frame(m, "maturity-sheet", content::maturity_sheet_url(m.id),
                              "Self-assessment sheet – " + short_title(m),
                              "A blank " + short_title(m) + " self-assessment sheet to print: per dimension a tick box "
                              "for each level and a box for the evidence.",
                              true);
    Data data = model_data(m);
    put(data, "heading", short_title(m) + " self-assessment sheet");
    DataList dims;
    for (const auto& dim : m.dimensions) dims.push_back(form_dimension(m, dim, "sheet", false));
    put(data, "sheet_dimensions", list_of(std::move(dims)));
    return render_page(theme, site, frame, std::move(data));
}

std::string render_self_assessment(const Theme& theme, const SiteContent& site, const MaturityModel& m) {
    Frame frame = model_frame(m, "maturity-self-assessment", content::maturity_self_assessment_url(m.id),
                              "Self-assessment – " + short_title(m),
                              "Assess your team against " + short_title(m) +
                                  " in your browser, then compare everyone's assessments and agree the levels.",
                              true);
    Data data = model_data(m);
    put(data, "heading", short_title(m) + " self-assessment");
    const std::string store = "icips-maturity-" + m.id;
    put(data, "store", store);
    put(data, "consensus_store", store + "-consensus");
    put(data, "top_level", m.levels.empty() ? std::string("0") : std::to_string(m.levels.back().number));
    DataList dims;
    for (const auto& dim : m.dimensions) {
        Data d = form_dimension(m, dim, "sa", true);
        put(d, "field", dim.id + ".level");
        put(d, "evidence_field", dim.id + ".evidence");
        put(d, "agreed_field", dim.id + ".agreed");
        dims.push_back(std::move(d));
    }
    put(data, "sa_dimensions", list_of(std::move(dims)));
    return render_page(theme, site, frame, std::move(data));
}

namespace {

std::vector<NoteEntry> model_notes(const content::MaturityModel& model) {
    std::vector<NoteEntry> out;
    const std::string url = content::maturity_model_url(model.id);
    if (!model.notes.empty()) out.push_back({{url, model.title}, &model.notes});
    for (const auto& level : model.levels)
        if (!level.notes.empty())
            out.push_back({{content::maturity_level_url(model.id, level.number), "Level " + std::to_string(level.number) +
                                                                                   ": " + level.title},
                           &level.notes});
    for (const auto& d : model.dimensions) {
        const std::string dimension_url = content::maturity_dimension_url(model.id, d.id);
        if (!d.notes.empty()) out.push_back({{dimension_url, d.title}, &d.notes});
        for (const auto& cell : d.cells)
            if (!cell.notes.empty()) {
                const auto* level = model.level(cell.level);
                out.push_back({{dimension_url + "#" + content::maturity_cell_anchor(d.id, cell.level), d.title + ", level " + std::to_string(cell.level) +
                                                   (level ? ": " + level->title : std::string())},
                               &cell.notes});
            }
    }
    return out;
}

}  // namespace

void maturity_note_groups(const content::SiteContent& site, DataList& groups) {
    for (const auto& model : site.models)
        if (auto notes = model_notes(model); !notes.empty()) groups.push_back(note_group(model.title, notes));
}

}  // namespace icips::render
