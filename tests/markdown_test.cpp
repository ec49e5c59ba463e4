#include "markdown/markdown.h"

#include <gtest/gtest.h>

using icips::markdown::Options;
using icips::markdown::to_html;
using icips::markdown::to_inline_html;

TEST(Markdown, RendersGfmTables) {
    auto html = to_html("| Grade | Letters |\n|---|---|\n| Member | MICiPS |\n");
    EXPECT_NE(html.find("<table>"), std::string::npos);
    EXPECT_NE(html.find("<td>MICiPS</td>"), std::string::npos);
}

TEST(Markdown, AutolinksAndStrikethrough) {
    auto html = to_html("Write to info@icips.org or see https://example.org ~~old~~");
    EXPECT_NE(html.find("<a href=\"mailto:info@icips.org\">"), std::string::npos);
    EXPECT_NE(html.find("<a href=\"https://example.org\">"), std::string::npos);
    EXPECT_NE(html.find("<del>old</del>"), std::string::npos);
}

TEST(Markdown, RawHtmlIsDroppedUnlessThePageOptsIn) {
    const std::string source = "Hello <script>alert(1)</script>\n\n<div class=\"x\">block</div>\n";
    auto safe = to_html(source);
    EXPECT_EQ(safe.find("<script>"), std::string::npos);
    EXPECT_EQ(safe.find("<div"), std::string::npos);
    auto opted = to_html(source, Options{.allow_raw_html = true});
    EXPECT_NE(opted.find("<div class=\"x\">"), std::string::npos);
    // tagfilter still neutralises <script> even for pages that allow raw HTML
    EXPECT_EQ(opted.find("<script>"), std::string::npos);
}

TEST(Markdown, TextIsEscaped) {
    EXPECT_EQ(to_inline_html("Cost & benefit < 5"), "Cost &amp; benefit &lt; 5");
}

TEST(Markdown, InlineDropsOnlyASingleParagraphWrapper) {
    EXPECT_EQ(to_inline_html("**Leading** CI"), "<strong>Leading</strong> CI");
    EXPECT_NE(to_inline_html("One\n\nTwo").find("<p>Two</p>"), std::string::npos);
}

TEST(Markdown, PlainTextKeepsTheWordsAndDropsTheMarkup) {
    using icips::markdown::to_plain_text;
    EXPECT_EQ(to_plain_text("**Leading** CI, *the* [Member](/grades/member/) `grade`"), "Leading CI, the Member grade");
    EXPECT_EQ(to_plain_text("Cost & benefit < 5"), "Cost & benefit < 5");  // text, not HTML: nothing escaped
    // Blocks are separated by one space; list markers, heading marks and line breaks go.
    EXPECT_EQ(to_plain_text("# Title\n\nOne\ntwo\n\n- a\n- b\n\n1. c\n"), "Title One two a b c");
    EXPECT_EQ(to_plain_text("| Grade | Letters |\n|---|---|\n| Member | MICiPS |\n"), "Grade Letters Member MICiPS");
    // Raw HTML is not text, whether inline or a block.
    EXPECT_EQ(to_plain_text("Hello <b>you</b>\n\n<div class=\"x\">\nblock\n</div>\n\nEnd"), "Hello you End");
    EXPECT_EQ(to_plain_text("  \n"), "");
}

// One parse gives a page's HTML and its search text: both exactly what the separate calls give.
TEST(Markdown, HtmlAndTextFromOneParseAreTheSeparateResults) {
    const char* samples[] = {
        "# Title\n\nSome **bold** and _em_ text with `code` and a [link](/x/).\n\n- a\n- b\n  1. c\n",
        "| a | b |\n| - | - |\n| 1 | 2 |\n\n~~gone~~ https://example.org\n",
        "<div>raw</div>\n\n<script>x()</script>\n\nAfter.\n",
        "```\ncode block\n```\n\n> quote\nline two  \nbreak\n",
        "",
    };
    for (const char* md : samples)
        for (bool raw : {false, true}) {
            const auto both = icips::markdown::to_html_and_text(md, {raw});
            EXPECT_EQ(both.html, icips::markdown::to_html(md, {raw})) << md;
            EXPECT_EQ(both.text, icips::markdown::to_plain_text(md)) << md;
        }
}

// Plain paragraphs skip the parser; what they render to must be what cmark gives.
TEST(Markdown, PlainParagraphsRenderAsCmarkRendersThem) {
    using icips::markdown::is_plain_paragraphs;
    namespace detail = icips::markdown::detail;
    const auto same_as_cmark = [](const std::string& text) {
        EXPECT_EQ(to_html(text), detail::cmark_html(text)) << text;
        EXPECT_EQ(to_html(text, Options{.allow_raw_html = true}), detail::cmark_html(text, {.allow_raw_html = true}))
            << text;
        EXPECT_EQ(icips::markdown::to_plain_text(text), detail::cmark_text(text)) << text;
        const auto both = icips::markdown::to_html_and_text(text);
        EXPECT_EQ(both.html, detail::cmark_html(text)) << text;
        EXPECT_EQ(both.text, detail::cmark_text(text)) << text;
    };
    const std::vector<std::string> plain = {
        "",
        "Typically mid to senior managers who lead deployment of CI across an organisation.",
        "The source says \"3 professional grades\" and then lists four (1. Member, 2. Practitioner).",
        "Requirements for each grade (except for CI Leader) are cumulative.\n\nWe expect to see suitably "
        "referenced academic knowledge, supported by your own reflections.",
        "Café – “quoted” and ’apostrophes’, 100% sure?! a/b + c = d; e: f",
        "Two lines\nof one paragraph\n\n\nand another",
        "\nLeading and trailing newlines\n",
        "Two  spaces inside",
    };
    for (const auto& text : plain) {
        EXPECT_TRUE(is_plain_paragraphs(text)) << text;
        same_as_cmark(text);
    }
    const std::vector<std::string> parsed = {
        "1. a list",
        "- a list",
        "# Heading",
        "Title\n===",
        "Title\n---",
        " indented",
        "trailing space ",
        "hard  \nbreak",
        "*emphasis*",
        "under_score",
        "a ~~strike~~",
        "see https://example.org",
        "see WWW.example.org",
        "write to a@b.org",
        "a & b",
        "a <b>",
        "[link](x)",
        "back\\slash",
        "`code`",
        "a | b",
        "tab\there",
        "carriage\r\nreturn",
        "bad \xC3 byte",
        "overlong \xC0\xAF",
        "surrogate \xED\xA0\x80",
    };
    for (const auto& text : parsed) {
        EXPECT_FALSE(is_plain_paragraphs(text)) << text;
        same_as_cmark(text);  // through cmark either way
    }

    // Random texts over an alphabet that mixes what the shortcut takes with what it must not.
    const std::vector<std::string> alphabet = {"a", "Z", "q", "w", "www.", "0", "7", " ", " ", "\n", "\n\n", ",",
                                               ".", ";", ":", "://", "?", "!", "(", ")", "'", "\"", "/", "%",
                                               "+", "=", "-", "é", "–", "’", "*", "_", "#", "[", "]", "<", "&",
                                               "`", "~", "|", "@", "\\", "\t", "\xC3", "1. ", "> "};
    unsigned seed = 12345;
    const auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
    int taken = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string text = next() % 4 ? "A" : "";
        const unsigned length = next() % 24;
        for (unsigned k = 0; k < length; ++k) {
            text += alphabet[next() % alphabet.size()];
            if (text.back() == '\n' && next() % 4) text += "b";  // most lines start with a letter
        }
        if (is_plain_paragraphs(text)) ++taken;
        same_as_cmark(text);
    }
    EXPECT_GT(taken, 1000);  // the comparison covered the shortcut, not only the parser
}

// raw_html: true keeps an allow-list of tags and attributes; nothing that runs script survives.
TEST(Markdown, RawHtmlIsSanitizedEvenWhenAllowed) {
    using icips::markdown::sanitize_html;
    EXPECT_EQ(sanitize_html("<div class=\"note\" onclick=\"x()\" style=\"color:red\">Hi</div>"),
              "<div class=\"note\">Hi</div>");
    EXPECT_EQ(sanitize_html("<script>alert(1)</script>after"), "after");
    EXPECT_EQ(sanitize_html("<SCRIPT src=x></SCRIPT >after"), "after");
    EXPECT_EQ(sanitize_html("<a href=\"javascript:alert(1)\">x</a>"), "<a>x</a>");
    EXPECT_EQ(sanitize_html("<a href=\"JaVaScRiPt:alert(1)\">x</a>"), "<a>x</a>");
    EXPECT_EQ(sanitize_html("<a href=\"jav&#x61;script:alert(1)\">x</a>"), "<a>x</a>");
    EXPECT_EQ(sanitize_html("<a href=\"java\tscript:alert(1)\">x</a>"), "<a>x</a>");
    EXPECT_EQ(sanitize_html("<img src=\"data:image/png;base64,AA\" alt=\"a\">"), "<img alt=\"a\">");
    EXPECT_EQ(sanitize_html("<a href=\"https://example.org/?a=1&amp;b=2\" title='t\"'>x</a>"),
              "<a href=\"https://example.org/?a=1&amp;b=2\" title=\"t&quot;\">x</a>");
    EXPECT_EQ(sanitize_html("<a href=\"/grades/#item-1\">x</a>"), "<a href=\"/grades/#item-1\">x</a>");
    EXPECT_EQ(sanitize_html("<iframe src=\"https://x.invalid\"></iframe><svg onload=x><g/></svg>ok"), "ok");
    EXPECT_EQ(sanitize_html("<form action=x><input name=a></form>"), "");
    EXPECT_EQ(sanitize_html("1 < 2 <!-- hidden --> and 3 > 2"), "1 &lt; 2  and 3 &gt; 2");
    EXPECT_EQ(sanitize_html("<img src=x onerror=alert(1)"), "&lt;img src=x onerror=alert(1)");  // never closed

    const std::string page = to_html("<p onmouseover=\"x\">a</p>\n\nInline <b onclick=x>b</b>", Options{true});
    EXPECT_EQ(page.find("onmouseover"), std::string::npos) << page;
    EXPECT_EQ(page.find("onclick"), std::string::npos) << page;
    EXPECT_NE(page.find("<b>b</b>"), std::string::npos) << page;
}

// On a page that holds what some links point to, those links go within the page; every other link
// to a site path still gets the base path, and the targets end with the scope.
TEST(Markdown, LinksWithinAPageGoToItsSectionsAndOthersKeepTheBasePath) {
    const std::string text = "[sheet](/packs/p/w/) and [grade](/grades/member/)";
    const icips::markdown::LinkTargets targets = {{"/packs/p/w/", "#ws-w"}};
    {
        const icips::markdown::SitePathBase base("/standards");
        const icips::markdown::LinksWithin within(targets);
        EXPECT_EQ(to_inline_html(text), "<a href=\"#ws-w\">sheet</a> and <a href=\"/standards/grades/member/\">grade</a>");
        EXPECT_EQ(to_inline_html(text, {.within = nullptr}),
                  "<a href=\"/standards/packs/p/w/\">sheet</a> and <a href=\"/standards/grades/member/\">grade</a>");
    }
    EXPECT_EQ(to_inline_html(text), "<a href=\"/packs/p/w/\">sheet</a> and <a href=\"/grades/member/\">grade</a>");
}
