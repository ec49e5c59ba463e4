#include "render/theme.h"

#include "content/content_files.h"
#include "content/yaml_source.h"
#include "markdown/markdown.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <array>
#include <atomic>
#include <future>
#include <optional>
#include <set>

namespace fs = std::filesystem;
using icips::content::Diagnostic;

namespace icips::render {
namespace {

constexpr const char* kExtension = ".mustache";

// Every file below dirs[i]/sub, keyed by its path relative to that folder; earlier dirs win.
// Links are reported and never followed (a template or asset linked to a file elsewhere would be
// published); files whose names start with a dot are left out.
std::map<std::string, fs::path> merged_files(const std::vector<fs::path>& dirs, const char* sub,
                                             std::vector<Diagnostic>& errors) {
    std::map<std::string, fs::path> files;
    for (const auto& dir : dirs) {
        const fs::path root = dir / sub;
        if (!fs::is_directory(root)) continue;
        if (content::is_link(root)) {
            errors.push_back({root.string(), 0, 0, content::symlink_message()});
            continue;
        }
        for (const auto& path : content::list_files(root, errors, true)) {
            if (path.filename().native().starts_with('.')) continue;
            files.emplace(path.lexically_relative(root).generic_string(), path);  // no readlink per component
        }
    }
    return files;
}

// Line (1-based) of byte `offset` in `text`.
int line_of(const std::string& text, size_t offset) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

// A template syntax error in `text` (one file's own text, partials not inlined), at its line:
// kainjow ends its message with " at <byte offset>".
std::optional<Diagnostic> syntax_error(const std::string& text, const fs::path& path) {
    kainjow::mustache::mustache parsed{text};
    if (parsed.is_valid()) return std::nullopt;
    std::string message = parsed.error_message();
    int line = 0;
    if (const size_t at = message.rfind(" at "); at != std::string::npos &&
                                                 message.find_first_not_of("0123456789", at + 4) == std::string::npos &&
                                                 at + 4 < message.size()) {
        line = line_of(text, std::stoul(message.substr(at + 4)));
        message.erase(at);
    }
    return Diagnostic{path.string(), line, 0, "template error: " + message};
}

// Replaces every {{> name}} with the partial's text, recursively, so that each template is parsed
// once at load time and rendering never parses again.
struct PartialExpander {
    const std::map<std::string, std::string>& partials;        // name -> text
    const std::map<std::string, fs::path>& partial_paths;
    std::vector<Diagnostic>& errors;
    std::set<std::string>* included = nullptr;  // every partial inlined, when set

    std::string expand(const std::string& text, const std::string& path, std::vector<std::string>& stack) {
        std::string out;
        size_t pos = 0;
        while (true) {
            const size_t open = text.find("{{>", pos);
            if (open == std::string::npos) break;
            const size_t close = text.find("}}", open);
            if (close == std::string::npos) break;
            out.append(text, pos, open - pos);
            std::string name = text.substr(open + 3, close - open - 3);
            name.erase(0, name.find_first_not_of(" \t"));
            name.erase(name.find_last_not_of(" \t") + 1);
            pos = close + 2;
            auto found = partials.find(name);
            if (found == partials.end()) {
                std::vector<std::string> names;
                for (const auto& [n, t] : partials) names.push_back(n);
                std::string message = "unknown partial '" + name + "'";
                if (auto hint = content::did_you_mean(name, names)) message += " (did you mean '" + *hint + "'?)";
                errors.push_back({path, line_of(text, open), 0,
                                  message + "; partials live in templates/partials/<name>.mustache"});
                continue;
            }
            // A partial may include itself (nested lists). It is inlined as many times as lists may
            // nest, which the content loaders enforce; each level more would add a copy of the
            // partial to the parsed template.
            if (std::count(stack.begin(), stack.end(), name) >= content::kMaxListNesting) continue;
            stack.push_back(name);
            if (included) included->insert(name);
            out += expand(found->second, partial_paths.at(name).string(), stack);
            stack.pop_back();
        }
        out.append(text, pos, std::string::npos);
        return out;
    }
};

// The escape of {{var}}: the same characters and entities as kainjow's html_escape, which appends
// character by character into a string reserved at twice the size; this copies the runs between
// them, and most values have none.
std::string escape_html(const std::string& text) {
    static constexpr auto special = [] {
        std::array<bool, 256> table{};
        for (const unsigned char c : std::string_view("&<>\"'")) table[c] = true;
        return table;
    }();
    size_t next = 0;
    while (next < text.size() && !special[static_cast<unsigned char>(text[next])]) ++next;
    if (next == text.size()) return text;
    std::string out;
    out.reserve(text.size() + 16);
    size_t from = 0;
    for (; next < text.size(); ++next) {
        const char c = text[next];
        if (!special[static_cast<unsigned char>(c)]) continue;
        out.append(text, from, next - from);
        out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;" : "&apos;";
        from = next + 1;
    }
    out.append(text, from, std::string::npos);
    return out;
}

// `text` cut around its one "{{{main}}}" line, when that line holds nothing else and stands outside
// every section (the delimiters unchanged): the part before ends with the line break before the
// tag, the part after starts with the one after it. Each line keeps its place, so kainjow treats
// every line (standalone section tags included) as it does in the whole text.
std::optional<std::pair<std::string, std::string>> cut_at_main(const std::string& text) {
    const std::string line = "\n{{{main}}}\n";
    const size_t at = text.find(line);
    if (at == std::string::npos || text.find(line, at + 1) != std::string::npos) return std::nullopt;
    int depth = 0;
    for (size_t open = text.find("{{"); open < at; open = text.find("{{", open + 2)) {
        const char kind = open + 2 < text.size() ? text[open + 2] : '\0';
        if (kind == '#' || kind == '^') ++depth;
        else if (kind == '/') --depth;
        else if (kind == '=') return std::nullopt;  // other delimiters: leave it whole
    }
    if (depth != 0 || text.find("{{=", at) != std::string::npos) return std::nullopt;
    return std::pair{text.substr(0, at + 1), text.substr(at + line.size() - 1)};
}

// `text` parsed as every template of the theme is, its {{values}} escaped by escape_html. A
// template that does not parse is left as kainjow made it.
kainjow::mustache::mustache parse_template(const std::string& text) {
    kainjow::mustache::mustache parsed{text};
    if (parsed.is_valid()) parsed.set_custom_escape(escape_html);
    return parsed;
}

}  // namespace

std::optional<Theme::AroundMain> Theme::split_at_main(const std::string& text) {
    auto cut = cut_at_main(text);
    if (!cut) return std::nullopt;
    AroundMain split{parse_template(cut->first), parse_template(cut->second)};
    if (!split.before.is_valid() || !split.after.is_valid()) return std::nullopt;
    return split;
}

Theme Theme::load(const std::vector<fs::path>& dirs, std::vector<Diagnostic>& errors) {
    Theme theme;
    std::map<std::string, std::string> partials;
    std::map<std::string, fs::path> partial_paths;
    std::map<std::string, std::string> sources;
    for (const auto& [relative, path] : merged_files(dirs, "templates", errors)) {
        if (!relative.ends_with(kExtension)) continue;
        auto text = content::read_content_file(path, errors);
        if (!text) continue;
        theme.files_.push_back(path);
        const std::string name = relative.substr(0, relative.size() - std::string(kExtension).size());
        if (name.starts_with("partials/")) {
            partials[name.substr(9)] = *text;
            partial_paths[name.substr(9)] = path;
        } else {
            sources[name] = *text;
            theme.template_paths_[name] = path;
        }
    }
    // Each partial is checked on its own, so that a syntax error is reported in the file that holds
    // it, at its line, and only once however many templates include it.
    bool partial_broken = false;
    for (const auto& [name, text] : partials)
        if (auto error = syntax_error(text, partial_paths.at(name))) {
            errors.push_back(std::move(*error));
            partial_broken = true;
        }
    PartialExpander expander{partials, partial_paths, errors};
    std::vector<std::string> expanded;  // in the order of `sources`
    for (const auto& [name, text] : sources) {
        std::vector<std::string> stack;
        expander.included = &theme.partials_[name];
        expanded.push_back(expander.expand(text, theme.template_paths_[name].string(), stack));
    }
    // Parsing is most of the load (kainjow walks each expanded template character by character), and
    // the content loads beside it: the templates are parsed on two threads, the largest first, each
    // taking the next one left. Results and errors are then taken in name order.
    std::vector<std::optional<kainjow::mustache::mustache>> parsed(expanded.size());
    std::vector<size_t> order(expanded.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return expanded[a].size() > expanded[b].size(); });
    std::atomic<size_t> next{0};
    const auto parse_some = [&] {
        for (size_t k = next++; k < order.size(); k = next++) parsed[order[k]].emplace(parse_template(expanded[order[k]]));
    };
    {
        auto helper = std::async(std::launch::async, parse_some);
        parse_some();
    }
    size_t i = 0;
    for (const auto& [name, text] : sources) {
        const fs::path& path = theme.template_paths_[name];
        kainjow::mustache::mustache& template_ = *parsed[i];
        const std::string& expanded_text = expanded[i++];
        if (!template_.is_valid()) {
            // Only a template that fails is parsed again on its own (parsing every template twice
            // was a fifth of the theme's load time), to say where its own error is; if it parses
            // alone and its partials do too, a section opens in one file and closes in another.
            theme.broken_.insert(name);
            if (auto error = syntax_error(text, path)) errors.push_back(std::move(*error));
            else if (!partial_broken)
                errors.push_back({path.string(), 0, 0,
                                  "template error: " + template_.error_message() +
                                      " once its partials are included; open and close each section in the same file"});
            continue;
        }
        theme.templates_.emplace(name, std::move(template_));
        if (auto split = split_at_main(expanded_text)) theme.around_main_.emplace(name, std::move(*split));
    }
    for (const auto& [relative, path] : merged_files(dirs, "assets", errors)) {
        if (::access(path.c_str(), R_OK) != 0) {  // said now, at the file, rather than when it is copied
            errors.push_back({path.string(), 0, 0, std::string("cannot be read: ") + std::strerror(errno)});
            continue;
        }
        theme.assets_.push_back({relative, path});
        theme.files_.push_back(path);
    }
    return theme;
}

void Theme::require(const std::vector<std::string>& names, std::vector<Diagnostic>& errors) const {
    for (const auto& name : names)
        if (!has(name) && !broken_.count(name))  // a template that failed to parse is reported already
            errors.push_back({"templates/" + name + kExtension, 0, 0,
                              "the theme has no template '" + name + "'; add templates/" + name + kExtension});
}

namespace {
thread_local std::set<std::string>* recording = nullptr;
}

Theme::Recording::Recording(std::set<std::string>& used) : previous_(recording) { recording = &used; }
Theme::Recording::~Recording() { recording = previous_; }

const std::set<std::string>& Theme::partials_of(const std::string& name) const {
    static const std::set<std::string> none;
    const auto it = partials_.find(name);
    return it == partials_.end() ? none : it->second;
}

namespace {

// Appends what `parsed` renders to `out`: straight into the string (kainjow's own render(data) goes
// through an ostringstream and then copies its buffer out). Templates are parsed and their partials
// inlined at load time, so rendering only reads the parsed tree (kainjow writes its error message
// only for partials and lambdas, which never occur here); sharing one parsed template between render
// threads is therefore safe, and the const_cast too.
void render_into(const kainjow::mustache::mustache& parsed, const Data& data, std::string& out) {
    const_cast<kainjow::mustache::mustache&>(parsed).render(data, [&out](const std::string& piece) { out += piece; });
}

}  // namespace

std::string Theme::render(const std::string& name, const Data& data) const {
    if (recording) recording->insert(name);
    std::string out;
    out.reserve(16 * 1024);
    render_into(templates_.at(name), data, out);
    return out;
}

std::string Theme::render_around(const std::string& name, Data& data, std::string main) const {
    const auto split = around_main_.find(name);
    if (split == around_main_.end()) {
        put(data, "main", Data{std::string()});
        const_cast<std::string&>(data.get("main")->string_value()) = std::move(main);  // not const: ours
        return render(name, data);
    }
    if (recording) recording->insert(name);
    std::string out;
    out.reserve(main.size() + 16 * 1024);
    render_into(split->second.before, data, out);
    out += main;
    render_into(split->second.after, data, out);
    return out;
}

Data DataList::take() {
    Data list{Data::type::list};
    auto& items = const_cast<std::vector<Data>&>(list.list_value());  // the stored list is not const
    items.reserve(slots_.size());  // no reallocation below, so only moves
    for (auto& slot : slots_) items.push_back(std::move(slot.value));
    slots_.clear();
    return list;
}

Data markdown_block(const std::string& markdown, bool allow_raw_html) {
    return Data{icips::markdown::to_html(markdown, {allow_raw_html})};
}

Data markdown_inline(const std::string& markdown) { return Data{icips::markdown::to_inline_html(markdown)}; }

}  // namespace icips::render
