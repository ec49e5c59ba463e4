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

using Document = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>;

// Parses with the GFM extensions attached; the parser must outlive the document's rendering.
struct Parsed {
    std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser;
    Document doc;
};

Parsed parse(std::string_view markdown, int flags) {
    register_extensions_once();
    std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(flags),
                                                                       cmark_parser_free);
    for (const char* name : kExtensions) {
        if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
    cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
    Document doc(cmark_parser_finish(parser.get()), cmark_node_free);
    return {std::move(parser), std::move(doc)};
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

namespace {

std::string render_html(const Parsed& parsed, int flags) {
    char* html = cmark_render_html(parsed.doc.get(), flags, cmark_parser_get_syntax_extensions(parsed.parser.get()));
    std::string out(html);
    free(html);
    return out;
}

// `source_size`: the Markdown's length, which the text (the Markdown without its markup) does not
// exceed in practice; reserving it saves the string's regrowths (and the memory they leave unused).
std::string plain_text(const Parsed& parsed, size_t source_size) {
    // Whitespace is collapsed as the text is gathered: one space between words, none at the ends.
    std::string out;
    out.reserve(source_size);
    bool pending_space = false;
    auto space = [&] { pending_space = !out.empty(); };
    auto add = [&](const char* text) {
        for (const char* c = text; *c; ++c) {
            if (is_space(*c)) {
                space();
                continue;
            }
            if (pending_space) out += ' ';
            pending_space = false;
            // The run of characters up to the next space in one append.
            const char* end = c;
            while (end[1] && !is_space(end[1])) ++end;
            out.append(c, static_cast<size_t>(end - c + 1));
            c = end;
        }
    };
    std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(parsed.doc.get()), cmark_iter_free);
    for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        const cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK) {
            if (const char* literal = cmark_node_get_literal(node)) add(literal);
        } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
            space();
        } else if (event == CMARK_EVENT_EXIT && (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) {
            space();  // paragraphs, headings, list items, table cells (an extension's block type)
        }
    }
    return out;
}

int flags_for(const Options& options) { return options.allow_raw_html ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT; }

}  // namespace

std::string to_html(std::string_view markdown, const Options& options) {
    return render_html(parse(markdown, flags_for(options)), flags_for(options));
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

std::string to_plain_text(std::string_view markdown) { return plain_text(parse(markdown, CMARK_OPT_DEFAULT), markdown.size()); }

// CMARK_OPT_UNSAFE only changes how raw HTML is rendered, not the tree, so the text is to_plain_text's.
HtmlAndText to_html_and_text(std::string_view markdown, const Options& options) {
    const Parsed parsed = parse(markdown, flags_for(options));
    std::string text = plain_text(parsed, markdown.size());
    return {render_html(parsed, flags_for(options)), std::move(text)};
}

}  // namespace icips::markdown
