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
