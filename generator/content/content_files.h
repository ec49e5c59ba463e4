// Which files of a content or theme folder are read, and the checks every one of them passes before
// its text is used: no symbolic links (a link could publish a file from anywhere on the machine
// that builds the site, also one committed in Git), a size limit, names that can be URL parts, and
// messages that name the file and the real cause. The limits are in content/limits.h.
#pragma once
#include "content/diagnostics.h"
#include "content/yaml_source.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace icips::content {

// True when `id` is [a-z0-9]+(-[a-z0-9]+)*, the form every id takes (ids become URL parts). A loop,
// not a regular expression: std::regex recurses once per character and overflows the stack on
// long input.
bool is_valid_id(const std::string& id);

// Why a page's folder or file name (without ".md") cannot be part of its URL, or nothing: it must
// follow the id rule and have at most kMaxIdLength characters. `name` is as the file system gave it.
std::optional<std::string> page_name_problem(std::string_view name);

// The regular files below `dir` (recursively), sorted, found without following any link. Folders and
// links whose names start with a dot (.git, editor lock files) are skipped; files with such names
// are listed, for the caller to skip or refuse. A folder
// that cannot be read is reported with its path and the reason. With `report_links`, every
// symbolic link met is reported as "<path>: is a symbolic link; ..."; links are never followed.
std::vector<std::filesystem::path> list_files(const std::filesystem::path& dir, std::vector<Diagnostic>& errors,
                                              bool report_links);

// Whether `path` is a symbolic link (without following it).
bool is_link(const std::filesystem::path& path);

// The message for a symbolic link where a content or theme file was expected.
std::string symlink_message();

// Checks a content file before another reader reads it: not a link, not a folder, at most
// kMaxFileBytes. Appends the reason and returns false otherwise.
bool check_content_file(const std::filesystem::path& file, std::vector<Diagnostic>& errors);

// The whole file, with the same checks as check_content_file made on the open file (O_NOFOLLOW, one
// fstat); nullopt with a diagnostic that names the cause ("cannot be read: Permission denied").
std::optional<std::string> read_content_file(const std::filesystem::path& file, std::vector<Diagnostic>& errors);

// read_yaml_file for the loaders: a link gives nothing and no error (the walk of the whole content
// folder in load_pages reports each link once), a file over the size limit an error, and a document
// whose ids or labels are too long (check_value_lengths) its errors and nothing.
auto read_yaml_content(const std::filesystem::path& file, Reader& reader) -> decltype(read_yaml_file(file, reader));

// A carriage return not followed by a line feed (old Mac line ends), which the loaders do not read
// as a line end.
std::optional<TextProblem> first_lone_cr(std::string_view text);

// Reports every id (a value of an `id` key) longer than kMaxIdLength, every label (title, menu
// label, heading) longer than kMaxLabelLength and every text with a markdown_problem, anywhere in
// the document. Returns false when it
// reported something. Walks with its own stack, so any nesting depth is safe.
bool check_value_lengths(const YamlNode& root, const YamlSource& source, std::vector<Diagnostic>& errors);

// The same limit for one label read outside YAML's tree (a page's plain front matter).
std::optional<std::string> label_problem(std::string_view key, std::string_view value);

// The first thing in Markdown that could make cmark-gfm take seconds or GBs: a GFM table wider than
// kMaxTableColumns or with more than kMaxTableCells cells, a line nesting more than
// kMaxMarkdownNesting block quotes and list items, a paragraph with more than kMaxInlineMarkers
// emphasis and link marks. `line` counts from 0 at the text's first line.
struct MarkdownProblem {
    std::size_t line;
    std::string message;
};
std::optional<MarkdownProblem> markdown_problem(std::string_view markdown);

// markdown_problem reported at the file line (`first_line` being the line of the text's first
// line). Returns false when it reported something.
bool check_markdown_size(std::string_view markdown, const std::string& path, int first_line,
                         std::vector<Diagnostic>& errors);

}  // namespace icips::content
