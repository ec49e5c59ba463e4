// Maturity models as a kind of content (kinds/kind.h): content/maturity/<model>.yaml, the list of
// models, each model's matrix, level, dimension, sheet and self-assessment pages,
// /api/maturity/<model>.json.
#include "kinds/kind.h"

#include "content/urls.h"
#include "kinds/maturity/pages.h"
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
    site.models = content::load_maturity_models(content_dir, errors);
}

void sections(const SiteContent& site, std::vector<content::SiteSection>& out) {
    if (!site.models.empty()) out.push_back({std::string(content::kMaturityUrl), "Maturity", "Maturity models"});
}

void plan(const SiteContent& site, std::vector<site::PlannedPage>& plan, std::vector<content::Diagnostic>& errors) {
    if (!site.models.empty())
        plan.push_back({std::string(content::kMaturityUrl), site.models.front().where,
                        [&site](const Theme& t) { return render::render_maturity_models(t, site); }});
    for (const auto& m : site.models) {
        plan.push_back({content::maturity_model_url(m.id), m.where,
                        [&site, &m](const Theme& t) { return render::render_maturity_model(t, site, m); }});
        plan.push_back({content::maturity_sheet_url(m.id), m.where,
                        [&site, &m](const Theme& t) { return render::render_maturity_sheet(t, site, m); }});
        plan.push_back({content::maturity_self_assessment_url(m.id), m.where,
                        [&site, &m](const Theme& t) { return render::render_self_assessment(t, site, m); }});
        for (const auto& l : m.levels)
            plan.push_back({content::maturity_level_url(m.id, l.number), l.where,
                            [&site, &m, &l](const Theme& t) { return render::render_maturity_level(t, site, m, l); }});
        for (const auto& d : m.dimensions) {
            const std::string url = content::maturity_dimension_url(m.id, d.id);
            // "sheet", "self-assessment" and "level-<n>" name the model's own pages.
            bool taken = url == content::maturity_sheet_url(m.id) || url == content::maturity_self_assessment_url(m.id);
            for (const auto& l : m.levels) taken = taken || url == content::maturity_level_url(m.id, l.number);
            if (taken) {
                errors.push_back({d.where.path, d.where.line, 0,
                                  "dimension id '" + d.id + "' is the URL of another page of the model (" + url +
                                      "); choose another id"});
                continue;
            }
            plan.push_back({url, d.where,
                            [&site, &m, &d](const Theme& t) { return render::render_maturity_dimension(t, site, m, d); }});
        }
    }
}

// ---- JSON: /api/maturity/<model>.json (docs/json-api.md) --------------------------------------

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

void json(const SiteContent& site, std::vector<JsonFile>& out) {
    for (const auto& m : site.models)
        out.push_back({content::maturity_json_url(m.id), m.where,
                       [&site, &m] { return maturity_json(m, site.config.base_path); }});
}

// ---- Search -------------------------------------------------------------------------------------

std::string model_name(const content::MaturityModel& m) { return m.short_title.empty() ? m.title : m.short_title; }

// Each page by the title it shows (less the model's name, which is where it sits) and the sentence
// that says what it is for; then every descriptor.
void search(const SiteContent& site, site::SearchIndexer& out) {
    if (!site.models.empty())
        out.page(std::string(content::kMaturityUrl), {}, "Maturity models",
                 "Maturity models to read and to assess a team against.");
    for (const auto& m : site.models) {
        const std::string model = model_name(m);
        out.page(content::maturity_model_url(m.id), {"Maturity models"}, m.title,
                 "The maturity matrix of " + model + ": " + std::to_string(m.levels.size()) + " levels by " +
                     std::to_string(m.dimensions.size()) + " dimensions.");
        out.page(content::maturity_self_assessment_url(m.id), {model}, "Self-assessment",
                 "Assess your team's maturity against " + model +
                     " in your browser, then compare everyone's assessments and agree the levels.",
                 SearchKind::tool);
        out.page(content::maturity_sheet_url(m.id), {model}, "Self-assessment sheet",
                 "A blank " + model + " self-assessment sheet to print: per dimension a tick box for each level "
                     "and a box for the evidence.",
                 SearchKind::tool);
        for (const auto& l : m.levels)
            out.page(content::maturity_level_url(m.id, l.number), {model},
                     "Level " + std::to_string(l.number) + (l.title.empty() ? "" : ": " + l.title),
                     search_text("A maturity level of " + model + ", in every dimension.", to_plain_text(l.summary)));
        for (const auto& d : m.dimensions)
            out.page(content::maturity_dimension_url(m.id, d.id), {model}, d.title,
                     search_text("A dimension of maturity in " + model + ", at every level.", to_plain_text(d.summary)));
    }
    for (const auto& m : site.models) {
        const std::string model = model_name(m);
        for (const auto& d : m.dimensions) {
            const std::string url = content::maturity_dimension_url(m.id, d.id);
            for (const auto& cell : d.cells) {
                const content::Level* level = m.level(cell.level);
                std::string level_name = "Level " + std::to_string(cell.level);
                if (level && !level->title.empty()) level_name += ": " + level->title;
                const size_t place = out.place(url, {model, d.title, level_name});
                for (const auto& descriptor : cell.descriptors)
                    out.add(place, content::maturity_descriptor_anchor(d.id, cell.level, descriptor.id), "",
                            to_plain_text(descriptor.text), SearchKind::descriptor, !cell.notes.empty(),
                            url + "#" + content::maturity_cell_anchor(d.id, cell.level));
            }
        }
    }
}

// ---- Diff ---------------------------------------------------------------------------------------

void diff_entries(const SiteContent& site, std::vector<diff::Entry>& out) {
    const std::string sep(diff::kPlaceSeparator);
    for (const auto& m : site.models) {
        const std::string model_key = "model " + m.id;
        out.push_back({"model", model_key, "", "", "", "Maturity model: " + m.title, content::maturity_model_url(m.id),
                       diff::fields_text({m.title, m.intro})});
        for (const auto& l : m.levels)
            out.push_back({"level", "level " + m.id + "/" + std::to_string(l.number), model_key, m.title,
                           "Level " + std::to_string(l.number), "Level " + std::to_string(l.number) + ": " + l.title,
                           content::maturity_level_url(m.id, l.number), diff::fields_text({l.title, l.summary})});
        int dimension_number = 0;
        for (const auto& d : m.dimensions) {
            out.push_back({"dimension", "dimension " + m.id + "/" + d.id, model_key, m.title,
                           "Dimension " + std::to_string(++dimension_number), "Dimension: " + d.title,
                           content::maturity_dimension_url(m.id, d.id), diff::fields_text({d.title, d.summary})});
            for (const auto& cell : d.cells) {
                const std::string level = std::to_string(cell.level);
                const std::string group = "cell " + m.id + "/" + d.id + "/" + level;
                const std::string place = m.title + sep + d.title + sep + "Level " + level;
                for (const auto& desc : cell.descriptors)
                    out.push_back({"descriptor", "descriptor " + m.id + "/" + d.id + "/" + level + "/" + desc.id, group,
                                   place, desc.id, "Descriptor " + desc.id,
                                   content::maturity_dimension_url(m.id, d.id) + "#" +
                                       content::maturity_descriptor_anchor(d.id, cell.level, desc.id),
                                   desc.text});
            }
        }
    }
}

}  // namespace

extern const Kind maturity{
    .name = "maturity models",
    .templates = {"maturity-models", "maturity", "maturity-sheet", "maturity-self-assessment", "maturity-level",
                  "maturity-dimension"},
    .folder = content::kMaturityFolder,
    .load = load,
    .sections = sections,
    .plan = plan,
    .json = json,
    .search = search,
    .diff = diff_entries,
    .notes = render::maturity_note_groups,
};

}  // namespace icips::kinds
