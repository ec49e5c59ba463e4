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

// What yaml-cpp's loader accepts silently but would lose the author's words.
static std::vector<std::string> parse_errors(const std::string& text, int line_offset = 0) {
    std::vector<Diagnostic> errors;
    auto node = parse_yaml(text, {"f.yaml", line_offset}, errors);
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(format(e));
    EXPECT_EQ(!node, !out.empty());
    return out;
}

TEST(YamlSource, KeyGivenTwiceInOneMappingIsAnError) {
    EXPECT_EQ(parse_errors("grades:\n  - id: a\n    title: A\n    title: B\n"),
              std::vector<std::string>{"f.yaml:4:5: key 'title' is given twice in one mapping (first at line 3); keep one of them"});
    // The same key in sibling or nested mappings is fine, and so are equal values.
    EXPECT_TRUE(parse_errors("grades:\n  - id: a\n    title: A\n  - id: b\n    title: A\n    more: {id: c, title: A}\n").empty());
    // In front matter the line counts from the start of the file.
    EXPECT_EQ(parse_errors("title: A\ntitle: B\n", 1),
              std::vector<std::string>{"f.yaml:3:1: key 'title' is given twice in one mapping (first at line 2); keep one of them"});
}

TEST(YamlSource, SecondDocumentIsAnError) {
    auto errors = parse_errors("a: 1\n---\na: 2\n");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_TRUE(errors[0].starts_with("f.yaml:2:1: a second YAML document")) << errors[0];
    // An explicit start of the one document, comments and a closing "..." are not a second one.
    EXPECT_TRUE(parse_errors("# comment\n---\na: 1\n...\n").empty());
    EXPECT_TRUE(parse_errors("--- # the grades\na: 1\n").empty());
}

TEST(YamlSource, ControlCharactersAreRefusedWithTheirPosition) {
    EXPECT_EQ(parse_errors(std::string("a: 1\nb: x\0y\n", 11)),
              std::vector<std::string>{
                  "f.yaml:2:5: control character U+0000 is not allowed in content; delete it (it is often invisible in an editor)"});
    EXPECT_EQ(parse_errors("a: \x1b[1m\n").size(), 1u);
    EXPECT_EQ(parse_errors("a: \xc2\x9b\n").size(), 1u);  // a C1 control (CSI)
    EXPECT_TRUE(parse_errors("a: tab\there, caf\xc3\xa9, \xe2\x80\x94 ok\r\n").empty());
}

TEST(YamlSource, ByteOrderMarkBeforeFrontMatterIsIgnored) {
    std::vector<Diagnostic> errors;
    auto split = split_front_matter("\xEF\xBB\xBF---\ntitle: About\n---\nBody\n", "about.md", errors);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->front_matter, "title: About\n");
    EXPECT_EQ(split->body, "Body\n");
    EXPECT_TRUE(errors.empty());
}

// Files are read in one read of their size; a file whose size says nothing (a /proc file, a pipe)
// is still read to its end.
TEST(ReadTextFile, ReadsFilesWholeWhateverSizeTheyClaim) {
    std::vector<Diagnostic> errors;
    const auto status = icips::content::read_text_file("/proc/self/status", errors);
    ASSERT_TRUE(status);
    EXPECT_NE(status->find("Name:"), std::string::npos);
    EXPECT_NE(status->find("VmPeak:"), std::string::npos);  // well past the first line
    const auto cmake = icips::content::read_text_file(std::string(ICIPS_SOURCE_DIR) + "/CMakeLists.txt", errors);
    ASSERT_TRUE(cmake);
    EXPECT_EQ(cmake->size(), std::filesystem::file_size(std::string(ICIPS_SOURCE_DIR) + "/CMakeLists.txt"));
    EXPECT_TRUE(errors.empty());
    EXPECT_FALSE(icips::content::read_text_file("/nonexistent/file.yaml", errors));
    EXPECT_FALSE(icips::content::read_text_file(ICIPS_SOURCE_DIR, errors));  // a folder
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].message, "cannot be read");
}
