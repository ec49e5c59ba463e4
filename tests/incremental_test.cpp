// serve's incremental rebuilds (site/incremental.h): after every edit the output must be byte for
// byte what a fresh full build writes, only the pages an edit touches are rendered again, and a
// failed rebuild leaves the output as it was.
#include "content_tree.h"
#include "site/incremental.h"
#include "site_files.h"

#include <gtest/gtest.h>

namespace fs = std::filesystem;
using icips::site::BuildOptions;
using icips::site::SiteBuilder;

namespace {

struct IncrementalSite : ::testing::Test {
    ContentTree tree;
    fs::path content = tree.root / "content";
    BuildOptions options;
    int fresh_builds = 0;

    void SetUp() override {
        fs::create_directories(tree.root);
        fs::copy(ICIPS_CONTENT_DIR, content, fs::copy_options::recursive);
        // A reading sequence (order), a menu entry (nav) and links between the pages.
        tree.write("content/guides/a.md", "---\ntitle: Alpha\ndescription: First\norder: 101\n---\nSee [Beta](/guides/b/).\n");
        tree.write("content/guides/b.md", "---\ntitle: Beta\norder: 102\n---\nBeta's text.\n");
        tree.write("content/guides/c.md", "---\ntitle: Gamma\norder: 103\nnav: Gamma\n---\nBack to [Alpha](../a/).\n");
        options.content_dir = content;
        options.out_dir = tree.root / "output";
        options.default_theme = fs::path(ICIPS_SOURCE_DIR) / "themes/default";
    }

    // The output of a fresh full build of the same content.
    std::map<std::string, std::string> full_build() {
        BuildOptions fresh = options;
        fresh.out_dir = tree.root / ("fresh-" + std::to_string(++fresh_builds));
        const auto report = icips::site::build_site(fresh);
        EXPECT_TRUE(report.ok()) << messages(report);
        return snapshot(fresh.out_dir);
    }

    void edit(const std::string& relative, const std::string& text) { tree.write("content/" + relative, text); }
    fs::path file(const std::string& relative) const { return content / relative; }

    // Rebuilds after the edits of `files`: a good build, incremental or not as said, whose output
    // is the full build's.
    icips::site::BuildReport rebuilt(SiteBuilder& builder, const std::vector<std::string>& files, bool incremental) {
        std::vector<fs::path> changed;
        for (const auto& f : files) changed.push_back(file(f));
        auto report = builder.rebuild(changed);
        EXPECT_TRUE(report.ok()) << messages(report);
        EXPECT_EQ(builder.last_incremental(), incremental) << builder.full_reason();
        EXPECT_EQ(snapshot(options.out_dir), full_build());
        return report;
    }
};

TEST_F(IncrementalSite, EveryEditGivesWhatAFullBuildGives) {
    SiteBuilder builder(options);
    ASSERT_TRUE(builder.rebuild({}).ok());
    const size_t all_pages = snapshot(options.out_dir).size();

    // The body of one page: that page alone.
    edit("guides/b.md", "---\ntitle: Beta\norder: 102\n---\nBeta's *new* text, with a [link](/guides/c/).\n");
    EXPECT_EQ(rebuilt(builder, {"guides/b.md"}, true).pages, 1u);
    EXPECT_NE(slurp(options.out_dir / "search-index.json").find("Beta's new text"), std::string::npos);

    // A title: the page, its neighbours (their previous/next links) and the home page.
    edit("guides/b.md", "---\ntitle: Beta renamed\norder: 102\n---\nBeta's *new* text.\n");
    const size_t pages = rebuilt(builder, {"guides/b.md"}, true).pages;
    EXPECT_GE(pages, 3u);
    EXPECT_LT(pages, all_pages / 2);

    // The order: the reading sequence changes around the old and the new place.
    edit("guides/a.md", "---\ntitle: Alpha\ndescription: Now last\norder: 104\n---\nSee [Beta](/guides/b/).\n");
    rebuilt(builder, {"guides/a.md"}, true);

    // Two pages in one burst.
    edit("guides/a.md", "---\ntitle: Alpha\ndescription: Now last\norder: 104\n---\nAlpha again.\n");
    edit("guides/b.md", "---\ntitle: Beta\norder: 102\n---\nBeta again.\n");
    rebuilt(builder, {"guides/a.md", "guides/b.md"}, true);

    // The menu is on every page: the full build.
    edit("guides/c.md", "---\ntitle: Gamma\norder: 103\nnav: Gamma guide\n---\nBack to [Alpha](../a/).\n");
    rebuilt(builder, {"guides/c.md"}, false);

    // site.yaml and a new page: the full build, and the next edit is incremental again.
    edit("site.yaml", slurp(file("site.yaml")) + "\n");
    edit("guides/d.md", "---\ntitle: Delta\norder: 105\n---\nDelta.\n");
    rebuilt(builder, {"site.yaml", "guides/d.md"}, false);
    edit("guides/d.md", "---\ntitle: Delta\norder: 105\n---\nDelta, edited.\n");
    rebuilt(builder, {"guides/d.md"}, true);

    // The index page (the home page's prose).
    edit("index.md", slurp(file("index.md")) + "\nOne more line.\n");
    rebuilt(builder, {"index.md"}, true);
}

TEST_F(IncrementalSite, AFailedRebuildLeavesTheOutputAndIsRetriedWithTheNextChange) {
    SiteBuilder builder(options);
    ASSERT_TRUE(builder.rebuild({}).ok());
    const auto before = snapshot(options.out_dir);

    // A broken link: the link check stays on for re-rendered pages.
    edit("guides/b.md", "---\ntitle: Beta\norder: 102\n---\nSee [nothing](/no/such/page/).\n");
    auto report = builder.rebuild({file("guides/b.md")});
    EXPECT_FALSE(report.ok());
    EXPECT_NE(messages(report).find("guides/b.md"), std::string::npos) << messages(report);
    EXPECT_NE(messages(report).find("/no/such/page/"), std::string::npos) << messages(report);
    EXPECT_EQ(snapshot(options.out_dir), before);

    // Another page edited while b is still broken: still failing, still nothing written.
    edit("guides/c.md", "---\ntitle: Gamma\norder: 103\nnav: Gamma\n---\nGamma, edited.\n");
    report = builder.rebuild({file("guides/c.md")});
    EXPECT_FALSE(report.ok());
    EXPECT_EQ(snapshot(options.out_dir), before);

    // Bad front matter: the error names the file and line.
    edit("guides/b.md", "---\ntitle: Beta\norder: [\n---\nText.\n");
    report = builder.rebuild({file("guides/b.md")});
    EXPECT_FALSE(report.ok());
    EXPECT_NE(messages(report).find("guides/b.md:"), std::string::npos) << messages(report);
    EXPECT_EQ(snapshot(options.out_dir), before);

    // Fixed: both edits arrive, as a full build would have them.
    edit("guides/b.md", "---\ntitle: Beta\norder: 102\n---\nFixed.\n");
    report = builder.rebuild({file("guides/b.md")});
    ASSERT_TRUE(report.ok()) << messages(report);
    EXPECT_TRUE(builder.last_incremental());
    const auto after = snapshot(options.out_dir);
    EXPECT_EQ(after, full_build());
    EXPECT_NE(after.at("guides/c/index.html").find("Gamma, edited."), std::string::npos);
    for (const auto& [path, bytes] : after) EXPECT_EQ(path.find(".tmp-"), std::string::npos) << path;
}

TEST_F(IncrementalSite, ALinkToAnIdThatAnEditRemovesFails) {
    // c links to an element of b's page; b drops it.
    edit("guides/b.md", "---\ntitle: Beta\norder: 102\nraw_html: true\n---\n<p id=\"kept\">Kept.</p>\n");
    edit("guides/c.md", "---\ntitle: Gamma\norder: 103\nnav: Gamma\n---\nSee [kept](/guides/b/#kept).\n");
    SiteBuilder builder(options);
    ASSERT_TRUE(builder.rebuild({}).ok());
    const auto before = snapshot(options.out_dir);
    edit("guides/b.md", "---\ntitle: Beta\norder: 102\nraw_html: true\n---\n<p>Gone.</p>\n");
    const auto report = builder.rebuild({file("guides/b.md")});
    EXPECT_FALSE(report.ok());
    EXPECT_NE(messages(report).find("guides/c.md"), std::string::npos) << messages(report);
    EXPECT_EQ(snapshot(options.out_dir), before);
}

}  // namespace
