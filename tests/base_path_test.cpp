// A site published under a base path (https://example.org/standards/): every URL it writes starts
// with /standards/, and nothing else about it changes.
#include "content/urls.h"
#include "markdown/markdown.h"
#include "site/build.h"
#include "site/links.h"

#include "site_files.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

using icips::content::base_path_of;
using icips::content::base_url_problem;

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// Every URL-valued attribute the pages write that is a path on this host ("/..." but not "//...").
std::vector<std::string> site_paths(const std::string& html) {
    std::vector<std::string> out;
    for (const char* name : {"href", "src", "action", "data-index"})
        for (const auto& value : attributes(html, name))
            if (value.starts_with('/') && !value.starts_with("//")) out.push_back(value);
    return out;
}

void collect_urls(const nlohmann::json& j, std::vector<std::string>& out) {
    if (j.is_object()) {
        for (const auto& [key, value] : j.items())
            if (key == "url" && value.is_string()) out.push_back(value);
            else collect_urls(value, out);
    } else if (j.is_array()) {
        for (const auto& value : j) collect_urls(value, out);
    }
}

}  // namespace

TEST(BaseUrl, ItsPathIsTheBasePath) {
    EXPECT_EQ(base_path_of("https://example.org/standards/"), "/standards");
    EXPECT_EQ(base_path_of("https://example.org/a/b"), "/a/b");
    EXPECT_EQ(base_path_of("http://localhost:8080/x/"), "/x");
    EXPECT_EQ(base_path_of("https://example.org/"), "");
    EXPECT_EQ(base_path_of("https://example.org"), "");
    EXPECT_EQ(base_path_of(""), "");
}

TEST(BaseUrl, OnlyHttpUrlsWithCleanPathsAreAccepted) {
    for (const char* good : {"https://example.org/", "https://example.org", "http://example.org/standards/",
                             "https://owner.github.io/my-repo/", "https://example.org/a/b.c/~d/%C3%A9/",
                             "http://127.0.0.1:1313/x/"})
        EXPECT_EQ(base_url_problem(good), "") << good;
    for (const char* bad : {"example.org/standards/", "ftp://example.org/", "https:///standards/", "https://example.org//x/",
                            "https://example.org/a/../b/", "https://example.org/./", "https://example.org/our standards/",
                            "https://example.org/x/?q=1", "https://example.org/x/#top", "https://exa mple.org/"})
        EXPECT_NE(base_url_problem(bad), "") << bad;
}

TEST(BasePathMarkdown, LinksToSitePathsGoUnderTheBase) {
    const std::string md = "[m](/grades/member/#item-5) [w](https://example.com/x) [p](//cdn.example.com/y) "
                           "[a](#here) [r](other/) ![d](/assets/d.svg)";
    const std::string html = icips::markdown::to_html(md, {.base = "/standards"});
    EXPECT_NE(html.find("href=\"/standards/grades/member/#item-5\""), std::string::npos) << html;
    EXPECT_NE(html.find("src=\"/standards/assets/d.svg\""), std::string::npos) << html;
    for (const char* as_written : {"href=\"https://example.com/x\"", "href=\"//cdn.example.com/y\"", "href=\"#here\"",
                                   "href=\"other/\""})
        EXPECT_NE(html.find(as_written), std::string::npos) << as_written << " in " << html;
    // Without a base (a site at the root), the links are as written.
    EXPECT_NE(icips::markdown::to_html(md).find("href=\"/grades/member/#item-5\""), std::string::npos);
    // The build renders each page inside a scope that gives the default.
    {
        const icips::markdown::SitePathBase scope("/b");
        EXPECT_NE(icips::markdown::to_inline_html("[m](/grades/)").find("href=\"/b/grades/\""), std::string::npos);
    }
    EXPECT_NE(icips::markdown::to_inline_html("[m](/grades/)").find("href=\"/grades/\""), std::string::npos);
}

TEST(BasePathLinks, LinksResolveUnderTheBaseAndMayNotLeaveIt) {
    using icips::site::PageLinks;
    std::vector<PageLinks> pages = {
        {"/", {}, {"/standards/grades/member/", "grades/member/#a", "/standards/assets/site.css"}, {}},
        {"/grades/member/", {}, {"../../", "/grades/member/", "../../../outside/"}, {"a"}},
    };
    const auto errors = icips::site::check_links(pages, {"/assets/site.css"}, "/standards");
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_NE(errors[0].message.find("broken link to /grades/member/ on /grades/member/: /grades/member/ is outside "
                                     "the site, which is published under /standards/"),
              std::string::npos)
        << errors[0].message;
    EXPECT_NE(errors[1].message.find("/outside/ is outside the site"), std::string::npos) << errors[1].message;
    // At the root the same site paths are the links.
    EXPECT_TRUE(icips::site::check_links({{"/", {}, {"/grades/member/"}, {}}, {"/grades/member/", {}, {}, {}}}, {}).empty());
}

// The real content built for https://example.org/ (the root) and for https://example.org/published-at/:
// the second is the first with every URL moved under /published-at/, byte for byte.
TEST(BasePathSite, TheRealSiteUnderABasePathIsTheRootSiteWithEveryUrlMoved) {
    ContentTree t;
    icips::site::BuildOptions root, based;
    root.base_url = "https://example.org/";
    based.base_url = "https://example.org/published-at/";
    const auto at_root = build_test_site(ICIPS_CONTENT_DIR, t.root / "root", root);
    ASSERT_TRUE(at_root.ok()) << messages(at_root);
    const auto under_base = build_test_site(ICIPS_CONTENT_DIR, t.root / "based", based);
    ASSERT_TRUE(under_base.ok()) << messages(under_base);  // the link check resolved every link under the base
    EXPECT_EQ(under_base.base_path, "/published-at");

    const auto root_files = snapshot(t.root / "root");
    const auto based_files = snapshot(t.root / "based");
    ASSERT_EQ(root_files.size(), based_files.size());
    size_t moved = 0;
    for (const auto& [file, bytes] : root_files) {
        ASSERT_TRUE(based_files.count(file)) << file;
        ASSERT_EQ(bytes.find("/published-at/"), std::string::npos) << file;  // so that the replacement below is exact
        const std::string& based_bytes = based_files.at(file);
        if (file.ends_with(".html"))
            for (const auto& path : site_paths(based_bytes)) {
                EXPECT_TRUE(path.starts_with("/published-at/")) << file << " links to " << path;
                ++moved;
            }
        // Absolute URLs (canonical links, the sitemap) hold the base path once; everything else is the same.
        EXPECT_EQ(replaced(based_bytes, "/published-at/", "/"), bytes) << file;
    }
    EXPECT_GT(moved, 1000u);

    // What the pages' scripts fetch and the open data name: base-absolute too.
    const auto manifest = nlohmann::json::parse(based_files.at("search-index.json"));
    for (const auto& shard : manifest["shards"]) EXPECT_TRUE(shard.get<std::string>().starts_with("/published-at/search-index/"));
    const auto shard = nlohmann::json::parse(based_files.at("search-index/0.json"));
    for (const auto& place : shard["p"]) EXPECT_TRUE(place[0].get<std::string>().starts_with("/published-at/")) << place;
    std::vector<std::string> urls;
    for (const auto& [file, bytes] : based_files)
        if (file.starts_with("api/")) collect_urls(nlohmann::json::parse(bytes), urls);
    ASSERT_GT(urls.size(), 100u);
    for (const auto& url : urls) EXPECT_TRUE(url.starts_with("/published-at/")) << url;
    EXPECT_NE(based_files.at("sitemap.xml").find("<loc>https://example.org/published-at/grades/member/</loc>"),
              std::string::npos);
    // The 404 page, which a host serves at any depth, and a Markdown link of the content.
    EXPECT_NE(based_files.at("404.html").find("href=\"/published-at/assets/site.css\""), std::string::npos);
    EXPECT_NE(based_files.at("three-areas/index.html").find("href=\"/published-at/areas/underpinning-knowledge/\""),
              std::string::npos);
    // The print page links to its own worksheets within the page.
    const std::string print = based_files.at("packs/csit-document-one/print/index.html");
    EXPECT_NE(print.find("href=\"#ws-leadership-discussion\""), std::string::npos);
    EXPECT_EQ(print.find("href=\"/published-at/packs/csit-document-one/leadership-discussion/\""), std::string::npos);
}

TEST(BasePathSite, SiteYamlSetsTheBasePathAndTheFlagOverridesIt) {
    TestSite s;
    s.write("content/site.yaml", "title: T\nbase_url: https://example.org/from-yaml\n");
    s.write("content/guide.md", "---\ntitle: Guide\n---\nBack [home](/).\n");
    ASSERT_TRUE(s.build().ok());
    EXPECT_NE(s.page("/guide/").find("href=\"/from-yaml/\">home</a>"), std::string::npos) << s.page("/guide/");
    EXPECT_NE(s.page("/guide/").find("<link rel=\"canonical\" href=\"https://example.org/from-yaml/guide/\">"),
              std::string::npos);
    icips::site::BuildOptions options;
    options.base_url = "https://preview.example.org/pr-7/";
    ASSERT_TRUE(s.build(options).ok());
    EXPECT_NE(s.page("/guide/").find("href=\"/pr-7/\">home</a>"), std::string::npos);
    EXPECT_NE(s.page("/guide/").find("href=\"/pr-7/assets/site.css\""), std::string::npos);
}
