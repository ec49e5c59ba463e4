#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace icips::markdown {
namespace {

constexpr const char* kExtensions[] = {"table", "autolink", "strikethrough", "tagfilter"};

// The GFM extensions, looked up once.
const std::vector<cmark_syntax_extension*>& extensions() {
    static const std::vector<cmark_syntax_extension*> found = [] {
        cmark_gfm_core_extensions_ensure_registered();
        std::vector<cmark_syntax_extension*> list;
        for (const char* name : kExtensions)
            if (auto* ext = cmark_find_syntax_extension(name)) list.push_back(ext);
        return list;
    }();
    return found;
}

[[noreturn]] void out_of_memory() {
    std::fputs("icips-site: out of memory while reading Markdown\n", stderr);
    std::abort();  // as cmark's own allocator does
}

// cmark allocates every node, delimiter and buffer of a parse on its own and frees them one by one
// afterwards. A parse and the rendering
// of its tree allocate instead from this thread's arena, by moving a pointer, and the arena is
// emptied when the parse is done (its first blocks are kept for the next parse, so their memory
// is already mapped).
class Arena {
public:
    Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    ~Arena() {
        clear();
        for (char* block : blocks_) std::free(block);
    }

    void* allocate(size_t size) {
        if (size > kBlockSize / 4) return allocate_alone(size);
        const size_t need = kHeader + round_up(size);
        if (blocks_.empty() || used_ + need > kBlockSize) next_block();
        char* p = blocks_[current_] + used_ + kHeader;
        used_ += need;
        header(p) = {size, false};
        last_ = p;
        return p;
    }

    void* reallocate(void* pointer, size_t size) {
        if (!pointer) return allocate(size);
        char* p = static_cast<char*>(pointer);
        Header& h = header(p);
        if (size <= h.size) return p;
        if (h.alone) {  // a block of its own grows with realloc
            for (auto it = alone_.rbegin(); it != alone_.rend(); ++it)
                if (*it + kHeader == p) {
                    char* grown = static_cast<char*>(std::realloc(*it, kHeader + size));
                    if (!grown) out_of_memory();
                    *it = grown;
                    header(grown + kHeader).size = size;
                    return grown + kHeader;
                }
        }
        // The latest allocation grows in place while its block has room.
        if (p == last_ && !h.alone) {
            const size_t start = static_cast<size_t>(p - blocks_[current_]);
            if (start + round_up(size) <= kBlockSize) {
                used_ = start + round_up(size);
                h.size = size;
                return p;
            }
        }
        void* moved = allocate(size);
        std::memcpy(moved, p, h.size);
        return moved;
    }

    // Frees everything allocated since the last clear; keeps the first few blocks.
    void clear() {
        for (char* block : alone_) std::free(block);
        alone_.clear();
        while (blocks_.size() > kKeptBlocks) {
            std::free(blocks_.back());
            blocks_.pop_back();
        }
        current_ = used_ = 0;
        last_ = nullptr;
    }

private:
    struct Header {
        size_t size;
        bool alone;  // in a block of its own
    };
    static constexpr size_t kHeader = 16;  // keeps every allocation 16-byte aligned, as malloc does
    static_assert(sizeof(Header) <= kHeader);
    static constexpr size_t kBlockSize = 64 * 1024;
    static constexpr size_t kKeptBlocks = 8;

    static size_t round_up(size_t n) { return (n + kHeader - 1) / kHeader * kHeader; }
    static Header& header(char* p) { return *reinterpret_cast<Header*>(p - kHeader); }

    void next_block() {
        if (!blocks_.empty()) ++current_;
        if (current_ == blocks_.size()) {
            char* block = static_cast<char*>(std::malloc(kBlockSize));
            if (!block) out_of_memory();
            blocks_.push_back(block);
        }
        used_ = 0;
    }
    void* allocate_alone(size_t size) {
        if (size > SIZE_MAX - kHeader) out_of_memory();
        char* block = static_cast<char*>(std::malloc(kHeader + size));
        if (!block) out_of_memory();
        alone_.push_back(block);
        char* p = block + kHeader;
        header(p) = {size, true};
        return p;
    }

    std::vector<char*> blocks_;  // blocks_[current_] is being filled, up to used_
    size_t current_ = 0, used_ = 0;
    std::vector<char*> alone_;   // large allocations, each in a block of its own
    char* last_ = nullptr;       // the latest allocation in blocks_
};

thread_local Arena arena;
thread_local int arena_users = 0;

void* arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) out_of_memory();
    void* p = arena.allocate(count * size);
    std::memset(p, 0, count * size);
    return p;
}
void* arena_realloc(void* p, size_t size) { return arena.reallocate(p, size); }
void arena_free(void*) {}  // freed all at once when the parse is done
cmark_mem arena_mem{arena_calloc, arena_realloc, arena_free};

// A parsed document. Everything cmark allocates for it, and for rendering it, lives in the thread's
// arena until the outermost Parsed of the thread is destroyed, so nothing of it may be kept longer:
// results are copied into std::strings.
class Parsed {
public:
    Parsed(std::string_view markdown, int flags) : parser(cmark_parser_new_with_mem(flags, &arena_mem)) {
        for (auto* ext : extensions()) cmark_parser_attach_syntax_extension(parser, ext);
        cmark_parser_feed(parser, markdown.data(), markdown.size());
        doc = cmark_parser_finish(parser);
    }
    Parsed(const Parsed&) = delete;
    Parsed& operator=(const Parsed&) = delete;

private:
    struct Use {
        Use() { ++arena_users; }
        ~Use() {
            if (--arena_users == 0) arena.clear();
        }
    } use_;  // first: the arena is in use before cmark allocates, and cleared after all else

public:
    cmark_parser* parser;
    cmark_node* doc = nullptr;
};

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Raw HTML is kept only as sanitize_html rewrites it.
void sanitize_raw_html(cmark_node* doc) {
    std::vector<cmark_node*> raw;
    std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(doc), cmark_iter_free);
    for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        const cmark_node_type type = cmark_node_get_type(node);
        if (event == CMARK_EVENT_ENTER && (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE))
            raw.push_back(node);
    }
    for (cmark_node* node : raw) {
        const char* literal = cmark_node_get_literal(node);
        cmark_node_set_literal(node, sanitize_html(literal ? literal : "").c_str());
    }
}

thread_local std::string_view thread_base;
thread_local const LinkTargets* thread_within = nullptr;

// Writes each link and image listed in `within` as its target, and puts `base` before the URL of
// every other one to a site path.
void rebase_links(const Parsed& parsed, std::string_view base, const LinkTargets* within) {
    std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(parsed.doc), cmark_iter_free);
    std::string url;
    for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        const cmark_node_type type = cmark_node_get_type(node);
        if (event != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE)) continue;
        const char* target = cmark_node_get_url(node);
        if (!target || target[0] != '/' || target[1] == '/') continue;
        if (within)
            if (const auto it = within->find(std::string_view(target)); it != within->end()) {
                cmark_node_set_url(node, it->second.c_str());
                continue;
            }
        if (base.empty()) continue;
        url.assign(base);
        url += target;
        cmark_node_set_url(node, url.c_str());
    }
}

std::string render_html(const Parsed& parsed, int flags, std::string_view base, const LinkTargets* within) {
    if (flags & CMARK_OPT_UNSAFE) sanitize_raw_html(parsed.doc);
    if (!base.empty() || within) rebase_links(parsed, base, within);
    // The HTML is allocated in the arena too; it is copied out before the arena is cleared.
    return cmark_render_html(parsed.doc, flags, cmark_parser_get_syntax_extensions(parsed.parser));
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
    std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(parsed.doc), cmark_iter_free);
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

// The length of the well-formed UTF-8 sequence starting at s[i] (a non-ASCII byte), or 0.
size_t utf8_sequence(std::string_view s, size_t i) {
    const auto byte = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned lead = byte(0);
    const auto tail = [&](size_t k, unsigned low = 0x80, unsigned high = 0xBF) {
        return byte(k) >= low && byte(k) <= high;
    };
    if (lead >= 0xC2 && lead <= 0xDF) return tail(1) ? 2 : 0;
    if (lead == 0xE0) return tail(1, 0xA0) && tail(2) ? 3 : 0;
    if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) return tail(1) && tail(2) ? 3 : 0;
    if (lead == 0xED) return tail(1, 0x80, 0x9F) && tail(2) ? 3 : 0;  // no surrogates
    if (lead == 0xF0) return tail(1, 0x90) && tail(2) && tail(3) ? 4 : 0;
    if (lead >= 0xF1 && lead <= 0xF3) return tail(1) && tail(2) && tail(3) ? 4 : 0;
    if (lead == 0xF4) return tail(1, 0x80, 0x8F) && tail(2) && tail(3) ? 4 : 0;
    return 0;
}

// The ASCII characters plain paragraphs may hold (besides the line breaks).
constexpr std::array<bool, 128> kPlainAscii = [] {
    std::array<bool, 128> table{};
    for (int c = 'a'; c <= 'z'; ++c) table[c] = table[c - 'a' + 'A'] = true;
    for (int c = '0'; c <= '9'; ++c) table[c] = true;
    for (const char c : std::string_view(" ,.;:?!()'\"/%+=-")) table[static_cast<unsigned char>(c)] = true;
    return table;
}();

bool is_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

}  // namespace

bool is_plain_paragraphs(std::string_view markdown) {
    const size_t size = markdown.size();
    bool line_start = true;
    for (size_t i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(markdown[i]);
        if (c == '\n') {
            if (i > 0 && markdown[i - 1] == ' ') return false;  // trailing spaces (a hard break with two)
            line_start = true;
            continue;
        }
        if (line_start && !is_letter(c)) return false;  // no block (list, heading, quote...) can start
        line_start = false;
        if (c >= 0x80) {
            const size_t length = utf8_sequence(markdown, i);
            if (length == 0) return false;  // cmark replaces it
            i += length - 1;
            continue;
        }
        if (!kPlainAscii[c]) return false;
        // The autolink extension links "scheme://..." and "www...."
        if (c == ':' && i + 2 < size && markdown[i + 1] == '/' && markdown[i + 2] == '/') return false;
        if (c == '.' && i >= 3 && (markdown[i - 1] | 0x20) == 'w' && (markdown[i - 2] | 0x20) == 'w' &&
            (markdown[i - 3] | 0x20) == 'w')
            return false;
    }
    return size == 0 || markdown.back() != ' ';
}

namespace {

// What cmark makes of plain paragraphs (see is_plain_paragraphs): each run of non-empty lines is a
// paragraph, its text as written with '"' escaped.
std::string plain_html(std::string_view markdown) {
    std::string html;
    html.reserve(markdown.size() + 16);
    bool open = false;
    size_t pos = 0;
    while (pos < markdown.size()) {
        size_t end = markdown.find('\n', pos);
        if (end == std::string_view::npos) end = markdown.size();
        const std::string_view line = markdown.substr(pos, end - pos);
        if (line.empty()) {
            if (open) html += "</p>\n";
            open = false;
        } else {
            html += open ? "\n" : "<p>";
            open = true;
            for (size_t from = 0; from < line.size();) {
                const size_t quote = std::min(line.find('"', from), line.size());
                html.append(line.substr(from, quote - from));
                if (quote < line.size()) html += "&quot;";
                from = quote + 1;
            }
        }
        pos = end + 1;
    }
    if (open) html += "</p>\n";
    return html;
}

// Its words, one space between them, as plain_text gives them.
std::string plain_words(std::string_view markdown) {
    std::string text;
    text.reserve(markdown.size());
    bool pending_space = false;
    for (const char c : markdown) {
        if (c == ' ' || c == '\n') {
            pending_space = !text.empty();
            continue;
        }
        if (pending_space) text += ' ';
        pending_space = false;
        text += c;
    }
    return text;
}

}  // namespace

std::string_view current_base() { return thread_base; }

SitePathBase::SitePathBase(std::string_view base) : previous_(std::exchange(thread_base, base)) {}
SitePathBase::~SitePathBase() { thread_base = previous_; }

const LinkTargets* current_within() { return thread_within; }

LinksWithin::LinksWithin(const LinkTargets& targets) : previous_(std::exchange(thread_within, &targets)) {}
LinksWithin::~LinksWithin() { thread_within = previous_; }

namespace detail {
std::string cmark_html(std::string_view markdown, const Options& options) {
    return render_html(Parsed(markdown, flags_for(options)), flags_for(options), options.base, options.within);
}
std::string cmark_text(std::string_view markdown) {
    return plain_text(Parsed(markdown, CMARK_OPT_DEFAULT), markdown.size());
}
}  // namespace detail

std::string to_html(std::string_view markdown, const Options& options) {
    if (is_plain_paragraphs(markdown)) return plain_html(markdown);
    return detail::cmark_html(markdown, options);
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

std::string to_plain_text(std::string_view markdown) {
    if (is_plain_paragraphs(markdown)) return plain_words(markdown);
    return detail::cmark_text(markdown);
}

// CMARK_OPT_UNSAFE only changes how raw HTML is rendered, not the tree, so the text is to_plain_text's.
HtmlAndText to_html_and_text(std::string_view markdown, const Options& options) {
    if (is_plain_paragraphs(markdown)) return {plain_html(markdown), plain_words(markdown)};
    const Parsed parsed(markdown, flags_for(options));
    std::string text = plain_text(parsed, markdown.size());
    return {render_html(parsed, flags_for(options), options.base, options.within), std::move(text)};
}

}  // namespace icips::markdown
