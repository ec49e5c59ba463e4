#include "content/pages.h"

#include "content_tree.h"

#include <gtest/gtest.h>

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
