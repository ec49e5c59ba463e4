#include "content/yaml_source.h"

#include "support/files.h"

#include <algorithm>
#include <map>

namespace icips::content {

Diagnostic at(const YamlNode& node, const YamlSource& source, std::string message) {
    // A node without a position (an absent key, the null root of an empty document) gives an error
    // for the whole file (a missing key itself is reported at its mapping by check_keys).
    const YAML::Mark mark = node ? node.Mark() : YAML::Mark::null_mark();
    if (mark.is_null()) return {source.path, 0, 0, std::move(message)};
    return {source.path, mark.line + 1 + source.line_offset, mark.column + 1, std::move(message)};
}

std::optional<YamlNode> parse_yaml(std::string_view text, const YamlSource& source, std::vector<Diagnostic>& errors) {
    auto bad = first_unprintable(text);
    if (!bad) bad = first_lone_cr(text);
    if (bad) {
        errors.push_back({source.path, bad->line + source.line_offset, bad->column, bad->message});
        return std::nullopt;
    }
    YamlNode doc;
    try {
        doc = YAML::Load(std::string(text));  // the first document; check_yaml_structure reports a second
    } catch (const YAML::ParserException& e) {
        errors.push_back({source.path, e.mark.line + 1 + source.line_offset, e.mark.column + 1,
                          "YAML syntax error: " + e.msg});
        return std::nullopt;
    }
    if (!check_yaml_structure(doc, text, source, errors)) return std::nullopt;
    return doc;
}

bool check_keys(const YamlNode& node, const YamlSource& source, const std::vector<std::string>& allowed,
                const std::vector<std::string>& required, std::vector<Diagnostic>& errors) {
    if (!node || !node.IsMap()) {
        errors.push_back(at(node, source, "expected a mapping of keys to values"));
        return false;
    }
    for (const auto& entry : node) {
        const auto key = entry.first.Scalar();
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        std::string message = "unknown key '" + key + "'";
        if (auto hint = did_you_mean(key, allowed)) message += "; did you mean '" + *hint + "'?";
        errors.push_back(at(entry.first, source, std::move(message)));
    }
    for (const auto& key : required) {
        if (!node[key]) errors.push_back(at(node, source, "missing required key '" + key + "'"));
    }
    return true;
}

namespace {

// Where a page's parts are in its text: the front matter is [front_begin, front_end), the body
// starts at `body`.
struct SplitAt {
    size_t front_begin = 0, front_end = 0, body = 0;
    int front_matter_line = 0, body_line = 1;
};

std::optional<SplitAt> find_split(std::string_view text, const std::string& path, std::vector<Diagnostic>& errors) {
    SplitAt at;
    // A byte order mark (some Windows editors write one) is not part of the text.
    const size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    text.remove_prefix(start);
    at.body = start;
    if (!(text.starts_with("---\n") || text.starts_with("---\r\n"))) return at;
    size_t pos = text.find('\n') + 1;
    int line = 2;
    at.front_matter_line = 2;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        std::string_view current = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (current.ends_with('\r')) current.remove_suffix(1);
        if (current == "---") {
            at.front_begin = start + text.find('\n') + 1;
            at.front_end = start + pos;
            at.body = end == std::string_view::npos ? start + text.size() : start + end + 1;
            at.body_line = line + 1;
            return at;
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
        ++line;
    }
    errors.push_back({path, 1, 1, "front matter opened with '---' is never closed; add a line '---' after it"});
    return std::nullopt;
}

}  // namespace

std::optional<MarkdownPage> split_front_matter(std::string text, const std::string& path,
                                               std::vector<Diagnostic>& errors) {
    const auto at = find_split(text, path, errors);
    if (!at) return std::nullopt;
    MarkdownPage page;
    page.front_matter = text.substr(at->front_begin, at->front_end - at->front_begin);
    page.front_matter_line = at->front_matter_line;
    page.body_line = at->body_line;
    text.erase(0, at->body);  // the body keeps the text's buffer: no second copy of a long page
    page.body = std::move(text);
    return page;
}

namespace {

// map[key], also when `map` is not a mapping (yaml-cpp throws for a scalar): undefined then.
YamlNode lookup(const YamlNode& map, const char* key) {
    if (map && map.IsMap()) return map[key];
    return YamlNode(YAML::NodeType::Undefined);
}

}  // namespace

Location Reader::where(const YamlNode& n) const {
    const YAML::Mark mark = n ? n.Mark() : YAML::Mark::null_mark();
    return {source.path, mark.is_null() ? 0 : mark.line + 1};
}
void Reader::error(const YamlNode& n, std::string message) { errors.push_back(at(n, source, std::move(message))); }

std::string Reader::text(const YamlNode& map, const char* key) {
    const YamlNode n = lookup(map, key);
    if (!n) return {};
    if (!n.IsScalar()) {
        error(n, std::string("'") + key + "' must be text");
        return {};
    }
    return n.Scalar();
}
int Reader::integer(const YamlNode& map, const char* key) {
    const YamlNode n = lookup(map, key);
    if (!n) return 0;
    try {
        if (n.IsScalar()) return YAML::Node(n.Scalar()).as<int>();  // yaml-cpp's own conversion rules
    } catch (const YAML::Exception&) {
    }
    error(n, std::string("'") + key + "' must be a whole number");
    return 0;
}
bool Reader::boolean(const YamlNode& map, const char* key, bool fallback) {
    const YamlNode n = lookup(map, key);
    if (!n) return fallback;
    try {
        if (n.IsScalar()) return YAML::Node(n.Scalar()).as<bool>();
    } catch (const YAML::Exception&) {
    }
    error(n, std::string("'") + key + "' must be true or false");
    return fallback;
}
YamlNode Reader::list(const YamlNode& map, const char* key) {
    const YamlNode n = lookup(map, key);
    if (!n || n.IsNull()) return YamlNode(YAML::NodeType::Sequence);
    if (!n.IsSequence()) {
        error(n, std::string("'") + key + "' must be a list");
        return YamlNode(YAML::NodeType::Sequence);
    }
    return n;
}
std::vector<Note> Reader::notes(const YamlNode& map) {
    std::vector<Note> out;
    for (const auto& n : list(map, "notes")) {
        if (n.IsScalar()) out.push_back({n.Scalar(), where(n)});
        else error(n, "each note must be text");
    }
    return out;
}
std::string Reader::id(const YamlNode& map, const char* key) {
    std::string value = text(map, key);
    if (!value.empty() && !is_valid_id(value))
        error(map[key], "id '" + value + "' may hold only lowercase letters, digits and single hyphens");
    return value;
}

std::optional<std::string> read_text_file(const std::filesystem::path& file, std::vector<Diagnostic>& errors) {
    auto text = support::read_file(file);
    if (!text) errors.push_back({file.string(), 0, 0, "cannot be read"});
    return text;
}

// A required value read by `read`; a null or blank one is reported as empty (a null one at its key,
// since yaml-cpp places a null value at the token after it).
static std::string required(Reader& r, const YamlNode& map, const char* key,
                            std::string (Reader::*read)(const YamlNode&, const char*)) {
    const YamlNode n = lookup(map, key);
    const std::string empty = std::string("'") + key + "' must not be empty";
    if (n && n.IsNull()) {
        r.error(key_of(map, key), empty);
        return {};
    }
    std::string value = (r.*read)(map, key);
    if (n && n.IsScalar() && value.find_first_not_of(" \t\r\n") == std::string::npos) r.error(n, empty);
    return value;
}
std::string required_text(Reader& r, const YamlNode& map, const char* key) {
    return required(r, map, key, &Reader::text);
}
std::string required_id(Reader& r, const YamlNode& map, const char* key) { return required(r, map, key, &Reader::id); }

YamlNode nonempty_list(Reader& r, const YamlNode& map, const char* key, const std::string& hint) {
    const YamlNode n = lookup(map, key);
    if (n && (n.IsNull() || (n.IsSequence() && n.size() == 0)))
        r.error(n.IsNull() ? key_of(map, key) : n, std::string("'") + key + "' is empty; " + hint);
    return r.list(map, key);
}

YamlNode key_of(const YamlNode& map, const char* key) {
    if (map && map.IsMap())
        for (const auto& entry : map)
            if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.first;
    return map;
}

namespace {

// Walks a loaded document and finds what yaml-cpp's loader accepts silently but a content file
// must not do: an alias inside the node it names (a loop), more values than a limit (aliases can
// make a short file a "billion laughs", which would hang a loader), and a key given twice in one
// mapping (lookups see only the first). The loader shares aliased nodes, so walking them counts
// each expansion; the walk stops at the limit.
struct StructureWalk {
    long limit;
    long total = 0;
    std::vector<YamlNode> path;  // the nodes from the root to the current one
    std::optional<YAML::Mark> loop;
    std::optional<std::pair<YAML::Mark, std::string>> duplicate;  // the second key, its text
    int first_line_of_duplicate = 0;
    // Nodes come in the order of the text, so a node that starts before one seen already is one
    // reached again through an alias.
    long furthest = -1;
    bool alias_expanded = false;

    bool done() const { return loop || total > limit; }

    void visit(const YamlNode& node) {
        if (done()) return;
        for (const auto& ancestor : path)
            if (ancestor.is(node)) {
                loop = node.Mark();
                return;
            }
        ++total;
        const long pos = node.Mark().pos;
        if (pos < furthest) alias_expanded = true;
        furthest = std::max(furthest, pos);
        if (!node.IsMap() && !node.IsSequence()) return;
        path.push_back(node);
        if (node.IsSequence()) {
            for (const auto& child : node) visit(child);
        } else {
            std::map<std::string, int> keys;  // scalar key -> 1-based line
            for (const auto& entry : node) {
                if (!duplicate && entry.first.IsScalar())
                    if (auto [it, fresh] = keys.emplace(entry.first.Scalar(), entry.first.Mark().line + 1); !fresh) {
                        duplicate = {entry.first.Mark(), entry.first.Scalar()};
                        first_line_of_duplicate = it->second;
                    }
                visit(entry.first);
                visit(entry.second);
            }
        }
        path.pop_back();
    }
};

// Where a second document of `text` starts: the line of its "---" (1-based), or 0. Text scan: a
// "---" line can only be a document marker (inside a scalar YAML forbids it at column 0).
int second_document_line(std::string_view text) {
    int line = 1;
    bool content_seen = false;  // a document's content (not comments, directives or its own "---")
    for (size_t pos = 0; pos <= text.size();) {
        size_t end = text.find('\n', pos);
        std::string_view current = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (current.ends_with('\r')) current.remove_suffix(1);
        const bool marker = current == "---" || current.starts_with("--- ") || current.starts_with("---\t");
        if (marker && content_seen) return line;
        const size_t first = marker ? current.find_first_not_of(" \t", 3) : current.find_first_not_of(" \t");
        // "--- value" puts content on the marker's own line; "..." ends a document
        if (first != std::string_view::npos && current[first] != '#' && (marker || (current[0] != '%' && current != "...")))
            content_seen = true;
        if (end == std::string_view::npos) break;
        pos = end + 1;
        ++line;
    }
    return 0;
}

}  // namespace

bool check_yaml_structure(const YamlNode& doc, std::string_view text, const YamlSource& source,
                          std::vector<Diagnostic>& errors, long max_values) {
    StructureWalk walk{max_values};
    walk.visit(doc);
    bool ok = true;
    if (walk.loop) {
        // The loop is found at the anchored node ("&name"); point at the alias that closes it.
        TextPosition where{walk.loop->line + 1, walk.loop->column + 1};
        std::string message = "this value contains an alias to itself; write the value out instead";
        const auto pos = static_cast<size_t>(walk.loop->pos);
        if (pos < text.size() && text[pos] == '&') {
            const size_t name_end = text.find_first_of(" \t\r\n,[]{}", pos);
            const std::string alias = "*" + std::string(text.substr(pos + 1, name_end - pos - 1));
            for (size_t at = text.find(alias, pos); at != std::string_view::npos; at = text.find(alias, at + 1)) {
                const size_t after = at + alias.size();
                if (after < text.size() && std::string_view(" \t\r\n,]}").find(text[after]) == std::string_view::npos)
                    continue;  // a longer alias name
                const std::string_view before = text.substr(0, at);
                const size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
                where = {1 + static_cast<int>(std::count(before.begin(), before.end(), '\n')),
                         static_cast<int>(at - line_start) + 1};
                message = "this alias refers to a value that contains it (" + alias.substr(1) + " is anchored at line " +
                          std::to_string(walk.loop->line + 1 + source.line_offset) + "); write the value out instead";
                break;
            }
        }
        errors.push_back({source.path, where.line + source.line_offset, where.column, message});
        ok = false;
    } else if (walk.total > max_values) {
        const std::string limit = std::to_string(max_values);
        errors.push_back({source.path, 0, 0,
                          walk.alias_expanded
                              ? "aliases expand this file to more than " + limit +
                                    " values; write the values out instead of nesting aliases"
                              : "this file has more than " + limit + " values; split it into smaller files"});
        ok = false;
    }
    if (walk.duplicate) {
        const auto& [mark, key] = *walk.duplicate;
        errors.push_back({source.path, mark.line + 1 + source.line_offset, mark.column + 1,
                          "key '" + key + "' is given twice in one mapping (first at line " +
                              std::to_string(walk.first_line_of_duplicate + source.line_offset) +
                              "); keep one of them"});
        ok = false;
    }
    if (const int line = second_document_line(text)) {
        errors.push_back({source.path, line + source.line_offset, 1,
                          "a second YAML document starts here ('---' separates documents) and would be ignored; "
                          "a content file holds one document: remove the '---' line"});
        ok = false;
    }
    return ok;
}

std::optional<YamlNode> read_yaml_file(const std::filesystem::path& file, Reader& reader) {
    auto text = read_text_file(file, reader.errors);
    if (!text) return std::nullopt;
    if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
        reader.errors.push_back({file.string(), 0, 0, "file is empty"});
        return std::nullopt;
    }
    return parse_yaml(*text, reader.source, reader.errors);
}

std::vector<IdFile> id_files(const std::filesystem::path& dir, const std::string& kind,
                             std::vector<Diagnostic>& errors) {
    std::vector<IdFile> files;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return files;
    std::vector<std::filesystem::path> entries;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) entries.push_back(entry.path());
    if (ec) errors.push_back({dir.string(), 0, 0, "cannot be read"});
    std::sort(entries.begin(), entries.end());
    const std::string folder = dir.filename().string();
    for (const auto& path : entries) {
        const std::string id = path.stem().string();
        if (!std::filesystem::is_regular_file(path, ec) || path.extension() != ".yaml")
            errors.push_back({path.string(), 0, 0,
                              "not a " + kind + " file; each " + kind + " goes in " + folder + "/<id>.yaml"});
        else if (!is_valid_id(id))
            errors.push_back({path.string(), 0, 0,
                              "file name '" + id + "' is not a valid " + kind +
                                  " id; rename the file with lowercase letters, digits and single hyphens"});
        else
            files.push_back({path, id});
    }
    return files;
}

std::string unknown_name(const std::string& what, const std::string& value,
                         const std::vector<std::string>& candidates) {
    std::string message = what + " '" + value + "'";
    auto hint = did_you_mean(value, candidates);
    for (const auto& c : candidates) {  // also a truncated or extended name: 'yes-partly' for 'yes-partly-not'
        if (hint) break;
        if (!value.empty() && (c.starts_with(value) || value.starts_with(c))) hint = c;
    }
    if (hint) message += " (did you mean '" + *hint + "'?)";
    return message;
}

void IdScope::claim(const std::string& id, const YamlNode& node, Reader& r) {
    if (id.empty()) return;  // missing or blank ids are reported where they are read
    auto it = std::find_if(seen_.begin(), seen_.end(), [&](const auto& s) { return s.first == id; });
    if (it == seen_.end()) {
        seen_.emplace_back(id, r.where(node).line);
        return;
    }
    r.error(node, "duplicate " + what_ + " id '" + id + "' (first used at line " + std::to_string(it->second) +
                      "); ids must be unique within " + scope_);
}

}  // namespace icips::content
