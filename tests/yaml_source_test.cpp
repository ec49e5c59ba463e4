#include "content/yaml_source.h"

#include <gtest/gtest.h>

using namespace icips::content;

TEST(YamlSource, SyntaxErrorsNameFileLineAndColumn) {
    std::vector<Diagnostic> errors;
    auto node = parse_yaml("grades:\n  - id: member\n    title: [unclosed\n", {"content/standards/grades.yaml"}, errors);
    EXPECT_FALSE(node);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].path, "content/standards/grades.yaml");
    EXPECT_GE(errors[0].line, 3);
    EXPECT_NE(errors[0].message.find("YAML syntax error"), std::string::npos);
}

TEST(YamlSource, FrontMatterLinesAreFileAbsolute) {
    const std::string page = "---\ntitle: Fast track\nordr: 4\n---\nBody text\n";
    std::vector<Diagnostic> errors;
    auto split = split_front_matter(page, "content/fast-track.md", errors);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->body, "Body text\n");
    EXPECT_EQ(split->body_line, 5);
    YamlSource source{"content/fast-track.md", split->front_matter_line - 1};
    auto node = parse_yaml(split->front_matter, source, errors);
    ASSERT_TRUE(node);
    check_keys(*node, source, {"title", "order", "nav"}, {"title"}, errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(format(errors[0]), "content/fast-track.md:3:1: unknown key 'ordr'; did you mean 'order'?");
}

TEST(YamlSource, MissingRequiredKeyIsReportedAtTheMapping) {
    std::vector<Diagnostic> errors;
    YamlSource source{"content/standards/areas.yaml"};
    auto node = parse_yaml("areas:\n  - id: behaviours\n    number: 3\n", source, errors);
    ASSERT_TRUE(node);
    check_keys((*node)["areas"][0], source, {"id", "number", "title"}, {"id", "title"}, errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(format(errors[0]), "content/standards/areas.yaml:2:5: missing required key 'title'");
}

TEST(YamlSource, UnclosedFrontMatterIsAnError) {
    std::vector<Diagnostic> errors;
    EXPECT_FALSE(split_front_matter("---\ntitle: x\nno end\n", "content/a.md", errors));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].line, 1);
}

TEST(YamlSource, PageWithoutFrontMatterIsAllBody) {
    std::vector<Diagnostic> errors;
    auto split = split_front_matter("# Heading\n", "content/a.md", errors);
    ASSERT_TRUE(split);
    EXPECT_TRUE(split->front_matter.empty());
    EXPECT_EQ(split->body, "# Heading\n");
    EXPECT_TRUE(errors.empty());
}

TEST(YamlSource, InvalidUtf8IsReportedBeforeParsing) {
    std::vector<Diagnostic> errors;
    EXPECT_FALSE(parse_yaml("title: ok\nsummary: caf\xE9\n", {"content/x.yaml", 3}, errors));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].line, 5);
}
