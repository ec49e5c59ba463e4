#include "kinds/standards/model.h"

#include "content_tree.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace icips::content;

namespace {

// A tree holding two grades and one area, to which each test adds its files.
struct Tree : ContentTree {
    Tree() {
        write("standards/grades.yaml",
              "grades:\n"
              "  - id: member\n    title: Member\n    order: 1\n    underpinning_from: [member]\n"
              "  - id: fellow\n    title: Fellow\n    order: 4\n    underpinning_from: [member, fellow]\n");
        write("standards/areas.yaml", "areas:\n  - id: behaviours\n    number: 3\n    title: Behaviours\n");
    }
    std::vector<std::string> errors() const {
        std::vector<Diagnostic> diagnostics;
        load_standards(root, diagnostics);
        return relative(diagnostics);
    }
};

}  // namespace

TEST(Standards, RealContentLoadsWithoutErrors) {
    std::vector<Diagnostic> errors;
    auto model = load_standards(ICIPS_CONTENT_DIR, errors);
    for (const auto& e : errors) ADD_FAILURE() << format(e);
    ASSERT_EQ(model.grades.size(), 5u);
    EXPECT_EQ(model.grades.front().id, "affiliate");
    EXPECT_EQ(model.grades.back().id, "fellow");
    EXPECT_EQ(model.assignments_of("member", "underpinning-knowledge").size(), 6u);
    // Member, underpinning knowledge, assignment 4, item 5 is "Calculating sample size."
    auto member_uk = model.assignments_of("member", "underpinning-knowledge");
    EXPECT_EQ(member_uk[3]->items[4].id, "5");
    EXPECT_NE(member_uk[3]->items[4].text.find("sample size"), std::string::npos);
}

TEST(Standards, AValidTreeLoadsInOrder) {
    Tree t;
    t.write("standards/behaviours/fellow.yaml",
            "assignments:\n  - number: 2\n    title: Leading CI\n  - number: 1\n    title: Culture\n"
            "    items:\n      - label: \"1.\"\n        text: You act.\n        items:\n"
            "          - label: \"a)\"\n            text: Sub.\n");
    std::vector<Diagnostic> errors;
    auto model = load_standards(t.root, errors);
    EXPECT_TRUE(errors.empty());
    auto fellow = model.assignments_of("fellow", "behaviours");
    ASSERT_EQ(fellow.size(), 2u);
    EXPECT_EQ(fellow[0]->number, 1);
    EXPECT_EQ(fellow[0]->items[0].items[0].id, "a");
    EXPECT_EQ(fellow[0]->where.line, 4);
}

TEST(Standards, UnknownKeyNamesLineAndSuggestion) {
    Tree t;
    t.write("standards/behaviours/member.yaml", "assignments:\n  - number: 1\n    titel: Leading CI\n");
    auto errors = t.errors();
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0], "standards/behaviours/member.yaml:3:5: unknown key 'titel'; did you mean 'title'?");
    EXPECT_EQ(errors[1], "standards/behaviours/member.yaml:2:5: missing required key 'title'");
}

TEST(Standards, DuplicateItemIdsAndAssignmentNumbers) {
    Tree t;
    t.write("standards/behaviours/member.yaml",
            "assignments:\n  - number: 1\n    title: A\n    items:\n      - label: \"3.\"\n        text: x\n"
            "      - label: \"3.\"\n        text: y\n  - number: 1\n    title: B\n");
    auto errors = t.errors();
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0], "standards/behaviours/member.yaml:7:9: item id '3' is already used at line 5; give one of them an explicit 'id'");
    EXPECT_EQ(errors[1], "standards/behaviours/member.yaml:9:13: assignment 1 is already defined at line 2");
}

TEST(Standards, DanglingGradeReferencesAndFileNames) {
    Tree t;
    t.write("standards/grades.yaml",
            "grades:\n  - id: member\n    title: Member\n    order: 1\n    underpinning_from: [membr]\n");
    t.write("standards/behaviours/fellow.yaml", "assignments: []\n");
    t.write("standards/behavior/member.yaml", "assignments: []\n");
    auto errors = t.errors();
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0], "standards/grades.yaml:5:25: 'underpinning_from' names unknown grade 'membr'; did you mean 'member'?");
    EXPECT_EQ(errors[1], "standards/behavior/member.yaml: folder names unknown area 'behavior'; did you mean 'behaviours'?");
    EXPECT_EQ(errors[2], "standards/behaviours/fellow.yaml: file name names unknown grade 'fellow'");
}

TEST(Standards, WrongTypesSyntaxAndEmptyFiles) {
    Tree t;
    t.write("standards/areas.yaml", "areas:\n  - id: behaviours\n    number: three\n    title: Behaviours\n");
    t.write("standards/behaviours/member.yaml", "assignments:\n  - number: 1\n    title: [oops\n");
    t.write("standards/behaviours/fellow.yaml", "\n");
    auto errors = t.errors();
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0], "standards/areas.yaml:3:13: 'number' must be a whole number");
    EXPECT_EQ(errors[1], "standards/behaviours/fellow.yaml: file is empty");
    EXPECT_NE(errors[2].find("standards/behaviours/member.yaml:"), std::string::npos);
    EXPECT_NE(errors[2].find("YAML syntax error"), std::string::npos);
}

TEST(Standards, MarkdownOnlySiteHasNoStandards) {
    std::vector<Diagnostic> errors;
    auto model = load_standards(fs::temp_directory_path() / "icips-no-such-content", errors);
    EXPECT_TRUE(errors.empty());
    EXPECT_TRUE(model.grades.empty());
}
