// `icips-site pdf` end to end: a PDF per pack whose text holds every worksheet's title.
#include "content/packs.h"

#include "content_tree.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>

namespace {

std::string output_of(const std::string& command, int* code = nullptr) {
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    std::string output;
    std::array<char, 4096> buffer;
    while (size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    if (code) *code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return output;
}

// pdftotext breaks lines and may hyphenate; compare with all whitespace collapsed.
std::string squeeze(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

TEST(Pdf, EveryPackPrintsToAnA4PdfHoldingEveryWorksheet) {
    ContentTree t;
    int code = 0;
    const std::string out = (t.root / "out").string();
    const std::string log = output_of(std::string(ICIPS_BINARY) + " pdf --content " ICIPS_CONTENT_DIR " --out " + out, &code);
    ASSERT_EQ(code, 0) << log;

    std::vector<icips::content::Diagnostic> errors;
    const auto packs = icips::content::load_packs(ICIPS_CONTENT_DIR, errors);
    ASSERT_FALSE(packs.empty());
    for (const auto& pack : packs) {
        const std::string pdf = out + "/packs/" + pack.id + ".pdf";
        ASSERT_TRUE(std::filesystem::exists(pdf)) << log;
        const std::string info = output_of("pdfinfo " + pdf);
        EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
        const std::string text = squeeze(output_of("pdftotext -layout " + pdf + " -"));
        for (const auto* worksheet : pack.worksheets())
            EXPECT_NE(text.find(squeeze(worksheet->title)), std::string::npos) << worksheet->title;
        EXPECT_NE(text.find("Page 1 of"), std::string::npos);  // the running footer
        EXPECT_NE(text.find(squeeze(pack.title)), std::string::npos);
    }
}

TEST(Pdf, UnderABasePathThePrintServerServesThePackWithItsStyles) {
    ContentTree t;
    int code = 0;
    const std::string root = (t.root / "root").string(), based = (t.root / "based").string();
    const std::string binary = std::string(ICIPS_BINARY) + " pdf --content " ICIPS_CONTENT_DIR " --out ";
    ASSERT_EQ((output_of(binary + root, &code), code), 0);
    const std::string log = output_of(binary + based + " --base-url https://example.org/standards/", &code);
    ASSERT_EQ(code, 0) << log;
    std::vector<icips::content::Diagnostic> errors;
    const auto packs = icips::content::load_packs(ICIPS_CONTENT_DIR, errors);
    ASSERT_FALSE(packs.empty());
    const auto pages = [](const std::string& pdf) {
        const std::string info = output_of("pdfinfo " + pdf);
        const size_t at = info.find("Pages:");
        return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 6);
    };
    for (const auto& pack : packs) {
        const std::string pdf = based + "/packs/" + pack.id + ".pdf";
        const std::string text = squeeze(output_of("pdftotext -layout " + pdf + " -"));
        for (const auto* worksheet : pack.worksheets())
            EXPECT_NE(text.find(squeeze(worksheet->title)), std::string::npos) << worksheet->title;
        // The theme's print styles (a page per worksheet) reached Chromium as at the root.
        EXPECT_EQ(pages(pdf), pages(root + "/packs/" + pack.id + ".pdf")) << pack.id;
        EXPECT_GT(pages(pdf), 1) << pack.id;
    }
}

TEST(Pdf, WithoutPacksItSaysSoAndFails) {
    ContentTree t;
    t.write("content/index.md", "---\ntitle: Home\n---\n");
    int code = 0;
    const std::string log = output_of(std::string(ICIPS_BINARY) + " pdf --content " + (t.root / "content").string() +
                                      " --out " + (t.root / "out").string(), &code);
    EXPECT_EQ(code, 1);
    EXPECT_NE(log.find("no worksheet pack"), std::string::npos) << log;
}
