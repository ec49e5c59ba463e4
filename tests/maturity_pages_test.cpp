// End-to-end tests of the maturity model pages and their JSON export: a small fixture model
// (2 dimensions x 3 levels) and the real content, built with the default theme.
#include "content/urls.h"
#include "kinds/maturity/model.h"
#include "site/build.h"

#include "content_tree.h"
#include "site_files.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using icips::site::BuildOptions;
using icips::site::BuildReport;

namespace {

// The part of `html` from the first `from` to the next `to` after it.
std::string between(const std::string& html, const std::string& from, const std::string& to) {
    const size_t start = html.find(from);
    if (start == std::string::npos) return {};
    const size_t end = html.find(to, start + from.size());
    return html.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

const char* kModel = R"Y(title: Team Maturity Model
short_title: TMM
source: "The *Team* handbook, page 4"
licence: "Open Government Licence v3.0"
intro: Three levels for two dimensions.
levels:
  - number: 1
    title: Low
  - number: 2
    title: Middle
    summary: Getting there.
  - number: 3
    title: High
dimensions:
  - id: people
    title: People
    cells:
      - level: 1
        descriptors:
          - "People wait to be told."
          - "Nobody asks <script>alert(1)</script> questions."
      - level: 2
        descriptors:
          - "People suggest changes."
        notes: ["Check the second bullet against the original."]
      - level: 3
        descriptors:
          - "People lead changes."
          - "Everyone coaches."
  - id: process
    title: Process
    cells:
      - level: 1
        descriptors: ["Work is ad hoc."]
      - level: 2
        descriptors: ["Work is written down."]
      - level: 3
        descriptors: ["Work is measured and improved."]
    notes: ["The row label was garbled."]
notes: ["Transcribed from a scan."]
)Y";

struct Site : TestSite {
    Site() { write("content/maturity/tmm.yaml", kModel); }
};

const std::vector<std::string> kFixturePages = {
    "/maturity/", "/maturity/tmm/", "/maturity/tmm/people/", "/maturity/tmm/process/", "/maturity/tmm/level-1/",
    "/maturity/tmm/level-2/", "/maturity/tmm/level-3/", "/maturity/tmm/sheet/", "/maturity/tmm/self-assessment/"};

}  // namespace

TEST(MaturityPages, EveryPageOfTheModelIsBuiltWithSourceLicenceAndSoundIds) {
    Site s;
    const auto report = s.build();
    ASSERT_TRUE(report.ok()) << messages(report);
    for (const auto& url : kFixturePages) {
        const std::string html = s.page(url);
        ASSERT_FALSE(html.empty()) << url;
        // The source's Markdown is rendered; the licence is on every page, with the source.
        EXPECT_NE(html.find("The <em>Team</em> handbook, page 4"), std::string::npos) << url;
        EXPECT_NE(html.find("Open Government Licence v3.0"), std::string::npos) << url;
        EXPECT_NE(html.find("href=\"/assets/maturity.css\""), std::string::npos) << url;
        // The main menu has the section, marked as the current one.
        EXPECT_NE(html.find("<a href=\"/maturity/\" aria-current="), std::string::npos) << url;
        expect_ids_sound(html, url);
    }
    // Descriptors are Markdown with raw HTML off, wherever they appear.
    for (const auto& url : {"/maturity/tmm/", "/maturity/tmm/people/", "/maturity/tmm/self-assessment/"}) {
        EXPECT_NE(s.page(url).find("Nobody asks "), std::string::npos) << url;
        EXPECT_EQ(s.page(url).find("<script>alert(1)"), std::string::npos) << url;
    }
}

TEST(MaturityPages, TheMatrixIsATableWithCaptionScopedHeadersAndDescriptorAnchors) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    const std::string html = s.page("/maturity/tmm/");
    const std::string table = between(html, "<table class=\"matrix\">", "</table>");
    ASSERT_FALSE(table.empty());
    EXPECT_NE(table.find("<caption id=\"matrix-caption\">"), std::string::npos);
    // A scrollable region that keyboard users can reach, named by the caption.
    EXPECT_NE(html.find("role=\"region\" aria-labelledby=\"matrix-caption\" tabindex=\"0\""), std::string::npos);
    // Levels as columns (after the corner), dimensions as rows, in order.
    EXPECT_EQ(count_of(table, "<th scope=\"col\""), 4u);
    EXPECT_EQ(count_of(table, "<th scope=\"row\""), 2u);
    const size_t low = table.find(">Low<"), middle = table.find(">Middle<"), high = table.find(">High<");
    EXPECT_TRUE(low < middle && middle < high);
    EXPECT_LT(table.find("href=\"/maturity/tmm/people/\""), table.find("href=\"/maturity/tmm/process/\""));
    // One cell per dimension and level, the descriptors as a list with stable anchors.
    for (const char* id : {"people-1", "people-2", "people-3", "process-1", "process-2", "process-3"})
        EXPECT_NE(table.find("<td id=\"" + std::string(id) + "\">"), std::string::npos) << id;
    EXPECT_NE(table.find("<li id=\"people-1-1\">People wait to be told.</li>"), std::string::npos);
    EXPECT_NE(table.find("<li id=\"people-3-2\">Everyone coaches.</li>"), std::string::npos);
    EXPECT_EQ(count_of(table, "<li id="), 8u);
    // A level's summary shows in its column header.
    EXPECT_NE(between(table, "<thead>", "</thead>").find("Getting there."), std::string::npos);
    // The model's and levels' notes are on the page, for editors.
    EXPECT_NE(html.find("Transcribed from a scan."), std::string::npos);
}

TEST(MaturityPages, ADimensionPageShowsItsLevelsInOrderAndWhatMovingUpMeans) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    const std::string html = s.page("/maturity/tmm/people/");
    EXPECT_NE(html.find("<h1>People</h1>"), std::string::npos);
    const size_t l1 = html.find("<h2 id=\"people-1\">Level 1: Low</h2>");
    // Level 2's cell has an editorial note: its heading is marked, with a link to the note.
    const size_t l2 = html.find("<h2 id=\"people-2\">Level 2: Middle <a class=\"note-marker\" "
                                "href=\"/editorial-notes/#note-maturity-tmm-people-people-2\">editorial note</a></h2>");
    const size_t l3 = html.find("<h2 id=\"people-3\">Level 3: High</h2>");
    ASSERT_TRUE(l1 != std::string::npos && l2 != std::string::npos && l3 != std::string::npos);
    EXPECT_TRUE(l1 < l2 && l2 < l3);
    // The step up to level 2 is level 2's own descriptors, introduced as such.
    const std::string step = between(html, "<h2 id=\"people-2\">", "</section>");
    EXPECT_NE(step.find("Moving up from level 1 (Low) to this level means:"), std::string::npos);
    EXPECT_NE(step.find("<li id=\"people-2-1\">People suggest changes.</li>"), std::string::npos);
    EXPECT_EQ(between(html, "<h2 id=\"people-1\">", "</section>").find("Moving up"), std::string::npos);
    // The other dimension is next; its descriptors are not here.
    EXPECT_NE(html.find("href=\"/maturity/tmm/process/\" rel=\"next\""), std::string::npos);
    EXPECT_EQ(html.find("Work is ad hoc."), std::string::npos);
    // The cell's note is linked to the cell.
    EXPECT_NE(html.find("href=\"/maturity/tmm/people/#people-2\""), std::string::npos);
    EXPECT_NE(html.find("Check the second bullet against the original."), std::string::npos);
    // Breadcrumbs: home, the models, the model.
    const std::string crumbs = between(html, "<nav class=\"crumbs\"", "</nav>");
    EXPECT_NE(crumbs.find("href=\"/maturity/\""), std::string::npos);
    EXPECT_NE(crumbs.find("href=\"/maturity/tmm/\">TMM</a>"), std::string::npos);
}

TEST(MaturityPages, ALevelPageShowsThatLevelInEveryDimension) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    const std::string html = s.page("/maturity/tmm/level-2/");
    EXPECT_NE(html.find("<h1>Level 2: Middle</h1>"), std::string::npos);
    EXPECT_NE(html.find("<li id=\"people-2-1\">People suggest changes.</li>"), std::string::npos);
    EXPECT_NE(html.find("<li id=\"process-2-1\">Work is written down.</li>"), std::string::npos);
    EXPECT_EQ(html.find("People wait to be told."), std::string::npos);
    EXPECT_EQ(html.find("Work is measured and improved."), std::string::npos);
    EXPECT_NE(html.find("href=\"/maturity/tmm/level-1/\" rel=\"prev\""), std::string::npos);
    EXPECT_NE(html.find("href=\"/maturity/tmm/level-3/\" rel=\"next\""), std::string::npos);
    EXPECT_EQ(s.page("/maturity/tmm/level-1/").find("rel=\"prev\""), std::string::npos);
}

TEST(MaturityPages, TheSheetHasATickBoxPerLevelAndAnEvidenceBoxPerDimension) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    const std::string html = s.page("/maturity/tmm/sheet/");
    EXPECT_EQ(count_of(html, "<fieldset class=\"sheet-dimension\">"), 2u);
    EXPECT_EQ(count_of(html, "type=\"checkbox\""), 6u);
    for (const char* id : {"sheet-people-1", "sheet-people-3", "sheet-process-2"})
        EXPECT_NE(html.find("<label for=\"" + std::string(id) + "\">"), std::string::npos) << id;
    EXPECT_EQ(count_of(html, "<textarea id=\"sheet-"), 2u);
    EXPECT_NE(html.find("<legend>People</legend>"), std::string::npos);
}

TEST(MaturityPages, TheSelfAssessmentHasOneRadioPerLevelWithItsDescriptorsBeside) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    const std::string html = s.page("/maturity/tmm/self-assessment/");
    // The answers are kept by the shared answers script; the result is drawn by its own.
    EXPECT_NE(html.find("<script src=\"/assets/answers.js\" defer></script>\n<script src=\"/assets/self-assessment.js\" defer>"),
              std::string::npos);
    EXPECT_NE(html.find("data-store=\"icips-maturity-tmm\""), std::string::npos);
    EXPECT_NE(html.find("data-store=\"icips-maturity-tmm-consensus\""), std::string::npos);
    for (const std::string dim : {"people", "process"}) {
        const std::string fieldset = between(html, "<fieldset class=\"sa-dimension\" id=\"sa-" + dim + "\"", "</fieldset>");
        ASSERT_FALSE(fieldset.empty()) << dim;
        EXPECT_NE(fieldset.find("<legend>"), std::string::npos);
        EXPECT_EQ(count_of(fieldset, "type=\"radio\""), 3u) << dim;
        EXPECT_EQ(count_of(html, "name=\"" + dim + ".level\""), 3u) << dim;
        for (int level = 1; level <= 3; ++level) {
            const std::string id = "sa-" + dim + "-" + std::to_string(level);
            EXPECT_NE(fieldset.find("id=\"" + id + "\" name=\"" + dim + ".level\" value=\"" + std::to_string(level) + "\""),
                      std::string::npos) << id;
            EXPECT_NE(fieldset.find("<label for=\"" + id + "\">"), std::string::npos) << id;
            EXPECT_NE(fieldset.find("aria-describedby=\"" + id + "-descriptors\""), std::string::npos) << id;
        }
        EXPECT_NE(fieldset.find("name=\"" + dim + ".evidence\""), std::string::npos);
        // An agreed level per dimension in the consensus table.
        EXPECT_NE(html.find("<select id=\"agreed-" + dim + "\" name=\"" + dim + ".agreed\">"), std::string::npos);
    }
    // The level's descriptors are beside its radio, with no anchors (the matrix has those).
    const std::string beside = between(html, "<ul class=\"descriptors sa-descriptors\" id=\"sa-people-3-descriptors\">", "</ul>");
    EXPECT_NE(beside.find("<li>People lead changes.</li>"), std::string::npos);
    EXPECT_NE(beside.find("<li>Everyone coaches.</li>"), std::string::npos);
    // Without JavaScript the page says why there is no result; the result area waits hidden.
    EXPECT_NE(html.find("data-sa-nojs>Your result, the profile chart and where to focus next are worked out by JavaScript"),
              std::string::npos);
    EXPECT_NE(html.find("<div class=\"sa-result-body\" data-sa-result hidden>"), std::string::npos);
    EXPECT_NE(html.find("role=\"status\" aria-live=\"polite\" data-sa-announce"), std::string::npos);
    EXPECT_NE(html.find("<div data-focus=\"process\">"), std::string::npos);
}

TEST(MaturityPages, TheJsonExportHasTheDocumentedShape) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    const auto j = nlohmann::json::parse(slurp(s.out / "api/maturity/tmm.json"));
    EXPECT_EQ(j["id"], "tmm");
    EXPECT_EQ(j["title"], "Team Maturity Model");
    EXPECT_EQ(j["source"], "The *Team* handbook, page 4");
    EXPECT_EQ(j["licence"], "Open Government Licence v3.0");
    ASSERT_EQ(j["levels"].size(), 3u);
    EXPECT_EQ(j["levels"][1]["number"], 2);
    EXPECT_EQ(j["levels"][1]["title"], "Middle");
    ASSERT_EQ(j["dimensions"].size(), 2u);
    const auto& people = j["dimensions"][0];
    EXPECT_EQ(people["id"], "people");
    EXPECT_EQ(people["title"], "People");
    ASSERT_EQ(people["cells"].size(), 3u);
    EXPECT_EQ(people["cells"][0]["level"], 1);
    EXPECT_EQ(people["cells"][0]["descriptors"],
              (nlohmann::json{"People wait to be told.", "Nobody asks <script>alert(1)</script> questions."}));
    EXPECT_EQ(people["cells"][2]["descriptors"], (nlohmann::json{"People lead changes.", "Everyone coaches."}));
    EXPECT_EQ(j["dimensions"][1]["cells"][1]["descriptors"], (nlohmann::json{"Work is written down."}));
    // The model page links to it (and the link check found it).
    EXPECT_NE(s.page("/maturity/tmm/").find("href=\"/api/maturity/tmm.json\""), std::string::npos);
}

TEST(MaturityPages, EditorialNotesAreShownWhereTheyBelongAndOnTheNotesPage) {
    Site s;
    ASSERT_TRUE(s.build().ok());
    // On the model's pages, in a closed <details>, each linked to what it is about.
    const std::string model = between(s.page("/maturity/tmm/"), "<details class=\"editorial\">", "</details>");
    EXPECT_NE(model.find("Transcribed from a scan."), std::string::npos);
    const std::string people = between(s.page("/maturity/tmm/people/"), "<details class=\"editorial\">", "</details>");
    EXPECT_NE(people.find("<dt><a href=\"/maturity/tmm/people/#people-2\">Level 2: Middle</a></dt>"), std::string::npos);
    EXPECT_NE(people.find("Check the second bullet against the original."), std::string::npos);
    EXPECT_EQ(people.find("The row label was garbled."), std::string::npos);
    const std::string process = between(s.page("/maturity/tmm/process/"), "<details class=\"editorial\">", "</details>");
    EXPECT_NE(process.find("The row label was garbled."), std::string::npos);
    const std::string level = between(s.page("/maturity/tmm/level-2/"), "<details class=\"editorial\">", "</details>");
    EXPECT_NE(level.find("href=\"/maturity/tmm/people/#people-2\""), std::string::npos);
    EXPECT_EQ(s.page("/maturity/tmm/level-3/").find("<details class=\"editorial\">"), std::string::npos);
    // And on the editorial notes page with the rest of the content's notes.
    const std::string all = s.page("/editorial-notes/");
    for (const char* note : {"Transcribed from a scan.", "Check the second bullet against the original.", "The row label was garbled."})
        EXPECT_NE(all.find(note), std::string::npos) << note;
    EXPECT_NE(all.find("href=\"/maturity/tmm/people/"), std::string::npos);
}

TEST(MaturityPages, ADimensionIdThatIsAnotherPagesUrlIsReportedAtItsLine) {
    Site s;
    std::string yaml = kModel;
    yaml.replace(yaml.find("id: process"), 11, "id: level-2");
    s.write("content/maturity/tmm.yaml", yaml);
    const auto report = s.build();
    ASSERT_FALSE(report.ok());
    const std::string all = messages(report);
    EXPECT_NE(all.find("tmm.yaml:30: dimension id 'level-2' is the URL of another page of the model "
                       "(/maturity/tmm/level-2/); choose another id"), std::string::npos) << all;
}

TEST(MaturityPages, NoModelsMeansNoMaturitySection) {
    Site s;
    fs::remove(s.content / "maturity/tmm.yaml");
    ASSERT_TRUE(s.build().ok());
    EXPECT_FALSE(fs::exists(s.out / "maturity"));
    EXPECT_FALSE(fs::exists(s.out / "api/maturity"));
    EXPECT_EQ(s.page("/").find("href=\"/maturity/\""), std::string::npos);
}

TEST(MaturityPages, TheRealModelIsPublishedWhole) {
    ContentTree t;
    const auto report = build_test_site(ICIPS_CONTENT_DIR, t.root / "out");
    ASSERT_TRUE(report.ok()) << messages(report);
    const auto page = [&](const std::string& url) { return page_at(t.root / "out", url); };

    const std::string matrix = page("/maturity/ci-sam/");
    const std::string table = between(matrix, "<table class=\"matrix\">", "</table>");
    EXPECT_EQ(count_of(table, "<th scope=\"col\""), 6u);
    EXPECT_EQ(count_of(table, "<th scope=\"row\""), 4u);
    EXPECT_EQ(count_of(table, "<li id="), 121u);
    EXPECT_NE(table.find("<li id=\"leadership-1-1\">The force's improvement vision is not formally articulated.</li>"),
              std::string::npos);
    EXPECT_NE(table.find("<li id=\"leadership-1-8\">A blame culture exists.</li>"), std::string::npos);
    EXPECT_NE(table.find("id=\"methodology-and-rigour-5-6\""), std::string::npos);

    const std::string sa = page("/maturity/ci-sam/self-assessment/");
    EXPECT_EQ(count_of(sa, "type=\"radio\""), 20u);
    for (const char* dim : {"leadership", "engagement", "resourcing-and-sustainability", "methodology-and-rigour"})
        EXPECT_EQ(count_of(sa, "name=\"" + std::string(dim) + ".level\""), 5u) << dim;

    const auto j = nlohmann::json::parse(slurp(t.root / "out/api/maturity/ci-sam.json"));
    EXPECT_EQ(j["levels"].size(), 5u);
    EXPECT_EQ(j["levels"][4]["title"], "Integral");
    size_t descriptors = 0;
    for (const auto& d : j["dimensions"]) {
        EXPECT_EQ(d["cells"].size(), 5u);
        for (const auto& c : d["cells"]) descriptors += c["descriptors"].size();
    }
    EXPECT_EQ(descriptors, 121u);

    std::vector<std::string> urls = {"/maturity/", "/maturity/ci-sam/", "/maturity/ci-sam/sheet/",
                                     "/maturity/ci-sam/self-assessment/"};
    for (const char* dim : {"leadership", "engagement", "resourcing-and-sustainability", "methodology-and-rigour"})
        urls.push_back(icips::content::maturity_dimension_url("ci-sam", dim));
    for (int level = 1; level <= 5; ++level) urls.push_back(icips::content::maturity_level_url("ci-sam", level));
    for (const auto& url : urls) {
        const std::string html = page(url);
        ASSERT_FALSE(html.empty()) << url;
        EXPECT_NE(html.find("Used under the Non-Commercial College Licence."), std::string::npos) << url;
        expect_ids_sound(html, url);
    }
    // Every level section of a dimension page after the first is the step up from the one before.
    const std::string engagement = page("/maturity/ci-sam/engagement/");
    EXPECT_EQ(count_of(engagement, "<p class=\"step-up\">Moving up from level "), 4u);
    EXPECT_NE(engagement.find("Moving up from level 4 (Proactive) to this level means:"), std::string::npos);
}
