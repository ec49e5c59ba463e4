// End-to-end tests of the build pipeline: what a reader of the site or an editor would notice.
#include "site/build.h"
#include "site/output_dir.h"

#include "content_tree.h"
#include "site_files.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;
using icips::site::BuildOptions;
using icips::site::BuildReport;

namespace {

const std::string kGrades = std::string(kMemberGrade) + R"Y(  - id: fellow
    title: Fellow
    order: 2
    summary: Fellows.
    underpinning_from: [member, fellow]
)Y";
const char* kMemberUk = R"Y(assignments:
  - number: 1
    title: Data
    items:
      - label: "1."
        text: Sampling
        items:
          - label: "a)"
            text: Sample size
)Y";
const char* kFellowUk = R"Y(assignments:
  - number: 1
    title: Strategy
)Y";

struct Site : TestSite {
    Site() {
        write("content/standards/grades.yaml", kGrades);
        write("content/standards/areas.yaml", kKnowledgeArea);
        write("content/standards/underpinning-knowledge/member.yaml", kMemberUk);
        write("content/standards/underpinning-knowledge/fellow.yaml", kFellowUk);
    }
};

}  // namespace

TEST(Site, RealContentBuildsAndEveryLinkResolves) {
    ContentTree t;
    const auto report = build_test_site(ICIPS_CONTENT_DIR, t.root / "out");
    ASSERT_TRUE(report.ok()) << messages(report);  // the link check ran inside the build
    const std::string page = slurp(t.root / "out/grades/member/underpinning-knowledge/4/index.html");
    EXPECT_NE(page.find("id=\"item-5\""), std::string::npos);
    EXPECT_NE(page.find("Calculating sample size."), std::string::npos);
    for (const char* grade : {"affiliate", "member", "practitioner", "ci-leader", "fellow"})
        EXPECT_TRUE(fs::exists(t.root / "out/grades" / grade / "index.html")) << grade;
    for (const char* area : {"underpinning-knowledge", "applied-knowledge", "behaviours"})
        EXPECT_TRUE(fs::exists(t.root / "out/areas" / area / "index.html")) << area;
    for (const char* file : {"404.html", "sitemap.xml", "api/standards.json", "assets/site.css",
                             "editorial-notes/index.html", "membership/index.html", "three-areas/index.html"})
        EXPECT_TRUE(fs::exists(t.root / "out" / file)) << file;
    // The editorial notes page gathers the notes attached to the content.
    EXPECT_NE(slurp(t.root / "out/editorial-notes/index.html").find("Notes on grades"), std::string::npos);
}

TEST(Site, CumulativeUnderpinningKnowledgeComesFromTheData) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    const std::string fellow = s.page("/grades/fellow/");
    EXPECT_NE(fellow.find("Underpinning knowledge from other grades"), std::string::npos);
    EXPECT_NE(fellow.find("href=\"/grades/member/underpinning-knowledge/1/\""), std::string::npos);
    // Each of those assignments opens in place to show its items, with how many there are.
    const size_t details = fellow.find("<details class=\"inherited\" data-print-open>");
    ASSERT_NE(details, std::string::npos);
    const std::string opened = fellow.substr(details, fellow.find("</details>", details) - details);
    EXPECT_NE(opened.find("(2 requirements)</span></summary>"), std::string::npos) << opened;  // item 1 and sub-item a)
    EXPECT_NE(opened.find("<ol class=\"items\">"), std::string::npos) << opened;
    EXPECT_EQ(s.page("/grades/member/").find("Underpinning knowledge from other grades"), std::string::npos);

    // The same code with other data: Fellow no longer needs Member's underpinning knowledge.
    s.write("content/standards/grades.yaml", std::string(kGrades).replace(kGrades.find("[member, fellow]"), 16, "[fellow]"));
    ASSERT_TRUE(s.build().ok());
    EXPECT_EQ(s.page("/grades/fellow/").find("Underpinning knowledge from other grades"), std::string::npos);
}

TEST(Site, GradesPageShowsTheGradesInOrderAndAStartingGradeLeadsOn) {
    Site s;
    // A grade to start at, before Member, and a page about joining that links to it.
    s.write("content/standards/grades.yaml", "grades:\n  - id: affiliate\n    title: Affiliate\n    order: 0\n"
                                             "    professional: false\n    summary: Where you start.\n"
                                             "    underpinning_from: []\n" +
                                                 kGrades.substr(kGrades.find('\n') + 1));
    s.write("content/joining.md", "---\ntitle: Joining\ndescription: How to join as an Affiliate.\norder: 5\n---\n"
                                  "Join as an [Affiliate](/grades/affiliate/).\n");
    s.write("content/other.md", "---\ntitle: Other\norder: 6\n---\nNothing about grades.\n");
    ASSERT_TRUE(s.build().ok());

    const std::string grades = s.page("/grades/");
    EXPECT_NE(grades.find("Professional membership has 2 grades"), std::string::npos);
    EXPECT_NE(grades.find("you start as <a href=\"/grades/affiliate/\">Affiliate</a>"), std::string::npos);
    // Member evidences its own underpinning knowledge; Fellow Member's and its own.
    EXPECT_NE(grades.find("<strong>1 assignment</strong> to evidence, with the underpinning knowledge of Member<"),
              std::string::npos);
    EXPECT_NE(grades.find("<strong>2 assignments</strong> to evidence, with the underpinning knowledge of Member and Fellow<"),
              std::string::npos);
    EXPECT_NE(grades.find("nothing to evidence yet"), std::string::npos);

    const std::string affiliate = s.page("/grades/affiliate/");
    EXPECT_NE(affiliate.find("How to start"), std::string::npos);
    EXPECT_NE(affiliate.find(">Joining</a>: How to join as an Affiliate."), std::string::npos);
    EXPECT_EQ(affiliate.find(">Other</a>"), std::string::npos);
    EXPECT_NE(affiliate.find("Then work towards <a href=\"/grades/member/\">Member</a>"), std::string::npos);
    EXPECT_NE(affiliate.find("href=\"/grades/member/checklist/\">portfolio checklist"), std::string::npos);
    EXPECT_EQ(s.page("/grades/member/").find("How to start"), std::string::npos);
}

TEST(Site, HomePageLeadsToTheThreeTasks) {
    ContentTree t;
    ASSERT_TRUE(build_test_site(ICIPS_CONTENT_DIR, t.root / "out").ok());
    const std::string home = page_at(t.root / "out", "/");
    EXPECT_NE(home.find("continuous improvement (CI)"), std::string::npos);
    EXPECT_NE(home.find("<a href=\"/grades/\">Applying for a grade</a>"), std::string::npos);
    EXPECT_NE(home.find("href=\"/grades/member/checklist/\""), std::string::npos);
    EXPECT_NE(home.find("<a href=\"/packs/\">Running a workshop</a>"), std::string::npos);
    // One maturity model: the way in opens its self-assessment.
    EXPECT_NE(home.find("<a href=\"/maturity/ci-sam/self-assessment/\">Assessing your organisation</a>"), std::string::npos);
    // Notes for editors are in the footer, not among the ways in.
    const std::string main = home.substr(0, home.find("<footer"));
    EXPECT_EQ(main.find("/editorial-notes/"), std::string::npos);
    EXPECT_NE(home.find("/editorial-notes/", home.find("<footer")), std::string::npos);
}

TEST(Site, ItemsHaveStableAnchorsAndUrls) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    const std::string page = s.page("/grades/member/underpinning-knowledge/1/");
    EXPECT_NE(page.find("<li id=\"item-1\">"), std::string::npos);
    EXPECT_NE(page.find("<li id=\"item-1-a\">"), std::string::npos);
    EXPECT_NE(page.find("href=\"/grades/member/underpinning-knowledge/1/#item-1-a\""), std::string::npos);
    // On the grade page the same items carry ids prefixed by area and assignment, so ids stay unique.
    EXPECT_NE(s.page("/grades/member/").find("id=\"underpinning-knowledge-1-item-1-a\""), std::string::npos);
}

TEST(Site, ContentTextIsEscapedAndRawHtmlIsOffUnlessThePageOptsIn) {
    Site s;
    s.write("content/standards/underpinning-knowledge/fellow.yaml",
            "assignments:\n  - number: 1\n    title: \"<script>alert(1)</script> & co\"\n"
            "  - number: 2\n    title: \"Say \\\"yes\\\" & 'no' < > end\"\n");
    s.write("content/raw.md", "---\ntitle: Raw\n---\n<script>alert(2)</script>\n\n<b>bold</b>\n");
    s.write("content/opted.md", "---\ntitle: Opted\nraw_html: true\n---\n<b>bold</b>\n");
    ASSERT_TRUE(s.build().ok()) << messages(s.build());
    const std::string page = s.page("/grades/fellow/underpinning-knowledge/1/");
    EXPECT_EQ(page.find("<script>alert(1)"), std::string::npos);
    EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"), std::string::npos);
    // Every character HTML gives a meaning, in a value written with {{ }} (the page title): as
    // kainjow's own escape writes them.
    EXPECT_NE(s.page("/grades/fellow/underpinning-knowledge/2/").find(
                  "<title>Assignment 2: Say &quot;yes&quot; &amp; &apos;no&apos; &lt; &gt; end"),
              std::string::npos);
    const std::string raw = s.page("/raw/");
    EXPECT_EQ(raw.find("<script>alert(2)"), std::string::npos);
    EXPECT_EQ(raw.find("<b>bold</b>"), std::string::npos);
    EXPECT_NE(s.page("/opted/").find("<b>bold</b>"), std::string::npos);
}

TEST(Site, FailedBuildLeavesTheOutputByteForByte) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    const auto before = snapshot(s.out);
    ASSERT_FALSE(before.empty());
    s.write("content/standards/grades.yaml", "grades:\n  - id: member\n    title: [unclosed\n");
    const auto report = s.build();
    EXPECT_FALSE(report.ok());
    EXPECT_NE(messages(report).find("grades.yaml:4:"), std::string::npos) << messages(report);
    EXPECT_EQ(snapshot(s.out), before);
    // No staging directory is left behind.
    for (const auto& e : fs::directory_iterator(s.root))
        EXPECT_EQ(e.path().filename().string().find(".site-out.tmp"), std::string::npos) << e.path();
}

// A build killed mid-way (kill -9) leaves its staging folder; the next build removes it, but never
// a folder of a build still running, nor one icips-site did not write.
TEST(Site, StagingLeftByAKilledBuildIsRemovedByTheNext) {
    Site s;
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    ASSERT_GT(child, 0);
    ::waitpid(child, nullptr, 0);  // a process id that no longer runs
    const fs::path killed = s.root / (".site-out.tmp-" + std::to_string(child) + "-1-0");
    const fs::path running = s.root / ".site-out.tmp-1-1-0";  // init is always running
    const fs::path foreign = s.root / (".site-out.tmp-" + std::to_string(child) + "-2-0");
    s.write(".site-out.tmp-" + std::to_string(child) + "-1-0/.icips-site", "marker\n");
    s.write(".site-out.tmp-" + std::to_string(child) + "-1-0/index.html", "half a site");
    s.write(".site-out.tmp-1-1-0/.icips-site", "marker\n");
    s.write(".site-out.tmp-" + std::to_string(child) + "-2-0/notes.txt", "someone's notes");
    ASSERT_TRUE(s.build().ok());
    EXPECT_FALSE(fs::exists(killed));
    EXPECT_TRUE(fs::exists(running));
    EXPECT_TRUE(fs::exists(foreign / "notes.txt"));
}

// A rebuild starts from the output the previous build replaced (kept as .site-out.spare): unchanged
// files are not rewritten, and whatever the spare holds, the result is what a fresh build writes.
TEST(Site, ARebuildRecyclesThePreviousOutputAndEndsAsAFreshBuild) {
    Site s;
    const fs::path spare = s.root / ".site-out.spare";
    ASSERT_TRUE(s.build().ok());
    EXPECT_FALSE(fs::exists(spare));
    ASSERT_TRUE(s.build().ok());  // the first output becomes the spare
    ASSERT_TRUE(fs::is_directory(spare));
    s.write("content/index.md", "---\ntitle: Home\n---\nWelcome back.\n");
    s.write("content/extra.md", "---\ntitle: Extra\n---\nMore.\n");

    // What a fresh build of this content writes.
    const fs::path fresh = s.root / "fresh";
    BuildOptions fresh_options;
    fresh_options.out_dir = fresh;
    ASSERT_TRUE(s.build(fresh_options).ok());

    // Tamper with the spare: a stale page, a stale folder, a file where a folder goes and a folder
    // where a file goes, links that point out of it where a page and a folder go, and a page with a
    // second hard link.
    s.write(".site-out.spare/stale/index.html", "stale");
    s.write(".site-out.spare/old.json", "{}");
    fs::remove_all(spare / "grades");
    s.write(".site-out.spare/grades", "a file in the way");
    s.write("outside/keep.txt", "outside");
    fs::remove(spare / "index.html");
    fs::create_symlink(s.root / "outside/keep.txt", spare / "index.html");
    fs::remove_all(spare / "areas");
    fs::create_directory_symlink(s.root / "outside", spare / "areas");
    fs::create_hard_link(spare / "404.html", s.root / "outside/linked.html");
    fs::remove(spare / "sitemap.xml");
    fs::create_directories(spare / "sitemap.xml/inner");  // a folder where a file goes
    const std::string linked = slurp(s.root / "outside/linked.html");
    const auto unchanged = fs::last_write_time(spare / "assets/site.css");

    const auto rebuilt = s.build();
    ASSERT_TRUE(rebuilt.ok()) << messages(rebuilt) << rebuilt.fatal;
    EXPECT_EQ(snapshot(s.out), snapshot(fresh));
    EXPECT_NE(s.page("/").find("Welcome back."), std::string::npos);
    EXPECT_FALSE(fs::is_symlink(s.out / "index.html"));
    EXPECT_FALSE(fs::is_symlink(s.out / "areas"));
    // Nothing outside the output was written through a link.
    EXPECT_EQ(slurp(s.root / "outside/keep.txt"), "outside");
    EXPECT_EQ(slurp(s.root / "outside/linked.html"), linked);
    EXPECT_EQ(std::distance(fs::directory_iterator(s.root / "outside"), fs::directory_iterator()), 2);
    // A file whose bytes did not change was left alone.
    EXPECT_EQ(fs::last_write_time(s.out / "assets/site.css"), unchanged);
    for (const auto& e : fs::directory_iterator(s.root))
        EXPECT_EQ(e.path().filename().string().find(".site-out.tmp"), std::string::npos) << e.path();
}

// A failed build puts the spare it took back, and makes no other folder beside the output.
TEST(Site, AFailedRebuildLeavesOneSpareAndTheOutput) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    ASSERT_TRUE(s.build().ok());
    const auto before = snapshot(s.out);
    s.write("content/broken.md", "---\ntitle: Broken\n---\nSee [nowhere](/nowhere/).\n");
    EXPECT_FALSE(s.build().ok());
    EXPECT_FALSE(s.build().ok());
    EXPECT_EQ(snapshot(s.out), before);
    std::vector<std::string> beside;
    for (const auto& e : fs::directory_iterator(s.root))
        if (e.path().filename().string().starts_with(".site-out")) beside.push_back(e.path().filename().string());
    EXPECT_EQ(beside, std::vector<std::string>{".site-out.spare"});
}

TEST(Site, BrokenLinkFailsTheBuildAtTheLineThatHasIt) {
    Site s;
    s.write("content/guide.md", "---\ntitle: Guide\n---\nSee [member](/grades/member/).\n\n"
                                "And [a typo](/grades/membr/) and [a lost item](/grades/member/underpinning-knowledge/1/#item-9).\n");
    ASSERT_TRUE(s.build().ok() == false);
    const std::string all = messages(s.build());
    EXPECT_NE(all.find("guide.md:6:"), std::string::npos) << all;
    EXPECT_NE(all.find("/grades/membr/"), std::string::npos) << all;
    EXPECT_NE(all.find("no element with id 'item-9'"), std::string::npos) << all;
    EXPECT_FALSE(fs::exists(s.out));
}

TEST(Site, RefusesOutputDirectoriesItMustNotReplace) {
    Site s;
    s.write("foreign/notes.txt", "precious");
    s.write("repo/.git/HEAD", "ref");
    for (const fs::path& bad : {s.content, s.root / "content/standards", s.root, fs::path("/"), s.root / "foreign",
                                s.root / "repo"}) {
        BuildOptions options;
        options.out_dir = bad;
        const auto report = s.build(options);
        EXPECT_TRUE(report.unsafe_output) << bad;
    }
    EXPECT_EQ(slurp(s.root / "foreign/notes.txt"), "precious");
    EXPECT_TRUE(fs::exists(s.content / "standards/grades.yaml"));
    // An empty directory, or one holding only Git's placeholder, is fine; the placeholder is kept.
    s.write("fresh/.gitkeep", "");
    BuildOptions options;
    options.out_dir = s.root / "fresh";
    ASSERT_TRUE(s.build(options).ok());
    EXPECT_TRUE(fs::exists(s.root / "fresh/.gitkeep"));
    EXPECT_TRUE(fs::exists(s.root / "fresh/index.html"));
}

TEST(Site, CheckWritesNothing) {
    Site s;
    BuildOptions options;
    options.write = false;
    EXPECT_TRUE(s.build(options).ok());
    EXPECT_FALSE(fs::exists(s.out));
}

TEST(Site, JsonExportHasTheDocumentedShape) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    const auto json = nlohmann::json::parse(s.page("/api/standards.json"));
    ASSERT_EQ(json["grades"].size(), 2u);
    const auto& fellow = json["grades"][1];
    EXPECT_EQ(fellow["id"], "fellow");
    EXPECT_EQ(fellow["url"], "/grades/fellow/");
    EXPECT_EQ(fellow["underpinning_from"], nlohmann::json::array({"member", "fellow"}));
    const auto& item = json["grades"][0]["areas"][0]["assignments"][0]["items"][0];
    EXPECT_EQ(item["label"], "1.");
    EXPECT_EQ(item["url"], "/grades/member/underpinning-knowledge/1/#item-1");
    EXPECT_EQ(item["items"][0]["url"], "/grades/member/underpinning-knowledge/1/#item-1-a");
    EXPECT_EQ(item["items"][0]["text"], "Sample size");
}

TEST(Site, AThemeFolderOverridesSingleFiles) {
    Site s;
    s.write("mytheme/templates/404.mustache", "<h1>{{title}}</h1><p>Custom not found</p>\n");
    s.write("mytheme/assets/extra.css", "body{}\n");
    BuildOptions options;
    options.theme_dirs = {s.root / "mytheme"};
    ASSERT_TRUE(s.build(options).ok());
    EXPECT_NE(s.page("/404.html").find("Custom not found"), std::string::npos);
    EXPECT_NE(s.page("/404.html").find("class=\"site-header\""), std::string::npos);  // default layout kept
    EXPECT_TRUE(fs::exists(s.out / "assets/extra.css"));
    EXPECT_TRUE(fs::exists(s.out / "assets/site.css"));
}

// What a kind of page loads is the theme's: a head/<kind> template of a theme folder adds a
// stylesheet to that kind of page (under the base path) and to no other kind.
TEST(Site, AThemeChoosesWhatAKindOfPageLoads) {
    Site s;
    s.write("mytheme/templates/head/grade.mustache", "<link rel=\"stylesheet\" href=\"{{base}}/assets/extra.css\">\n");
    s.write("mytheme/assets/extra.css", "body{}\n");
    BuildOptions options;
    options.theme_dirs = {s.root / "mytheme"};
    options.base_url = "https://example.org/standards/";
    ASSERT_TRUE(s.build(options).ok());
    const std::string grade = s.page("/grades/member/");
    EXPECT_NE(grade.find("<link rel=\"stylesheet\" href=\"/standards/assets/extra.css\">"), std::string::npos);
    EXPECT_EQ(grade.find("print-details.js"), std::string::npos);  // the default theme's head/grade is replaced
    EXPECT_EQ(s.page("/grades/").find("extra.css"), std::string::npos);
    EXPECT_NE(s.page("/grades/member/checklist/").find("/standards/assets/checklist.js"), std::string::npos);
}

TEST(Site, ATemplateErrorNamesTheTemplate) {
    Site s;
    s.write("mytheme/templates/grade.mustache", "{{#areas}}unclosed\n");
    BuildOptions options;
    options.theme_dirs = {s.root / "mytheme"};
    const auto report = s.build(options);
    EXPECT_FALSE(report.ok());
    EXPECT_NE(messages(report).find("mytheme/templates/grade.mustache"), std::string::npos) << messages(report);
}

TEST(Site, OutputIsTheSameWhateverTheThreadCount) {
    ContentTree t;
    std::map<std::string, std::string> outputs[2];
    for (unsigned threads : {1u, 4u}) {
        BuildOptions options;
        options.threads = threads;
        const fs::path out = t.root / ("out" + std::to_string(threads));
        ASSERT_TRUE(build_test_site(ICIPS_CONTENT_DIR, out, options).ok());
        outputs[threads == 1 ? 0 : 1] = snapshot(out);
    }
    EXPECT_GT(outputs[0].size(), 50u);
    EXPECT_EQ(outputs[0], outputs[1]);
}

TEST(Site, AFolderOfMarkdownPagesIsASite) {
    ContentTree t;
    t.write("content/index.md", "---\ntitle: Home\n---\nHello.\n");
    t.write("content/guides/intro.md", "---\ntitle: Intro\n---\nBack [home](/).\n");
    const auto report = build_test_site(t.root / "content", t.root / "out");
    ASSERT_TRUE(report.ok()) << messages(report);
    EXPECT_TRUE(fs::exists(t.root / "out/guides/intro/index.html"));
    EXPECT_FALSE(fs::exists(t.root / "out/grades"));
}

TEST(Site, APageCannotTakeAGeneratedUrl) {
    Site s;
    s.write("content/grades/member.md", "---\ntitle: Clash\n---\n");
    const auto report = s.build();
    EXPECT_FALSE(report.ok());
    EXPECT_NE(messages(report).find("grades/member.md"), std::string::npos) << messages(report);
    EXPECT_NE(messages(report).find("/grades/member/"), std::string::npos);
}

TEST(Site, ChecklistHasATickBoxAndAReferencePerRequirementIncludingLowerGrades) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    const std::string fellow = s.page("/grades/fellow/checklist/");
    // Member's underpinning knowledge item 1 and its sub-item a), from underpinning_from.
    EXPECT_NE(fellow.find("name=\"member-underpinning-knowledge-1-item-1-done\""), std::string::npos);
    EXPECT_NE(fellow.find("name=\"member-underpinning-knowledge-1-item-1-a-ref\""), std::string::npos);
    // Fellow's own assignment has no items: one tick box for the whole assignment.
    EXPECT_NE(fellow.find("name=\"fellow-underpinning-knowledge-1-assignment-done\""), std::string::npos);
    EXPECT_EQ(count_of(fellow, "type=\"checkbox\" id=\"c-"), 3u);  // item 1, sub-item a, fellow's assignment 1
    EXPECT_EQ(count_of(fellow, "-ref\""), 3u);
    EXPECT_NE(fellow.find("must evidence: 3 requirements."), std::string::npos);
    // The list of assignments links to each, which says how many requirements it has until the
    // script gives its status; the count and the filter are shown by the script only.
    EXPECT_NE(fellow.find("<a class=\"task-list-link\" href=\"#member-underpinning-knowledge-1\">"), std::string::npos);
    EXPECT_NE(fellow.find("<fieldset class=\"check-assignment\" id=\"member-underpinning-knowledge-1\""), std::string::npos);
    EXPECT_NE(fellow.find("data-assignment-status>2 requirements</p>"), std::string::npos);
    EXPECT_NE(fellow.find("data-checklist-progress hidden>"), std::string::npos);
    EXPECT_NE(fellow.find("<script src=\"/assets/checklist.js\" defer>"), std::string::npos);
    const std::string member = s.page("/grades/member/checklist/");
    EXPECT_EQ(member.find("fellow-underpinning-knowledge"), std::string::npos);
}

namespace {

const char* kPack = R"Y(title: "Team pack"
source: "Made for tests."
scales:
  - id: ypn
    options: ["Yes", "Partly", "No"]
sections:
  - id: intro
    title: Introduction
    body: "Start with [the discussion](/packs/team/discussion/)."
    diagram:
      steps:
        - text: Plan
        - text: Do
          optional: true
      centre: Every year
    worksheets:
      - id: discussion
        title: Discussion
        questions:
          - id: a
            label: "a)"
            text: "Why <b>us</b>?"
            kind: text
            lines: 3
            follow_ups:
              - id: a-good
                text: What is good?
                kind: scale
                scale: ypn
          - id: scope
            text: Scope
            kind: boxes
            boxes:
              - id: who
                title: Who
                lines: 2
              - id: what
                title: What
                text: Hint
  - id: team
    title: Team
    worksheets:
      - id: roles
        title: Roles
        questions:
          - id: grid
            text: Roles grid
            kind: table
            table:
              corner: Activity
              columns: [{id: names, title: Names}, {id: dates, title: Dates}]
              count: 2
)Y";

}  // namespace

TEST(Site, WorksheetPagesAreFormsWithOneControlPerAnswer) {
    Site s;
    s.write("content/packs/team.yaml", kPack);
    const auto report = s.build();
    ASSERT_TRUE(report.ok()) << messages(report);
    const std::string discussion = s.page("/packs/team/discussion/");
    EXPECT_EQ(count_of(discussion, "<textarea"), 3u);                         // a), and two boxes
    EXPECT_EQ(count_of(discussion, "type=\"radio\" "), 3u);                    // the follow-up's scale
    EXPECT_EQ(count_of(discussion, "<fieldset"), 2u);                          // scale + boxes
    EXPECT_NE(discussion.find("name=\"discussion.a-good\""), std::string::npos);
    EXPECT_NE(discussion.find("name=\"discussion.scope.what\""), std::string::npos);
    EXPECT_EQ(discussion.find("<b>us</b>"), std::string::npos);  // raw HTML in content is dropped
    EXPECT_NE(discussion.find("data-store=\"icips-pack-team\""), std::string::npos);
    const std::string roles = s.page("/packs/team/roles/");
    EXPECT_EQ(count_of(roles, "<textarea"), 4u);  // 2 blank rows x 2 columns
    EXPECT_NE(roles.find("<th scope=\"col\""), std::string::npos);
    // The pack page draws the diagram with real text and links every worksheet.
    const std::string pack = s.page("/packs/team/");
    EXPECT_NE(pack.find("class=\"diagram\""), std::string::npos);
    EXPECT_NE(pack.find("Every year"), std::string::npos);
    EXPECT_NE(pack.find("href=\"/packs/team/roles/\""), std::string::npos);
}

// A doubt about a scale's choices is marked beside them wherever a question offers them, and listed
// with the pack's notes; a question on another scale, or on its own options, is not marked.
TEST(Site, AScaleWithEditorialNotesIsMarkedBesideItsChoices) {
    Site s;
    std::string pack = kPack;
    pack.replace(pack.find("    options: [\"Yes\", \"Partly\", \"No\"]\n"), std::string("    options: [\"Yes\", \"Partly\", \"No\"]\n").size(),
                 "    options: [\"Yes\", \"Partly\", \"No\"]\n    notes: [\"The source prints *Partly* once only.\"]\n");
    s.write("content/packs/team.yaml", pack);
    const auto report = s.build();
    ASSERT_TRUE(report.ok()) << messages(report);
    const std::string marker =
        "<p class=\"scale-note\">On these choices: <a class=\"note-marker\" href=\"/editorial-notes/#note-packs-team\">";
    const std::string discussion = s.page("/packs/team/discussion/");
    const size_t options = discussion.find("value=\"No\"");
    ASSERT_NE(options, std::string::npos);
    EXPECT_NE(discussion.find(marker, options), std::string::npos);
    EXPECT_EQ(count_of(discussion, "class=\"scale-note\""), 1u);
    EXPECT_NE(s.page("/packs/team/print/").find(marker), std::string::npos);
    const std::string notes = s.page("/editorial-notes/");
    const size_t entry = notes.find("id=\"note-packs-team\"");
    ASSERT_NE(entry, std::string::npos);
    EXPECT_NE(notes.find("The source prints <em>Partly</em> once only.", entry), std::string::npos);
    // Without notes on the scale there is no mark.
    s.write("content/packs/team.yaml", kPack);
    ASSERT_TRUE(s.build().ok());
    EXPECT_EQ(s.page("/packs/team/discussion/").find("scale-note"), std::string::npos);
}

TEST(Site, PackPrintPageHasEveryWorksheetOnItsOwnPageAndUniqueIds) {
    Site s;
    s.write("content/packs/team.yaml", kPack);
    ASSERT_TRUE(s.build().ok());
    const std::string print = s.page("/packs/team/print/");
    EXPECT_EQ(count_of(print, "class=\"worksheet-sheet\""), 2u);
    expect_ids_sound(print, "print page");
    // Links to a worksheet's page point within the print page instead.
    EXPECT_NE(print.find("href=\"#ws-discussion\""), std::string::npos);
    EXPECT_EQ(print.find("href=\"/packs/team/discussion/\""), std::string::npos);
    // The running footer of every printed sheet credits the pack's source, escaped for CSS.
    EXPECT_NE(print.find("@bottom-left { content: \"Source\\3A  Made for tests\\2E \""), std::string::npos);
    for (const auto& page : {"packs/team/discussion/index.html", "packs/team/index.html", "grades/member/index.html"})
        expect_ids_sound(s.page(page), page);
}

TEST(Site, PackJsonListsQuestionsWithKindsOptionsAndTemplates) {
    Site s;
    s.write("content/packs/team.yaml", kPack);
    ASSERT_TRUE(s.build().ok());
    const auto json = nlohmann::json::parse(s.page("/api/packs/team.json"));
    EXPECT_EQ(json["id"], "team");
    const auto& discussion = json["sections"][0]["worksheets"][0];
    EXPECT_EQ(discussion["url"], "/packs/team/discussion/");
    const auto& a = discussion["questions"][0];
    EXPECT_EQ(a["kind"], "text");
    EXPECT_EQ(a["lines"], 3);
    EXPECT_EQ(a["url"], "/packs/team/discussion/#discussion--a");
    EXPECT_EQ(a["follow_ups"][0]["options"], nlohmann::json::array({"Yes", "Partly", "No"}));
    EXPECT_EQ(discussion["questions"][1]["boxes"][1]["text"], "Hint");
    const auto& grid = json["sections"][1]["worksheets"][0]["questions"][0]["table"];
    EXPECT_EQ(grid["columns"][1]["title"], "Dates");
    EXPECT_EQ(grid["row_count"], 2);
    // Every question URL resolves: the build's link check covers pages, so check the anchor here.
    EXPECT_NE(s.page("/packs/team/discussion/").find("id=\"discussion--a\""), std::string::npos);
}

// Partials that include themselves are inlined only as deep as the loaders let lists nest: content
// at that depth must appear whole on every page that lists it.
TEST(Site, ListsNestedAsDeepAsAllowedAppearWhole) {
    Site s;
    s.write("content/standards/underpinning-knowledge/member.yaml", R"Y(assignments:
  - number: 1
    title: Data
    items:
      - label: "1."
        text: Level one item
        items:
          - label: "a)"
            text: Level two item
            items:
              - label: "i)"
                text: Level three item
)Y");
    s.write("content/packs/deep.yaml", R"Y(title: "Deep pack"
source: "Made for tests."
sections:
  - id: one
    title: One
    worksheets:
      - id: sheet
        title: Sheet
        questions:
          - id: a
            text: Level one question
            kind: text
            follow_ups:
              - id: b
                text: Level two question
                kind: text
                follow_ups:
                  - id: c
                    text: Level three question
                    kind: text
)Y");
    const auto report = s.build();
    ASSERT_TRUE(report.ok()) << messages(report);
    for (const std::string url : {"/grades/member/underpinning-knowledge/1/", "/areas/underpinning-knowledge/",
                                  "/grades/member/", "/grades/member/checklist/"})
        EXPECT_NE(s.page(url).find("Level three item"), std::string::npos) << url;
    for (const std::string url : {"/packs/deep/sheet/", "/packs/deep/print/"})
        EXPECT_NE(s.page(url).find("Level three question"), std::string::npos) << url;
}

// A recycled file is rewritten only when its bytes differ, also when they come in many small pieces
// that span the blocks it is read in (a search shard).
TEST(Site, RecycledFilesOfManyPiecesAreComparedWhole) {
    ContentTree t;
    const fs::path out = t.root / "out";
    std::vector<std::string> words;
    for (int i = 0; i < 30000; ++i) words.push_back(std::to_string(i) + (i % 7 ? "," : ""));  // ~150 KB
    std::vector<std::string_view> pieces(words.begin(), words.end());
    pieces.insert(pieces.begin() + 5000, std::string_view());  // an empty piece too
    auto build_with = [&](const std::vector<std::string_view>& parts) {
        icips::site::StagedOutput staged(out);
        staged.write("shard.json", parts);
        staged.commit();
    };
    build_with(pieces);
    build_with(pieces);  // the first output is now the spare; this one becomes it again
    build_with(pieces);  // recycled: the same bytes
    const fs::path file = out / "shard.json";
    const auto written = fs::last_write_time(file);
    std::string whole;
    for (auto p : pieces) whole += p;
    EXPECT_EQ(slurp(file), whole);
    build_with(pieces);
    build_with(pieces);
    EXPECT_EQ(fs::last_write_time(file), written);  // left alone twice over
    // One byte different, past the first 64 KiB block: rewritten.
    std::string changed(words[20000]);
    changed[0] = changed[0] == '9' ? '8' : '9';
    auto other = pieces;
    other[20001] = changed;
    build_with(other);
    build_with(other);
    std::string expected;
    for (auto p : other) expected += p;
    EXPECT_EQ(slurp(out / "shard.json"), expected);
}

// The layout's {{{main}}} is filled in whether it stands on a line of its own (the default layout,
// rendered in two parts around it) or not (rendered whole), with the same bytes either way.
TEST(Site, ALayoutPlacesThePageWhereverItsMainTagIs) {
    Site s;
    const std::string around = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>{{head_title}}</title></head>\n<body>\n"
                               "{{#has_crumbs}}\n<p>crumbs</p>\n{{/has_crumbs}}\n<main id=\"main\">\n";
    const std::string after = "\n</main>\n{{#has_pager}}\n<p>pager</p>\n{{/has_pager}}\n</body>\n</html>\n";
    s.write("alone/templates/layout.mustache", around + "{{{main}}}" + after);
    s.write("inline/templates/layout.mustache", around + "<div>{{{main}}}</div>" + after);
    s.write("section/templates/layout.mustache", around + "{{#kind}}\n{{{main}}}\n{{/kind}}" + after);
    std::map<std::string, std::string> home;
    for (const std::string theme : {"alone", "inline", "section"}) {
        BuildOptions options;
        options.theme_dirs = {s.root / theme};
        ASSERT_TRUE(s.build(options).ok()) << theme;
        home[theme] = s.page("/grades/member/");
        EXPECT_NE(home[theme].find("<main id=\"main\">\n"), std::string::npos) << theme;
        EXPECT_NE(home[theme].find("Member"), std::string::npos) << theme;
        EXPECT_NE(home[theme].find("\n</main>\n"), std::string::npos) << theme;
    }
    // The same page: only the wrapper of the inline variant differs.
    std::string inline_page = home["inline"];
    inline_page.replace(inline_page.find("<div>"), 5, "");
    inline_page.replace(inline_page.rfind("</div>\n</main>"), 6, "");
    EXPECT_EQ(home["alone"], inline_page);
    EXPECT_EQ(home["alone"], home["section"]);
}

// The last guard of the output folder: whatever reaches it, nothing is written outside the staging
// folder.
TEST(Site, StagedOutputRefusesPathsOutsideItsFolder) {
    ContentTree t;
    icips::site::StagedOutput staged(t.root / "out");
    for (const std::string bad : {"../escaped.html", "a/../../escaped.html", "/tmp/escaped.html", "", "a/./b.html"})
        EXPECT_THROW(staged.write(bad, "x"), fs::filesystem_error) << bad;
    EXPECT_FALSE(fs::exists(t.root / "escaped.html"));
    EXPECT_NO_THROW(staged.write("a/b.html", "x"));
}

// Two sources for one output file are an error naming both, whatever the sources: here a page of
// the content and an asset of the theme.
TEST(Site, TwoSourcesForOneOutputFileAreAnErrorNamingBoth) {
    ContentTree t;
    t.write("content/index.md", "---\ntitle: Home\n---\nHi.\n");
    t.write("content/assets/logo.md", "---\ntitle: Logo\n---\nHi.\n");
    t.write("theme/assets/logo", "a file\n");
    BuildOptions options;
    options.content_dir = t.root / "content";
    options.theme_dirs = {t.root / "theme"};
    options.default_theme = ICIPS_SOURCE_DIR "/themes/default";
    options.write = false;
    const BuildReport report = icips::site::build_site(options);
    ASSERT_EQ(report.errors.size(), 1u);
    const std::string message = format(report.errors[0]);
    EXPECT_NE(message.find("content/assets/logo.md"), std::string::npos) << message;
    EXPECT_NE(message.find("theme/assets/logo"), std::string::npos) << message;
}
