// Worksheet packs (content/packs/<pack-id>.yaml) as a typed model: guidance sections, cycle
// diagrams, and worksheets of questions to answer on screen or on paper. Text stays Markdown;
// every value keeps the file and line it came from.
#pragma once
#include "content/yaml_source.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace icips::content {

// The folder of content/ with one YAML file per worksheet pack.
inline constexpr std::string_view kPacksFolder = "packs";

// A named rating scale that scale questions refer to.
struct Scale {
    std::string id;
    std::vector<std::string> options;
    std::vector<Note> notes;
    Location where;
};

struct DiagramStep {
    std::string text;  // Markdown
    bool optional = false;
    std::vector<Note> notes;
    Location where;
};

// A cycle diagram the generator draws with real text.
struct Diagram {
    std::string title;  // optional caption
    std::vector<DiagramStep> steps;  // in cycle order
    std::string centre;  // optional text in the middle
    std::vector<Note> notes;
    Location where;
};

// A titled box to fill in (questions of kind boxes).
struct Box {
    std::string id, title;
    std::string text;  // optional Markdown hint inside the box
    int lines = 4;
    std::vector<Note> notes;
    Location where;
};

// A column or row heading of a template table.
struct Heading {
    std::string id;
    std::string title;  // Markdown
    std::vector<Note> notes;
    Location where;
};

// A template table to fill in (questions of kind table).
struct Table {
    std::string corner;  // optional top-left header cell
    std::vector<Heading> columns;
    std::vector<Heading> rows;  // row headings; empty when `count` blank rows are asked for
    int count = 0;              // number of blank rows when there are no row headings
    int cell_lines = 1;         // height of each blank cell
    std::vector<Note> notes;
    Location where;

    int row_count() const { return rows.empty() ? count : static_cast<int>(rows.size()); }
};

enum class QuestionKind { text, scale, boxes, table, none };
std::string_view to_string(QuestionKind kind);

struct Question {
    std::string id;     // unique within the worksheet, follow-ups included
    std::string label;  // optional, as printed ("a)", "Option 1:")
    std::string text;   // Markdown prompt
    QuestionKind kind = QuestionKind::text;
    int lines = 0;                     // text: answer lines (default 4); 0 for other kinds
    std::vector<std::string> options;  // scale: the choices, from the named scale or given inline
    std::string scale_id;              // scale: the named scale, "" when the options are inline
    std::vector<Box> boxes;            // boxes
    Table table;                       // table
    std::vector<Question> follow_ups;
    std::vector<Note> notes;
    Location where;
};

// Whether the question, its boxes, table or table headings (follow-ups aside) have editorial notes:
// one entry on /editorial-notes/ gathers them all.
bool has_notes(const Question& q);

struct Worksheet {
    std::string id;  // unique within the pack
    std::string title;
    std::string intro;  // optional Markdown
    std::vector<Question> questions;
    std::vector<Note> notes;
    Location where;

    const Question* question(const std::string& id) const;  // follow-ups included
};

struct Section {
    std::string id;  // unique within the pack
    std::string title;
    std::string body;  // optional Markdown guidance
    std::optional<Diagram> diagram;
    std::vector<Worksheet> worksheets;
    std::vector<Note> notes;
    Location where;
};

struct Pack {
    std::string id;  // the file stem
    std::string title, subtitle;
    std::string source;  // Markdown
    std::string intro;   // optional Markdown
    std::vector<Scale> scales;
    std::vector<Section> sections;
    std::vector<Note> notes;
    Location where;  // the file (line 0)

    const Scale* scale(const std::string& id) const;
    const Section* section(const std::string& id) const;
    const Worksheet* worksheet(const std::string& id) const;
    std::vector<const Worksheet*> worksheets() const;  // every section's, in order
};

// Loads content_dir/packs/*.yaml, sorted by file name; none when the folder is missing.
// Every error found is appended to `errors`; a pack whose file cannot be parsed is left out.
std::vector<Pack> load_packs(const std::filesystem::path& content_dir, std::vector<Diagnostic>& errors);

// URLs (docs/urls.md).
std::string pack_url(std::string_view pack);                           // /packs/csit-document-one/
std::string worksheet_url(std::string_view pack, std::string_view worksheet);  // /packs/<pack>/<worksheet>/
std::string pack_print_url(std::string_view pack);                     // /packs/<pack>/print/
std::string pack_json_url(std::string_view pack);                      // /api/packs/<pack>.json

}  // namespace icips::content
