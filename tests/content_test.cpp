// Checks the transcribed content in content/ against what the source documents
// contain: every grade, every assignment of every area, the cumulative rule, the
// maturity grid and the pack's scales. These are facts a candidate or editor would
// notice if they were wrong; the generator's own tests will come with the generator.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
static const fs::path content_dir{ICIPS_CONTENT_DIR};

static YAML::Node load(const fs::path& relative) {
    return YAML::LoadFile((content_dir / relative).string());
}

TEST(Content, EveryYamlFileParses) {
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(content_dir)) {
        if (entry.path().extension() != ".yaml") continue;
        ++files;
        EXPECT_NO_THROW(YAML::LoadFile(entry.path().string())) << entry.path();
    }
    EXPECT_GE(files, 16);
}

TEST(Content, FiveGradesInOrderWithTheCumulativeRule) {
    auto grades = load("standards/grades.yaml")["grades"];
    std::vector<std::string> ids;
    std::map<std::string, std::vector<std::string>> from;
    for (const auto& g : grades) {
        ids.push_back(g["id"].as<std::string>());
        for (const auto& f : g["underpinning_from"]) from[ids.back()].push_back(f.as<std::string>());
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"affiliate", "member", "practitioner", "ci-leader", "fellow"}));
    EXPECT_EQ(from["ci-leader"], std::vector<std::string>{"ci-leader"});
    EXPECT_EQ(from["fellow"], (std::vector<std::string>{"member", "practitioner", "ci-leader", "fellow"}));
    EXPECT_EQ(from["practitioner"], (std::vector<std::string>{"member", "practitioner"}));
}

TEST(Content, EveryGradeHasItsAssignmentsInEachArea) {
    const std::map<std::string, std::map<std::string, size_t>> expected{
        {"underpinning-knowledge", {{"member", 6}, {"practitioner", 5}, {"ci-leader", 5}, {"fellow", 5}}},
        {"applied-knowledge", {{"member", 4}, {"practitioner", 4}, {"ci-leader", 4}, {"fellow", 4}}},
        {"behaviours", {{"member", 4}, {"practitioner", 4}, {"ci-leader", 4}, {"fellow", 4}}},
    };
    for (const auto& [area, grades] : expected) {
        for (const auto& [grade, count] : grades) {
            auto assignments = load(fs::path("standards") / area / (grade + ".yaml"))["assignments"];
            ASSERT_EQ(assignments.size(), count) << area << "/" << grade;
            for (size_t i = 0; i < assignments.size(); ++i) {
                EXPECT_EQ(assignments[i]["number"].as<size_t>(), i + 1) << area << "/" << grade;
                EXPECT_FALSE(assignments[i]["title"].as<std::string>().empty());
                EXPECT_TRUE(assignments[i]["items"] || assignments[i]["text"]) << area << "/" << grade << " " << i + 1;
            }
        }
    }
}

static std::string item_id(const YAML::Node& item) {
    if (item["id"]) return item["id"].as<std::string>();
    std::string id;
    for (char c : item["label"].as<std::string>())
        if (std::isalnum(static_cast<unsigned char>(c))) id += static_cast<char>(std::tolower(c));
    return id;
}

TEST(Content, ItemIdsAreUniqueWithinTheirAssignment) {
    for (const auto& entry : fs::recursive_directory_iterator(content_dir / "standards")) {
        if (entry.path().parent_path() == content_dir / "standards") continue;
        for (const auto& a : YAML::LoadFile(entry.path().string())["assignments"]) {
            std::set<std::string> seen;
            for (const auto& item : a["items"]) {
                auto id = item_id(item);
                EXPECT_FALSE(id.empty()) << entry.path();
                EXPECT_TRUE(seen.insert(id).second) << entry.path() << " duplicate item id " << id;
            }
        }
    }
}

TEST(Content, MaturityMatrixIsFourEnablersByFiveLevels) {
    auto model = load("maturity/ci-sam.yaml");
    ASSERT_EQ(model["levels"].size(), 5u);
    EXPECT_EQ(model["levels"][0]["title"].as<std::string>(), "Marginal");
    EXPECT_EQ(model["levels"][4]["title"].as<std::string>(), "Integral");
    ASSERT_EQ(model["dimensions"].size(), 4u);
    for (const auto& d : model["dimensions"]) {
        ASSERT_EQ(d["cells"].size(), 5u) << d["id"];
        for (const auto& c : d["cells"]) EXPECT_GT(c["descriptors"].size(), 0u) << d["id"];
    }
    EXPECT_TRUE(model["licence"]);
    EXPECT_TRUE(model["source"]);
}

TEST(Content, PackQuestionsUseDefinedScales) {
    auto pack = load("packs/csit-document-one.yaml");
    std::set<std::string> scales;
    for (const auto& s : pack["scales"]) scales.insert(s["id"].as<std::string>());
    int worksheets = 0;
    for (const auto& section : pack["sections"]) {
        for (const auto& ws : section["worksheets"]) {
            ++worksheets;
            for (const auto& q : ws["questions"])
                if (q["scale"]) EXPECT_TRUE(scales.count(q["scale"].as<std::string>())) << q["id"];
        }
    }
    EXPECT_EQ(worksheets, 6);
}

TEST(Content, EveryMarkdownPageHasATitle) {
    for (const auto& entry : fs::recursive_directory_iterator(content_dir)) {
        if (entry.path().extension() != ".md") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        auto s = text.str();
        ASSERT_EQ(s.rfind("---\n", 0), 0u) << entry.path() << " has no front matter";
        auto end = s.find("\n---", 4);
        ASSERT_NE(end, std::string::npos) << entry.path();
        auto front = YAML::Load(s.substr(4, end - 4));
        EXPECT_FALSE(front["title"].as<std::string>("").empty()) << entry.path();
    }
}
