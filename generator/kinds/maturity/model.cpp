#include "kinds/maturity/model.h"
#include "content/content_files.h"

#include <algorithm>
#include <map>

namespace fs = std::filesystem;

namespace icips::content {
namespace {

// `integer` of a key check_keys requires, or nullopt when it was absent or reported as no number.
std::optional<int> whole_number(Reader& r, const YamlNode& map, const char* key) {
    if (!map[key]) return std::nullopt;
    const size_t before = r.errors.size();
    const int value = r.integer(map, key);
    return r.errors.size() == before ? std::optional<int>(value) : std::nullopt;
}

std::vector<Level> load_levels(Reader& r, const YamlNode& list) {
    std::vector<Level> levels;
    const std::string count = std::to_string(list.size());
    for (const auto& node : list) {
        if (!check_keys(node, r.source, {"number", "title", "summary", "notes"}, {"number", "title"}, r.errors))
            continue;
        Level l;
        const int expected = static_cast<int>(levels.size()) + 1;
        l.number = whole_number(r, node, "number").value_or(expected);
        if (l.number != expected)
            r.error(node["number"], "level numbered " + std::to_string(l.number) + " where " +
                                        std::to_string(expected) + " is expected; number the levels 1 to " + count +
                                        " in order, lowest first");
        l.title = required_text(r, node, "title");
        l.summary = r.text(node, "summary");
        l.notes = r.notes(node);
        l.where = r.where(node);
        levels.push_back(std::move(l));
    }
    return levels;
}

std::vector<Descriptor> load_descriptors(Reader& r, const YamlNode& list) {
    std::vector<Descriptor> descriptors;
    int position = 0;
    for (const auto& n : list) {
        ++position;
        if (!n.IsScalar()) r.error(n, "each descriptor must be text (one sentence of the cell)");
        else if (n.Scalar().find_first_not_of(" \t\r\n") == std::string::npos) r.error(n, "a descriptor must not be empty");
        else descriptors.push_back({std::to_string(position), n.Scalar(), r.where(n)});
    }
    return descriptors;
}

// The cells of one dimension: exactly one per level, in level order.
std::vector<Cell> load_cells(Reader& r, const YamlNode& dimension, const std::string& id,
                             const std::vector<Level>& levels) {
    std::vector<Cell> cells;
    const int last = static_cast<int>(levels.size());
    std::map<int, int> seen;  // level -> line of its cell
    int previous = 0;
    const YamlNode list = nonempty_list(r, dimension, "cells", "give one cell per level, in level order");
    for (const auto& node : list) {
        if (!check_keys(node, r.source, {"level", "descriptors", "notes"}, {"level", "descriptors"}, r.errors))
            continue;
        Cell c;
        c.where = r.where(node);
        c.notes = r.notes(node);
        c.descriptors = load_descriptors(
            r, nonempty_list(r, node, "descriptors", "list the cell's descriptors, one sentence each"));
        const auto level = whole_number(r, node, "level");
        if (!level) continue;
        c.level = *level;
        if (levels.empty())
            ;  // the levels are reported as missing or empty
        else if (c.level < 1 || c.level > last)
            r.error(node["level"], "cell for level " + std::to_string(c.level) + ", but the levels are numbered 1 to " +
                                       std::to_string(last));
        else if (auto it = seen.find(c.level); it != seen.end())
            r.error(node["level"], "level " + std::to_string(c.level) + " already has a cell at line " +
                                       std::to_string(it->second) + "; give one cell per level");
        else if (c.level < previous)
            r.error(node["level"], "cell for level " + std::to_string(c.level) + " comes after level " +
                                       std::to_string(previous) + "; list the cells in level order");
        seen.emplace(c.level, c.where.line);
        previous = std::max(previous, c.level);
        cells.push_back(std::move(c));
    }
    if (list.size() == 0) return cells;  // reported as empty
    for (const auto& l : levels) {
        if (!seen.count(l.number))
            r.error(key_of(dimension, "cells"), "dimension '" + id + "' has no cell for level " + std::to_string(l.number) +
                                            " (" + l.title + "); give one cell per level");
    }
    return cells;
}

std::optional<MaturityModel> load_model(const IdFile& file, std::vector<Diagnostic>& errors) {
    Reader r{{file.path.string(), 0}, errors};
    const auto parsed = read_yaml_content(file.path, r);
    if (!parsed) return std::nullopt;
    const YamlNode doc = *parsed;
    if (!check_keys(doc, r.source,
                            {"title", "short_title", "source", "licence", "intro", "levels", "dimensions", "notes"},
                            {"title", "source", "licence", "levels", "dimensions"}, errors))
        return std::nullopt;
    MaturityModel m;
    m.id = file.id;
    m.where = {file.path.string(), 0};
    m.title = required_text(r, doc, "title");
    m.short_title = r.text(doc, "short_title");
    m.source = required_text(r, doc, "source");
    m.licence = required_text(r, doc, "licence");
    m.intro = r.text(doc, "intro");
    m.notes = r.notes(doc);
    m.levels = load_levels(r, nonempty_list(r, doc, "levels", "list the levels in order, lowest first"));
    IdScope ids("dimension", "the model");
    for (const auto& node : nonempty_list(r, doc, "dimensions", "list the model's dimensions (its rows)")) {
        if (!check_keys(node, r.source, {"id", "title", "summary", "cells", "notes"}, {"id", "title", "cells"}, errors))
            continue;
        Dimension d;
        d.id = required_id(r, node);
        ids.claim(d.id, node["id"], r);
        d.title = required_text(r, node, "title");
        d.summary = r.text(node, "summary");
        d.notes = r.notes(node);
        d.where = r.where(node);
        if (node["cells"]) d.cells = load_cells(r, node, d.id, m.levels);
        m.dimensions.push_back(std::move(d));
    }
    return m;
}

}  // namespace

const Cell* Dimension::cell(int level) const {
    auto it = std::find_if(cells.begin(), cells.end(), [&](const Cell& c) { return c.level == level; });
    return it == cells.end() ? nullptr : &*it;
}

const Level* MaturityModel::level(int number) const {
    auto it = std::find_if(levels.begin(), levels.end(), [&](const Level& l) { return l.number == number; });
    return it == levels.end() ? nullptr : &*it;
}

const Dimension* MaturityModel::dimension(const std::string& id) const { return find_by_id(dimensions, id); }

size_t MaturityModel::descriptor_count() const {
    size_t n = 0;
    for (const auto& d : dimensions)
        for (const auto& c : d.cells) n += c.descriptors.size();
    return n;
}

std::vector<MaturityModel> load_maturity_models(const fs::path& content_dir, std::vector<Diagnostic>& errors) {
    const fs::path dir = content_dir / kMaturityFolder;
    if (is_link(dir)) return {};  // reported by load_pages
    return load_id_files(dir, "maturity model", errors, load_model);
}

}  // namespace icips::content
