// Reading what a build wrote, for the end-to-end tests: whole files, whole output trees, the
// build's messages, and checks every page of a site must pass.
#pragma once
#include "content/diagnostics.h"
#include "content/urls.h"
#include "site/build.h"

#include "content_tree.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

inline std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every file below `dir` with its bytes.
inline std::map<std::string, std::string> snapshot(const std::filesystem::path& dir) {
    std::map<std::string, std::string> files;
    if (!std::filesystem::exists(dir)) return files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file()) files[std::filesystem::relative(e.path(), dir).generic_string()] = slurp(e.path());
    return files;
}

// The build's errors as the user reads them, and why it stopped.
inline std::string messages(const icips::site::BuildReport& r) {
    std::string all;
    for (const auto& d : r.errors) all += format(d) + "\n";
    return all + r.fatal;
}

// How often `what` occurs in `text`, without overlaps.
inline size_t count_of(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// The values of attribute `name` on the page, in order.
inline std::vector<std::string> attributes(const std::string& html, const std::string& name) {
    std::vector<std::string> out;
    const std::regex re("\\s" + name + "=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

// Every id is unique, and every id that a label, ARIA reference or in-page link names exists.
inline void expect_ids_sound(const std::string& html, const std::string& page) {
    std::set<std::string> ids;
    for (const auto& id : attributes(html, "id")) EXPECT_TRUE(ids.insert(id).second) << page << ": duplicate id " << id;
    for (const char* attr : {"for", "aria-describedby", "aria-labelledby"})
        for (const auto& value : attributes(html, attr)) {
            std::istringstream words(value);
            for (std::string id; words >> id;) EXPECT_TRUE(ids.count(id)) << page << ": " << attr << " names missing id " << id;
        }
    for (const auto& href : attributes(html, "href"))
        if (href.starts_with("#") && href.size() > 1) EXPECT_TRUE(ids.count(href.substr(1))) << page << ": link to " << href;
}

// ---- Small sites built for a test ---------------------------------------------------------------

// The smallest standards most test sites need: the member grade and one area.
inline constexpr const char* kMemberGrade = R"Y(grades:
  - id: member
    title: Member
    order: 1
    summary: Members.
    underpinning_from: [member]
)Y";
inline constexpr const char* kKnowledgeArea = R"Y(areas:
  - id: underpinning-knowledge
    number: 1
    title: Underpinning knowledge
    summary: Knowledge.
)Y";

// Builds `content` into `out`, with the default theme unless `options` names one.
inline icips::site::BuildReport build_test_site(const std::filesystem::path& content, const std::filesystem::path& out,
                                                icips::site::BuildOptions options = {}) {
    options.content_dir = content;
    options.out_dir = out;
    if (options.default_theme.empty()) options.default_theme = std::filesystem::path(ICIPS_SOURCE_DIR) / "themes/default";
    return icips::site::build_site(options);
}

// The file a built site in `out` holds for the page at `url` ("/grades/member/").
inline std::string page_at(const std::filesystem::path& out, const std::string& url) {
    return slurp(out / icips::content::output_file_for(url));
}

// A content tree with a home page, built into `out` below it.
struct TestSite : ContentTree {
    std::filesystem::path out = root / "site-out";
    std::filesystem::path content = root / "content";
    TestSite() { write("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"); }
    // Into `out` unless `options` names another output folder.
    icips::site::BuildReport build(icips::site::BuildOptions options = {}) const {
        return build_test_site(content, options.out_dir == "output" ? out : options.out_dir, options);
    }
    std::string page(const std::string& url) const { return page_at(out, url); }
};
