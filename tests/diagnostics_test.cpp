#include "content/diagnostics.h"

#include <gtest/gtest.h>

using namespace icips::content;

TEST(Diagnostics, FormatsPathLineColumnMessage) {
    EXPECT_EQ(format({"content/standards/grades.yaml", 12, 5, "unknown key 'titel'"}),
              "content/standards/grades.yaml:12:5: unknown key 'titel'");
    EXPECT_EQ(format({"content/empty.md", 0, 0, "file is empty"}), "content/empty.md: file is empty");
}

TEST(Diagnostics, SuggestsTheClosestKnownKey) {
    std::vector<std::string> keys{"id", "title", "post_nominal", "summary", "underpinning_from"};
    EXPECT_EQ(did_you_mean("titel", keys), "title");
    EXPECT_EQ(did_you_mean("postnominal", keys), "post_nominal");
    EXPECT_EQ(did_you_mean("colour", keys), std::nullopt);
}

TEST(Diagnostics, FindsTheFirstInvalidUtf8Byte) {
    EXPECT_EQ(first_invalid_utf8("Fellow (FICiPS) – 10 + years\n"), std::nullopt);
    auto bad = first_invalid_utf8("title: ok\nsummary: caf\xE9 au lait\n");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->line, 2);
    EXPECT_EQ(bad->column, 13);
    EXPECT_TRUE(first_invalid_utf8("overlong \xC0\xAF"));
    EXPECT_TRUE(first_invalid_utf8("surrogate \xED\xA0\x80"));
    EXPECT_TRUE(first_invalid_utf8("truncated \xE2\x80"));
}

// Long runs of ASCII are skipped a word at a time; positions must stay exact on either side of a
// word boundary and after multi-byte characters.
TEST(Diagnostics, TextProblemsAreFoundAtTheirColumnAfterLongRuns) {
    for (size_t before = 0; before < 20; ++before) {
        const std::string prefix = "line one is plain\nsecond – line\n" + std::string(before, 'x');
        auto control = first_unprintable(prefix + '\x01' + "tail text that is long enough");
        ASSERT_TRUE(control) << before;
        EXPECT_EQ(control->line, 3);
        EXPECT_EQ(control->column, static_cast<int>(before) + 1);
        auto del = first_unprintable(prefix + '\x7F' + "tail");
        ASSERT_TRUE(del) << before;
        EXPECT_EQ(del->column, static_cast<int>(before) + 1);
        auto invalid = first_invalid_utf8(prefix + "\xFF" + "tail text");
        ASSERT_TRUE(invalid) << before;
        EXPECT_EQ(invalid->line, 3);
        EXPECT_EQ(invalid->column, static_cast<int>(before) + 1);
        EXPECT_FALSE(first_unprintable(prefix + "\tcafé — fine\r\n" + std::string(before, 'y')));
    }
}
