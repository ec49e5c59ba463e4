#include "content/diagnostics.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace icips::content {

std::string format(const Diagnostic& d) {
    std::string out = d.path;
    if (d.line > 0) {
        out += ':' + std::to_string(d.line);
        if (d.column > 0) out += ':' + std::to_string(d.column);
    }
    return out + ": " + d.message;
}

static size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            size_t cost = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                  std::tolower(static_cast<unsigned char>(b[j - 1]))
                              ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;  // accept up to a third of the word
    for (const auto& c : candidates) {
        size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

namespace {

// Walks `text` code point by code point; stops at the first invalid sequence (reported with
// cp == kInvalid) or the first code point `stop` accepts.
constexpr uint32_t kInvalid = 0xFFFFFFFF;
template <typename Stop>
std::optional<std::pair<TextPosition, uint32_t>> first_code_point(std::string_view text, Stop stop) {
    int line = 1, column = 1;
    for (size_t i = 0; i < text.size();) {
        // Runs of printable ASCII (nearly all content) are skipped eight bytes at a time: this scan
        // runs over every content file.
        constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
        while (i + 8 <= text.size()) {
            uint64_t word;
            std::memcpy(&word, text.data() + i, 8);
            const bool below_space = ((word - ones * 0x20) & ~word & highs) != 0;  // a byte < 0x20
            const bool from_del = ((word | (word + ones)) & highs) != 0;            // a byte >= 0x7F
            if (below_space || from_del) break;
            i += 8;
            column += 8;
        }
        if (i >= text.size()) break;
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte < 0x7F) {
            ++i;
            ++column;
            continue;
        }
        size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size()) return std::pair{TextPosition{line, column}, kInvalid};
        uint32_t cp = length == 1 ? byte : byte & (0xFF >> (length + 1));
        for (size_t k = 1; k < length; ++k) {
            auto cont = static_cast<unsigned char>(text[i + k]);
            if ((cont & 0xC0) != 0x80) return std::pair{TextPosition{line, column}, kInvalid};
            cp = (cp << 6) | (cont & 0x3F);
        }
        const uint32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_for_length[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return std::pair{TextPosition{line, column}, kInvalid};
        if (stop(cp)) return std::pair{TextPosition{line, column}, cp};
        if (byte == '\n') { ++line; column = 1; } else { ++column; }
        i += length;
    }
    return std::nullopt;
}

bool unprintable(uint32_t cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x85) return false;
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

}  // namespace

std::optional<TextPosition> first_invalid_utf8(std::string_view text) {
    if (auto found = first_code_point(text, [](uint32_t) { return false; })) return found->first;
    return std::nullopt;
}

std::optional<TextProblem> first_unprintable(std::string_view text) {
    auto found = first_code_point(text, unprintable);
    if (!found) return std::nullopt;
    auto [pos, cp] = *found;
    if (cp == kInvalid) return TextProblem{pos.line, pos.column, "invalid UTF-8; save the file as UTF-8"};
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
    return TextProblem{pos.line, pos.column,
                       std::string("control character ") + code +
                           " is not allowed in content; delete it (it is often invisible in an editor)"};
}

std::optional<TextProblem> first_lone_cr(std::string_view text) {
    if (text.find('\r') == std::string_view::npos) return std::nullopt;  // most files
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        } else if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) {
            return TextProblem{line, static_cast<int>(i - line_start + 1),
                               "lone CR line ends are not supported; save the file with LF (or CRLF) line ends"};
        }
    }
    return std::nullopt;
}

}  // namespace icips::content
