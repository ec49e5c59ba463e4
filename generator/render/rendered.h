// What rendering one page gives: its HTML and, for a page the search index lists by its own text (a
// prose page), that text. Pages built from the model leave search_text empty: the index takes their
// entries from the model (site/search_index.h).
#pragma once
#include <optional>
#include <string>
#include <utility>

namespace icips::render {

struct Rendered {
    Rendered(std::string html = {}) : html(std::move(html)) {}  // NOLINT: a page without search text
    Rendered(std::string html, std::string search_text) : html(std::move(html)), search_text(std::move(search_text)) {}

    std::string html;
    std::optional<std::string> search_text;  // plain text, Markdown stripped
};

}  // namespace icips::render
