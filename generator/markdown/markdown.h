// The only place that knows cmark-gfm. Markdown from content goes in, HTML comes out.
#pragma once
#include <string>
#include <string_view>

namespace icips::markdown {

struct Options {
    bool allow_raw_html = false;  // a page's front matter must opt in; otherwise raw HTML is dropped
};

// Renders a block of Markdown (CommonMark + GFM table, autolink, strikethrough, tagfilter).
std::string to_html(std::string_view markdown, const Options& options = {});

// Renders a single paragraph's worth of Markdown without the surrounding <p> (for titles, list items).
std::string to_inline_html(std::string_view markdown, const Options& options = {});

}  // namespace icips::markdown
