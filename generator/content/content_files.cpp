#include "content/content_files.h"

#include "content/limits.h"
#include "support/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace fs = std::filesystem;

namespace icips::content {

bool is_valid_id(const std::string& id) {
    bool after_hyphen = true;  // at the start, as after a hyphen, a letter or digit must come
    for (const char c : id) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) after_hyphen = false;
        else if (c == '-' && !after_hyphen) after_hyphen = true;
        else return false;
    }
    return !after_hyphen;
}

std::optional<std::string> page_name_problem(std::string_view name) {
    if (first_invalid_utf8(name)) return std::string("is not valid UTF-8; rename it");
    const std::string what = "'" + std::string(name.substr(0, kMaxIdLength)) + (name.size() > kMaxIdLength ? "..." : "") + "'";
    if (name.size() > kMaxIdLength)
        return what + " has " + std::to_string(name.size()) + " characters; page and folder names may have at most " +
               std::to_string(kMaxIdLength);
    if (!is_valid_id(std::string(name)))
        return what + " cannot be part of a URL; name pages and their folders with lowercase letters, digits and "
                      "single hyphens (like 'getting-started.md')";
    return std::nullopt;
}

std::string symlink_message() {
    return "is a symbolic link; content and theme files are never read through links (copy the file in instead)";
}

bool is_link(const fs::path& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

namespace {

std::string cause(int error) { return std::strerror(error); }

}  // namespace

std::vector<fs::path> list_files(const fs::path& dir, std::vector<Diagnostic>& errors, bool report_links) {
    std::vector<fs::path> files;
    std::vector<fs::path> folders{dir};
    while (!folders.empty()) {
        const fs::path folder = std::move(folders.back());
        folders.pop_back();
        std::error_code ec;
        fs::directory_iterator it(folder, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            const fs::path& path = it->path();
            std::error_code type_ec;
            const auto type = it->symlink_status(type_ec).type();
            if (path.filename().native().starts_with('.') && type != fs::file_type::regular) continue;
            if (type == fs::file_type::symlink) {
                if (report_links) errors.push_back({path.string(), 0, 0, symlink_message()});
            } else if (type == fs::file_type::directory) {
                folders.push_back(path);
            } else if (type == fs::file_type::regular) {
                files.push_back(path);
            }
        }
        if (ec) errors.push_back({folder.string(), 0, 0, "this folder cannot be read: " + ec.message() + " (check its permissions)"});
    }
    std::sort(files.begin(), files.end());
    return files;
}

namespace {

// The message for a content file that cannot be read with `error` (an errno).
std::string unreadable(const fs::path& file, int error) {
    if (error == ELOOP) return symlink_message();
    if (error == EFBIG) {
        std::error_code ec;
        const auto size = fs::file_size(file, ec);
        return "is " + std::to_string(size / 1024) + " KB; a content file may have at most " +
               std::to_string(kMaxFileBytes / 1024 / 1024) + " MB (split it into several files)";
    }
    if (error == EISDIR) return "is a folder, not a file";
    return "cannot be read: " + cause(error);
}

}  // namespace

bool check_content_file(const fs::path& file, std::vector<Diagnostic>& errors) {
    struct stat st {};
    int error = 0;
    if (::lstat(file.c_str(), &st) != 0) error = errno;
    else if (S_ISLNK(st.st_mode)) error = ELOOP;
    else if (S_ISDIR(st.st_mode)) error = EISDIR;
    else if (static_cast<std::size_t>(st.st_size) > kMaxFileBytes) error = EFBIG;
    if (error) errors.push_back({file.string(), 0, 0, unreadable(file, error)});
    return error == 0;
}

std::optional<std::string> read_content_file(const fs::path& file, std::vector<Diagnostic>& errors) {
    // One open (O_NOFOLLOW) and fstat, no lstat before: this runs for every page.
    int error = 0;
    auto text = support::read_file(file, &error, kMaxFileBytes);
    if (!text) errors.push_back({file.string(), 0, 0, unreadable(file, error)});
    else if (text->size() > kMaxFileBytes) {  // it grew while it was read, or has no size (a pipe)
        errors.push_back({file.string(), 0, 0, unreadable(file, EFBIG)});
        return std::nullopt;
    }
    return text;
}

auto read_yaml_content(const fs::path& file, Reader& reader) -> decltype(read_yaml_file(file, reader)) {
    if (is_link(file) || !check_content_file(file, reader.errors)) return std::nullopt;
    auto doc = read_yaml_file(file, reader);
    if (doc && !check_value_lengths(*doc, reader.source, reader.errors)) return std::nullopt;
    return doc;
}

namespace {

bool is_label_key(std::string_view key) {
    for (const std::string_view label : {"title", "short_title", "subtitle", "nav", "label", "heading",
                                         "source_heading", "post_nominal"})
        if (key == label) return true;
    return false;
}

}  // namespace

std::optional<std::string> label_problem(std::string_view key, std::string_view value) {
    if (value.size() <= kMaxLabelLength) return std::nullopt;
    return "'" + std::string(key) + "' has " + std::to_string(value.size()) + " characters; a label may have at most " +
           std::to_string(kMaxLabelLength) + " (put longer text in a summary or the body)";
}

bool check_value_lengths(const YamlNode& root, const YamlSource& source, std::vector<Diagnostic>& errors) {
    bool fine = true;
    std::vector<YamlNode> stack{root};
    while (!stack.empty()) {
        const YamlNode node = stack.back();
        stack.pop_back();
        if (node.IsSequence()) {
            for (const auto& child : node) stack.push_back(child);
            continue;
        }
        if (!node.IsMap()) continue;
        for (const auto& entry : node) {
            const std::string& key = entry.first.Scalar();
            const YamlNode value = entry.second;
            if (value.IsScalar() && key == "id" && value.Scalar().size() > kMaxIdLength) {
                errors.push_back(at(value, source,
                                    "id has " + std::to_string(value.Scalar().size()) + " characters; ids may have at most " +
                                        std::to_string(kMaxIdLength)));
                fine = false;
            } else if (value.IsScalar() && is_label_key(key)) {
                if (auto problem = label_problem(key, value.Scalar())) {
                    errors.push_back(at(value, source, std::move(*problem)));
                    fine = false;
                }
            } else if (value.IsMap() || value.IsSequence()) {
                stack.push_back(value);
            } else if (value.IsScalar() && value.Scalar().size() > kMaxTableColumns) {  // shorter text cannot fail
                if (auto problem = markdown_problem(value.Scalar())) {
                    errors.push_back(at(value, source, "'" + key + "': " + problem->message));
                    fine = false;
                }
            }
        }
    }
    return fine;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// The cells of a table row: "| a | b |" and "a | b" have two.
size_t row_cells(std::string_view line) {
    line = trim(line);
    if (!line.empty() && line.front() == '|') line.remove_prefix(1);
    if (!line.empty() && line.back() == '|') line.remove_suffix(1);
    return static_cast<size_t>(std::count(line.begin(), line.end(), '|')) + 1;
}

// The columns of a GFM delimiter row ("| --- | :-: |"), or 0 when `line` is not one.
size_t delimiter_columns(std::string_view line) {
    line = trim(line);
    if (line.find('|') == std::string_view::npos || line.find('-') == std::string_view::npos) return 0;
    if (line.find_first_not_of("|:- \t") != std::string_view::npos) return 0;
    return row_cells(line);
}

// Block quotes and list items opened at the start of `line`.
size_t containers(std::string_view line) {
    size_t depth = 0, i = 0;
    while (true) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i < line.size() && line[i] == '>') {
            ++i;
        } else if (i + 1 < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+') &&
                   (line[i + 1] == ' ' || line[i + 1] == '\t')) {
            i += 2;
        } else {
            size_t digits = 0;
            while (i + digits < line.size() && digits < 10 && line[i + digits] >= '0' && line[i + digits] <= '9') ++digits;
            if (digits == 0 || digits > 9 || i + digits + 1 >= line.size() ||
                (line[i + digits] != '.' && line[i + digits] != ')') ||
                (line[i + digits + 1] != ' ' && line[i + digits + 1] != '\t'))
                return depth;
            i += digits + 2;
        }
        ++depth;
    }
}

// Emphasis and link markers that cmark-gfm pairs up inside one paragraph (its pairing grows much
// faster than the paragraph).
size_t inline_markers(std::string_view line) {
    return static_cast<size_t>(std::count_if(line.begin(), line.end(), [](char c) {
        return c == '*' || c == '_' || c == '~' || c == '[' || c == ']';
    }));
}

// A line that starts a block of its own (so a paragraph before it ends): a heading or a list item.
bool starts_block(std::string_view line) {
    line = trim(line);
    if (line.starts_with('#')) return true;
    return line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ';
}

}  // namespace

std::optional<MarkdownProblem> markdown_problem(std::string_view markdown) {
    // Line by line, without a list of lines (this runs on every page and every longer YAML text).
    size_t at = 0, number = 0;
    const auto next_line = [&markdown](size_t from) {
        const size_t end = markdown.find('\n', from);
        return markdown.substr(from, (end == std::string_view::npos ? markdown.size() : end) - from);
    };
    // Most texts hold fewer marks in all than one paragraph may, and no table.
    const bool count_markers = markdown.size() > kMaxInlineMarkers && inline_markers(markdown) > kMaxInlineMarkers;
    const bool may_hold_tables = markdown.find('|') != std::string_view::npos;
    std::string_view previous;
    size_t markers = 0, paragraph_start = 0;
    for (; at <= markdown.size(); ++number) {
        const std::string_view line = next_line(at);
        at += line.size() + 1;
        if (const size_t depth = containers(line); depth > kMaxMarkdownNesting)
            return MarkdownProblem{number, "nests " + std::to_string(depth) + " block quotes and list items; at most " +
                                               std::to_string(kMaxMarkdownNesting) + " are allowed"};
        if (!count_markers && !may_hold_tables) continue;
        const bool blank = trim(line).empty();
        if (blank || starts_block(line)) {
            markers = 0;
            paragraph_start = blank ? number + 1 : number;
        }
        if (count_markers) markers += inline_markers(line);
        if (markers > kMaxInlineMarkers)
            return MarkdownProblem{paragraph_start,
                                   "this paragraph has more than " + std::to_string(kMaxInlineMarkers) +
                                       " emphasis and link marks (* _ ~ [ ]); split it with blank lines"};
        const std::string_view header = previous;
        previous = line;
        const size_t columns = number == 0 ? 0 : delimiter_columns(line);
        if (columns == 0 || header.find('|') == std::string_view::npos) continue;
        // A table: the header row above, the delimiter row, then rows up to a blank line.
        const size_t header_number = number - 1;
        size_t cells = std::max(columns, row_cells(header));
        size_t widest = cells;
        while (at <= markdown.size()) {
            const std::string_view row_line = next_line(at);
            if (trim(row_line).empty()) break;
            at += row_line.size() + 1;
            ++number;
            const size_t row = std::max(columns, row_cells(row_line));
            widest = std::max(widest, row);
            cells += row;
        }
        if (widest > kMaxTableColumns)
            return MarkdownProblem{header_number, "this table has " + std::to_string(widest) +
                                                      " columns; a table may have at most " +
                                                      std::to_string(kMaxTableColumns) + " (split it)"};
        if (cells > kMaxTableCells)
            return MarkdownProblem{header_number, "this table has " + std::to_string(cells) +
                                                      " cells; a table may have at most " +
                                                      std::to_string(kMaxTableCells) + " (split it)"};
        markers = 0;  // cells are parsed one by one
        paragraph_start = number + 1;
    }
    return std::nullopt;
}

bool check_markdown_size(std::string_view markdown, const std::string& path, int first_line,
                         std::vector<Diagnostic>& errors) {
    const auto problem = markdown_problem(markdown);
    if (problem) errors.push_back({path, first_line + static_cast<int>(problem->line), 1, problem->message});
    return !problem;
}

}  // namespace icips::content
