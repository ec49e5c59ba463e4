// The command line as a user meets it: exit codes, messages, --help and --version.
#include "content_tree.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/wait.h>

namespace {

struct Run {
    int code;
    std::string output;  // stdout and stderr together
};

Run run(const std::string& args, const std::string& binary = ICIPS_BINARY) {
    const std::string command = binary + " " + args + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    std::string output;
    std::array<char, 4096> buffer;
    while (size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace

TEST(Cli, HelpAndVersion) {
    auto help = run("--help");
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.output.find("build"), std::string::npos);
    EXPECT_NE(help.output.find("check"), std::string::npos);
    auto version = run("--version");
    EXPECT_EQ(version.code, 0);
    EXPECT_NE(version.output.find("icips-site "), std::string::npos);
}

TEST(Cli, UsageErrorsExitWithTwo) {
    EXPECT_EQ(run("").code, 2);
    EXPECT_EQ(run("publish").code, 2);
    EXPECT_EQ(run("build --no-such-flag").code, 2);
    EXPECT_EQ(run("build --out /").code, 2);
}

TEST(Cli, ContentErrorsExitWithOneAndNameFileAndLine) {
    ContentTree t;
    t.write("content/index.md", "---\ntitle: Home\norder: ten\n---\n");
    const auto result = run("build --content " + t.root.string() + "/content --out " + t.root.string() + "/out");
    EXPECT_EQ(result.code, 1);
    EXPECT_NE(result.output.find("index.md:3:"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("left unchanged"), std::string::npos) << result.output;
}

TEST(Cli, BuildAndCheckSucceedOnTheRealContent) {
    ContentTree t;
    const auto check = run("check --content " ICIPS_CONTENT_DIR);
    EXPECT_EQ(check.code, 0) << check.output;
    const auto build = run("build --content " ICIPS_CONTENT_DIR " --out " + t.root.string() + "/out");
    EXPECT_EQ(build.code, 0) << build.output;
    EXPECT_TRUE(std::filesystem::exists(t.root / "out/index.html"));
}

TEST(Cli, MissingDirectoriesAreUsageErrors) {
    ContentTree t;
    const auto result = run("check --content " + t.root.string() + "/no-such-content");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.output.find("content directory not found"), std::string::npos) << result.output;
    EXPECT_EQ(run("check --content " ICIPS_CONTENT_DIR " --theme " + t.root.string() + "/no-theme").code, 2);
}

// serve and pdf live in icips-site-server.so beside the binary; build and check never load it (nor
// the OpenSSL, zlib and brotli behind cpp-httplib), so they work without it, and serve says what is
// missing.
TEST(Cli, BuildAndCheckDoNotNeedTheServerModule) {
    ContentTree t;
    const std::filesystem::path alone = t.root / "bin/icips-site";
    std::filesystem::create_directories(alone.parent_path());
    std::filesystem::copy_file(ICIPS_BINARY, alone);
    auto run_alone = [&](const std::string& args) { return run(args, alone.string()); };
    const auto built = run_alone("build --content " ICIPS_CONTENT_DIR " --out " + t.root.string() + "/out");
    EXPECT_EQ(built.code, 0) << built.output;
    EXPECT_TRUE(std::filesystem::exists(t.root / "out/index.html"));
    EXPECT_EQ(run_alone("check --content " ICIPS_CONTENT_DIR).code, 0);
    const auto served = run_alone("serve --content " ICIPS_CONTENT_DIR " --out " + t.root.string() + "/out2");
    EXPECT_EQ(served.code, 2) << served.output;
    EXPECT_NE(served.output.find("icips-site-server.so"), std::string::npos) << served.output;
}

TEST(Cli, BaseUrlOverridesSiteYamlAndABadOneIsAUsageError) {
    ContentTree t;
    const std::string out = (t.root / "out").string();
    const auto home_page = [&t] {
        std::ifstream in(t.root / "out/index.html");
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const auto built = run("build --content " ICIPS_CONTENT_DIR " --out " + out + " --base-url https://example.org/pr-7");
    ASSERT_EQ(built.code, 0) << built.output;
    EXPECT_NE(home_page().find("href=\"/pr-7/assets/site.css\""), std::string::npos);
    EXPECT_EQ(run("check --content " ICIPS_CONTENT_DIR " --base-url https://example.org/pr-7/").code, 0);
    for (const char* command : {"build", "check", "serve", "pdf"}) {
        const std::string out_flag = std::string(command) == "check" ? "" : " --out " + out;
        const auto bad = run(std::string(command) + " --content " ICIPS_CONTENT_DIR + out_flag +
                             " --base-url example.org/standards/");
        EXPECT_EQ(bad.code, 2) << command << ": " << bad.output;
        EXPECT_NE(bad.output.find("--base-url example.org/standards/: the address must start with https:// or http://"),
                  std::string::npos)
            << bad.output;
    }
    EXPECT_EQ(run("build --content " ICIPS_CONTENT_DIR " --out " + out + " --base-url https://example.org/a/../b/").code, 2);
    EXPECT_NE(home_page().find("href=\"/pr-7/assets/site.css\""), std::string::npos);  // untouched
}
