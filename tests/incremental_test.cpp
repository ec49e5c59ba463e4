// serve's incremental rebuilds (site/incremental.h): after every edit the output must be byte for
// byte what a fresh full build writes, only the pages an edit touches are rendered again, and a
// failed rebuild leaves the output as it was.
#include "content_tree.h"
#include "site/incremental.h"
#include "site_files.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <set>

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

    // The search index's shards as built, concatenated (to look for a text in them).
    std::string search_shards() const {
        std::string all;
        for (const auto& [path, bytes] : snapshot(options.out_dir / "search-index")) all += bytes;
        return all;
    }

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
    EXPECT_NE(search_shards().find("Beta's new text"), std::string::npos);

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

    // A page that links to a grade without requirements: that grade's page lists it under "How to start".
    const std::string journey = slurp(file("starting-the-journey.md"));
    const std::string old_description = "How to join ICiPS as an Affiliate";
    ASSERT_NE(journey.find(old_description), std::string::npos);
    std::string renamed = journey;
    renamed.replace(renamed.find(old_description), old_description.size(), "Joining as an Affiliate");
    edit("starting-the-journey.md", renamed);
    rebuilt(builder, {"starting-the-journey.md"}, true);
    EXPECT_NE(slurp(options.out_dir / "grades/affiliate/index.html").find("Joining as an Affiliate"), std::string::npos);

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


// Swaps the first `from` in `relative` (below the content folder) for `to`.
static void replace_in(ContentTree& tree, const std::string& relative, const std::string& from, const std::string& to) {
    std::string text = slurp(tree.root / "content" / relative);
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    tree.write("content/" + relative, text.replace(at, from.size(), to));
}

// Each file of the search index (the manifest and the shards below search-index/): its bytes and
// the inode and modification time that tell whether it was written again.
struct IndexFile {
    std::string bytes;
    ino_t inode = 0;
    long long mtime_ns = 0;
};
static std::map<std::string, IndexFile> index_files(const fs::path& out) {
    std::map<std::string, IndexFile> files;
    auto add = [&](const fs::path& file) {
        struct stat st {};
        EXPECT_EQ(::stat(file.c_str(), &st), 0) << file;
        files[fs::relative(file, out).generic_string()] =
            IndexFile{slurp(file), st.st_ino, st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
    };
    add(out / "search-index.json");
    for (const auto& e : fs::directory_iterator(out / "search-index")) add(e.path());
    return files;
}
// The files of `before` that `after` wrote again; every file whose bytes changed must be among them.
static std::set<std::string> rewritten(const std::map<std::string, IndexFile>& before,
                                       const std::map<std::string, IndexFile>& after) {
    std::set<std::string> out;
    for (const auto& [path, file] : after) {
        const auto it = before.find(path);
        EXPECT_NE(it, before.end()) << path << " is new";
        if (it == before.end()) continue;
        const bool same_file = it->second.inode == file.inode && it->second.mtime_ns == file.mtime_ns;
        if (!same_file) out.insert(path);
        else EXPECT_EQ(it->second.bytes, file.bytes) << path << " changed but was not written again";
    }
    EXPECT_EQ(before.size(), after.size());
    return out;
}

TEST_F(IncrementalSite, AnEditRewritesOnlyTheSearchIndexShardsItChanges) {
    SiteBuilder builder(options);
    ASSERT_TRUE(builder.rebuild({}).ok());
    const auto built = index_files(options.out_dir);
    ASSERT_GE(built.size(), 3u) << "the manifest and at least two shards";

    // A page's text: its own shard (the prose pages come first), and nothing else of the index.
    edit("guides/b.md", "---\ntitle: Beta\norder: 102\n---\nBeta's text, now searchable as zebrafish.\n");
    rebuilt(builder, {"guides/b.md"}, true);
    const auto after_page = index_files(options.out_dir);
    EXPECT_EQ(rewritten(built, after_page), std::set<std::string>{"search-index/0.json"});
    EXPECT_NE(after_page.at("search-index/0.json").bytes.find("zebrafish"), std::string::npos);

    // A page edit that leaves its text alone (the description shows on the home page only): no shard.
    edit("guides/b.md", "---\ntitle: Beta\ndescription: Second\norder: 102\n---\nBeta's text, now searchable as zebrafish.\n");
    rebuilt(builder, {"guides/b.md"}, true);
    const auto after_description = index_files(options.out_dir);
    EXPECT_TRUE(rewritten(after_page, after_description).empty());

    // A maturity descriptor (the models come last): the shards that hold it, not the pages' shard.
    const std::string descriptor = "A blame culture exists.";
    replace_in(tree, "maturity/ci-sam.yaml", descriptor, "A culture of blame exists.");
    rebuilt(builder, {"maturity/ci-sam.yaml"}, true);
    const auto after_model = index_files(options.out_dir);
    const auto model_shards = rewritten(after_description, after_model);
    EXPECT_EQ(model_shards.size(), 1u);
    EXPECT_FALSE(model_shards.count("search-index.json"));
    for (const auto& path : model_shards)
        EXPECT_NE(after_model.at(path).bytes.find("A culture of blame exists."), std::string::npos) << path;
}

// Edits of the model's YAML, each rebuild checked against a fresh full build.
void yaml_edits(IncrementalSite& t) {
    auto& tree = t.tree;
    auto& options = t.options;
    const auto file = [&t](const std::string& relative) { return t.file(relative); };
    const auto edit = [&t](const std::string& relative, const std::string& text) { t.edit(relative, text); };
    const auto rebuilt = [&t](SiteBuilder& builder, const std::vector<std::string>& files, bool incremental) {
        return t.rebuilt(builder, files, incremental);
    };
    SiteBuilder builder(options);
    ASSERT_TRUE(builder.rebuild({}).ok());
    const auto before = snapshot(options.out_dir);
    size_t html_pages = 0;
    for (const auto& [path, bytes] : before) html_pages += path.ends_with(".html") ? 1 : 0;

    // A grade's summary: the standards pages, the JSON and the search index; not the guides.
    replace_in(tree, "standards/grades.yaml", "For those with experience", "For people with experience");
    const auto report = rebuilt(builder, {"standards/grades.yaml"}, true);
    EXPECT_LT(report.pages, html_pages);
    EXPECT_GT(report.pages, 50u);
    EXPECT_NE(slurp(options.out_dir / "api/standards.json").find("For people with experience"), std::string::npos);
    EXPECT_EQ(slurp(options.out_dir / "guides/b/index.html"), before.at("guides/b/index.html"));

    // A worksheet question and a maturity descriptor: the same, for packs and models.
    replace_in(tree, "packs/csit-document-one.yaml", "What are we all doing this work for?", "Why are we doing this work?");
    rebuilt(builder, {"packs/csit-document-one.yaml"}, true);
    EXPECT_NE(t.search_shards().find("Why are we doing this work?"), std::string::npos);
    replace_in(tree, "maturity/ci-sam.yaml", "level: 1", "level: 1 ");
    rebuilt(builder, {"maturity/ci-sam.yaml"}, true);

    // A broken file: the errors, the output as it was; fixed, incremental again.
    const auto good = snapshot(options.out_dir);
    const std::string grades = slurp(file("standards/grades.yaml"));
    edit("standards/grades.yaml", grades + "  - id: [broken\n");
    auto failed = builder.rebuild({file("standards/grades.yaml")});
    EXPECT_FALSE(failed.ok());
    EXPECT_NE(messages(failed).find("grades.yaml:"), std::string::npos) << messages(failed);
    EXPECT_EQ(snapshot(options.out_dir), good);
    edit("standards/grades.yaml", grades);
    rebuilt(builder, {"standards/grades.yaml"}, true);

    // A new assignment is a new page: the full build.
    replace_in(tree, "standards/behaviours/member.yaml", "assignments:\n", "assignments:\n  - number: 99\n    title: New\n");
    rebuilt(builder, {"standards/behaviours/member.yaml"}, false);
}

TEST_F(IncrementalSite, YamlEditsRenderEveryPageButTheMarkdownPages) { yaml_edits(*this); }

TEST_F(IncrementalSite, TemplateEditsRenderOnlyThePagesThatUseThem) {
    const fs::path theme = tree.root / "mytheme";
    const fs::path standard = fs::path(ICIPS_SOURCE_DIR) / "themes/default";
    fs::create_directories(theme / "templates/partials");
    fs::create_directories(theme / "assets");
    fs::copy_file(standard / "templates/grade.mustache", theme / "templates/grade.mustache");
    fs::copy_file(standard / "templates/partials/items.mustache", theme / "templates/partials/items.mustache");
    fs::copy_file(standard / "assets/site.css", theme / "assets/site.css");
    options.theme_dirs = {theme};
    SiteBuilder builder(options);
    ASSERT_TRUE(builder.rebuild({}).ok());
    const auto rebuild = [&](const fs::path& changed, size_t pages) {
        const auto report = builder.rebuild({changed});
        EXPECT_TRUE(report.ok()) << messages(report);
        EXPECT_TRUE(builder.last_incremental()) << builder.full_reason();
        EXPECT_EQ(report.pages, pages) << changed;
        EXPECT_EQ(snapshot(options.out_dir), full_build());
        return report;
    };

    // The grade template: the five grade pages.
    std::ofstream(theme / "templates/grade.mustache", std::ios::app) << "<p>Printed from the grade template.</p>\n";
    rebuild(theme / "templates/grade.mustache", 5);
    EXPECT_NE(slurp(options.out_dir / "grades/member/index.html").find("Printed from the grade template."), std::string::npos);

    // A partial: every page whose template includes it (grades, assignments, ...), not the guides.
    std::ofstream(theme / "templates/partials/items.mustache", std::ios::app) << "\n";
    const auto report = builder.rebuild({theme / "templates/partials/items.mustache"});
    EXPECT_TRUE(report.ok() && builder.last_incremental()) << messages(report) << builder.full_reason();
    EXPECT_GT(report.pages, 5u);
    EXPECT_EQ(snapshot(options.out_dir), full_build());

    // A stylesheet: copied, no page rendered.
    std::ofstream(theme / "assets/site.css", std::ios::app) << "\n/* edited */\n";
    rebuild(theme / "assets/site.css", 0);

    // A template that no longer parses: the error, the last good site kept.
    const auto good = snapshot(options.out_dir);
    std::ofstream(theme / "templates/grade.mustache", std::ios::app) << "{{#open}}\n";
    const auto failed = builder.rebuild({theme / "templates/grade.mustache"});
    EXPECT_FALSE(failed.ok());
    EXPECT_NE(messages(failed).find("grade.mustache"), std::string::npos) << messages(failed);
    EXPECT_EQ(snapshot(options.out_dir), good);
}

}  // namespace
