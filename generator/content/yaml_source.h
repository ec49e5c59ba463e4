// Reading YAML with source locations. Every error names the file and the 1-based line and column
// counted from the start of the file, also for YAML that sits in a Markdown page's front matter.
#pragma once
#include "content/diagnostics.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace icips::content {

// Where a YAML document sits in its file: `line_offset` lines precede it (front matter starts after "---").
struct YamlSource {
    std::string path;
    int line_offset = 0;
};

// Parses `text`; on a syntax error (or invalid UTF-8) adds a diagnostic and returns nullopt.
std::optional<YAML::Node> parse_yaml(std::string_view text, const YamlSource& source, std::vector<Diagnostic>& errors);

// A diagnostic at a node's position.
Diagnostic at(const YAML::Node& node, const YamlSource& source, std::string message);

// Reports every key of the mapping `node` that is not in `allowed`, with a "did you mean" hint,
// and every key of `required` that is missing. Returns false if `node` is not a mapping.
bool check_keys(const YAML::Node& node, const YamlSource& source, const std::vector<std::string>& allowed,
                const std::vector<std::string>& required, std::vector<Diagnostic>& errors);

// Where a model value came from (1-based line; 0 for the whole file).
struct Location {
    std::string path;
    int line = 0;
};

struct Note {
    std::string text;  // Markdown
    Location where;
};

// Reads typed values out of one YAML file's mappings, reporting a wrong type at the value's line.
// yaml-cpp's as<T>(fallback) hides conversion failures, so values are converted without one.
struct Reader {
    YamlSource source;
    std::vector<Diagnostic>& errors;

    Location where(const YAML::Node& n) const;
    void error(const YAML::Node& n, std::string message);
    std::string text(const YAML::Node& map, const char* key);        // "" when absent
    int integer(const YAML::Node& map, const char* key);             // 0 when absent
    bool boolean(const YAML::Node& map, const char* key, bool fallback);
    YAML::Node list(const YAML::Node& map, const char* key);         // empty when absent
    std::vector<Note> notes(const YAML::Node& map);                  // the optional `notes:` list
    std::string id(const YAML::Node& map, const char* key = "id");   // [a-z0-9]+(-[a-z0-9]+)*
};

// The whole file as bytes, or nullopt with a diagnostic when it cannot be read.
std::optional<std::string> read_text_file(const std::filesystem::path& file, std::vector<Diagnostic>& errors);

// A Markdown page split into its front matter and body. `body_line` is the 1-based file line where
// the body starts; `front_matter` is empty when the page has none.
struct MarkdownPage {
    std::string front_matter;
    std::string body;
    int front_matter_line = 0;  // file line of the first front-matter line
    int body_line = 1;
};
// Returns nullopt (and a diagnostic) when an opening "---" has no closing one.
std::optional<MarkdownPage> split_front_matter(std::string_view text, const std::string& path,
                                               std::vector<Diagnostic>& errors);

}  // namespace icips::content
