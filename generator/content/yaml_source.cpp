#include "content/yaml_source.h"
#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace icips::content {

Diagnostic at(const YAML::Node& node, const YamlSource& source, std::string message) {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return {source.path, 0, 0, std::move(message)};
    return {source.path, mark.line + 1 + source.line_offset, mark.column + 1, std::move(message)};
}

std::optional<YAML::Node> parse_yaml(std::string_view text, const YamlSource& source,
                                     std::vector<Diagnostic>& errors) {
    if (auto bad = first_invalid_utf8(text)) {
        errors.push_back({source.path, bad->line + source.line_offset, bad->column,
                          "invalid UTF-8; save the file as UTF-8"});
        return std::nullopt;
    }
    try {
        return YAML::Load(std::string(text));
    } catch (const YAML::ParserException& e) {
        errors.push_back({source.path, e.mark.line + 1 + source.line_offset, e.mark.column + 1,
                          "YAML syntax error: " + e.msg});
        return std::nullopt;
    }
}

bool check_keys(const YAML::Node& node, const YamlSource& source, const std::vector<std::string>& allowed,
                const std::vector<std::string>& required, std::vector<Diagnostic>& errors) {
    if (!node.IsMap()) {
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

std::optional<MarkdownPage> split_front_matter(std::string_view text, const std::string& path,
                                               std::vector<Diagnostic>& errors) {
    MarkdownPage page;
    if (!(text.starts_with("---\n") || text.starts_with("---\r\n"))) {
        page.body = std::string(text);
        return page;
    }
    size_t pos = text.find('\n') + 1;
    int line = 2;
    page.front_matter_line = 2;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        std::string_view current = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (current.ends_with('\r')) current.remove_suffix(1);
        if (current == "---") {
            page.front_matter = std::string(text.substr(text.find('\n') + 1, pos - text.find('\n') - 1));
            page.body = end == std::string_view::npos ? std::string() : std::string(text.substr(end + 1));
            page.body_line = line + 1;
            return page;
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
        ++line;
    }
    errors.push_back({path, 1, 1, "front matter opened with '---' is never closed; add a line '---' after it"});
    return std::nullopt;
}


Location Reader::where(const YAML::Node& n) const { return {source.path, n.Mark().is_null() ? 0 : n.Mark().line + 1}; }
void Reader::error(const YAML::Node& n, std::string message) { errors.push_back(at(n, source, std::move(message))); }

std::string Reader::text(const YAML::Node& map, const char* key) {
    const YAML::Node n = map[key];
    if (!n) return {};
    if (!n.IsScalar()) {
        error(n, std::string("'") + key + "' must be text");
        return {};
    }
    return n.Scalar();
}
int Reader::integer(const YAML::Node& map, const char* key) {
    const YAML::Node n = map[key];
    if (!n) return 0;
    try {
        if (n.IsScalar()) return n.as<int>();
    } catch (const YAML::Exception&) {
    }
    error(n, std::string("'") + key + "' must be a whole number");
    return 0;
}
bool Reader::boolean(const YAML::Node& map, const char* key, bool fallback) {
    const YAML::Node n = map[key];
    if (!n) return fallback;
    try {
        if (n.IsScalar()) return n.as<bool>();
    } catch (const YAML::Exception&) {
    }
    error(n, std::string("'") + key + "' must be true or false");
    return fallback;
}
YAML::Node Reader::list(const YAML::Node& map, const char* key) {
    const YAML::Node n = map[key];
    if (!n || n.IsNull()) return YAML::Node(YAML::NodeType::Sequence);
    if (!n.IsSequence()) {
        error(n, std::string("'") + key + "' must be a list");
        return YAML::Node(YAML::NodeType::Sequence);
    }
    return n;
}
std::vector<Note> Reader::notes(const YAML::Node& map) {
    std::vector<Note> out;
    for (const auto& n : list(map, "notes")) {
        if (n.IsScalar()) out.push_back({n.Scalar(), where(n)});
        else error(n, "each note must be text");
    }
    return out;
}
std::string Reader::id(const YAML::Node& map, const char* key) {
    static const std::regex valid("[a-z0-9]+(-[a-z0-9]+)*");
    std::string value = text(map, key);
    if (!value.empty() && !std::regex_match(value, valid))
        error(map[key], "id '" + value + "' may hold only lowercase letters, digits and single hyphens");
    return value;
}

std::optional<std::string> read_text_file(const std::filesystem::path& file, std::vector<Diagnostic>& errors) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        errors.push_back({file.string(), 0, 0, "cannot be read"});
        return std::nullopt;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

}  // namespace icips::content
