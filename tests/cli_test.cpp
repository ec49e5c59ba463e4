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
#include <unistd.h>

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

namespace {

// The binary as a user without root's power over permissions: run as nobody (through setpriv) when
// the tests run as root, as CI does. The binary and the default theme are copied into the tree (as
// bin/ and themes/default/, where the binary looks for its theme first), so that nobody needs no
// access to wherever the repository is checked out; the tree is opened up for that user.
std::string unprivileged_binary(const ContentTree& t) {
    if (::geteuid() != 0) return ICIPS_BINARY;
    namespace fs = std::filesystem;
    const fs::path binary = t.root / "bin/icips-site";
    fs::create_directories(binary.parent_path());
    fs::copy_file(ICIPS_BINARY, binary);
    fs::create_directories(t.root / "themes");
    fs::copy(fs::path(ICIPS_SOURCE_DIR) / "themes/default", t.root / "themes/default", fs::copy_options::recursive);
    fs::permissions(t.root, fs::perms::all);
    for (const auto& e : fs::recursive_directory_iterator(t.root))
        if (!e.is_symlink()) fs::permissions(e.path(), fs::perms::all);
    return "setpriv --reuid=nobody --regid=nogroup --clear-groups " + binary.string();
}

}  // namespace

// `--out v/link/..` is the folder that holds link's target, as the kernel reads it: that folder is
// checked and written, never `v` (the lexical reading), whose files stay.
TEST(Cli, TheOutputFolderIsResolvedOnceAndTheResolvedOneIsWritten) {
    ContentTree t;
    t.write("v/f", "keep me\n");
    t.write("ours/inner/x", "");
    std::filesystem::create_symlink("../ours/inner", t.root / "v/link");
    const auto refused = run("build --content " ICIPS_CONTENT_DIR " --out " + t.root.string() + "/v/link/..");
    EXPECT_EQ(refused.code, 2) << refused.output;
    EXPECT_NE(refused.output.find("(" + (t.root / "ours").string() + "): it is not empty"), std::string::npos)
        << refused.output;
    EXPECT_TRUE(std::filesystem::exists(t.root / "v/f"));

    // Where the resolved folder may be used, the site goes there and `v` is left alone.
    std::filesystem::remove_all(t.root / "ours");
    std::filesystem::create_directories(t.root / "ours/inner");
    std::filesystem::create_directories(t.root / "ours2");
    std::filesystem::remove(t.root / "v/link");
    std::filesystem::create_symlink("../ours2", t.root / "v/link");
    const auto built = run("build --content " ICIPS_CONTENT_DIR " --out " + t.root.string() + "/v/link/site");
    EXPECT_EQ(built.code, 0) << built.output;
    EXPECT_TRUE(std::filesystem::exists(t.root / "ours2/site/index.html"));
    EXPECT_TRUE(std::filesystem::exists(t.root / "v/f"));
}

// A content folder that cannot be read is named with the cause (not "cannot increment recursive
// directory iterator", with no path).
TEST(Cli, AnUnreadableFolderIsNamedWithTheCause) {
    ContentTree t;
    t.write("content/index.md", "---\ntitle: Home\n---\nHi.\n");
    t.write("content/guides/a.md", "---\ntitle: A\n---\nHi.\n");
    const std::string binary = unprivileged_binary(t);
    std::filesystem::permissions(t.root / "content/guides", std::filesystem::perms::none);
    const auto [code, output] = run("check --content " + t.root.string() + "/content", binary);
    std::filesystem::permissions(t.root / "content/guides", std::filesystem::perms::all);
    EXPECT_EQ(code, 1) << output;
    EXPECT_NE(output.find("content/guides: this folder cannot be read: Permission denied"), std::string::npos) << output;
    EXPECT_EQ(output.find("recursive directory iterator"), std::string::npos) << output;
}

// A theme asset that cannot be read is reported at the file, with the cause (not "Input/output
// error" once the build has started writing).
TEST(Cli, AnUnreadableThemeAssetIsNamedWithTheCause) {
    ContentTree t;
    t.write("content/index.md", "---\ntitle: Home\n---\nHi.\n");
    t.write("theme/assets/extra.css", "body {}\n");
    const std::string binary = unprivileged_binary(t);
    std::filesystem::permissions(t.root / "theme/assets/extra.css", std::filesystem::perms::none);
    const auto [code, output] = run("build --content " + t.root.string() + "/content --theme " + t.root.string() +
                                        "/theme --out " + t.root.string() + "/out",
                                    binary);
    EXPECT_EQ(code, 1) << output;
    EXPECT_NE(output.find("theme/assets/extra.css: cannot be read: Permission denied"), std::string::npos) << output;
    EXPECT_FALSE(std::filesystem::exists(t.root / "out"));
}

// A theme folder the user cannot enter is a usage error naming the folder and the cause, not a bare
// "filesystem error"; so is a content folder.
TEST(Cli, AThemeOrContentFolderThatCannotBeEnteredIsAUsageErrorNamingIt) {
    ContentTree t;
    t.write("content/index.md", "---\ntitle: Home\n---\nHi.\n");
    t.write("locked/theme/assets/extra.css", "body {}\n");
    const std::string binary = unprivileged_binary(t);
    std::filesystem::permissions(t.root / "locked", std::filesystem::perms::none);
    const auto theme = run("check --content " + t.root.string() + "/content --theme " + t.root.string() + "/locked/theme",
                           binary);
    const auto content = run("check --content " + t.root.string() + "/locked/theme", binary);
    std::filesystem::permissions(t.root / "locked", std::filesystem::perms::all);
    EXPECT_EQ(theme.code, 2) << theme.output;
    EXPECT_NE(theme.output.find("theme directory " + t.root.string() + "/locked/theme cannot be read: Permission denied"),
              std::string::npos)
        << theme.output;
    EXPECT_EQ(content.code, 2) << content.output;
    EXPECT_NE(content.output.find("content directory " + t.root.string() + "/locked/theme cannot be read: Permission denied"),
              std::string::npos)
        << content.output;
    EXPECT_EQ(theme.output.find("filesystem error"), std::string::npos) << theme.output;
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
