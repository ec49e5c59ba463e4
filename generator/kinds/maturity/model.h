// Maturity models (content/maturity/<model-id>.yaml) as a typed model: a grid of dimensions (rows)
// by numbered levels (columns), each cell a list of descriptor sentences. Text stays Markdown;
// every value keeps the file and line it came from.
#pragma once
#include "content/yaml_source.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace icips::content {

// The folder of content/ with one YAML file per maturity model.
inline constexpr std::string_view kMaturityFolder = "maturity";

struct Level {
    int number = 0;  // 1..N, in order
    std::string title;
    std::string summary;  // optional
    std::vector<Note> notes;
    Location where;
};

struct Descriptor {
    std::string id;    // its 1-based position in the cell ("1", "2", ...), stable for anchors
    std::string text;  // Markdown, one whole sentence (or more) as in the source
    Location where;
};

struct Cell {
    int level = 0;
    std::vector<Descriptor> descriptors;  // in source order, top to bottom
    std::vector<Note> notes;
    Location where;
};

struct Dimension {
    std::string id;
    std::string title;
    std::string summary;      // optional
    std::vector<Cell> cells;  // one per level, in level order (when the file had no errors)
    std::vector<Note> notes;
    Location where;

    const Cell* cell(int level) const;
};

struct MaturityModel {
    std::string id;  // the file stem
    std::string title, short_title;
    std::string source;   // Markdown
    std::string licence;  // Markdown
    std::string intro;    // optional Markdown
    std::vector<Level> levels;  // lowest first
    std::vector<Dimension> dimensions;  // in source order
    std::vector<Note> notes;
    Location where;  // the file (line 0)

    const Level* level(int number) const;
    const Dimension* dimension(const std::string& id) const;
    size_t descriptor_count() const;
};

// Loads content_dir/maturity/*.yaml, sorted by file name; none when the folder is missing.
// Every error found is appended to `errors`; a model whose file cannot be parsed is left out.
std::vector<MaturityModel> load_maturity_models(const std::filesystem::path& content_dir,
                                                std::vector<Diagnostic>& errors);

// URLs (docs/urls.md).
std::string maturity_model_url(std::string_view model);                  // /maturity/ci-sam/
std::string maturity_dimension_url(std::string_view model, std::string_view dimension);  // /maturity/<model>/<dimension>/
std::string maturity_level_url(std::string_view model, int level);     // /maturity/<model>/level-2/
std::string maturity_sheet_url(std::string_view model);                // /maturity/<model>/sheet/
std::string maturity_self_assessment_url(std::string_view model);      // /maturity/<model>/self-assessment/
std::string maturity_json_url(std::string_view model);                 // /api/maturity/<model>.json
// The anchor of a cell ("leadership-2") and of a descriptor in it ("leadership-2-3"), the same on
// every page that shows them.
std::string maturity_cell_anchor(std::string_view dimension, int level);
std::string maturity_descriptor_anchor(std::string_view dimension, int level, std::string_view descriptor);
inline constexpr std::string_view kMaturityUrl = "/maturity/";

}  // namespace icips::content
