#include "kinds/packs/model.h"

#include "content_tree.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace icips::content;

namespace {

// A pack file made of the given YAML lines after a fixed, valid head (title, source, a scale).
// The head is 5 lines long, so the first line given is line 6 of the file.
std::string pack(const std::string& body) {
    return "title: Pack\n"
           "source: Somewhere\n"
           "scales:\n"
           "  - id: yes-partly-not\n"
           "    options: [\"Yes\", \"Partly\", \"Not at all\"]\n" +
           body;
}

// A pack with one section (line 7) and one worksheet (line 10) whose questions start at line 13.
std::string worksheet(const std::string& questions) {
    return pack("sections:\n"
                "  - id: intro\n"
                "    title: Intro\n"
                "    worksheets:\n"
                "      - id: sheet\n"
                "        title: Sheet\n"
                "        questions:\n" +
                questions);
}

struct Tree : ContentTree {
    std::vector<std::string> errors() const {
        std::vector<Diagnostic> diagnostics;
        load_packs(root, diagnostics);
        return relative(diagnostics);
    }
    std::vector<std::string> errors_of(const std::string& pack_yaml) {
        write("packs/p.yaml", pack_yaml);
        return errors();
    }
};

size_t count_follow_ups(const std::vector<Question>& questions) {
    size_t n = 0;
    for (const auto& q : questions) n += q.follow_ups.size() + count_follow_ups(q.follow_ups);
    return n;
}

}  // namespace

TEST(Packs, RealContentLoadsWithoutErrors) {
    std::vector<Diagnostic> errors;
    auto packs = load_packs(ICIPS_CONTENT_DIR, errors);
    for (const auto& e : errors) ADD_FAILURE() << format(e);
    ASSERT_EQ(packs.size(), 1u);
    const Pack& csit = packs[0];
    EXPECT_EQ(csit.id, "csit-document-one");
    EXPECT_EQ(csit.title, "Culture and Sport Improvement Toolkit (CSIT): Document One");
    EXPECT_EQ(csit.sections.size(), 9u);
    ASSERT_EQ(csit.worksheets().size(), 6u);
    size_t questions = 0, follow_ups = 0;
    for (const Worksheet* w : csit.worksheets()) {
        questions += w->questions.size();
        follow_ups += count_follow_ups(w->questions);
    }
    EXPECT_EQ(questions, 40u);
    EXPECT_EQ(follow_ups, 7u);

    // The diagram: the source's six boxes in the source's order, the Peer-Led Challenge one
    // optional, none drawn in a centre.
    const Section* first = csit.section("structured-improvement");
    ASSERT_TRUE(first && first->diagram);
    ASSERT_EQ(first->diagram->steps.size(), 6u);
    EXPECT_EQ(first->diagram->steps[2].text, "Integrate an annual cycle into your management system");
    EXPECT_TRUE(first->diagram->steps[3].optional);
    EXPECT_FALSE(first->diagram->steps[0].optional);
    EXPECT_EQ(first->diagram->centre, "");
    EXPECT_EQ(first->diagram->title, "");

    // Prompt c) offers "Partly" (the source misprints "Party", kept in its note), like d).
    const Worksheet* discussion = csit.worksheet("leadership-discussion");
    ASSERT_TRUE(discussion);
    const Question* c = discussion->question("c");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->kind, QuestionKind::scale);
    EXPECT_EQ(c->options, (std::vector<std::string>{"Yes", "Partly", "Not at all"}));
    ASSERT_FALSE(c->notes.empty());
    EXPECT_NE(c->notes[0].text.find("\"Yes / Party / Not at all\""), std::string::npos);
    const Question* d = discussion->question("d");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->scale_id, "yes-partly-not");
    EXPECT_EQ(d->options, (std::vector<std::string>{"Yes", "Partly", "Not at all"}));
    const Question* b_good = discussion->question("b-good");
    ASSERT_TRUE(b_good);
    EXPECT_EQ(b_good->text, "What is good about the above?");
    EXPECT_EQ(b_good->lines, 4);

    const Worksheet* scoping = csit.worksheet("scoping-template");
    ASSERT_TRUE(scoping);
    EXPECT_EQ(scoping->questions[0].kind, QuestionKind::boxes);
    EXPECT_EQ(scoping->questions[0].boxes.size(), 7u);

    const Worksheet* team = csit.worksheet("self-assessment-team-template");
    ASSERT_TRUE(team);
    const Question* full = team->question("full-benchmark");
    ASSERT_TRUE(full);
    EXPECT_EQ(full->kind, QuestionKind::table);
    EXPECT_EQ(full->table.corner, "Theme");
    EXPECT_EQ(full->table.columns.size(), 4u);
    EXPECT_EQ(full->table.row_count(), 9);
    EXPECT_EQ(full->table.cell_lines, 2);

    const Worksheet* inform = csit.worksheet("inform-self-assessment");
    ASSERT_TRUE(inform);
    EXPECT_EQ(inform->question("g-if-so")->kind, QuestionKind::none);
}

TEST(Packs, AValidPackLoadsWithEveryKindAndItsLines) {
    Tree t;
    t.write("packs/b-pack.yaml",
            worksheet("          - id: a\n"              // 13
                      "            text: Why?\n"
                      "            kind: text\n"
                      "            follow_ups:\n"
                      "              - id: a-more\n"     // 17
                      "                text: And?\n"
                      "                kind: text\n"
                      "                lines: 2\n"
                      "          - id: b\n"              // 21
                      "            text: Agreed?\n"
                      "            kind: scale\n"
                      "            scale: yes-partly-not\n"
                      "          - id: c\n"
                      "            text: Fill in\n"
                      "            kind: boxes\n"
                      "            boxes:\n"
                      "              - {id: one, title: One, lines: 3}\n"
                      "              - {id: two, title: Two, text: Hint}\n"
                      "          - id: d\n"
                      "            text: Plan\n"
                      "            kind: table\n"
                      "            table:\n"
                      "              columns: [{id: who, title: Who}, {id: when, title: When}]\n"
                      "              count: 8\n"
                      "          - id: e\n"
                      "            kind: none\n"
                      "            follow_ups:\n"
                      "              - {id: e-1, text: First, kind: scale, options: [Low, High]}\n"));
    t.write("packs/a-pack.yaml", "title: A\nsource: S\nsections:\n  - id: only\n    title: Only\n");
    std::vector<Diagnostic> errors;
    auto packs = load_packs(t.root, errors);
    EXPECT_TRUE(t.relative(errors).empty()) << t.relative(errors)[0];
    ASSERT_EQ(packs.size(), 2u);
    EXPECT_EQ(packs[0].id, "a-pack");  // files in name order
    const Worksheet* sheet = packs[1].worksheet("sheet");
    ASSERT_TRUE(sheet);
    ASSERT_EQ(sheet->questions.size(), 5u);
    const auto& a = sheet->questions[0];
    EXPECT_EQ(a.where.line, 13);
    EXPECT_EQ(a.lines, 4);  // the default
    EXPECT_EQ(a.follow_ups[0].where.line, 17);
    EXPECT_EQ(a.follow_ups[0].lines, 2);
    EXPECT_EQ(sheet->question("b")->options.size(), 3u);
    EXPECT_EQ(sheet->question("b")->lines, 0);
    EXPECT_EQ(sheet->question("c")->boxes[1].lines, 4);
    EXPECT_EQ(sheet->question("c")->boxes[1].text, "Hint");
    EXPECT_EQ(sheet->question("d")->table.row_count(), 8);
    EXPECT_EQ(sheet->question("d")->table.cell_lines, 1);
    EXPECT_EQ(sheet->question("e")->text, "");
    EXPECT_EQ(sheet->question("e-1")->options, (std::vector<std::string>{"Low", "High"}));
    EXPECT_EQ(to_string(sheet->question("e")->kind), "none");
}

TEST(Packs, NoPacksFolderMeansNoPacks) {
    std::vector<Diagnostic> errors;
    EXPECT_TRUE(load_packs(fs::temp_directory_path() / "icips-no-such-content", errors).empty());
    EXPECT_TRUE(errors.empty());
}

TEST(Packs, FileNamesMustBeIds) {
    Tree t;
    t.write("packs/CSIT_One.yaml", "title: A\nsource: S\nsections: []\n");
    t.write("packs/notes.txt", "hello\n");
    auto errors = t.errors();
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0], "packs/CSIT_One.yaml: file name 'CSIT_One' is not a valid pack id; rename the file with "
                         "lowercase letters, digits and single hyphens");
    EXPECT_EQ(errors[1], "packs/notes.txt: not a pack file; each pack goes in packs/<id>.yaml");
}

TEST(Packs, SyntaxErrorsEmptyFilesAndAListForAPack) {
    Tree t;
    t.write("packs/a.yaml", "title: A\nsource: [oops\n");
    t.write("packs/b.yaml", "\n  \n");
    t.write("packs/c.yaml", "- title: A\n");
    auto errors = t.errors();
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_TRUE(errors[0].starts_with("packs/a.yaml:3:1: YAML syntax error")) << errors[0];
    EXPECT_EQ(errors[1], "packs/b.yaml: file is empty");
    EXPECT_EQ(errors[2], "packs/c.yaml:1:1: expected a mapping of keys to values");
}

TEST(Packs, UnknownAndMissingKeys) {
    Tree t;
    auto errors = t.errors_of("titel: Pack\nsections:\n  - id: intro\n    title: Intro\n    bodyy: x\n");
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0], "packs/p.yaml:1:1: unknown key 'titel'; did you mean 'title'?");
    EXPECT_EQ(errors[1], "packs/p.yaml:1:1: missing required key 'title'");
    EXPECT_EQ(errors[2], "packs/p.yaml:1:1: missing required key 'source'");
    EXPECT_EQ(errors[3], "packs/p.yaml:5:5: unknown key 'bodyy'; did you mean 'body'?");
}

TEST(Packs, WrongTypesAndBlankValues) {
    Tree t;
    auto errors = t.errors_of(pack("subtitle: [a, b]\n"
                                   "sections:\n"
                                   "  - id: intro\n"
                                   "    title: \"\"\n"
                                   "    diagram:\n"
                                   "      steps:\n"
                                   "        - {text: One, optional: maybe}\n"
                                   "    worksheets: {id: x}\n"));
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0], "packs/p.yaml:6:11: 'subtitle' must be text");
    EXPECT_EQ(errors[1], "packs/p.yaml:9:12: 'title' must not be empty");
    EXPECT_EQ(errors[2], "packs/p.yaml:12:33: 'optional' must be true or false");
    EXPECT_EQ(errors[3], "packs/p.yaml:13:17: 'worksheets' must be a list");
}

TEST(Packs, EmptyValuesAreReportedAtTheirKey) {
    Tree t;
    auto errors = t.errors_of("title:\nsource: S\nsections:\n");
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0], "packs/p.yaml:1:1: 'title' must not be empty");
    EXPECT_EQ(errors[1], "packs/p.yaml:3:1: 'sections' is empty; list the pack's sections in source order");
}

TEST(Packs, InvalidAndDuplicateIds) {
    Tree t;
    auto errors = t.errors_of(pack("sections:\n"
                                   "  - id: intro\n"                      // 7
                                   "    title: A\n"
                                   "    worksheets:\n"
                                   "      - id: sheet\n"                  // 10
                                   "        title: S\n"
                                   "        questions:\n"
                                   "          - id: a\n"                  // 13
                                   "            text: Q\n"
                                   "            kind: text\n"
                                   "            follow_ups:\n"
                                   "              - {id: a, text: F, kind: text}\n"  // 17
                                   "          - id: Bad_Id\n"             // 18
                                   "            text: Q\n"
                                   "            kind: boxes\n"
                                   "            boxes:\n"
                                   "              - {id: x, title: X}\n"
                                   "              - {id: x, title: Y}\n"  // 23
                                   "  - id: intro\n"                      // 24
                                   "    title: B\n"
                                   "    worksheets:\n"
                                   "      - id: sheet\n"                  // 27
                                   "        title: S\n"
                                   "        questions:\n"
                                   "          - id: t\n"
                                   "            text: Q\n"
                                   "            kind: table\n"
                                   "            table:\n"
                                   "              columns: [{id: c, title: C}, {id: c, title: D}]\n"  // 34
                                   "              rows: [{id: r, title: R}, {id: r, title: S}]\n"     // 35
                                   "  - id: \"\"\n"                       // 36
                                   "    title: C\n"));
    ASSERT_EQ(errors.size(), 8u);
    EXPECT_EQ(errors[0], "packs/p.yaml:17:22: duplicate question id 'a' (first used at line 13); ids must be unique "
                         "within the worksheet, follow-ups included");
    EXPECT_EQ(errors[1], "packs/p.yaml:18:17: id 'Bad_Id' may hold only lowercase letters, digits and single hyphens");
    EXPECT_EQ(errors[2], "packs/p.yaml:23:22: duplicate box id 'x' (first used at line 22); ids must be unique within "
                         "the question");
    EXPECT_EQ(errors[3], "packs/p.yaml:27:13: duplicate worksheet id 'sheet' (first used at line 10); ids must be "
                         "unique within the pack");
    EXPECT_EQ(errors[4], "packs/p.yaml:34:49: duplicate column id 'c' (first used at line 34); ids must be unique "
                         "within the table's columns");
    EXPECT_EQ(errors[5], "packs/p.yaml:35:46: duplicate row id 'r' (first used at line 35); ids must be unique "
                         "within the table's rows");
    EXPECT_EQ(errors[6], "packs/p.yaml:24:9: duplicate section id 'intro' (first used at line 7); ids must be unique "
                         "within the pack");
    EXPECT_EQ(errors[7], "packs/p.yaml:36:9: 'id' must not be empty");
}

TEST(Packs, UnknownKindListsTheKinds) {
    Tree t;
    auto errors = t.errors_of(worksheet("          - id: a\n            text: Q\n            kind: txt\n"));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], "packs/p.yaml:15:19: unknown kind 'txt' (did you mean 'text'?); use one of text, scale, "
                         "boxes, table, none");
}

TEST(Packs, ScaleQuestionsNeedExactlyOneSourceOfChoices) {
    Tree t;
    auto errors = t.errors_of(worksheet("          - id: a\n"             // 13
                                        "            text: Q\n"
                                        "            kind: scale\n"
                                        "            scale: yes-partly\n"  // 16
                                        "          - id: b\n"             // 17
                                        "            text: Q\n"
                                        "            kind: scale\n"
                                        "          - id: c\n"             // 20
                                        "            text: Q\n"
                                        "            kind: scale\n"
                                        "            scale: yes-partly-not\n"
                                        "            options: [A, B]\n"   // 24
                                        "          - id: d\n"
                                        "            text: Q\n"
                                        "            kind: scale\n"
                                        "            options: [A, A]\n"));  // 28
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0], "packs/p.yaml:16:20: unknown scale 'yes-partly' (did you mean 'yes-partly-not'?); define it "
                         "under scales: or use options:");
    EXPECT_EQ(errors[1], "packs/p.yaml:17:13: scale question has no choices; name a scale with scale: <id> or list "
                         "them with options: [...]");
    EXPECT_EQ(errors[2], "packs/p.yaml:24:13: scale question has both 'scale' and 'options'; keep one of them");
    EXPECT_EQ(errors[3], "packs/p.yaml:28:26: option 'A' is listed twice");
}

TEST(Packs, ScalesNeedIdsAndChoices) {
    Tree t;
    auto errors = t.errors_of("title: P\nsource: S\nscales:\n  - id: s\n    options: [Only]\n  - id: s\n"
                              "    options: [A, B]\n  - options: [A, B]\nsections:\n  - id: x\n    title: X\n");
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0], "packs/p.yaml:5:14: 'options' must list at least two choices");
    EXPECT_EQ(errors[1], "packs/p.yaml:6:9: duplicate scale id 's' (first used at line 4); ids must be unique within "
                         "the pack");
    EXPECT_EQ(errors[2], "packs/p.yaml:8:5: missing required key 'id'");
}

TEST(Packs, KeysOfAnotherKindAreRefused) {
    Tree t;
    auto errors = t.errors_of(worksheet("          - id: a\n"
                                        "            text: Q\n"
                                        "            kind: text\n"
                                        "            boxes:\n"              // 16
                                        "              - {id: x, title: X}\n"
                                        "          - id: b\n"
                                        "            text: Q\n"
                                        "            kind: scale\n"
                                        "            scale: yes-partly-not\n"
                                        "            lines: 3\n"));          // 22
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0], "packs/p.yaml:16:13: 'boxes' belongs to questions of kind boxes, not text; remove it or "
                         "change the kind");
    EXPECT_EQ(errors[1], "packs/p.yaml:22:13: 'lines' belongs to questions of kind text, not scale; remove it or "
                         "change the kind");
}

TEST(Packs, LinesCountsAndCellLinesMustBePositive) {
    Tree t;
    auto errors = t.errors_of(worksheet("          - id: a\n"
                                        "            text: Q\n"
                                        "            kind: text\n"
                                        "            lines: 0\n"            // 16
                                        "          - id: b\n"
                                        "            text: Q\n"
                                        "            kind: table\n"
                                        "            table:\n"
                                        "              columns: [{id: c, title: C}]\n"
                                        "              count: -2\n"         // 22
                                        "              cell_lines: many\n"  // 23
                                        "          - id: c\n"
                                        "            text: Q\n"
                                        "            kind: boxes\n"
                                        "            boxes: [{id: x, title: X, lines: 0}]\n"));  // 27
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0], "packs/p.yaml:16:20: 'lines' must be 1 or more");
    EXPECT_EQ(errors[1], "packs/p.yaml:22:22: 'count' must be 1 or more");
    EXPECT_EQ(errors[2], "packs/p.yaml:23:27: 'cell_lines' must be a whole number");
    EXPECT_EQ(errors[3], "packs/p.yaml:27:46: 'lines' must be 1 or more");
}

TEST(Packs, TablesNeedRowsOrCountAndBoxesAndTablesNeedTheirKey) {
    Tree t;
    auto errors = t.errors_of(worksheet("          - id: a\n"
                                        "            text: Q\n"
                                        "            kind: table\n"
                                        "            table:\n"
                                        "              columns: [{id: c, title: C}]\n"  // 17
                                        "          - id: b\n"
                                        "            text: Q\n"
                                        "            kind: table\n"
                                        "            table:\n"
                                        "              columns: []\n"                   // 22
                                        "              rows: [{id: r, title: R}]\n"
                                        "              count: 3\n"                      // 24
                                        "          - id: c\n"                           // 25
                                        "            text: Q\n"
                                        "            kind: boxes\n"
                                        "          - id: d\n"                           // 28
                                        "            text: Q\n"
                                        "            kind: table\n"));
    ASSERT_EQ(errors.size(), 5u);
    EXPECT_EQ(errors[0], "packs/p.yaml:17:15: table has neither 'rows' nor 'count'; list row headings under rows: or "
                         "give count: N for N blank rows");
    EXPECT_EQ(errors[1], "packs/p.yaml:22:24: 'columns' is empty; list the table's columns");
    EXPECT_EQ(errors[2], "packs/p.yaml:24:15: table has both 'rows' and 'count'; keep rows: for headed rows or count: "
                         "for blank rows");
    EXPECT_EQ(errors[3], "packs/p.yaml:25:13: missing required key 'boxes' (questions of kind boxes list their boxes)");
    EXPECT_EQ(errors[4], "packs/p.yaml:28:13: missing required key 'table' (questions of kind table describe it)");
}

TEST(Packs, RequiredTextOfSectionsWorksheetsAndQuestions) {
    Tree t;
    auto errors = t.errors_of(pack("sections:\n"
                                   "  - id: intro\n"               // 7
                                   "    worksheets:\n"
                                   "      - id: sheet\n"           // 9
                                   "        questions:\n"
                                   "          - id: a\n"           // 11
                                   "            kind: text\n"
                                   "          - id: b\n"           // 13
                                   "            kind: none\n"
                                   "          - id: c\n"           // 15: a group of follow-ups needs no text
                                   "            kind: none\n"
                                   "            follow_ups: [{id: c-1, text: F, kind: text}]\n"
                                   "      - id: empty\n"           // 18
                                   "        title: Empty\n"
                                   "        questions: []\n"       // 20
                                   "    diagram: {steps: []}\n"));  // 21
    ASSERT_EQ(errors.size(), 6u);
    EXPECT_EQ(errors[0], "packs/p.yaml:7:5: missing required key 'title'");
    EXPECT_EQ(errors[1], "packs/p.yaml:21:22: 'steps' is empty; list the steps of the cycle in order");
    EXPECT_EQ(errors[2], "packs/p.yaml:9:9: missing required key 'title'");
    EXPECT_EQ(errors[3], "packs/p.yaml:11:13: missing required key 'text'");
    EXPECT_EQ(errors[4], "packs/p.yaml:13:13: missing required key 'text' (a question of kind none needs text or "
                         "follow_ups)");
    EXPECT_EQ(errors[5], "packs/p.yaml:20:20: 'questions' is empty; list the worksheet's questions");
}

TEST(Packs, FollowUpsNestAtMostThreeDeep) {
    Tree t;
    auto errors = t.errors_of(worksheet("          - id: a\n"
                                        "            text: Q\n"
                                        "            kind: text\n"
                                        "            follow_ups:\n"
                                        "              - id: b\n"
                                        "                text: Q\n"
                                        "                kind: text\n"
                                        "                follow_ups:\n"
                                        "                  - id: c\n"
                                        "                    text: Q\n"
                                        "                    kind: text\n"
                                        "                    follow_ups:\n"
                                        "                      - id: d\n"  // 25
                                        "                        text: Q\n"
                                        "                        kind: text\n"));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], "packs/p.yaml:25:23: follow-ups nest more than 3 levels deep; flatten them");
}

TEST(Packs, BadInputNeverCrashes) {
    const std::vector<std::string> inputs{
        "",
        "~\n",
        "# only a comment\n",
        "42\n",
        "[1, 2]\n",
        "title:\nsource:\nscales:\nsections:\nnotes:\n",
        "title: {a: b}\nsource: [x]\nscales: {a: b}\nsections: 3\nnotes: {x: y}\n",
        pack("sections:\n  - ~\n  - []\n  - 5\n  - {id: x, title: X, diagram: ~, worksheets: [~, [1], {id: y}]}\n"),
        worksheet("          - ~\n          - {id: a, kind: ~, text: ~, follow_ups: ~}\n"
                  "          - {id: b, kind: [scale], scale: {x: 1}, options: ~}\n"
                  "          - {id: c, text: Q, kind: scale, scale: ~, options: [[1], {a: b}, ~, '']}\n"
                  "          - {id: d, text: Q, kind: table, table: [1]}\n"
                  "          - {id: e, text: Q, kind: table, table: {columns: ~, rows: {a: b}, count: ~}}\n"
                  "          - {id: f, text: Q, kind: boxes, boxes: [~, 1, {id: ~, title: ~, lines: [1]}]}\n"
                  "          - {id: g, text: Q, kind: text, lines: 99999999999999999999}\n"
                  "          - {id: h, text: Q, kind: text, follow_ups: {a: b}}\n"
                  "          - {? [a] : b, id: i, text: Q, kind: none}\n"),
        // An alias that loops back into itself.
        worksheet("          - &q {id: a, text: Q, kind: text, follow_ups: [*q]}\n"),
        // A "billion laughs": nested aliases that would expand to 10^9 questions.
        pack("x0: &a0 [{id: a, text: Q, kind: text}]\n"
             "x1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n"
             "x2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\n"
             "x3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]\n"
             "x4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]\n"
             "x5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]\n"
             "x6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]\n"
             "x7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]\n"
             "x8: &a8 [*a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7]\n"
             "x9: &a9 [*a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8]\n"
             "sections: [{id: s, title: S, worksheets: [{id: w, title: W, questions: *a9}]}]\n"),
        std::string(100000, '[') + std::string(100000, ']'),
        "title: \xff\xfe\n",
    };
    for (const auto& input : inputs) {
        Tree t;
        auto errors = t.errors_of(input);
        EXPECT_FALSE(errors.empty()) << input.substr(0, 200);
    }
}

TEST(Packs, AliasLoopsAndExplosionsAreNamed) {
    Tree t;
    auto errors = t.errors_of(worksheet("          - &q {id: a, text: Q, kind: text, follow_ups: [*q]}\n"));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], "packs/p.yaml:13:58: this alias refers to a value that contains it (q is anchored at line 13); "
                         "write the value out instead");
}
