#include "kinds/maturity/model.h"

#include "content_tree.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace icips::content;

namespace {

// The head of a valid model with three levels; `rest` starts at line 10.
std::string model(const std::string& rest) {
    return "title: Model\n"
           "source: Somewhere\n"
           "licence: Open\n"
           "levels:\n"
           "  - number: 1\n"
           "    title: Low\n"
           "  - number: 2\n"
           "    title: Middle\n"
           "  - {number: 3, title: High}\n" +
           rest;
}

// One cell line: "      - {level: N, descriptors: [D]}".
std::string cell(int level) {
    return "      - {level: " + std::to_string(level) + ", descriptors: [Sentence.]}\n";
}

struct Tree : ContentTree {
    std::vector<std::string> errors_of(const std::string& yaml) {
        write("maturity/m.yaml", yaml);
        std::vector<Diagnostic> diagnostics;
        load_maturity_models(root, diagnostics);
        return relative(diagnostics);
    }
};

}  // namespace

TEST(Maturity, RealContentLoadsWithoutErrors) {
    std::vector<Diagnostic> errors;
    auto models = load_maturity_models(ICIPS_CONTENT_DIR, errors);
    for (const auto& e : errors) ADD_FAILURE() << format(e);
    ASSERT_EQ(models.size(), 1u);
    const MaturityModel& sam = models[0];
    EXPECT_EQ(sam.id, "ci-sam");
    EXPECT_EQ(sam.short_title, "CI SAM");
    EXPECT_FALSE(sam.licence.empty());
    ASSERT_EQ(sam.levels.size(), 5u);
    std::vector<std::string> titles;
    for (const auto& l : sam.levels) titles.push_back(l.title);
    EXPECT_EQ(titles, (std::vector<std::string>{"Marginal", "Reactive", "Process-focused", "Proactive", "Integral"}));
    ASSERT_EQ(sam.dimensions.size(), 4u);
    for (const auto& d : sam.dimensions) {
        ASSERT_EQ(d.cells.size(), 5u) << d.id;
        for (int level = 1; level <= 5; ++level) EXPECT_EQ(d.cells[level - 1].level, level) << d.id;
    }
    EXPECT_EQ(sam.descriptor_count(), 121u);
    const Dimension* leadership = sam.dimension("leadership");
    ASSERT_TRUE(leadership);
    const Descriptor& first = leadership->cell(1)->descriptors[0];
    EXPECT_EQ(first.id, "1");
    EXPECT_EQ(first.text, "The force's improvement vision is not formally articulated.");
    EXPECT_EQ(first.where.line, 27);
    EXPECT_EQ(leadership->cell(1)->descriptors.back().text, "A blame culture exists.");
    EXPECT_EQ(leadership->cell(1)->descriptors.back().id, "8");
    EXPECT_EQ(sam.dimension("methodology-and-rigour")->cell(5)->descriptors.size(), 6u);
    EXPECT_EQ(sam.level(3)->title, "Process-focused");
}

TEST(Maturity, AValidModelLoadsWithItsLines) {
    Tree t;
    t.write("maturity/m.yaml", model("dimensions:\n"
                                     "  - id: people\n"       // 11
                                     "    title: People\n"
                                     "    summary: About people.\n"
                                     "    cells:\n" +
                                     cell(1) + cell(2) +
                                     "      - level: 3\n"     // 17
                                     "        descriptors:\n"
                                     "          - One.\n"     // 19
                                     "          - Two.\n"     // 20
                                     "        notes: [Check.]\n"));
    std::vector<Diagnostic> errors;
    auto models = load_maturity_models(t.root, errors);
    EXPECT_TRUE(errors.empty()) << t.relative(errors)[0];
    ASSERT_EQ(models.size(), 1u);
    const Dimension& people = models[0].dimensions[0];
    EXPECT_EQ(people.where.line, 11);
    EXPECT_EQ(people.summary, "About people.");
    ASSERT_EQ(people.cells.size(), 3u);
    const Cell& high = people.cells[2];
    EXPECT_EQ(high.where.line, 17);
    ASSERT_EQ(high.descriptors.size(), 2u);
    EXPECT_EQ(high.descriptors[1].id, "2");
    EXPECT_EQ(high.descriptors[1].where.line, 20);
    EXPECT_EQ(high.notes.at(0).text, "Check.");
    EXPECT_EQ(models[0].where.line, 0);
}

TEST(Maturity, NoMaturityFolderMeansNoModels) {
    std::vector<Diagnostic> errors;
    EXPECT_TRUE(load_maturity_models(fs::temp_directory_path() / "icips-no-such-content", errors).empty());
    EXPECT_TRUE(errors.empty());
}

TEST(Maturity, FileNamesMustBeIds) {
    Tree t;
    t.write("maturity/CI SAM.yaml", "title: x\n");
    t.write("maturity/ci-sam.yml", "title: x\n");
    std::vector<Diagnostic> errors;
    EXPECT_TRUE(load_maturity_models(t.root, errors).empty());
    auto text = t.relative(errors);
    ASSERT_EQ(text.size(), 2u);
    EXPECT_EQ(text[0], "maturity/CI SAM.yaml: file name 'CI SAM' is not a valid maturity model id; rename the file "
                       "with lowercase letters, digits and single hyphens");
    EXPECT_EQ(text[1], "maturity/ci-sam.yml: not a maturity model file; each maturity model goes in "
                       "maturity/<id>.yaml");
}

TEST(Maturity, TitleSourceAndLicenceAreRequired) {
    Tree t;
    auto errors = t.errors_of("titel: Model\nsource: \"\"\nlevels: [{number: 1, title: One}]\n"
                              "dimensions: [{id: d, title: D, cells: [{level: 1, descriptors: [x]}]}]\n");
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0], "maturity/m.yaml:1:1: unknown key 'titel'; did you mean 'title'?");
    EXPECT_EQ(errors[1], "maturity/m.yaml:1:1: missing required key 'title'");
    EXPECT_EQ(errors[2], "maturity/m.yaml:1:1: missing required key 'licence'");
    EXPECT_EQ(errors[3], "maturity/m.yaml:2:9: 'source' must not be empty");
}

TEST(Maturity, LevelsAreNumberedOneToNInOrder) {
    Tree t;
    auto errors = t.errors_of("title: M\nsource: S\nlicence: L\n"
                              "levels:\n"
                              "  - {number: 1, title: One}\n"
                              "  - {number: 3, title: Three}\n"    // 6
                              "  - {number: two, title: Two}\n"    // 7
                              "  - {number: 4}\n"                  // 8
                              "dimensions: []\n");                 // 9
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0], "maturity/m.yaml:6:14: level numbered 3 where 2 is expected; number the levels 1 to 4 in "
                         "order, lowest first");
    EXPECT_EQ(errors[1], "maturity/m.yaml:7:14: 'number' must be a whole number");
    EXPECT_EQ(errors[2], "maturity/m.yaml:8:5: missing required key 'title'");
    EXPECT_EQ(errors[3], "maturity/m.yaml:9:13: 'dimensions' is empty; list the model's dimensions (its rows)");
}

TEST(Maturity, EachDimensionHasOneCellPerLevelInOrder) {
    Tree t;
    auto errors = t.errors_of(model("dimensions:\n"
                                    "  - id: a\n"           // 11
                                    "    title: A\n"
                                    "    cells:\n" +        // 13
                                    cell(2) + cell(1) +     // 14, 15
                                    "  - id: b\n"
                                    "    title: B\n"
                                    "    cells:\n" +
                                    cell(1) + cell(1) + cell(2) + cell(3) + cell(4) +  // 19..23
                                    "  - id: c\n"
                                    "    title: C\n"
                                    "    cells: []\n"));    // 26
    ASSERT_EQ(errors.size(), 5u);
    EXPECT_EQ(errors[0], "maturity/m.yaml:15:17: cell for level 1 comes after level 2; list the cells in level order");
    EXPECT_EQ(errors[1], "maturity/m.yaml:13:5: dimension 'a' has no cell for level 3 (High); give one cell per level");
    EXPECT_EQ(errors[2], "maturity/m.yaml:20:17: level 1 already has a cell at line 19; give one cell per level");
    EXPECT_EQ(errors[3], "maturity/m.yaml:23:17: cell for level 4, but the levels are numbered 1 to 3");
    EXPECT_EQ(errors[4], "maturity/m.yaml:26:12: 'cells' is empty; give one cell per level, in level order");
}

TEST(Maturity, DescriptorsAreNonEmptyText) {
    Tree t;
    auto errors = t.errors_of(model("dimensions:\n"
                                    "  - id: a\n"
                                    "    title: A\n"
                                    "    cells:\n"
                                    "      - {level: 1, descriptors: []}\n"           // 14
                                    "      - {level: 2, descriptors: [{text: x}]}\n"  // 15
                                    "      - level: 3\n"
                                    "        descriptors:\n"
                                    "          - Fine.\n"
                                    "          - \"  \"\n"                            // 19
                                    "          -\n"));                                // 20
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0], "maturity/m.yaml:14:33: 'descriptors' is empty; list the cell's descriptors, one sentence "
                         "each");
    EXPECT_EQ(errors[1], "maturity/m.yaml:15:34: each descriptor must be text (one sentence of the cell)");
    EXPECT_EQ(errors[2], "maturity/m.yaml:19:13: a descriptor must not be empty");
    EXPECT_TRUE(errors[3].starts_with("maturity/m.yaml:2")) << errors[3];
    EXPECT_NE(errors[3].find("each descriptor must be text"), std::string::npos);
}

TEST(Maturity, DimensionIdsAreValidAndUnique) {
    Tree t;
    auto errors = t.errors_of(model("dimensions:\n"
                                    "  - id: a\n"                   // 11
                                    "    title: A\n"
                                    "    cells: [{level: 1, descriptors: [x]}, {level: 2, descriptors: [x]}, "
                                    "{level: 3, descriptors: [x]}]\n"
                                    "  - id: a\n"                   // 14
                                    "    title: Again\n"
                                    "    cells: [{level: 1, descriptors: [x]}, {level: 2, descriptors: [x]}, "
                                    "{level: 3, descriptors: [x]}]\n"
                                    "  - id: Leadership\n"          // 17
                                    "    title: L\n"
                                    "    cells: [{level: 1, descriptors: [x]}, {level: 2, descriptors: [x]}, "
                                    "{level: 3, descriptors: [x]}]\n"));
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0], "maturity/m.yaml:14:9: duplicate dimension id 'a' (first used at line 11); ids must be "
                         "unique within the model");
    EXPECT_EQ(errors[1], "maturity/m.yaml:17:9: id 'Leadership' may hold only lowercase letters, digits and single "
                         "hyphens");
}

TEST(Maturity, SyntaxEmptyAndWrongTypes) {
    Tree t;
    t.write("maturity/a.yaml", "title: [oops\n");
    t.write("maturity/b.yaml", "");
    t.write("maturity/c.yaml", "title: M\nsource: S\nlicence: L\nlevels: {number: 1}\ndimensions: 4\n");
    std::vector<Diagnostic> diagnostics;
    load_maturity_models(t.root, diagnostics);
    auto errors = t.relative(diagnostics);
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_TRUE(errors[0].starts_with("maturity/a.yaml:2:1: YAML syntax error")) << errors[0];
    EXPECT_EQ(errors[1], "maturity/b.yaml: file is empty");
    EXPECT_EQ(errors[2], "maturity/c.yaml:4:9: 'levels' must be a list");
    EXPECT_EQ(errors[3], "maturity/c.yaml:5:13: 'dimensions' must be a list");
}

TEST(Maturity, BadInputNeverCrashes) {
    const std::vector<std::string> inputs{
        "~\n",
        "[a, b]\n",
        "title:\nsource:\nlicence:\nlevels:\ndimensions:\n",
        model("dimensions:\n  - ~\n  - [1]\n  - {id: ~, title: ~, cells: ~}\n  - {id: x, title: X, cells: [~, 1, "
              "{level: ~, descriptors: ~}, {level: [1], descriptors: {a: b}}]}\n"),
        model("dimensions: &d [{id: x, title: X, cells: *d}]\n"),
        "title: M\nsource: S\nlicence: L\nlevels: [~, {number: 99999999999999999, title: T}]\ndimensions: [{id: "
        "x, title: X, cells: [{level: 1, descriptors: [a]}]}]\n",
    };
    for (const auto& input : inputs) {
        Tree t;
        auto errors = t.errors_of(input);
        EXPECT_FALSE(errors.empty()) << input;
    }
}
