#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

namespace icips::markdown {
namespace {

constexpr const char* kExtensions[] = {"table", "autolink", "strikethrough", "tagfilter"};

void register_extensions_once() {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

}  // namespace

std::string to_html(std::string_view markdown, const Options& options) {
    register_extensions_once();
    const int flags = options.allow_raw_html ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT;
    std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(flags),
                                                                       cmark_parser_free);
    for (const char* name : kExtensions) {
        if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
    cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
    std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(cmark_parser_finish(parser.get()), cmark_node_free);
    char* html = cmark_render_html(doc.get(), flags, cmark_parser_get_syntax_extensions(parser.get()));
    std::string out(html);
    free(html);
    return out;
}

std::string to_inline_html(std::string_view markdown, const Options& options) {
    std::string html = to_html(markdown, options);
    while (!html.empty() && html.back() == '\n') html.pop_back();
    constexpr std::string_view open = "<p>", close = "</p>";
    if (html.starts_with(open) && html.ends_with(close) &&
        html.find(open, open.size()) == std::string::npos) {
        return html.substr(open.size(), html.size() - open.size() - close.size());
    }
    return html;
}

}  // namespace icips::markdown
