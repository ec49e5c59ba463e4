// What a reader of the real site is told about where the text comes from: each page credits its own
// source, doubts are marked wherever the doubted text appears, the CSIT diagram is drawn as the
// source prints it, and no page speaks the developers' words.
#include "content/urls.h"
#include "site/build.h"

#include "content_tree.h"
#include "site_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

namespace fs = std::filesystem;

namespace {

struct RealSite {
    ContentTree tree;
    fs::path out = tree.root / "out";
    RealSite() {
        const auto report = build_test_site(ICIPS_CONTENT_DIR, out);
        EXPECT_TRUE(report.ok()) << messages(report);
    }
    std::string page(const std::string& url) const { return page_at(out, url); }
};

const RealSite& real() {
    static const RealSite site;
    return site;
}

// The footer's credit of a page.
std::string credit(const std::string& html) {
    const size_t at = html.find("<div class=\"source-credit\">");
    if (at == std::string::npos) return "";
    return html.substr(at, html.find("</div>", at) - at);
}

// The words a reader sees: the page without its tags, scripts and styles.
std::string visible_text(std::string html) {
    html = std::regex_replace(html, std::regex("<(script|style)[^>]*>[\\s\\S]*?</\\1>"), " ");
    html = std::regex_replace(html, std::regex("<[^>]*>"), " ");
    return html;
}

}  // namespace

TEST(Sources, EachKindOfPageCreditsItsOwnSource) {
    const auto& site = real();
    for (const char* url : {"/grades/ci-leader/", "/areas/behaviours/", "/grades/fellow/checklist/", "/membership/"}) {
        const std::string c = credit(site.page(url));
        EXPECT_NE(c.find("Institute for Continuous Improvement in Public Services (ICiPS), 2023"), std::string::npos) << url;
    }
    for (const char* url : {"/packs/csit-document-one/", "/packs/csit-document-one/leadership-discussion/",
                            "/packs/csit-document-one/print/"}) {
        const std::string c = credit(site.page(url));
        EXPECT_NE(c.find("Local Government Improvement and Development (LGID) toolkit, version 2 (2011)"), std::string::npos) << url;
        EXPECT_EQ(c.find("ICiPS"), std::string::npos) << url;
    }
    // A printed sheet carries the pack's source in its running footer.
    EXPECT_NE(site.page("/packs/csit-document-one/leadership-discussion/").find("content: \"Source\\3A  Culture and Sport"),
              std::string::npos);
    for (const char* url : {"/maturity/ci-sam/", "/maturity/ci-sam/leadership/", "/maturity/ci-sam/level-3/",
                            "/maturity/ci-sam/self-assessment/"}) {
        const std::string c = credit(site.page(url));
        EXPECT_NE(c.find("College of Policing"), std::string::npos) << url;
        EXPECT_NE(c.find("Licence:"), std::string::npos) << url;
        EXPECT_EQ(c.find("ICiPS"), std::string::npos) << url;
    }
    // The site-wide footer credits no one source for all pages.
    EXPECT_EQ(site.page("/search/").find("Source:"), std::string::npos);
}

TEST(Sources, ACutOffRequirementIsMarkedWhereverItAppears) {
    const auto& site = real();
    const std::string item = "/grades/fellow/underpinning-knowledge/2/#item-6";
    const std::string marker = "<a class=\"note-marker\" href=\"" + icips::content::note_url(item) + "\">editorial note</a>";
    for (const char* url : {"/grades/fellow/", "/areas/underpinning-knowledge/", "/grades/fellow/checklist/",
                            "/grades/fellow/underpinning-knowledge/2/"})
        EXPECT_NE(site.page(url).find(marker), std::string::npos) << url;
    // The marker leads to the note, and search results carry it too.
    EXPECT_NE(site.page("/editorial-notes/").find("id=\"" + icips::content::note_anchor(item) + "\""), std::string::npos);
    std::string index;
    for (const auto& e : fs::directory_iterator(site.out / "search-index")) index += slurp(e.path());
    EXPECT_NE(index.find("\"Practice of data management and\",\"r\",\"" + icips::content::note_url(item) + "\"]"),
              std::string::npos);
    // An item without notes has no marker.
    EXPECT_EQ(site.page("/grades/member/").find("note-grades-member-underpinning-knowledge-4-item-5\""), std::string::npos);
}

TEST(Sources, GradePagesAndChecklistsShowEachAreasExpectationAndTheCiLeaderException) {
    const auto& site = real();
    for (const char* url : {"/grades/member/", "/grades/ci-leader/checklist/"}) {
        const std::string html = site.page(url);
        EXPECT_NE(html.find("We expect to see suitably referenced academic knowledge"), std::string::npos) << url;
        EXPECT_NE(html.find("We expect to see examples of you applying these behaviours."), std::string::npos) << url;
    }
    const std::string leader = site.page("/grades/ci-leader/");
    EXPECT_NE(leader.find("“Requirements for each grade (except for CI Leader) are cumulative.” So a candidate for CI "
                          "Leader evidences the CI Leader underpinning knowledge only."),
              std::string::npos);
    EXPECT_EQ(site.page("/grades/fellow/").find("evidences the Fellow underpinning knowledge only"), std::string::npos);
}

TEST(Sources, TheCsitDiagramIsDrawnAsTheSourcePrintsIt) {
    const std::string html = real().page("/packs/csit-document-one/");
    const size_t at = html.find("<figure class=\"diagram\"");
    ASSERT_NE(at, std::string::npos);
    const std::string figure = html.substr(at, html.find("</figure>", at) - at);
    EXPECT_EQ(figure.find("<figcaption"), std::string::npos);  // the source prints no caption
    EXPECT_NE(figure.find("A diagram of six boxes, listed below in the order the source prints them. The fourth box "
                          "is an optional step."),
              std::string::npos);
    const size_t annual = figure.find("Integrate an annual cycle"), optional = figure.find("Consider optional Peer-Led");
    EXPECT_LT(figure.find("Conduct structured Self-Assessment"), annual);
    EXPECT_LT(annual, optional);
    EXPECT_LT(optional, figure.find("Plan improvement actions"));
    EXPECT_NE(figure.find("diagram-box diagram-optional\">Consider optional Peer-Led Challenge or Validation "
                          "<span class=\"diagram-optional-label\">(optional step)</span>"),
              std::string::npos);
}

TEST(Sources, PromptCOffersPartly) {
    const std::string html = real().page("/packs/csit-document-one/leadership-discussion/");
    EXPECT_NE(html.find("value=\"Partly\""), std::string::npos);
    EXPECT_EQ(html.find("value=\"Party\""), std::string::npos);
}

TEST(Sources, NoReaderPageSpeaksOfGitTagsOrSourceFiles) {
    const std::regex words("\\bGit\\b|\\btags?\\b|source files", std::regex::icase);
    size_t pages = 0;
    for (const auto& e : fs::recursive_directory_iterator(real().out)) {
        if (e.path().extension() != ".html") continue;
        ++pages;
        std::smatch m;
        const std::string text = visible_text(slurp(e.path()));
        EXPECT_FALSE(std::regex_search(text, m, words)) << e.path() << ": " << m.str();
    }
    EXPECT_GT(pages, 50u);
    // Where Git gives the page's date, it is said to be the page's, not an edition of the source.
    const std::string member = real().page("/grades/member/");
    if (member.find("class=\"last-changed\"") != std::string::npos)
        EXPECT_NE(member.find("(the date this web page last changed, not a new edition of its source)"), std::string::npos);
}

// A note about a whole grade or pack is marked at its title, on its page, in the list of grades
// and in the booklet, and leads to its entry; a grade without notes has no marker.
TEST(Sources, NotesOnAGradeOrAPackAreMarkedAtItsTitle) {
    const auto& site = real();
    const std::string marker = "<a class=\"note-marker\" href=\"/editorial-notes/#note-grades-fellow\">";
    EXPECT_NE(site.page("/grades/fellow/").find("<h1>Fellow " + marker), std::string::npos);
    EXPECT_NE(site.page("/grades/").find(marker), std::string::npos);
    EXPECT_NE(site.page("/standards/print/").find(marker), std::string::npos);
    EXPECT_NE(site.page("/editorial-notes/").find("id=\"note-grades-fellow\""), std::string::npos);
    EXPECT_NE(site.page("/grades/member/").find("<h1>Member</h1>"), std::string::npos);
    EXPECT_NE(site.page("/packs/csit-document-one/").find(
                  "<a class=\"note-marker\" href=\"/editorial-notes/#note-packs-csit-document-one\">"),
              std::string::npos);
}
