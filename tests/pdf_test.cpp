// `icips-site pdf` end to end, read back as a reader of the paper would: every PDF's pages with
// pdftotext (one page at a time), its outline and named destinations with poppler's tools.
#include "kinds/packs/model.h"
#include "kinds/standards/model.h"

#include "content_tree.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace fs = std::filesystem;

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
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool ends_with(const std::string& text, const std::string& tail) {
    return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// One page's text lines (layout kept), without blank lines and what the page margins repeat: the
// page number "Page n of m" and the credit at the foot, which starts "Source: " in the last two lines.
struct Page {
    std::vector<std::string> lines;
    std::string text() const {
        std::string all;
        for (const auto& l : lines) all += l + "\n";
        return squeeze(all);
    }
};

std::vector<Page> pages_of(const std::string& pdf) {
    std::vector<Page> pages;
    const std::string text = output_of("pdftotext -layout " + pdf + " -");
    static const std::regex footer(R"(Page \d+ of \d+\s*$)");
    Page page;
    const auto end_page = [&] {
        auto& lines = page.lines;
        for (size_t i = lines.size() >= 2 ? lines.size() - 2 : 0; i < lines.size(); ++i)
            if (lines[i].substr(lines[i].find_first_not_of(' ')).starts_with("Source: ")) {
                lines.resize(i);
                break;
            }
        pages.push_back(page);
        page = {};
    };
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        for (size_t feed; (feed = line.find('\f')) != std::string::npos; line.erase(0, feed + 1)) end_page();
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        if (std::regex_search(line, footer)) continue;  // the page number
        page.lines.push_back(line);
    }
    return pages;
}

// The document outline (bookmarks): each heading's text and page.
std::vector<std::pair<std::string, int>> outline_of(const std::string& pdf) {
    std::vector<std::pair<std::string, int>> items;
    const std::string xml = output_of("pdftohtml -xml -i -q -stdout " + pdf);
    static const std::regex item(R"re(<item page="(\d+)">([^<]*)</item>)re");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), item); it != std::sregex_iterator(); ++it) {
        std::string title = (*it)[2];
        for (const auto& [entity, c] : std::vector<std::pair<std::string, std::string>>{{"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}})
            for (size_t at; (at = title.find(entity)) != std::string::npos;) title.replace(at, entity.size(), c);
        items.push_back({title, std::stoi((*it)[1])});
    }
    return items;
}

std::string without_spaces(std::string s) {
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s;
}

// The contents page's entries: "1. Title ..... 7", a title may wrap onto the line before its number.
std::vector<std::pair<std::string, int>> contents_of(const Page& page) {
    std::vector<std::pair<std::string, int>> entries;
    static const std::regex numbered(R"(^\s*(?:\d+\.\s+)?(.*?)\s+(\d+)\s*$)");
    std::string pending;
    bool started = false;
    for (const auto& line : page.lines) {
        std::smatch m;
        if (!started) {
            started = squeeze(line) == "Contents";
            continue;
        }
        if (std::regex_match(line, m, numbered)) {
            entries.push_back({squeeze(pending + " " + std::string(m[1])), std::stoi(m[2])});
            pending.clear();
        } else {
            pending += " " + std::regex_replace(line, std::regex(R"(^\s*\d+\.\s+)"), "");
        }
    }
    return entries;
}

// Runs `icips-site pdf` on the real content once for the tests of this file.
struct Printed {
    ContentTree tree;
    std::string out = (tree.root / "out").string();
    std::string log;
    int code = -1;
    std::vector<std::string> pdfs;
    Printed() {
        log = output_of(std::string(ICIPS_BINARY) + " pdf --content " ICIPS_CONTENT_DIR " --out " + out, &code);
        for (const auto& entry : fs::recursive_directory_iterator(out))
            if (entry.path().extension() == ".pdf") pdfs.push_back(entry.path().string());
        std::sort(pdfs.begin(), pdfs.end());
    }
};

}  // namespace

TEST(Pdf, EveryPdfPrintsLikeABook) {
    Printed printed;
    ASSERT_EQ(printed.code, 0) << printed.log;
    std::vector<icips::content::Diagnostic> errors;
    const auto packs = icips::content::load_packs(ICIPS_CONTENT_DIR, errors);
    ASSERT_FALSE(packs.empty());
    const std::string& out = printed.out;

    // One PDF per pack, the standards booklet, one checklist per grade that has requirements.
    std::vector<std::string> expected;
    for (const auto& pack : packs) expected.push_back(out + "/packs/" + pack.id + ".pdf");
    expected.push_back(out + "/standards.pdf");
    for (const auto& entry : fs::directory_iterator(out + "/grades"))
        if (fs::exists(entry.path() / "checklist/index.html")) expected.push_back((entry.path() / "checklist.pdf").string());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(printed.pdfs, expected) << printed.log;
    // Each page's link to its PDF, with its size, comes from this list.
    std::ifstream list(out + "/assets/pdfs.json");
    const std::string sizes((std::istreambuf_iterator<char>(list)), std::istreambuf_iterator<char>());
    for (const auto& pdf : expected)
        EXPECT_NE(sizes.find("\"" + pdf.substr(out.size()) + "\": " + std::to_string(fs::file_size(pdf))), std::string::npos)
            << pdf << " in " << sizes;

    for (const auto& pdf : printed.pdfs) {
        SCOPED_TRACE(pdf);
        const std::string info = output_of("pdfinfo " + pdf);
        EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
        EXPECT_NE(info.find("Tagged:          yes"), std::string::npos) << info;
        EXPECT_TRUE(std::regex_search(info, std::regex(R"(Title:\s+\S)"))) << info;
        std::ifstream bytes(pdf, std::ios::binary);
        const std::string raw((std::istreambuf_iterator<char>(bytes)), std::istreambuf_iterator<char>());
        EXPECT_NE(raw.find("/Lang (en-GB)"), std::string::npos) << "not in the site's language";
        const auto pages = pages_of(pdf);
        const auto outline = outline_of(pdf);
        ASSERT_GE(pages.size(), 2u);
        ASSERT_GE(outline.size(), 3u) << "no document outline";

        // No page but the cover is empty, holds only the footer, or a few stray lines.
        for (size_t p = 1; p < pages.size(); ++p)
            EXPECT_GE(pages[p].lines.size(), 3u) << "page " << p + 1 << " is nearly empty:\n" << pages[p].text();

        // No heading is the last thing on its page.
        for (const auto& [heading, page] : outline) {
            ASSERT_GE(page, 1);
            ASSERT_LE(static_cast<size_t>(page), pages.size());
            const std::string text = without_spaces(pages[page - 1].text());
            if (page > 1) EXPECT_FALSE(ends_with(text, without_spaces(heading))) << "page " << page << " ends with the heading " << heading;
        }

        // The contents list page numbers, and each entry's heading is on the page it names.
        const size_t contents = pdf.ends_with("checklist.pdf") ? 0 : 1;
        const auto entries = contents_of(pages[contents]);
        EXPECT_GE(entries.size(), 3u) << "no page numbers in the contents:\n" << pages[contents].text();
        for (const auto& [title, page] : entries) {
            ASSERT_GE(page, 1) << title;
            ASSERT_LE(static_cast<size_t>(page), pages.size()) << title;
            EXPECT_NE(static_cast<size_t>(page), contents + 1) << title;
            EXPECT_NE(without_spaces(pages[page - 1].text()).find(without_spaces(title)), std::string::npos)
                << "the contents put \"" << title << "\" on page " << page << ", which reads:\n" << pages[page - 1].text();
        }
    }

    for (const auto& pack : packs) {
        const auto pages = pages_of(out + "/packs/" + pack.id + ".pdf");
        std::string all;
        for (const auto& p : pages) all += p.text() + " ";
        for (const auto* worksheet : pack.worksheets()) {
            EXPECT_NE(all.find(squeeze(worksheet->title)), std::string::npos) << worksheet->title;
            // A table's header row is on the page of its first row.
            for (const auto& q : worksheet->questions) {
                if (q.kind != icips::content::QuestionKind::table || q.table.rows.empty() || q.table.columns.empty()) continue;
                const std::string first = without_spaces(q.table.columns.front().title);
                const std::string row = without_spaces(q.table.rows.front().title);
                bool found = false;
                for (size_t p = 0; p < pages.size() && !found; ++p) {
                    const std::string text = without_spaces(pages[p].text());
                    const size_t header = text.find(first);
                    if (header == std::string::npos) continue;
                    found = text.find(row, header) != std::string::npos;
                    EXPECT_TRUE(found) << worksheet->title << ": page " << p + 1 << " ends with the header of table "
                                       << q.id << ", its first row \"" << q.table.rows.front().title << "\" on the next";
                    break;
                }
            }
        }
        EXPECT_NE(output_of("pdftotext -f 1 -l 1 " + out + "/packs/" + pack.id + ".pdf -").find("Page 1 of"), std::string::npos);  // the running footer
        EXPECT_NE(all.find(squeeze(pack.title)), std::string::npos);
    }
}

namespace {

// Prints the built page <out>/<page>index.html, read from disk (its site paths made relative),
// after `fill` (a JavaScript expression: field name -> answer) is restored into its form the way
// answers.js restores saved answers; returns the PDF's text, whitespace collapsed.
std::string print_filled(const fs::path& out, const std::string& page, const std::string& fill, const fs::path& work) {
    std::ifstream in(out / page / "index.html");
    std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const int depth = static_cast<int>(std::count(page.begin(), page.end(), '/'));
    std::string up;
    for (int i = 0; i < depth; ++i) up += "../";
    for (size_t at; (at = html.find("=\"/assets/")) != std::string::npos;) html.replace(at, 10, "=\"" + up + "assets/");
    html.replace(html.rfind("</body>"), 7,
                 "<script>document.addEventListener('DOMContentLoaded', function () {"
                 " var form = document.querySelector('form.answers');"
                 " window.icipsAnswers.restore(form, (" + fill + ")(form)); });</script></body>");
    const fs::path filled = out / page / "filled.html";
    std::ofstream(filled) << html;
    const char* env = std::getenv("CHROMIUM");
    const std::string chromium = env && *env ? env : "/usr/bin/chromium";
    const std::string pdf = (work / "filled.pdf").string();
    fs::remove(pdf);
    output_of(chromium + " --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir=" + (work / "profile").string() +
              " --window-size=1280,900 --no-pdf-header-footer --run-all-compositor-stages-before-draw"
              " --virtual-time-budget=10000 --print-to-pdf=" + pdf + " file://" + filled.string());
    return " " + squeeze(output_of("pdftotext " + pdf + " -")) + " ";
}

void expect_every_word(const std::string& text, const std::string& words) {
    std::istringstream in(words);
    for (std::string word; in >> word;) EXPECT_NE(text.find(" " + word + " "), std::string::npos) << word;
}

}  // namespace

// Filled in on screen, a page prints every word of its answers: a 900-character text answer and a
// long table-cell answer on a worksheet, a long evidence reference on a checklist; neither a
// fixed-size field nor a table cell sized on screen can show them whole.
TEST(Pdf, FilledAnswersPrintWhole) {
    ContentTree t;
    const fs::path out = t.root / "out";
    int code = 0;
    const std::string log = output_of(std::string(ICIPS_BINARY) + " build --content " ICIPS_CONTENT_DIR " --out " + out.string(), &code);
    ASSERT_EQ(code, 0) << log;
    std::vector<icips::content::Diagnostic> errors;
    const auto packs = icips::content::load_packs(ICIPS_CONTENT_DIR, errors);
    ASSERT_FALSE(packs.empty());

    std::string answer, cell, reference;
    for (int i = 1; answer.size() < 900; ++i) answer += "answer" + std::to_string(i) + " ";
    for (int i = 1; i <= 40; ++i) cell += "cell" + std::to_string(i) + " ";
    for (int i = 1; i <= 30; ++i) reference += "ref" + std::to_string(i) + " ";

    const std::string worksheet = print_filled(out, "packs/" + packs.front().id + "/print/",
        "function (form) { var a = {};"
        " a[form.querySelector('.question-text + textarea').name] = '" + answer + "';"
        " a[form.querySelector('.template td textarea').name] = '" + cell + "'; return a; }", t.root);
    expect_every_word(worksheet, answer + cell);

    const fs::path grades = out / "grades";
    std::string checklist;
    for (const auto& entry : fs::directory_iterator(grades))
        if (fs::exists(entry.path() / "checklist/index.html")) checklist = "grades/" + entry.path().filename().string() + "/checklist/";
    ASSERT_FALSE(checklist.empty());
    const std::string text = print_filled(out, checklist,
        "function (form) { var a = {}; a[form.querySelector('.ref input').name] = '" + reference + "'; return a; }", t.root);
    expect_every_word(text, reference);
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
