// Reading YAML with source locations. Every error names the file and the 1-based line and column
// counted from the start of the file, also for YAML that sits in a Markdown page's front matter.
#pragma once
#include "content/diagnostics.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace icips::content {

// A node of a loaded document: yaml-cpp's own. Only its const members are used, so that looking a
// key up never adds it. A key that is absent gives an undefined node (`!node`); Mark(), Type() and
// the Is...() tests throw on such a node, so test it first (at() and Reader do).
using YamlNode = YAML::Node;

// Where a YAML document sits in its file: `line_offset` lines precede it (front matter starts after
// "---").
struct YamlSource {
    std::string path;
    int line_offset = 0;
};

// Parses `text`; on a syntax error, invalid UTF-8, a control character or anything
// check_yaml_structure refuses, adds a diagnostic and returns std::nullopt. A text without a
// document gives a null node.
std::optional<YamlNode> parse_yaml(std::string_view text, const YamlSource& source, std::vector<Diagnostic>& errors);

// A diagnostic at a node's position (for the whole file when the node is undefined or has none).
Diagnostic at(const YamlNode& node, const YamlSource& source, std::string message);

// Reports every key of the mapping `node` that is not in `allowed`, with a "did you mean" hint,
// and every key of `required` that is missing. Returns false if `node` is not a mapping.
bool check_keys(const YamlNode& node, const YamlSource& source, const std::vector<std::string>& allowed,
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

    Location where(const YamlNode& n) const;
    void error(const YamlNode& n, std::string message);
    std::string text(const YamlNode& map, const char* key);        // "" when absent
    int integer(const YamlNode& map, const char* key);             // 0 when absent
    bool boolean(const YamlNode& map, const char* key, bool fallback);
    YamlNode list(const YamlNode& map, const char* key);         // empty when absent
    std::vector<Note> notes(const YamlNode& map);                  // the optional `notes:` list
    std::string id(const YamlNode& map, const char* key = "id");   // [a-z0-9]+(-[a-z0-9]+)*
};

// How many levels lists of the model may nest (items in items, follow-ups in follow-ups): the
// loaders refuse deeper ones, and a theme partial that includes itself is inlined this many times.
constexpr int kMaxListNesting = 3;

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
// Pass the file's text by std::move: the body keeps its buffer.
std::optional<MarkdownPage> split_front_matter(std::string text, const std::string& path,
                                               std::vector<Diagnostic>& errors);

// --- Helpers for loaders of whole YAML files, one object per file (packs, maturity models) ---

// True when `id` is [a-z0-9]+(-[a-z0-9]+)*, the form every id takes (ids become URL parts).
bool is_valid_id(const std::string& id);

// Like Reader::text and Reader::id, for a key check_keys requires: a present but blank value is
// reported too ("'title' must not be empty").
std::string required_text(Reader& r, const YamlNode& map, const char* key);
std::string required_id(Reader& r, const YamlNode& map, const char* key = "id");

// Reader::list for a list that must hold something: a present but empty (or null) list is reported
// as "'<key>' is empty; <hint>".
YamlNode nonempty_list(Reader& r, const YamlNode& map, const char* key, const std::string& hint);

// The key node of `key` in the mapping `map`, for errors about a key rather than its value (`map`
// itself when the key is absent).
YamlNode key_of(const YamlNode& map, const char* key);

// Reports what yaml-cpp's loader accepts silently but a content file must not do: aliases that
// refer to a node containing them (a loop), more than `max_values` values, counting each use of an
// alias in full (a "billion laughs" would hang a loader), a key given twice in one mapping, and a
// second document after "---". `doc` is `text` loaded. Returns false when it reported something.
// parse_yaml runs it.
bool check_yaml_structure(const YamlNode& doc, std::string_view text, const YamlSource& source,
                          std::vector<Diagnostic>& errors, long max_values = 100000);

// The file as a YAML document; std::nullopt with a diagnostic when it cannot be read, is empty, is
// not valid YAML (parse_yaml).
std::optional<YamlNode> read_yaml_file(const std::filesystem::path& file, Reader& reader);

// The files of a folder that holds one object per file, `<id>.yaml`, sorted by name. Any other entry
// (another extension, a folder, a name that is not a valid id) is reported with `kind` ("pack") and
// left out. A missing folder gives no files and no error.
struct IdFile {
    std::filesystem::path path;
    std::string id;  // the file stem
};
std::vector<IdFile> id_files(const std::filesystem::path& dir, const std::string& kind,
                             std::vector<Diagnostic>& errors);

// Loads each of id_files(dir, kind) with `load(file, errors)`, which returns a std::optional, and
// keeps those that load, in file-name order.
template <typename Load>
auto load_id_files(const std::filesystem::path& dir, const std::string& kind, std::vector<Diagnostic>& errors,
                   Load load) {
    std::vector<typename std::invoke_result_t<Load, const IdFile&, std::vector<Diagnostic>&>::value_type> out;
    for (const auto& file : id_files(dir, kind, errors))
        if (auto loaded = load(file, errors)) out.push_back(std::move(*loaded));
    return out;
}

// The element of `list` whose `id` is `id`, or nullptr.
template <typename T>
const T* find_by_id(const std::vector<T>& list, const std::string& id) {
    for (const auto& x : list)
        if (x.id == id) return &x;
    return nullptr;
}

// "<what> '<value>'" followed by " (did you mean '<candidate>'?)" when a candidate is close to it
// (did_you_mean) or starts with it, or it starts with a candidate.
std::string unknown_name(const std::string& what, const std::string& value,
                         const std::vector<std::string>& candidates);

// The ids used so far in one scope, e.g. the questions of one worksheet. claim() reports an id
// used before as "duplicate <what> id 'x' (first used at line N); ids must be unique within <scope>".
class IdScope {
public:
    IdScope(std::string what, std::string scope) : what_(std::move(what)), scope_(std::move(scope)) {}
    void claim(const std::string& id, const YamlNode& node, Reader& r);

private:
    std::string what_, scope_;
    std::vector<std::pair<std::string, int>> seen_;  // id, line
};

}  // namespace icips::content
