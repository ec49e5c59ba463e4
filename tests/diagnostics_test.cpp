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
