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
