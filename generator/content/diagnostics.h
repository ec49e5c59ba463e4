// Content errors as the user sees them: `path:line:col: message`, lines and columns 1-based
// and counted from the start of the file (front matter included).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace icips::content {

struct Diagnostic {
    std::string path;
    int line = 0;    // 1-based; 0 when the error concerns the whole file
    int column = 0;  // 1-based; 0 when unknown
    std::string message;
};

std::string format(const Diagnostic& d);

// The closest candidate to `word` by edit distance, if it is close enough to be a likely typo.
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Position (1-based line and column) of the first invalid UTF-8 sequence, if any.
struct TextPosition { int line; int column; };
std::optional<TextPosition> first_invalid_utf8(std::string_view text);

// The first thing in a content file that no page may hold: an invalid UTF-8 sequence, or a
// character outside YAML's printable set (C0 and C1 controls other than tab, line feed, carriage
// return and U+0085; DEL; U+FFFE and U+FFFF), which HTML forbids too. `message` says what to fix.
struct TextProblem {
    int line;
    int column;
    std::string message;
};
std::optional<TextProblem> first_unprintable(std::string_view text);

// A carriage return not followed by a line feed (old Mac line ends), which the loaders do not read
// as a line end (Markdown and YAML alike).
std::optional<TextProblem> first_lone_cr(std::string_view text);

}  // namespace icips::content
