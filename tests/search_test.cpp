// The search index (the manifest /search-index.json and its shards /search-index/<k>.json) and the
// /search/ page: every requirement item and sub-item, assignment, worksheet question and follow-up,
// maturity descriptor and prose page is in the index with the URL of its own anchor and where it
// sits, in exactly one shard, cut at place boundaries that a page's text does not move; the page
// searches when the theme has the library and says so, with pages to browse, when it has not. On
// fixtures and the real content.
#include "content/site_content.h"
#include "content/urls.h"
#include "kinds/kinds.h"
#include "kinds/pages/search_page.h"
#include "site/build.h"
#include "site/plan.h"
#include "site/search_index.h"

#include "content_tree.h"
#include "site_files.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>

namespace fs = std::filesystem;
using icips::site::BuildOptions;
using icips::site::BuildReport;
using icips::site::SearchEntry;
using icips::site::SearchIndex;
using icips::site::SearchPlace;
using icips::site::kSearchPlacesPerShard;
using Where = std::vector<std::string>;

namespace {

const char* kMemberUk = R"Y(assignments:
  - number: 1
    title: Data & measures
    text: "Show **how** you measure."
    items:
      - label: "1."
        text: "Sampling, see [sizes](/grades/member/)"
        items:
          - label: "a)"
            text: "Calculating *sample size*."
      - label: ""
        id: extra
        text: Control charts
)Y";
const char* kPack = R"Y(title: "Improvement Pack"
source: "A toolkit."
sections:
  - id: intro
    title: Introduction
    worksheets:
      - id: prompts
        title: Discussion prompts
        questions:
          - id: a
            label: "a)"
            text: "What is this **for**?"
            kind: text
            follow_ups:
              - id: a-good
                text: "What is good about it?"
                kind: text
          - id: team
            label: "b)"
            text: "Who is in the team?"
            kind: boxes
            boxes:
              - id: leaders
                title: The Leaders
                text: "(i.e. *those* who influence)"
)Y";
const char* kModel = R"Y(title: "Self-Assessment Matrix"
short_title: "SAM"
source: "A college."
licence: "Used with permission."
levels:
  - number: 1
    title: Marginal
  - number: 2
    title: Reactive
dimensions:
  - id: leadership
    title: Leadership
    cells:
      - level: 1
        descriptors:
          - "A blame culture exists."
          - "Vision is *not* articulated."
      - level: 2
        descriptors:
          - "Leaders shield staff from blame."
)Y";

struct Fixture : ContentTree {
    fs::path content = root / "content";
    Fixture() {
        write("content/index.md", "---\ntitle: Home\n---\nWelcome to the **standards**.\n");
        write("content/guides/evidence.md", "---\ntitle: Evidence guide\n---\n# Evidence\n\n- Keep *records*\n- Date them\n");
        write("content/standards/grades.yaml", kMemberGrade);
        write("content/standards/areas.yaml", kKnowledgeArea);
        write("content/standards/underpinning-knowledge/member.yaml", kMemberUk);
        write("content/packs/improvement.yaml", kPack);
        write("content/maturity/sam.yaml", kModel);
    }
    icips::content::SiteContent load() const {
        std::vector<icips::content::Diagnostic> errors;
        auto site = icips::kinds::load_content(content, errors);
        for (const auto& e : errors) ADD_FAILURE() << format(e);
        return site;
    }
};

struct Found {
    std::string url, title, text;
    Where where;
    icips::site::SearchKind kind;
};

std::map<std::string, Found> by_url(const SearchIndex& index) {
    std::map<std::string, Found> out;
    for (const auto& e : index.entries) {
        const auto& place = index.places.at(e.place);
        EXPECT_TRUE(out.emplace(index.url_of(e), Found{index.url_of(e), e.title, e.text, place.where, e.kind}).second)
            << "two entries for " << index.url_of(e);
    }
    return out;
}

// A copy of the default theme without the search library (whatever `make` installed).
fs::path theme_without_library(const fs::path& dir) {
    fs::create_directories(dir.parent_path());
    fs::copy(fs::path(ICIPS_SOURCE_DIR) / "themes/default", dir, fs::copy_options::recursive);
    fs::remove_all(dir / "assets/vendor");
    fs::remove_all(dir / "vendor");
    return dir;
}

// A copy of the default theme with a stand-in for the library: the generator only looks for the file.
fs::path theme_with_library(const fs::path& dir) {
    theme_without_library(dir);
    fs::create_directories(dir / "assets/vendor");
    std::ofstream(dir / "assets/vendor/minisearch.js") << "/* the library */\n";
    return dir;
}

BuildReport build(const fs::path& content, const fs::path& out, const fs::path& theme) {
    BuildOptions options;
    options.default_theme = theme;
    return build_test_site(content, out, options);
}

// The built index in `out`: the manifest's shard URLs, and every file below /search-index/.
std::vector<std::string> manifest_shards(const fs::path& out) {
    const auto manifest = nlohmann::json::parse(slurp(out / "search-index.json"));
    EXPECT_EQ(manifest.size(), 2u) << manifest.dump();
    EXPECT_EQ(manifest.at("v"), 3) << manifest.dump();
    return manifest.at("shards").get<std::vector<std::string>>();
}
std::set<std::string> shard_files(const fs::path& out) {
    std::set<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(out / "search-index"))
        if (e.is_regular_file()) files.insert("/" + fs::relative(e.path(), out).generic_string());
    return files;
}

// A site of `pages` Markdown pages (page-000 ... in load order) and the fixture's model.
struct ManyPages : Fixture {
    explicit ManyPages(size_t pages) {
        for (size_t i = 0; i < pages; ++i) page(i, "Text of page " + std::to_string(i) + ".");
    }
    void page(size_t i, const std::string& text) const {
        char name[32];
        std::snprintf(name, sizeof name, "page-%03zu", i);
        write(std::string("content/many/") + name + ".md", std::string("---\ntitle: Page ") + name + "\n---\n" + text + "\n");
    }
};

}  // namespace

TEST(SearchIndex, HoldsEveryKindOfEntryWithItsAnchorWhereAndPlainText) {
    Fixture f;
    const auto index = icips::site::search_index(f.load());
    const auto found = by_url(index);
    const auto expect = [&](const std::string& url, const std::string& title, const std::string& text, const Where& where) {
        auto it = found.find(url);
        ASSERT_NE(it, found.end()) << url << " is not in the index";
        EXPECT_EQ(it->second.title, title) << url;
        EXPECT_EQ(it->second.text, text) << url;
        EXPECT_EQ(it->second.where, where) << url;
    };
    // Prose pages: the page itself, its body as words.
    expect("/", "Home", "Welcome to the standards.", {});
    expect("/guides/evidence/", "Evidence guide", "Evidence Keep records Date them", {});
    // The assignment sits in its grade and area; its items and sub-items in the assignment.
    const Where assignment{"Member", "Underpinning knowledge", "Assignment 1: Data & measures"};
    expect("/grades/member/underpinning-knowledge/1/", "Assignment 1: Data & measures", "Show how you measure.",
           {"Member", "Underpinning knowledge"});
    expect("/grades/member/underpinning-knowledge/1/#item-1", "1.", "Sampling, see sizes", assignment);
    expect("/grades/member/underpinning-knowledge/1/#item-1-a", "1. a)", "Calculating sample size.", assignment);
    expect("/grades/member/underpinning-knowledge/1/#item-extra", "extra", "Control charts", assignment);
    // Questions and follow-ups at <worksheet-id>--<question-id> on the worksheet page; a boxes
    // question carries its boxes' titles and hints.
    const Where worksheet{"Improvement Pack", "Discussion prompts"};
    expect("/packs/improvement/prompts/#prompts--a", "a)", "What is this for?", worksheet);
    expect("/packs/improvement/prompts/#prompts--a-good", "a)", "What is good about it?", worksheet);
    expect("/packs/improvement/prompts/#prompts--team", "b)", "Who is in the team? The Leaders (i.e. those who influence)",
           worksheet);
    // Descriptors on their dimension's page, in their model, dimension and level.
    expect("/maturity/sam/leadership/#leadership-1-1", "", "A blame culture exists.", {"SAM", "Leadership", "Level 1: Marginal"});
    expect("/maturity/sam/leadership/#leadership-1-2", "", "Vision is not articulated.", {"SAM", "Leadership", "Level 1: Marginal"});
    expect("/maturity/sam/leadership/#leadership-2-1", "", "Leaders shield staff from blame.",
           {"SAM", "Leadership", "Level 2: Reactive"});
    // The pages the site generates, each by its title: pages to read, and tools to fill in or print.
    using icips::site::SearchKind;
    const auto kind = [&](const std::string& url) { return found.count(url) ? found.at(url).kind : SearchKind::note; };
    expect("/grades/member/", "Member", "Members.", {"Grades"});
    expect("/grades/member/checklist/", "Portfolio checklist: Member",
           "Everything a candidate for Member must evidence, as a checklist to tick and print.", {"Member"});
    expect("/packs/improvement/prompts/", "Discussion prompts", "Worksheet.", {"Improvement Pack", "Introduction"});
    expect("/maturity/sam/self-assessment/", "Self-assessment",
           "Assess your team's maturity against SAM in your browser, then compare everyone's assessments and agree the levels.",
           {"SAM"});
    for (const char* url : {"/grades/", "/areas/", "/areas/underpinning-knowledge/", "/packs/", "/packs/improvement/",
                            "/maturity/", "/maturity/sam/", "/maturity/sam/level-1/", "/maturity/sam/leadership/"})
        EXPECT_EQ(kind(url), SearchKind::page) << url;
    for (const char* url : {"/grades/member/checklist/", "/standards/print/", "/packs/improvement/prompts/",
                            "/packs/improvement/print/", "/maturity/sam/self-assessment/", "/maturity/sam/sheet/"})
        EXPECT_EQ(kind(url), SearchKind::tool) << url;
    EXPECT_EQ(kind("/grades/member/underpinning-knowledge/1/"), SearchKind::assignment);
    EXPECT_EQ(kind("/grades/member/underpinning-knowledge/1/#item-1-a"), SearchKind::requirement);
    EXPECT_EQ(kind("/packs/improvement/prompts/#prompts--a"), SearchKind::question);
    EXPECT_EQ(kind("/maturity/sam/leadership/#leadership-1-1"), SearchKind::descriptor);
    // And nothing else: 2 prose pages, 1 assignment + 3 items, 3 questions, 3 descriptors and the
    // generated pages: grades, the grade, its checklist, the standards booklet, areas, the area,
    // packs, the pack, its print page, its worksheet, models, the model, its self-assessment and
    // sheet, 2 levels, 1 dimension.
    EXPECT_EQ(index.entries.size(), 12u + 17u);
}

// An index whose places have no, one or several entries, across three shards.
SearchIndex synthetic_index() {
    SearchIndex index;
    for (size_t p = 0; p < 2 * kSearchPlacesPerShard + 5; ++p) {
        index.places.push_back(SearchPlace{"/place/" + std::to_string(p) + "/", p % 2 ? Where{"Outer", "In \"quotes\""} : Where{}});
        for (size_t e = 0; e < p % 3; ++e)
            index.entries.push_back({p, e ? "item-" + std::to_string(e) : "", "Title " + std::to_string(p),
                                     "Text\twith <b>\\ and \u00e9 " + std::to_string(e)});
    }
    return index;
}

namespace {

// Shard k's bytes: its pieces joined.
std::string join(const icips::site::SearchIndexJson& parts, size_t k) {
    std::string out;
    for (const auto& piece : parts.pieces(k)) out += piece;
    return out;
}

// What a full build writes for `parts`: the manifest and every shard, site path -> bytes.
std::vector<std::pair<std::string, std::string>> index_files(const icips::site::SearchIndexJson& parts) {
    std::vector<std::pair<std::string, std::string>> out{{"/search-index.json", parts.manifest()}};
    for (size_t k = 0; k < parts.shards(); ++k) out.push_back({icips::site::search_shard_url(k), join(parts, k)});
    return out;
}

}  // namespace

TEST(SearchIndex, ShardsAreCompactSelfContainedAndHoldEveryEntryOnce) {
    const SearchIndex index = synthetic_index();
    const auto parts = icips::site::search_index_parts(index);
    ASSERT_EQ(parts.shards(), 3u);
    const auto files = index_files(parts);
    ASSERT_EQ(files.size(), 1 + parts.shards());

    // The manifest lists the shards, in order.
    EXPECT_EQ(files[0].first, "/search-index.json");
    EXPECT_EQ(files[0].second, R"({"v":3,"shards":["/search-index/0.json","/search-index/1.json","/search-index/2.json"]})" "\n");

    // Each shard: its own places (a URL and its where-labels, each once) and entries pointing into
    // them; together, every place and every entry once, in site order.
    size_t next_place = 0, next_entry = 0;
    for (size_t k = 0; k < parts.shards(); ++k) {
        const auto& [url, bytes] = files[1 + k];
        EXPECT_EQ(url, icips::site::search_shard_url(k));
        EXPECT_EQ(bytes, join(parts, k));
        EXPECT_EQ(bytes.find(": "), std::string::npos) << "not compact";
        const auto json = nlohmann::json::parse(bytes);
        ASSERT_EQ(json.size(), 2u);
        const auto& places = json.at("p");
        EXPECT_EQ(places.size(), std::min<size_t>(kSearchPlacesPerShard, index.places.size() - next_place));
        for (const auto& p : places) {
            ASSERT_EQ(p.size(), 2u);
            EXPECT_EQ(p.at(0).get<std::string>(), index.places.at(next_place).url);
            EXPECT_EQ(p.at(1).get<Where>(), index.places.at(next_place).where);
            ++next_place;
        }
        for (const auto& e : json.at("e")) {
            ASSERT_EQ(e.size(), 5u);
            ASSERT_LT(next_entry, index.entries.size());
            const auto& want = index.entries[next_entry++];
            EXPECT_EQ(icips::site::search_shard_of(want.place), k) << "an entry in another shard than its place";
            const auto& place = places.at(e.at(0).get<size_t>());
            const std::string anchor = e.at(1).get<std::string>();
            EXPECT_EQ(place.at(0).get<std::string>() + (anchor.empty() ? "" : "#" + anchor), index.url_of(want));
            EXPECT_EQ(e.at(2).get<std::string>(), want.title);
            EXPECT_EQ(e.at(3).get<std::string>(), want.text);
            EXPECT_EQ(e.at(4).get<std::string>(), icips::site::search_kind_code(want.kind));
        }
    }
    EXPECT_EQ(next_place, index.places.size());
    EXPECT_EQ(next_entry, index.entries.size());
}

TEST(SearchIndex, ASmallSiteIsOneShard) {
    Fixture f;
    const auto parts = icips::site::search_index_parts(icips::site::search_index(f.load()));
    EXPECT_EQ(parts.shards(), 1u);
    EXPECT_EQ(parts.manifest(), R"({"v":3,"shards":["/search-index/0.json"]})" "\n");
}

TEST(SearchIndex, APagesTextDoesNotMoveShardBoundaries) {
    // Three shards of pages and the model; one page's text grows a hundredfold, another's goes.
    ManyPages site(2 * kSearchPlacesPerShard + 10);
    ASSERT_TRUE(build(site.content, site.root / "before", theme_without_library(site.root / "theme")).ok());
    site.page(kSearchPlacesPerShard + 3, std::string(300000, 'x') + " grown");
    site.page(kSearchPlacesPerShard + 7, "");
    ASSERT_TRUE(build(site.content, site.root / "after", site.root / "theme").ok());

    const auto shards = manifest_shards(site.root / "after");
    EXPECT_EQ(shards, manifest_shards(site.root / "before"));
    ASSERT_EQ(shards.size(), 3u);
    // The manifest lists exactly the shard files written.
    EXPECT_EQ(shard_files(site.root / "after"), std::set<std::string>(shards.begin(), shards.end()));
    // A page's place is its index in the site's pages: both edited pages sit in shard 1, which alone differs.
    for (size_t k = 0; k < shards.size(); ++k) {
        const std::string before = slurp(site.root / "before" / shards[k].substr(1));
        const std::string after = slurp(site.root / "after" / shards[k].substr(1));
        if (k == 1) {
            EXPECT_NE(after, before);
            EXPECT_NE(after.find(" grown\""), std::string::npos);
        } else {
            EXPECT_EQ(after, before) << shards[k];
        }
        EXPECT_EQ(nlohmann::json::parse(after).at("p").size(), nlohmann::json::parse(before).at("p").size()) << shards[k];
    }
}

TEST(SearchIndex, RealContentHasEveryItemQuestionDescriptorAndPageAtAnAnchorThatExists) {
    std::vector<icips::content::Diagnostic> errors;
    const auto site = icips::kinds::load_content(ICIPS_CONTENT_DIR, errors);
    ASSERT_TRUE(errors.empty());
    const auto index = icips::site::search_index(site);
    const auto found = by_url(index);

    // Every page the site plans is in the index as itself (but search and the page for a wrong URL);
    // editorial notes are marked as such.
    std::vector<icips::content::Diagnostic> plan_errors;
    size_t generated = 0;
    for (const auto& p : icips::kinds::plan(site, plan_errors)) {
        if (p.url == "/search/" || p.url == "/404.html") continue;
        EXPECT_TRUE(found.count(p.url)) << p.url << " is not in the index";
        ++generated;
    }
    EXPECT_EQ(found.at("/editorial-notes/").kind, icips::site::SearchKind::note);
    EXPECT_EQ(found.at("/grades/practitioner/checklist/").kind, icips::site::SearchKind::tool);

    // Counted from the model: every page, item and sub-item, question and follow-up, descriptor.
    size_t expected = generated;
    std::function<void(const std::vector<icips::content::Item>&)> items = [&](const auto& list) {
        for (const auto& i : list) ++expected, items(i.items);
    };
    std::function<void(const icips::content::Question&)> question = [&](const auto& q) {
        ++expected;
        for (const auto& f : q.follow_ups) question(f);
    };
    for (const auto& a : site.standards.assignments) items(a.items);
    for (const auto& pack : site.packs)
        for (const auto* w : pack.worksheets())
            for (const auto& q : w->questions) question(q);
    for (const auto& m : site.models) expected += m.descriptor_count();
    EXPECT_EQ(index.entries.size(), expected);
    ASSERT_GT(site.packs.size() + site.models.size(), 0u);

    // A requirement item, where a candidate expects it.
    const auto five = found.find("/grades/member/underpinning-knowledge/4/#item-5");
    ASSERT_NE(five, found.end());
    EXPECT_EQ(five->second.text, "Calculating sample size.");
    EXPECT_EQ(five->second.where, (Where{"Member", "Underpinning knowledge", "Assignment 4: Principles of data collection & analysis"}));
    const auto blame = found.find("/maturity/ci-sam/leadership/#leadership-1-8");
    ASSERT_NE(blame, found.end());
    EXPECT_EQ(blame->second.text, "A blame culture exists.");
    EXPECT_EQ(blame->second.where, (Where{"CI SAM", "Leadership", "Level 1: Marginal"}));

    // Every entry's anchor is an element of the built page; no text keeps Markdown or HTML.
    ContentTree t;
    const auto report = build(ICIPS_CONTENT_DIR, t.root / "out", theme_without_library(t.root / "theme"));
    ASSERT_TRUE(report.ok()) << messages(report);
    std::map<std::string, std::string> pages;
    for (const auto& e : index.entries) {
        const std::string& url = index.places[e.place].url;
        if (!pages.count(url)) pages[url] = slurp(t.root / "out" / icips::content::output_file_for(url));
        ASSERT_FALSE(pages[url].empty()) << url << " was not built";
        if (!e.anchor.empty())
            EXPECT_NE(pages[url].find(" id=\"" + e.anchor + "\""), std::string::npos) << index.url_of(e);
        EXPECT_EQ(e.text.find_first_of("*<>`"), std::string::npos) << index.url_of(e) << ": " << e.text;
        EXPECT_EQ(e.text.find("  "), std::string::npos) << index.url_of(e);
    }
    // The built files are this index: the manifest and exactly the shards it lists.
    const auto parts = icips::site::search_index_parts(index);
    std::set<std::string> listed;
    for (const auto& [url, bytes] : index_files(parts)) {
        EXPECT_EQ(slurp(t.root / "out" / url.substr(1)), bytes) << url;
        if (url != "/search-index.json") listed.insert(url);
    }
    EXPECT_EQ(shard_files(t.root / "out"), listed);
    const auto shards = manifest_shards(t.root / "out");
    EXPECT_EQ(std::set<std::string>(shards.begin(), shards.end()), listed);
    EXPECT_GE(shards.size(), 1u);
}

TEST(SearchPage, WithoutTheLibraryTheSiteBuildsAndSearchOffersPagesToBrowse) {
    Fixture f;
    const auto theme = theme_without_library(f.root / "theme");
    const auto report = build(f.content, f.root / "out", theme);
    ASSERT_TRUE(report.ok()) << messages(report);  // the link check ran: nothing points at a missing file
    const std::string page = slurp(f.root / "out/search/index.html");
    EXPECT_NE(page.find("Search is not available"), std::string::npos);
    EXPECT_NE(page.find("<a href=\"/grades/\">"), std::string::npos);
    EXPECT_NE(page.find("<a href=\"/areas/\">"), std::string::npos);
    EXPECT_EQ(page.find("minisearch.js"), std::string::npos);
    EXPECT_EQ(page.find("/assets/search.js"), std::string::npos);
    EXPECT_EQ(page.find("data-search-input"), std::string::npos);
    expect_ids_sound(page, "/search/");
    EXPECT_FALSE(fs::exists(f.root / "out/assets/vendor"));
    EXPECT_TRUE(fs::exists(f.root / "out/search-index.json"));
    EXPECT_TRUE(fs::exists(f.root / "out/search-index/0.json"));
    // No page offers a search box that could only lead to "not available".
    for (const auto& e : fs::recursive_directory_iterator(f.root / "out"))
        if (e.path().extension() == ".html") EXPECT_EQ(slurp(e.path()).find("site-search"), std::string::npos) << e.path();
}

TEST(SearchPage, WithTheLibraryTheThemePublishesItAndThePageLoadsItAndTheIndex) {
    Fixture f;
    const auto report = build(f.content, f.root / "out", theme_with_library(f.root / "theme"));
    ASSERT_TRUE(report.ok()) << messages(report);
    const std::string page = slurp(f.root / "out/search/index.html");
    const size_t library = page.find("<script src=\"/assets/vendor/minisearch.js\" defer>");
    const size_t script = page.find("<script src=\"/assets/search.js\" defer>");
    ASSERT_NE(library, std::string::npos);
    ASSERT_NE(script, std::string::npos);
    EXPECT_LT(library, script);  // deferred scripts run in order: the library first
    EXPECT_NE(page.find("data-index=\"/search-index.json\""), std::string::npos);
    EXPECT_NE(page.find("<form class=\"search-form\" role=\"search\" action=\"/search/\" method=\"get\""), std::string::npos);
    EXPECT_NE(page.find("<label class=\"search-label\" for=\"search-q\">"), std::string::npos);
    EXPECT_NE(page.find("name=\"q\""), std::string::npos);
    EXPECT_NE(page.find("role=\"status\""), std::string::npos);
    EXPECT_NE(page.find("<link rel=\"stylesheet\" href=\"/assets/search.css\">"), std::string::npos);
    EXPECT_EQ(page.find("Search is not available"), std::string::npos);
    expect_ids_sound(page, "/search/");
    EXPECT_TRUE(fs::exists(f.root / "out/assets/vendor/minisearch.js"));
    EXPECT_TRUE(fs::exists(f.root / "out/assets/search.js"));
}

TEST(SearchPage, WithTheLibraryEveryOtherPageHasTheLabelledSearchBoxInItsHeader) {
    Fixture f;
    const auto report = build(f.content, f.root / "out", theme_with_library(f.root / "theme"));
    ASSERT_TRUE(report.ok()) << messages(report);
    size_t pages = 0;
    for (const auto& e : fs::recursive_directory_iterator(f.root / "out")) {
        if (e.path().extension() != ".html") continue;
        ++pages;
        const std::string html = slurp(e.path());
        const bool is_search = e.path() == f.root / "out/search/index.html";
        const size_t form = html.find("<form class=\"site-search\" role=\"search\" action=\"/search/\" method=\"get\"");
        if (is_search) {
            EXPECT_EQ(form, std::string::npos) << "the search page has its own box";
            continue;
        }
        ASSERT_NE(form, std::string::npos) << e.path();
        EXPECT_LT(form, html.find("<main")) << e.path();
        EXPECT_NE(html.find("<label class=\"site-search-label\" for=\"site-search-q\">Search the site</label>"),
                  std::string::npos) << e.path();
        EXPECT_NE(html.find("id=\"site-search-q\" name=\"q\""), std::string::npos) << e.path();
    }
    EXPECT_GT(pages, 10u);
}
