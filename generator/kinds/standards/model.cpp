#include "kinds/standards/model.h"

#include "content/content_files.h"
#include "content/yaml_source.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace icips::content {
namespace {

std::string id_from_label(const std::string& label) {
    std::string id;
    for (char c : label)
        if (std::isalnum(static_cast<unsigned char>(c))) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return id;
}

// Items nest at most kMaxListNesting deep (item, sub-item, sub-sub-item); the theme relies on it.
std::vector<Item> load_items(const YamlNode& list, Reader& r, int depth = 1) {
    std::vector<Item> items;
    if (depth > kMaxListNesting && list.size() > 0) {
        r.error(list, "items nest more than " + std::to_string(kMaxListNesting) + " levels deep; flatten this list");
        return items;
    }
    std::map<std::string, int> seen;
    for (const auto& node : list) {
        if (!check_keys(node, r.source, {"label", "id", "text", "items", "notes"}, {"text"}, r.errors)) continue;
        Item item;
        item.label = r.text(node, "label");
        item.id = node["id"] ? r.id(node) : id_from_label(item.label);
        item.text = r.text(node, "text");
        item.where = r.where(node);
        item.notes = r.notes(node);
        item.items = load_items(r.list(node, "items"), r, depth + 1);
        if (item.id.empty()) {
            r.error(node, "item has no label to make its id from; give it an 'id'");
        } else if (auto [it, fresh] = seen.emplace(item.id, item.where.line); !fresh) {
            r.error(node, "item id '" + item.id + "' is already used at line " + std::to_string(it->second) +
                              "; give one of them an explicit 'id'");
        }
        items.push_back(std::move(item));
    }
    return items;
}

// "<what> '<value>'", with a did-you-mean hint from the ids of `known`.
std::string unknown(const std::string& what, const std::string& value, const auto& known) {
    std::vector<std::string> ids;
    for (const auto& k : known) ids.push_back(k.id);
    std::string message = what + " '" + value + "'";
    if (auto hint = did_you_mean(value, ids)) message += "; did you mean '" + *hint + "'?";
    return message;
}

}  // namespace

const Grade* Standards::grade(const std::string& id) const {
    auto it = std::find_if(grades.begin(), grades.end(), [&](const Grade& g) { return g.id == id; });
    return it == grades.end() ? nullptr : &*it;
}

const Area* Standards::area(const std::string& id) const {
    auto it = std::find_if(areas.begin(), areas.end(), [&](const Area& a) { return a.id == id; });
    return it == areas.end() ? nullptr : &*it;
}

std::vector<const Assignment*> Standards::assignments_of(const std::string& grade, const std::string& area) const {
    std::vector<const Assignment*> out;
    for (const auto& a : assignments)
        if (a.grade == grade && a.area == area) out.push_back(&a);
    return out;
}

Standards load_standards(const fs::path& content_dir, std::vector<Diagnostic>& errors) {
    Standards model;
    const fs::path dir = content_dir / kStandardsFolder;
    if (!fs::is_directory(dir) || is_link(dir)) return model;  // a link is reported by load_pages

    const fs::path grades_file = dir / "grades.yaml";
    Reader gr{{grades_file.string(), 0}, errors};
    // An error in grades.yaml or areas.yaml can leave grades or areas out of the model; the files
    // named after them are then still read (their own errors matter) but not reported as unknown.
    bool grades_complete = false;  // grades.yaml read, and no grade in it left out or without an id
    const auto grades_doc = read_yaml_content(grades_file, gr);
    if (const YamlNode doc = grades_doc ? *grades_doc : YamlNode(YAML::NodeType::Undefined); doc && check_keys(doc, gr.source, {"source", "grades"}, {"grades"}, errors)) {
        model.source = gr.text(doc, "source");
        grades_complete = doc.IsMap() && (!doc["grades"] || doc["grades"].IsSequence() || doc["grades"].IsNull());
        std::map<std::string, const YamlNode> nodes;
        for (const auto& node : gr.list(doc, "grades")) {
            if (!check_keys(node, gr.source,
                            {"id", "title", "post_nominal", "order", "professional", "source_heading", "summary",
                             "underpinning_from", "notes"},
                            {"id", "title", "order"}, errors)) {
                grades_complete = false;
                continue;
            }
            Grade g;
            g.id = gr.id(node);
            if (!is_valid_id(g.id)) grades_complete = false;
            g.title = gr.text(node, "title");
            g.post_nominal = gr.text(node, "post_nominal");
            g.order = gr.integer(node, "order");
            g.professional = gr.boolean(node, "professional", true);
            g.source_heading = gr.text(node, "source_heading");
            g.summary = gr.text(node, "summary");
            g.notes = gr.notes(node);
            g.where = gr.where(node);
            for (const auto& from : gr.list(node, "underpinning_from")) {
                if (from.IsScalar()) g.underpinning_from.push_back(from.Scalar());
                else gr.error(from, "each entry of 'underpinning_from' must be a grade id");
            }
            // A second grade with an id is reported and left out, so that nothing downstream
            // (pages, URLs, checklists) meets two grades for one id.
            if (model.grade(g.id)) {
                gr.error(node["id"], "duplicate grade id '" + g.id + "'");
                continue;
            }
            nodes.emplace(g.id, node);
            model.grades.push_back(std::move(g));
        }
        for (const auto& g : model.grades) {
            for (size_t i = 0; i < g.underpinning_from.size(); ++i) {
                if (model.grade(g.underpinning_from[i])) continue;
                gr.error(nodes.at(g.id)["underpinning_from"][i],
                         unknown("'underpinning_from' names unknown grade", g.underpinning_from[i], model.grades));
            }
        }
        std::stable_sort(model.grades.begin(), model.grades.end(),
                         [](const Grade& a, const Grade& b) { return a.order < b.order; });
    }

    const fs::path areas_file = dir / "areas.yaml";
    bool areas_complete = false;
    Reader ar{{areas_file.string(), 0}, errors};
    const auto areas_doc = read_yaml_content(areas_file, ar);
    if (const YamlNode doc = areas_doc ? *areas_doc : YamlNode(YAML::NodeType::Undefined); doc && check_keys(doc, ar.source, {"areas"}, {"areas"}, errors)) {
        areas_complete = doc.IsMap() && (!doc["areas"] || doc["areas"].IsSequence() || doc["areas"].IsNull());
        for (const auto& node : ar.list(doc, "areas")) {
            if (!check_keys(node, ar.source, {"id", "number", "title", "summary", "intro", "rule", "expectation", "source_heading", "notes"},
                            {"id", "number", "title"}, errors)) {
                areas_complete = false;
                continue;
            }
            Area a;
            a.id = ar.id(node);
            if (!is_valid_id(a.id)) areas_complete = false;
            a.number = ar.integer(node, "number");
            a.title = ar.text(node, "title");
            a.summary = ar.text(node, "summary");
            a.intro = ar.text(node, "intro");
            a.rule = ar.text(node, "rule");
            a.expectation = ar.text(node, "expectation");
            a.source_heading = ar.text(node, "source_heading");
            a.notes = ar.notes(node);
            a.where = ar.where(node);
            if (model.area(a.id)) {
                ar.error(node["id"], "duplicate area id '" + a.id + "'");
                continue;
            }
            model.areas.push_back(std::move(a));
        }
        std::stable_sort(model.areas.begin(), model.areas.end(),
                         [](const Area& a, const Area& b) { return a.number < b.number; });
    }

    // standards/<area-id>/<grade-id>.yaml, read in a stable order
    std::vector<fs::path> files;
    for (auto& file : list_files(dir, errors, false))
        if (file.parent_path() != dir && !file.filename().native().starts_with('.')) files.push_back(std::move(file));
    for (const auto& file : files) {
        Reader r{{file.string(), 0}, errors};
        const std::string area = file.parent_path().filename().string();
        const std::string grade = file.stem().string();
        if (file.extension() != ".yaml" || file.parent_path().parent_path() != dir) {
            errors.push_back({file.string(), 0, 0, "not a standards file; assignments go in standards/<area-id>/<grade-id>.yaml"});
            continue;
        }
        const bool area_known = model.area(area), grade_known = model.grade(grade);
        if (!area_known && areas_complete)
            errors.push_back({file.string(), 0, 0, unknown("folder names unknown area", area, model.areas)});
        else if (!grade_known && grades_complete)
            errors.push_back({file.string(), 0, 0, unknown("file name names unknown grade", grade, model.grades)});
        if (!area_known || !grade_known) {
            if (!(areas_complete && grades_complete)) read_yaml_content(file, r);  // its own errors still count
            continue;
        }
        const auto parsed = read_yaml_content(file, r);
        if (!parsed) continue;
        const YamlNode doc = *parsed;
        if (!check_keys(doc, r.source, {"assignments"}, {"assignments"}, errors)) continue;
        std::map<int, int> numbers;
        for (const auto& node : r.list(doc, "assignments")) {
            if (!check_keys(node, r.source, {"number", "title", "text", "items", "notes"}, {"number", "title"}, errors))
                continue;
            Assignment a;
            a.grade = grade;
            a.area = area;
            a.number = r.integer(node, "number");
            a.title = r.text(node, "title");
            a.text = r.text(node, "text");
            a.items = load_items(r.list(node, "items"), r);
            a.notes = r.notes(node);
            a.where = r.where(node);
            if (a.number < 1) r.error(node["number"], "assignment number must be 1 or more");
            if (auto [it, fresh] = numbers.emplace(a.number, a.where.line); !fresh) {
                r.error(node["number"], "assignment " + std::to_string(a.number) + " is already defined at line " +
                                            std::to_string(it->second));
                continue;
            }
            model.assignments.push_back(std::move(a));
        }
    }
    auto rank = [&](const Assignment& a) {
        return std::tuple(model.area(a.area)->number, model.grade(a.grade)->order, a.number);
    };
    std::stable_sort(model.assignments.begin(), model.assignments.end(),
                     [&](const Assignment& a, const Assignment& b) { return rank(a) < rank(b); });
    return model;
}

}  // namespace icips::content
