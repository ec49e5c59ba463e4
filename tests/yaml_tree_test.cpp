// The YAML tree the loaders read (content/yaml_tree.h) against yaml-cpp's own YAML::Node, and the
// cache of parsed documents (content/yaml_cache.h).
#include "content/yaml_cache.h"
#include "content/yaml_source.h"
#include "content_tree.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
using namespace icips::content;

namespace {

// Walks both trees and records the first difference; aliases are followed once (a loop is not
// walked, check_yaml_structure refuses those documents).
struct Compare {
    std::string difference;
    int depth = 0;

    void mark(const YAML::Mark& a, const YAML::Mark& b, const std::string& where) {
        if (difference.empty() && (a.line != b.line || a.column != b.column || a.pos != b.pos))
            difference = where + ": mark " + std::to_string(b.line) + ":" + std::to_string(b.column) + " vs " +
                         std::to_string(a.line) + ":" + std::to_string(a.column);
    }
    void node(const YAML::Node& expected, const YamlNode& got, const std::string& where) {
        if (!difference.empty() || ++depth > 40) return;
        const bool same_kind = expected.IsNull() == got.IsNull() && expected.IsScalar() == got.IsScalar() &&
                               expected.IsSequence() == got.IsSequence() && expected.IsMap() == got.IsMap();
        if (!same_kind) difference = where + ": kind";
        else if (expected.IsScalar() && expected.Scalar() != got.Scalar()) difference = where + ": text '" + got.Scalar() + "'";
        else if (expected.size() != got.size()) difference = where + ": size";
        mark(expected.Mark(), got.Mark(), where);
        if (expected.IsSequence())
            for (size_t i = 0; i < expected.size(); ++i) node(expected[i], got[i], where + "/" + std::to_string(i));
        if (expected.IsMap()) {
            auto e = expected.begin();
            auto g = got.begin();
            for (size_t i = 0; e != expected.end() && difference.empty(); ++e, ++g, ++i) {
                const auto entry = *g;
                node(e->first, entry.first, where + "/key" + std::to_string(i));
                node(e->second, entry.second, where + "/" + (e->first.IsScalar() ? e->first.Scalar() : "?"));
                if (e->first.IsScalar() && difference.empty() && !got[e->first.Scalar()])
                    difference = where + ": lookup of " + e->first.Scalar();
            }
        }
        --depth;
    }
};

std::string compare_with_yaml_cpp(const std::string& text) {
    Compare c;
    const auto doc = YamlDoc::parse(text);
    c.node(YAML::Load(text), doc->root(), "");
    return c.difference;
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The serialised tree of `doc`, read back.
std::shared_ptr<const YamlDoc> round_trip(const YamlDoc& doc) {
    std::string bytes;
    doc.append_bytes(bytes);
    return YamlDoc::from_bytes(bytes);
}

const char* kSample = R"Y(title: "Quoted: with # and \"escapes\""
plain: text with spaces
number: 42
empty:
tilde: ~
folded: >-
  one
  two
literal: |
  line one
    indented
list:
  - a
  - {id: b, text: 'single ''quoted'''}
  - [x, y, z]
  -
  - - nested
    - list
anchor: &shared
  key: value
again: *shared
title2: "last"
)Y";

}  // namespace

TEST(YamlTree, SameNodesTextAndPositionsAsYamlCpp) {
    EXPECT_EQ(compare_with_yaml_cpp(kSample), "");
    EXPECT_EQ(compare_with_yaml_cpp("just a scalar\n"), "");
    EXPECT_EQ(compare_with_yaml_cpp("- 1\n- 2\n"), "");
    EXPECT_EQ(compare_with_yaml_cpp("key: value\nkey: second\n"), "");  // a key twice: both kept, the first found
}

TEST(YamlTree, EveryContentFileReadsAsYamlCppReadsIt) {
    size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(ICIPS_CONTENT_DIR))
        if (entry.path().extension() == ".yaml") {
            ++files;
            EXPECT_EQ(compare_with_yaml_cpp(slurp(entry.path())), "") << entry.path();
        }
    EXPECT_GE(files, 10u);
}

TEST(YamlTree, LookupsAndIteration) {
    const auto doc = YamlDoc::parse(kSample);
    const YamlNode root = doc->root();
    EXPECT_EQ(root["number"].Scalar(), "42");
    EXPECT_TRUE(root["empty"].IsNull());
    EXPECT_TRUE(root["empty"]);  // present, null
    EXPECT_TRUE(root["tilde"].IsNull());
    EXPECT_FALSE(root["missing"]);
    // An absent key answers every question without touching a document.
    const YamlNode absent = root["missing"];
    EXPECT_FALSE(absent.IsNull() || absent.IsScalar() || absent.IsSequence() || absent.IsMap());
    EXPECT_EQ(absent.size(), 0u);
    EXPECT_TRUE(absent.begin() == absent.end());
    EXPECT_TRUE(absent.Mark().is_null());
    EXPECT_FALSE(root["number"]["x"]);  // a scalar has no keys
    EXPECT_FALSE(root["list"][9]);
    EXPECT_EQ(root["list"][1]["text"].Scalar(), "single 'quoted'");
    EXPECT_EQ(root["folded"].Scalar(), "one two");
    EXPECT_EQ(root["literal"].Scalar(), "line one\n  indented\n");
    EXPECT_TRUE(root["again"].is(root["anchor"]));  // an alias is its anchor's node
    EXPECT_FALSE(root["title"].is(root["title2"]));
    std::vector<std::string> keys;
    for (const auto& entry : root) keys.push_back(entry.first.Scalar());
    EXPECT_EQ(keys.size(), root.size());
    EXPECT_EQ(keys.front(), "title");
    EXPECT_EQ(keys.back(), "title2");
    size_t items = 0;
    for (const auto& item : root["list"]) items += item.IsDefined();
    EXPECT_EQ(items, 5u);
    const YamlNode none = YamlNode::empty_sequence();
    EXPECT_TRUE(none.IsSequence());
    EXPECT_EQ(none.size(), 0u);
    EXPECT_TRUE(none.begin() == none.end());
    // No document: a null root without a position, as YAML::Load gives.
    const auto empty = YamlDoc::parse("# only a comment\n");
    EXPECT_TRUE(empty->root().IsNull());
    EXPECT_TRUE(empty->root().Mark().is_null());
}

TEST(YamlTree, SyntaxErrorsThrowAsYamlCppDoes) {
    EXPECT_THROW(YamlDoc::parse("a: [unclosed\n"), YAML::ParserException);
    EXPECT_THROW(YamlDoc::parse("a: *nowhere\n"), YAML::ParserException);
}

TEST(YamlTree, BytesGiveBackTheSameTree) {
    for (const char* text : {kSample, "x\n", "[]\n", "{}\n", "# nothing\n", "a: &l [1, *l]\n"}) {
        const auto doc = YamlDoc::parse(text);
        const auto back = round_trip(*doc);
        ASSERT_TRUE(back) << text;
        std::string first, second;
        doc->append_bytes(first);
        back->append_bytes(second);
        EXPECT_EQ(first, second) << text;
    }
    const auto back = round_trip(*YamlDoc::parse(kSample));
    EXPECT_EQ(back->root()["list"][1]["text"].Scalar(), "single 'quoted'");
    EXPECT_EQ(back->root()["literal"].Mark().line, 8);  // the line of its "|", 0-based
    EXPECT_TRUE(back->root()["again"].is(back->root()["anchor"]));
}

TEST(YamlTree, DamagedBytesAreRefusedNotRead) {
    std::string bytes;
    YamlDoc::parse(kSample)->append_bytes(bytes);
    // Every shorter prefix is refused (and none is read past its end: the sanitizer builds check).
    for (size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(YamlDoc::from_bytes(std::string_view(bytes).substr(0, n))) << n;
    EXPECT_FALSE(YamlDoc::from_bytes(bytes + "x"));
    // Random changes give either nothing or a tree whose every index is in range.
    std::mt19937 random(7);
    for (int round = 0; round < 3000; ++round) {
        std::string damaged = bytes;
        damaged[random() % damaged.size()] = static_cast<char>(random());
        if (const auto doc = YamlDoc::from_bytes(damaged)) {
            std::string again;
            doc->append_bytes(again);
            EXPECT_EQ(again, damaged);
        }
    }
}

// --- the cache ---

namespace {

struct CacheFolder : ContentTree {
    fs::path file = root / "cache" / "yaml";
};

}  // namespace

TEST(YamlCache, AParsedTextIsFoundByTheNextBuildAndAChangedOneIsNot) {
    ASSERT_FALSE(YamlCache::program_id().empty()) << "the test binary has no GNU build ID";
    CacheFolder folder;
    {
        YamlCache cache(folder.file);
        EXPECT_FALSE(cache.find(kSample));
        cache.add(kSample, YamlDoc::parse(kSample));
        cache.save();
    }
    ASSERT_TRUE(fs::exists(folder.file));
    YamlCache cache(folder.file);
    const auto found = cache.find(kSample);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->root()["number"].Scalar(), "42");
    EXPECT_EQ(cache.hits(), 1u);
    std::string changed = kSample;
    changed[changed.find("42")] = '5';
    EXPECT_FALSE(cache.find(changed));  // one byte differs
    EXPECT_FALSE(cache.find(std::string(kSample) + "\n"));
}

TEST(YamlCache, SavesOnlyWhenSomethingWasAddedAndDropsWhatWasNotUsed) {
    CacheFolder folder;
    {
        YamlCache cache(folder.file);
        cache.add("a: 1\n", YamlDoc::parse("a: 1\n"));
        cache.add("b: 2\n", YamlDoc::parse("b: 2\n"));
        cache.save();
    }
    const auto written = fs::last_write_time(folder.file);
    const std::string before = slurp(folder.file);
    {
        YamlCache cache(folder.file);
        EXPECT_TRUE(cache.find("a: 1\n"));
        cache.save();  // nothing new: the file is left alone
    }
    EXPECT_EQ(slurp(folder.file), before);
    EXPECT_EQ(fs::last_write_time(folder.file), written);
    {
        YamlCache cache(folder.file);
        EXPECT_TRUE(cache.find("a: 1\n"));
        cache.add("c: 3\n", YamlDoc::parse("c: 3\n"));
        cache.save();
    }
    YamlCache cache(folder.file);
    EXPECT_TRUE(cache.find("a: 1\n"));
    EXPECT_TRUE(cache.find("c: 3\n"));
    EXPECT_FALSE(cache.find("b: 2\n"));  // not used by the build before
}

TEST(YamlCache, ADamagedOrForeignFileIsIgnored) {
    CacheFolder folder;
    {
        YamlCache cache(folder.file);
        cache.add(kSample, YamlDoc::parse(kSample));
        cache.save();
    }
    const std::string good = slurp(folder.file);
    const auto with = [&](const std::string& bytes) {
        folder.write("cache/yaml", bytes);
        YamlCache cache(folder.file);
        return cache.find(kSample) != nullptr;
    };
    ASSERT_TRUE(with(good));
    for (size_t n : {size_t{0}, size_t{10}, good.size() / 2, good.size() - 1}) EXPECT_FALSE(with(good.substr(0, n))) << n;
    std::string flipped = good;
    flipped[flipped.size() - 20] ^= 0x20;  // inside the tree: the checksum differs
    EXPECT_FALSE(with(flipped));
    std::string other_program = good;
    const auto id_at = other_program.find(YamlCache::program_id());
    ASSERT_NE(id_at, std::string::npos);
    other_program[id_at] = other_program[id_at] == 'a' ? 'b' : 'a';
    EXPECT_FALSE(with(other_program));
    EXPECT_FALSE(with("not a cache at all"));
    // A folder that cannot hold the file: saving is quietly skipped.
    folder.write("blocked", "a file where the cache's folder would go");
    YamlCache blocked(folder.root / "blocked" / "yaml");
    blocked.add("a: 1\n", YamlDoc::parse("a: 1\n"));
    blocked.save();
    EXPECT_TRUE(fs::is_regular_file(folder.root / "blocked"));
}

TEST(YamlCache, ParseYamlKeepsOnlyDocumentsWithoutErrorsAndReportsTheSameErrorsEachTime) {
    CacheFolder folder;
    const std::string bad = "grades:\n  - id: a\n    title: A\n    title: B\n";
    for (int build = 0; build < 2; ++build) {
        YamlCache cache(folder.file);
        std::vector<Diagnostic> errors;
        const YamlSource source{"f.yaml", 2, &cache};
        EXPECT_FALSE(parse_yaml(bad, source, errors));
        ASSERT_EQ(errors.size(), 1u);
        EXPECT_EQ(format(errors[0]), "f.yaml:6:5: key 'title' is given twice in one mapping (first at line 5); keep one of them");
        const auto good = parse_yaml("title: fine\n", source, errors);
        ASSERT_TRUE(good);
        EXPECT_EQ(good->root()["title"].Mark().line, 0);  // positions are the document's; the offset applies in errors
        EXPECT_EQ(cache.hits(), build == 0 ? 0u : 1u);
        EXPECT_EQ(cache.additions(), build == 0 ? 1u : 0u);
        cache.save();
    }
}
