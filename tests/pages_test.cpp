#include "kinds/pages/model.h"
#include "content/content_files.h"

#include "content_tree.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace icips::content;

namespace {
struct Tree : ContentTree {
    std::vector<std::string> errors(std::vector<Page>* pages = nullptr) const {
        std::vector<Diagnostic> diagnostics;
        auto loaded = load_pages(root, diagnostics);
        if (pages) *pages = loaded;
        return relative(diagnostics);
    }
};
}  // namespace

TEST(Pages, UrlsFollowTheFileTree) {
    Tree t;
    t.write("index.md", "---\ntitle: Home\n---\nWelcome\n");
    t.write("membership.md", "---\ntitle: Membership\nnav: Membership\norder: 10\n---\nText\n");
    t.write("guides/index.md", "---\ntitle: Guides\n---\n");
    t.write("guides/evidence.md", "---\ntitle: Evidence\n---\n");
    std::vector<Page> pages;
    EXPECT_TRUE(t.errors(&pages).empty());
    ASSERT_EQ(pages.size(), 4u);
    EXPECT_EQ(pages[0].url, "/");
    EXPECT_EQ(pages[1].url, "/guides/");
    EXPECT_EQ(pages[2].url, "/guides/evidence/");
    EXPECT_EQ(pages[3].url, "/membership/");
    EXPECT_EQ(pages[3].nav, "Membership");
    EXPECT_EQ(pages[3].order, 10);
    EXPECT_EQ(pages[3].body_line, 6);
}

TEST(Pages, ErrorsNameFileAbsoluteLines) {
    Tree t;
    t.write("a.md", "---\ntitle: A\ntitel: B\n---\n");
    t.write("b.md", "No front matter\n");
    t.write("c.md", "---\ndescription: no title\n---\n");
    t.write("d.md", "---\ntitle: D\norder: soon\n---\n");
    t.write("e.md", "---\ntitle: [broken\n---\n");
    auto errors = t.errors();
    ASSERT_EQ(errors.size(), 5u);
    EXPECT_EQ(errors[0], "a.md:3:1: unknown key 'titel'; did you mean 'title'?");
    EXPECT_EQ(errors[1], "b.md:1:1: page has no title; start the file with front matter: ---, title: ..., ---");
    EXPECT_EQ(errors[2], "c.md:2:1: missing required key 'title'");
    EXPECT_EQ(errors[3], "d.md:3:8: 'order' must be a whole number");
    EXPECT_NE(errors[4].find("e.md:"), std::string::npos);
    EXPECT_NE(errors[4].find("YAML syntax error"), std::string::npos);
}

TEST(Pages, TwoFilesForOneUrlIsAnError) {
    Tree t;
    t.write("guides.md", "---\ntitle: A\n---\n");
    t.write("guides/index.md", "---\ntitle: B\n---\n");
    auto errors = t.errors();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], "guides.md: publishes at /guides/ like guides/index.md; rename one of them");
}

TEST(Pages, RealContentPagesAllLoad) {
    std::vector<Diagnostic> errors;
    auto pages = load_pages(ICIPS_CONTENT_DIR, errors);
    for (const auto& e : errors) ADD_FAILURE() << format(e);
    EXPECT_GE(pages.size(), 8u);
    EXPECT_EQ(pages.front().url, "/");
}

// Plain front matter is read without yaml-cpp; whatever it accepts must read exactly as yaml-cpp
// reads it, and everything else must be left to yaml-cpp (and its messages).
TEST(Pages, PlainFrontMatterReadsAsYamlDoesOrNotAtAll) {
    using icips::content::plain_front_matter;
    const std::vector<std::string> accepted = {
        "title: Home\n",
        "title: Membership grades\ndescription: What each grade must evidence, and why.\nnav: Grades\norder: 20\n",
        "title: Starting the journey (part 1/2)\norder: -3\nraw_html: true\n",
        "title: Café au lait & co.\ndescription: Don't panic; it's 100% fine!\nraw_html: false\norder: 0\n",
        "title: 2026\n",
        "title: yes\n",
        "title: Two  spaces kept\n",
        "title: \"Quoted: with # and 'single'\"\ndescription: 'It is \"so\"'\n",
        "title: \"  padded  \"\ndescription: \"\"\n",
    };
    const std::vector<std::string> left_to_yaml = {
        "",
        "title: \"Escaped \\\" quote\"\n",
        "title: \"Back\\\\slash\"\n",
        "title: 'It''s'\n",
        "title: \"Unclosed\n",
        "title: \"Closed\" trailing\n",
        "title: Home # a comment\n",
        "title: Colon: inside\n",
        "title: Home\r\n",
        "title: Home \n",
        "title:\n",
        "title: null\n",
        "title: ~\n",
        "title: [a, b]\n",
        "title: -dash\n",
        "title: Home\ntitle: Again\n",
        "title: Home\ntitel: Typo\n",
        "title: Home\n\nnav: X\n",
        "  title: Indented\n",
        "title: Home\norder: 010\n",
        "title: Home\norder: 1.5\n",
        "title: Home\norder: 9999999999\n",
        "title: Home\nraw_html: yes\n",
        "title: Home\ndescription: >\n  folded\n",
        "nav: No title\n",
        "title: Tab\there\n",
    };
    for (const auto& text : accepted) {
        const auto plain = plain_front_matter(text);
        ASSERT_TRUE(plain) << text;
        const YAML::Node yaml = YAML::Load(text);
        EXPECT_EQ(plain->title, yaml["title"].Scalar()) << text;
        EXPECT_EQ(plain->description, yaml["description"] ? yaml["description"].Scalar() : "") << text;
        EXPECT_EQ(plain->nav, yaml["nav"] ? yaml["nav"].Scalar() : "") << text;
        EXPECT_EQ(plain->order, yaml["order"] ? yaml["order"].as<int>() : 0) << text;
        EXPECT_EQ(plain->raw_html, yaml["raw_html"] ? yaml["raw_html"].as<bool>() : false) << text;
    }
    for (const auto& text : left_to_yaml) EXPECT_FALSE(plain_front_matter(text)) << text;
}

// The id rule is a loop: a million characters cannot overflow the stack (std::regex recurses once
// per character).
TEST(Ids, TheIdCheckTakesAnyLength) {
    EXPECT_TRUE(is_valid_id(std::string(1000000, 'a')));
    EXPECT_FALSE(is_valid_id(std::string(1000000, 'a') + "-"));
    EXPECT_TRUE(is_valid_id("level-2"));
    for (const std::string bad : {"", "-a", "a-", "a--b", "A", "a_b", "a b", "..", "\\x"}) EXPECT_FALSE(is_valid_id(bad)) << bad;
}
