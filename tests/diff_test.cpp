// Reviewing changes: the model compared by stable id, `icips-site diff` in its three formats
// and exit codes, against a small Git repository built in a temporary folder with commits and tags.
#include "content_tree.h"
#include "diff/diff.h"
#include "diff/format.h"
#include "diff/history.h"
#include "kinds/kinds.h"
#include "render/theme.h"
#include "site_files.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <nlohmann/json.hpp>
#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using icips::diff::Change;
using icips::diff::WordRun;

namespace {

const char* kMemberUk = R"Y(assignments:
  - number: 1
    title: Data
    items:
      - label: "1."
        text: Calculating sample size.
      - label: "2."
        text: Control charts for stable processes.
      - label: "3."
        text: Run charts.
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
            text: "What is this for?"
            kind: text
  - id: later
    title: Later
)Y";
const char* kModel = R"Y(title: "Self-Assessment Matrix"
short_title: "SAM"
source: "A college."
licence: "Used with permission."
levels:
  - number: 1
    title: Marginal
dimensions:
  - id: leadership
    title: Leadership
    cells:
      - level: 1
        descriptors:
          - "A blame culture exists."
)Y";

struct Ran {
    int code;
    std::string out;  // standard output only
    std::string err;
};

// A content folder in a Git repository of its own, with helpers to commit and tag.
struct Repo : ContentTree {
    fs::path content = root / "content";
    fs::path out = root / "site-out";
    Repo() {
        write("content/index.md", "---\ntitle: Home\n---\nWelcome.\n");
        write("content/guide.md", "---\ntitle: Guide\n---\nKeep your records dated and signed.\n");
        write("content/standards/grades.yaml", kMemberGrade);
        write("content/standards/areas.yaml", kKnowledgeArea);
        write("content/standards/underpinning-knowledge/member.yaml", kMemberUk);
        write("content/packs/improvement.yaml", kPack);
        write("content/maturity/sam.yaml", kModel);
        git("init -q -b main");
    }
    void git(const std::string& args) const {
        const std::string command = "git -C " + root.string() + " -c user.name=t -c user.email=t@example.invalid " + args;
        ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
    // Commits everything with a fixed date, so dates and tag order are known.
    void commit(const std::string& message, const std::string& date) const {
        ::setenv("GIT_COMMITTER_DATE", date.c_str(), 1);
        ::setenv("GIT_AUTHOR_DATE", date.c_str(), 1);
        git("add -A");
        git("commit -q -m '" + message + "'");
        ::unsetenv("GIT_COMMITTER_DATE");
        ::unsetenv("GIT_AUTHOR_DATE");
    }
    void edit(const std::string& relative, const std::string& from, const std::string& to) const {
        std::string text = slurp(root / relative);
        const auto at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        write(relative, text.replace(at, from.size(), to));
    }
    Ran diff(const std::string& args) const {
        const fs::path err = root / "stderr.txt";
        const std::string command =
            std::string(ICIPS_BINARY) + " diff --content " + content.string() + " " + args + " 2>" + err.string();
        FILE* pipe = ::popen(command.c_str(), "r");
        std::string output;
        std::array<char, 4096> buffer;
        while (size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
        const int status = ::pclose(pipe);
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output, slurp(err)};
    }
    // The usual review: a sub-item reworded, an item inserted (renumbering those after it), an item
    // removed, a worksheet moved to another section, a descriptor reworded, a page reworded.
    void edit_working_tree() const {
        edit("content/standards/underpinning-knowledge/member.yaml",
             "      - label: \"2.\"\n        text: Control charts for stable processes.\n      - label: \"3.\"\n        text: Run charts.\n",
             "      - label: \"2.\"\n        text: Process mapping.\n      - label: \"3.\"\n        text: Control charts for stable processes.\n");
        edit("content/standards/underpinning-knowledge/member.yaml", "Calculating sample size.", "Calculating a sample size by hand.");
        edit("content/packs/improvement.yaml",
             "    worksheets:\n      - id: prompts\n        title: Discussion prompts\n        questions:\n          - id: a\n"
             "            label: \"a)\"\n            text: \"What is this for?\"\n            kind: text\n",
             "");
        edit("content/packs/improvement.yaml", "    title: Later\n",
             "    title: Later\n    worksheets:\n      - id: prompts\n        title: Discussion prompts\n        questions:\n"
             "          - id: a\n            label: \"a)\"\n            text: \"What is this for?\"\n            kind: text\n");
        edit("content/maturity/sam.yaml", "A blame culture exists.", "A blame culture persists.");
        edit("content/guide.md", "dated and signed", "dated");
    }
};

const Change* find(const std::vector<Change>& changes, Change::Type type, const std::string& key) {
    for (const auto& c : changes)
        if (c.type == type && c.current().key == key) return &c;
    return nullptr;
}

std::string runs(const std::vector<WordRun>& words) {
    std::string out;
    for (const auto& w : words)
        out += w.op == WordRun::Op::keep ? w.text + " " : w.op == WordRun::Op::insert ? "{+" + w.text + "+} " : "[-" + w.text + "-] ";
    return out;
}

}  // namespace

TEST(WordDiff, MarksTheWordsInsertedAndDeleted) {
    EXPECT_EQ(runs(icips::diff::word_diff("Calculating sample size.", "Calculating a sample size by hand.")),
              "Calculating {+a+} sample [-size.-] {+size by hand.+} ");
    EXPECT_EQ(runs(icips::diff::word_diff("one two three", "one  two\nthree")), "one two three ");
    EXPECT_EQ(runs(icips::diff::word_diff("", "new words")), "{+new words+} ");
}

TEST(WordDiff, ExcerptCutsLongUnchangedStretches) {
    std::string before, after;
    for (int i = 0; i < 40; ++i) before += "w" + std::to_string(i) + " ";
    after = before;
    after.replace(after.find("w20 "), 4, "changed ");
    const auto cut = icips::diff::excerpt(icips::diff::word_diff(before, after), 3);
    EXPECT_EQ(runs(cut), "… w17 w18 w19 [-w20-] {+changed+} w21 w22 w23 … ");
}

TEST(Compare, PairsByStableIdAndFindsMovesAndRewordings) {
    Repo repo;
    std::vector<icips::content::Diagnostic> errors;
    const auto before = icips::kinds::diff_entries(icips::kinds::load_content(repo.content, errors));
    repo.edit_working_tree();
    const auto after = icips::kinds::diff_entries(icips::kinds::load_content(repo.content, errors));
    ASSERT_TRUE(errors.empty()) << format(errors.front());
    const auto changes = icips::diff::compare(before, after);

    const Change* reworded = find(changes, Change::Type::reworded, "item member/underpinning-knowledge/1/1");
    ASSERT_NE(reworded, nullptr);
    EXPECT_EQ(runs(reworded->words), "Calculating {+a+} sample [-size.-] {+size by hand.+} ");
    EXPECT_EQ(reworded->after.url, "/grades/member/underpinning-knowledge/1/#item-1");
    // "Process mapping." went in as item 2: control charts moved from 2 to 3, run charts were removed.
    const Change* added = find(changes, Change::Type::added, "item member/underpinning-knowledge/1/2");
    ASSERT_NE(added, nullptr);
    EXPECT_EQ(added->after.text, "Process mapping.");
    const Change* renumbered = find(changes, Change::Type::moved, "item member/underpinning-knowledge/1/3");
    ASSERT_NE(renumbered, nullptr);
    EXPECT_EQ(renumbered->before.number, "2.");
    EXPECT_EQ(renumbered->after.number, "3.");
    EXPECT_FALSE(renumbered->also_reworded);
    const Change* removed = find(changes, Change::Type::removed, "item member/underpinning-knowledge/1/3");
    ASSERT_NE(removed, nullptr);
    EXPECT_EQ(removed->before.text, "Run charts.");
    // Same worksheet id, another section.
    const Change* moved = find(changes, Change::Type::moved, "worksheet improvement/prompts");
    ASSERT_NE(moved, nullptr);
    EXPECT_EQ(moved->before.place, "Improvement Pack › Introduction");
    EXPECT_EQ(moved->after.place, "Improvement Pack › Later");
    EXPECT_NE(find(changes, Change::Type::moved, "question improvement/prompts/a"), nullptr);
    EXPECT_NE(find(changes, Change::Type::reworded, "descriptor sam/leadership/1/1"), nullptr);
    const Change* page = find(changes, Change::Type::reworded, "page /guide/");
    ASSERT_NE(page, nullptr);
    EXPECT_EQ(runs(page->words), "Guide Keep your records [-dated and signed.-] {+dated.+} ");
    const auto s = icips::diff::summarise(changes);
    EXPECT_EQ(s.added, 1u);
    EXPECT_EQ(s.removed, 1u);
    EXPECT_EQ(s.reworded, 3u);
    EXPECT_EQ(s.moved, 3u);  // the item, the worksheet and its question
    // Nothing else: the grade, area, assignment, pack and model did not change.
    EXPECT_EQ(changes.size(), 8u);
}

TEST(DiffCommand, TextMarkdownAndJsonAgainstHead) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    repo.edit_working_tree();

    const Ran text = repo.diff("");
    EXPECT_EQ(text.code, 0) << text.err;
    EXPECT_NE(text.out.find("Changes from HEAD ("), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("1 added, 1 removed, 3 moved, 3 reworded"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("reworded: item Member › Underpinning knowledge › Assignment 1 › Item 1 (1.)\n"
                            "  /grades/member/underpinning-knowledge/1/#item-1\n"
                            "  Calculating {+a+} sample [-size.-] {+size by hand.+}\n"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("added: item Member › Underpinning knowledge › Assignment 1 › Item 2 (2.)\n"
                            "  /grades/member/underpinning-knowledge/1/#item-2\n  + Process mapping.\n"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("  was: Improvement Pack › Introduction › Worksheet: Discussion prompts  /packs/improvement/prompts/\n"
                            "  now: Improvement Pack › Later › Worksheet: Discussion prompts  /packs/improvement/prompts/\n"),
              std::string::npos)
        << text.out;

    const Ran md = repo.diff("HEAD --format markdown");
    EXPECT_EQ(md.code, 0) << md.err;
    EXPECT_NE(md.out.find("## Content changes since `HEAD`"), std::string::npos) << md.out;
    EXPECT_NE(md.out.find("### Reworded (3)\n"), std::string::npos) << md.out;
    EXPECT_NE(md.out.find("- [Member › Underpinning knowledge › Assignment 1 › Item 1 (1.)]"
                          "(/grades/member/underpinning-knowledge/1/#item-1)\n"
                          "  > Calculating **a** sample ~~size.~~ **size by hand.**\n"),
              std::string::npos)
        << md.out;
    EXPECT_NE(md.out.find("### Removed (1)\n\n- Member › Underpinning knowledge › Assignment 1 › Item 3 (3.) "
                          "(was /grades/member/underpinning-knowledge/1/#item-3)\n  > Run charts.\n"),
              std::string::npos)
        << md.out;

    const Ran json = repo.diff("--format json HEAD");
    EXPECT_EQ(json.code, 0) << json.err;
    const auto doc = nlohmann::json::parse(json.out);
    EXPECT_EQ(doc["from"]["revision"], "HEAD");
    EXPECT_EQ(doc["from"]["commit"].get<std::string>().size(), 40u);
    EXPECT_EQ(doc["summary"]["added"], 1);
    EXPECT_EQ(doc["summary"]["moved"], 3);
    EXPECT_EQ(doc["changes"].size(), 8u);
    const auto& first = doc["changes"][0];
    EXPECT_EQ(first["change"], "reworded");
    EXPECT_EQ(first["kind"], "item");
    EXPECT_EQ(first["after"]["url"], "/grades/member/underpinning-knowledge/1/#item-1");
    EXPECT_EQ(first["words"][1]["op"], "insert");
    EXPECT_EQ(first["words"][1]["text"], "a");
    for (const auto& c : doc["changes"])
        if (c["change"] == "added") EXPECT_TRUE(c["before"].is_null());
}

TEST(DiffCommand, NoChangesIsStillSuccess) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    const Ran text = repo.diff("HEAD");
    EXPECT_EQ(text.code, 0) << text.err;
    EXPECT_NE(text.out.find(": no changes"), std::string::npos) << text.out;
    const Ran json = repo.diff("--format json");
    EXPECT_EQ(nlohmann::json::parse(json.out)["changes"].size(), 0u);
}

TEST(DiffCommand, OlderRevisionsByTagAndRelativeName) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    repo.git("tag standards-2025");
    repo.edit("content/guide.md", "dated and signed", "dated");
    repo.commit("second", "2026-01-10T12:00:00Z");
    EXPECT_NE(repo.diff("HEAD").out.find(": no changes"), std::string::npos);
    const Ran by_tag = repo.diff("standards-2025");
    EXPECT_EQ(by_tag.code, 0);
    EXPECT_NE(by_tag.out.find("1 reworded"), std::string::npos) << by_tag.out;
    EXPECT_NE(repo.diff("HEAD~1").out.find("1 reworded"), std::string::npos);
}

TEST(DiffCommand, BadRevisionIsAUsageError) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    for (const std::string rev : {"no-such-branch", "HEAD~5", "--output=/tmp/x", "'HEAD;touch injected'"}) {
        const Ran r = repo.diff(rev);
        EXPECT_EQ(r.code, 2) << rev << "\n" << r.out << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
    EXPECT_FALSE(fs::exists(repo.root / "injected"));
    EXPECT_FALSE(fs::exists(fs::current_path() / "injected"));
    EXPECT_EQ(repo.diff("--format yaml").code, 2);
    // A tree id is not a commit.
    EXPECT_EQ(repo.diff("HEAD^{tree}").code, 2);
}

TEST(DiffCommand, OutsideGitIsAUsageError) {
    ContentTree tree;
    tree.write("content/index.md", "---\ntitle: Home\n---\nWelcome.\n");
    const std::string command = std::string(ICIPS_BINARY) + " diff --content " + (tree.root / "content").string() + " 2>&1";
    EXPECT_EQ(WEXITSTATUS(std::system((command + " >/dev/null").c_str())), 2);
}

TEST(DiffCommand, ContentErrorsOnEitherSideExitOne) {
    Repo repo;
    repo.write("content/standards/grades.yaml", "grades:\n  - id: member\n    title: [unclosed\n");
    repo.commit("broken", "2025-01-10T12:00:00Z");
    repo.write("content/standards/grades.yaml", kMemberGrade);
    const Ran old_broken = repo.diff("HEAD");
    EXPECT_EQ(old_broken.code, 1);
    // Errors at the revision name it and the file's path in the repository.
    EXPECT_NE(old_broken.err.find("HEAD:content/standards/grades.yaml:"), std::string::npos) << old_broken.err;
    repo.commit("fixed", "2025-01-11T12:00:00Z");
    repo.write("content/standards/grades.yaml", "grades:\n  - id: member\n    title: [unclosed\n");
    const Ran new_broken = repo.diff("HEAD");
    EXPECT_EQ(new_broken.code, 1);
    EXPECT_NE(new_broken.err.find("content/standards/grades.yaml:"), std::string::npos) << new_broken.err;
}

TEST(DiffCommand, TheWorkingTreeIsLeftAlone) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    repo.edit_working_tree();
    const auto files = snapshot(repo.content);
    const std::string index = slurp(repo.root / ".git/index");
    const std::string head = slurp(repo.root / ".git/HEAD");
    EXPECT_EQ(repo.diff("HEAD").code, 0);
    EXPECT_EQ(snapshot(repo.content), files);
    EXPECT_EQ(slurp(repo.root / ".git/index"), index);
    EXPECT_EQ(slurp(repo.root / ".git/HEAD"), head);
}

// ---- The pages: /whats-changed/, serve --compare's /changes/ and the marks, "Last changed" ----------

namespace {

icips::site::BuildReport build(const Repo& repo, const std::string& compare = "", unsigned threads = 0) {
    icips::site::BuildOptions options;
    options.compare = compare;
    options.threads = threads;
    return build_test_site(repo.content, repo.out, options);
}

std::string page(const Repo& repo, const std::string& url) { return page_at(repo.out, url); }

size_t at(const std::string& html, const std::string& what) {
    const auto found = html.find(what);
    EXPECT_NE(found, std::string::npos) << what;
    return found;
}

}  // namespace

TEST(WhatsChanged, ListsEachTaggedVersionNewestFirstWithLinks) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    repo.git("tag standards-2025");
    repo.edit_working_tree();
    repo.commit("second", "2026-01-10T12:00:00Z");
    ::setenv("GIT_COMMITTER_DATE", "2026-01-10T12:00:00Z", 1);  // an annotated tag is dated by its tagger
    repo.git("tag -a -m 'The 2026 standards' standards-2026");
    ::unsetenv("GIT_COMMITTER_DATE");
    repo.git("tag not-a-version");  // ignored: does not match standards-*
    const auto report = build(repo);
    ASSERT_TRUE(report.ok()) << messages(report);
    const std::string html = page(repo, "/whats-changed/");
    const size_t v2026 = at(html, "<h2 id=\"v-standards-2026\">Published <time datetime=\"2026-01-10\">10 January 2026</time> <span class=\"version-date\">(version standards-2026)");
    const size_t v2025 = at(html, "<h2 id=\"v-standards-2025\">Published");
    EXPECT_LT(v2026, v2025);
    EXPECT_EQ(html.find("not-a-version"), std::string::npos);
    at(html, "Since version standards-2025: 1 added, 1 removed, 3 moved, 3 reworded.");
    at(html, "<time datetime=\"2026-01-10\">10 January 2026</time>");
    // The reworded item links to its anchor and shows the words, told apart by more than colour.
    at(html, "<a href=\"/grades/member/underpinning-knowledge/1/#item-1\">Member › Underpinning knowledge › Assignment 1 › Item 1 (1.)</a>");
    at(html, "<ins><span class=\"visually-hidden\">inserted: </span>a</ins>");
    at(html, "<del><span class=\"visually-hidden\">deleted: </span>size.</del>");
    // Removed things are named, not linked.
    const size_t removed = at(html, "Member › Underpinning knowledge › Assignment 1 › Item 3 (3.)</p>");
    EXPECT_EQ(html.substr(removed - 60, 60).find("<a href"), std::string::npos);
    at(html.substr(v2025), "The first version of this site to be published.");
}

TEST(WhatsChanged, SaysSoOutsideGitOrWithoutTags) {
    Repo repo;
    ASSERT_TRUE(build(repo).ok());  // a repository without commits: nothing to show yet
    repo.commit("first", "2025-01-10T12:00:00Z");
    ASSERT_TRUE(build(repo).ok());
    at(page(repo, "/whats-changed/"), "No version of this site has been published yet.");
    fs::remove_all(repo.root / ".git");
    const auto report = build(repo);
    ASSERT_TRUE(report.ok()) << messages(report);
    at(page(repo, "/whats-changed/"), "keeps no record of its published versions");
    EXPECT_EQ(page(repo, "/grades/member/").find("Last updated"), std::string::npos);
}

TEST(CompareBuild, ChangesPageAndMarksOnTheChangedPages) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    repo.edit_working_tree();
    const auto report = build(repo, "HEAD");
    ASSERT_TRUE(report.ok()) << messages(report);  // every link on the new pages resolves
    const std::string changes = page(repo, "/changes/");
    at(changes, "<h1>Changes since HEAD</h1>");
    at(changes, "1 added, 1 removed, 3 moved, 3 reworded");
    at(changes, "<a href=\"/packs/improvement/prompts/\">Improvement Pack › Later › Worksheet: Discussion prompts</a>");
    at(changes, "Was: Improvement Pack › Introduction › Worksheet: Discussion prompts");
    at(changes, "<a href=\"/maturity/sam/leadership/#leadership-1-1\">");
    at(changes, "<del><span class=\"visually-hidden\">deleted: </span>exists.</del> <ins><span class=\"visually-hidden\">inserted: </span>persists.</ins>");

    // The assignment page: a box after the heading, and each changed item marked where it is.
    const std::string assignment = page(repo, "/grades/member/underpinning-knowledge/1/");
    const size_t box = at(assignment, "<aside class=\"changes-here\"");
    EXPECT_LT(at(assignment, "</h1>"), box);
    at(assignment, "<a href=\"#item-2\">Item 2</a> — Added");
    at(assignment, "Item 3 — <strong>Removed since HEAD</strong>: Run charts.");
    // After the item's own words (and link), so the note reads after what it is about.
    const size_t item = at(assignment, "<li id=\"item-1\">");
    const size_t note = at(assignment, "<div class=\"change-note change-reworded\"><strong>Reworded since HEAD</strong>: Calculating "
                                       "<ins><span class=\"visually-hidden\">inserted: </span>a</ins>");
    EXPECT_LT(item, note);
    EXPECT_LT(at(assignment.substr(item), "Link to item 1</span></a>"), note - item);
    EXPECT_EQ(assignment.substr(item, note - item).find("</li>"), std::string::npos);
    at(assignment, "<link rel=\"stylesheet\" href=\"/assets/changes.css\">");
    at(page(repo, "/guide/"), "Page: Guide — <strong>Reworded since HEAD</strong>");
    // Unchanged pages are left as they are.
    EXPECT_EQ(page(repo, "/grades/member/").find("changes-here"), std::string::npos);

    // Saving again and rebuilding (what serve does) updates the page.
    repo.edit("content/guide.md", "dated", "dated and kept");
    ASSERT_TRUE(build(repo, "HEAD").ok());
    at(page(repo, "/changes/"), "<ins><span class=\"visually-hidden\">inserted: </span>kept.</ins>");
    // Without --compare there is no /changes/ page and no marks.
    ASSERT_TRUE(build(repo).ok());
    EXPECT_FALSE(fs::exists(repo.out / "changes"));
    EXPECT_EQ(page(repo, "/grades/member/underpinning-knowledge/1/").find("change-note"), std::string::npos);
}

// Each kind of page shows its own box, and each changed thing its note where the thing is; a page
// that shows the same thing elsewhere (a level page's descriptors) is not marked.
TEST(CompareBuild, GradeWorksheetPackAndDimensionPagesEachShowTheirChanges) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    repo.edit("content/standards/grades.yaml", "summary: Members.", "summary: Members of the institute.");
    repo.edit("content/packs/improvement.yaml", "What is this for?", "What is this worksheet for?");
    repo.edit("content/packs/improvement.yaml", "title: Later\n", "title: Later on\n");
    repo.edit("content/maturity/sam.yaml", "A blame culture exists.", "A blame culture persists.");
    ASSERT_TRUE(build(repo, "HEAD").ok());
    const std::string ins = "<ins><span class=\"visually-hidden\">inserted: </span>";
    const std::string css = "<link rel=\"stylesheet\" href=\"/assets/changes.css\">\n</head>";
    const auto box = [](const std::string& html) {
        const size_t heading = at(html, "</h1>");
        EXPECT_EQ(at(html, "<aside class=\"changes-here\" aria-labelledby=\"changes-here-title\"><h2 id=\"changes-here-title\">"
                           "Changed since HEAD</h2><ul>"), heading + 5);
        at(html, "<p><a href=\"/changes/\">Every change since HEAD</a></p></aside>");
    };

    const std::string grade = page(repo, "/grades/member/");
    box(grade);
    at(grade, "<li>Grade: Member — <strong>Reworded since HEAD</strong>: Member <del><span class=\"visually-hidden\">deleted: "
              "</span>Members.</del> " + ins + "Members of the institute.</ins></li>");
    at(grade, css);

    const std::string worksheet = page(repo, "/packs/improvement/prompts/");
    box(worksheet);
    at(worksheet, "<li><a href=\"#prompts--a\">Question a)</a> — Reworded</li>");
    at(worksheet, "<div class=\"question question-text\" id=\"prompts--a\"><div class=\"change-note change-reworded\">"
                  "<strong>Reworded since HEAD</strong>: What is this " + ins + "worksheet</ins> for?</div>\n");
    at(worksheet, css);

    const std::string pack = page(repo, "/packs/improvement/");
    box(pack);
    at(pack, "<li><a href=\"#sec-later\">Section: Later on</a> — Reworded</li>");
    at(pack, "<h2 id=\"sec-later\">Later on</h2><div class=\"change-note change-reworded\"><strong>Reworded since HEAD</strong>: Later " +
                 ins + "on</ins></div>");

    const std::string dimension = page(repo, "/maturity/sam/leadership/");
    box(dimension);
    at(dimension, "<li><a href=\"#leadership-1-1\">Descriptor 1</a> — Reworded</li>");
    at(dimension, "<li id=\"leadership-1-1\">A blame culture persists.<div class=\"change-note change-reworded\"><strong>Reworded "
                  "since HEAD</strong>: A blame culture <del><span class=\"visually-hidden\">deleted: </span>exists.</del> " +
                      ins + "persists.</ins></div></li>");
    const std::string level = page(repo, "/maturity/sam/level-1/");
    at(level, "A blame culture persists.");
    EXPECT_EQ(level.find("change-note"), std::string::npos);
    EXPECT_EQ(level.find("changes-here"), std::string::npos);
    EXPECT_EQ(level.find("changes.css"), std::string::npos);
}

// Every kind of page can be changed, so every page template shows the box (the default theme).
TEST(CompareBuild, EveryPageTemplateShowsTheChangesBox) {
    std::vector<icips::content::Diagnostic> errors;
    const auto theme = icips::render::Theme::load({fs::path(ICIPS_SOURCE_DIR) / "themes/default"}, errors);
    ASSERT_TRUE(errors.empty());
    for (const auto& name : icips::kinds::template_names())
        if (name != "layout") EXPECT_EQ(theme.partials_of(name).count("changes-here"), 1u) << name;
}

TEST(CompareBuild, ABadRevisionIsAUsageErrorAndBrokenOldContentAContentError) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    const auto bad = build(repo, "no-such-branch");
    EXPECT_TRUE(bad.usage_error);
    EXPECT_NE(bad.fatal.find("'no-such-branch' names no commit"), std::string::npos) << bad.fatal;
    repo.write("content/standards/grades.yaml", "grades:\n  - id: member\n    title: [unclosed\n");
    repo.commit("broken", "2025-01-11T12:00:00Z");
    repo.write("content/standards/grades.yaml", kMemberGrade);
    const auto broken = build(repo, "HEAD");
    EXPECT_FALSE(broken.ok());
    EXPECT_NE(messages(broken).find("HEAD:content/standards/grades.yaml:"), std::string::npos) << messages(broken);
}

TEST(CompareBuild, SameOutputWhateverTheThreadCount) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    repo.git("tag standards-2025");
    repo.edit_working_tree();
    repo.commit("second", "2026-01-10T12:00:00Z");
    repo.git("tag standards-2026");
    repo.edit("content/guide.md", "dated", "dated and kept");
    ASSERT_TRUE(build(repo, "HEAD~1", 1).ok());
    const auto one = snapshot(repo.out);
    ASSERT_TRUE(build(repo, "HEAD~1", 4).ok());
    EXPECT_EQ(snapshot(repo.out), one);
}

TEST(LastChanged, GradeAreaPackAndMaturityPagesShowTheirSourcesNewestCommit) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    repo.edit("content/standards/underpinning-knowledge/member.yaml", "Run charts.", "Run charts and tallies.");
    repo.commit("member items", "2025-06-02T09:00:00Z");
    repo.edit("content/packs/improvement.yaml", "What is this for?", "What is it for?");
    repo.edit("content/guide.md", "dated", "dated");  // no change to the models
    repo.commit("pack", "2026-03-04T09:00:00Z");
    ASSERT_TRUE(build(repo).ok());
    const std::string line = "<p class=\"last-changed\">Last updated <time datetime=\"";
    at(page(repo, "/grades/member/"), line + "2025-06-02\">2 June 2025</time>");
    at(page(repo, "/areas/underpinning-knowledge/"), line + "2025-06-02\">2 June 2025</time>");
    at(page(repo, "/packs/improvement/"), line + "2026-03-04\">4 March 2026</time>");
    at(page(repo, "/maturity/sam/"), line + "2025-01-10\">10 January 2025</time>");
}

TEST(CompareBuild, ServeRefusesABadRevisionBeforeServing) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    const std::string command = std::string(ICIPS_BINARY) + " serve --port 0 --content " + repo.content.string() +
                                " --out " + repo.out.string() + " --compare no-such-tag >/dev/null 2>&1";
    EXPECT_EQ(WEXITSTATUS(std::system(command.c_str())), 2);
    EXPECT_FALSE(fs::exists(repo.out));
}

TEST(LastChanged, FollowsEachNewCommit) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    ASSERT_TRUE(build(repo).ok());
    const std::string line = "<p class=\"last-changed\">Last updated <time datetime=\"";
    at(page(repo, "/maturity/sam/"), line + "2025-01-10\">");
    repo.edit("content/maturity/sam.yaml", "A blame culture exists.", "A blame culture is common.");
    repo.commit("model", "2026-02-03T09:00:00Z");
    ASSERT_TRUE(build(repo).ok());
    at(page(repo, "/maturity/sam/"), line + "2026-02-03\">");
}

TEST(Repository, BuildWritesNothingIntoItAndCheckNothingAnywhere) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    const auto git_dir = snapshot(repo.root / ".git");
    ASSERT_TRUE(build(repo).ok());
    ASSERT_TRUE(build(repo).ok());
    EXPECT_EQ(snapshot(repo.root / ".git"), git_dir);
    fs::remove_all(repo.out);
    const auto everything = snapshot(repo.root);
    const std::string command =
        std::string(ICIPS_BINARY) + " check --content " + repo.content.string() + " >/dev/null 2>&1";
    const int status = std::system(command.c_str());
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_EQ(snapshot(repo.root), everything);
    EXPECT_FALSE(fs::exists(repo.out));
}

TEST(WhatsChanged, FindsPackedAndLooseTags) {
    Repo repo;
    repo.commit("first", "2025-01-10T12:00:00Z");
    repo.git("tag standards-2025");
    repo.git("pack-refs --all");
    repo.edit_working_tree();
    repo.commit("second", "2026-01-10T12:00:00Z");
    ASSERT_TRUE(build(repo).ok());
    at(page(repo, "/whats-changed/"), "(version standards-2025)</span></h2>");
    repo.git("tag standards-2026");
    ASSERT_TRUE(build(repo).ok());
    at(page(repo, "/whats-changed/"), "(version standards-2026)</span></h2>");
}

// A symbolic link committed in Git is never read as a file: `diff REV` and the "What's changed" page
// of a tagged version that holds one say so, and nothing of what it points to is shown.
TEST(DiffCommand, ACommittedSymbolicLinkIsRefusedNotRead) {
    Repo repo;
    const fs::path secret = repo.root / "secret.md";
    std::ofstream(secret) << "---\ntitle: Leaked\n---\nSECRET-OUTSIDE-TEXT\n";
    fs::create_symlink(secret, repo.content / "leak.md");
    fs::create_symlink(repo.root / "secret.yaml", repo.content / "packs/leak.yaml");
    std::ofstream(repo.root / "secret.yaml") << "title: SECRET-OUTSIDE-YAML\n";
    repo.git("add content");
    repo.commit("a pull request with links", "2025-01-10T12:00:00Z");
    repo.git("tag standards-2025");
    fs::remove(repo.content / "leak.md");
    fs::remove(repo.content / "packs/leak.yaml");

    const Ran ran = repo.diff("HEAD");
    EXPECT_EQ(ran.code, 1) << ran.out << ran.err;
    EXPECT_NE(ran.err.find("HEAD:content/leak.md: is a symbolic link"), std::string::npos) << ran.err;
    EXPECT_EQ((ran.out + ran.err).find("SECRET-OUTSIDE"), std::string::npos) << ran.out << ran.err;

    const auto report = build(repo);
    ASSERT_TRUE(report.ok()) << messages(report);
    const std::string html = page(repo, "/whats-changed/");
    EXPECT_NE(html.find("is a symbolic link"), std::string::npos) << html;
    EXPECT_EQ(html.find("SECRET-OUTSIDE"), std::string::npos);
}
