// Writes a synthetic, deterministic corpus of Markdown pages for `make bench`, twice: once laid out
// for icips-site (<out>/icips/, section pages named index.md) and once for Hugo
// (<out>/hugo/content/, section pages named _index.md, `weight` instead of `order`). Both layouts
// publish every page at the same URL:
//
//   /                                       home page
//   /section-S/                             10 top-level sections (in the main menu)
//   /section-S/part-P/                      parts of 50 pages each, spread over the sections
//   /section-S/part-P/page-I/               the N pages (I = 1..N)
//
// Each page has YAML front matter, headings, paragraphs with inline links to other pages (all of
// which exist; a few carry the #main fragment every page has), a numbered list and a GFM table,
// about 2-4 KB in all. A fixed seed makes the output byte-identical from run to run.
//
//   make_corpus --pages N --out DIR
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr int kSections = 10;
constexpr int kPagesPerPart = 50;

// xorshift64*: deterministic on every platform, unlike the standard distributions.
struct Random {
    std::uint64_t state;
    std::uint64_t next() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 2685821657736338717ULL;
    }
    size_t below(size_t n) { return static_cast<size_t>(next() % n); }
    template <typename T, size_t K>
    const T& pick(const T (&list)[K]) { return list[below(K)]; }
};

constexpr std::string_view kWords[] = {
    "improvement", "service", "process", "customer", "value", "waste", "flow", "demand", "capacity", "team",
    "leadership", "standard", "evidence", "portfolio", "assessment", "review", "measure", "baseline", "target",
    "variation", "control", "stakeholder", "public", "sector", "citizen", "outcome", "benefit", "cost", "quality",
    "time", "handoff", "queue", "backlog", "experiment", "hypothesis", "data", "chart", "root", "cause", "action",
    "plan", "study", "adjust", "coaching", "practice", "learning", "culture", "engagement", "governance", "risk",
    "report", "sponsor", "charter", "scope", "mapping", "workshop", "facilitation", "behaviour", "reflection",
    "competence", "framework", "maturity", "enabler", "level", "criteria", "the", "of", "and", "to", "in", "for",
    "with", "a", "each", "every", "their", "its", "across", "within", "through", "before", "after", "during"};
constexpr std::string_view kTopics[] = {
    "Value stream mapping", "Demand analysis", "Process control", "Root cause analysis", "Coaching conversations",
    "Benefit tracking", "Service design", "Daily huddles", "Visual management", "Capacity planning",
    "Problem solving", "Standard work", "Stakeholder engagement", "Project charters", "Measurement systems",
    "Change leadership", "Reflective practice", "Portfolio evidence", "Improvement governance", "Flow efficiency"};
constexpr std::string_view kHeadings[] = {"Purpose", "Scope", "Method", "Evidence to collect", "Worked example",
                                          "Common pitfalls", "Assessment criteria", "Reflection", "Further reading",
                                          "Roles and responsibilities", "Measures", "Next steps"};
constexpr std::string_view kGrades[] = {"Affiliate", "Member", "Practitioner", "CI Leader", "Fellow"};
constexpr std::string_view kEvidence[] = {"Project report", "Witness statement", "Reflective account",
                                          "Process map", "Control chart", "Workshop output", "Coaching log",
                                          "Benefits register", "Presentation", "Certificate"};

struct Corpus {
    int pages;
    int parts() const { return (pages + kPagesPerPart - 1) / kPagesPerPart; }
    // Part p (0-based, global) lies in section p % kSections and is that section's part p / kSections + 1.
    static int section_of_part(int p) { return p % kSections + 1; }
    static int number_in_section(int p) { return p / kSections + 1; }
    static std::string section_url(int s) { return "/section-" + std::to_string(s) + "/"; }
    static std::string part_url(int p) {
        return section_url(section_of_part(p)) + "part-" + std::to_string(number_in_section(p)) + "/";
    }
    static std::string page_url(int i) {  // i is 0-based
        return part_url(i / kPagesPerPart) + "page-" + std::to_string(i + 1) + "/";
    }
    static std::string topic(int i) { return std::string(kTopics[static_cast<size_t>(i) % std::size(kTopics)]); }
    static std::string page_title(int i) { return topic(i) + " " + std::to_string(i + 1); }
};

std::string capitalised(std::string_view word) {
    std::string s(word);
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string sentence(Random& rng, size_t min_words, size_t max_words) {
    const size_t n = min_words + rng.below(max_words - min_words + 1);
    std::string s;
    for (size_t w = 0; w < n; ++w) {
        std::string_view word = rng.pick(kWords);
        if (w == 0) {
            s += capitalised(word);
            continue;
        }
        s += ' ';
        const size_t style = rng.below(40);
        if (style == 0)
            s += "**" + std::string(word) + "**";
        else if (style == 1)
            s += "*" + std::string(word) + "*";
        else if (style == 2)
            s += "`" + std::string(word) + "`";
        else
            s += word;
    }
    return s + ".";
}

std::string link_to_page(Random& rng, const Corpus& c, int self) {
    int target = static_cast<int>(rng.below(static_cast<size_t>(c.pages)));
    if (target == self) target = (target + 1) % c.pages;
    std::string url = Corpus::page_url(target);
    if (rng.below(8) == 0) url += "#main";
    return "[" + Corpus::page_title(target) + "](" + url + ")";
}

// A paragraph of `sentences` sentences with `links` inline links among them.
std::string paragraph(Random& rng, const Corpus& c, int self, int sentences, int links) {
    std::string p;
    for (int s = 0; s < sentences; ++s) {
        if (s) p += ' ';
        std::string text = sentence(rng, 8, 18);
        if (s < links) {
            text.pop_back();
            text += ", as set out in " + link_to_page(rng, c, self) + ".";
        }
        p += text;
    }
    return p + "\n";
}

struct Writer {
    fs::path icips;  // content root for icips-site
    fs::path hugo;   // content root for Hugo

    static void write(const fs::path& file, const std::string& text) {
        fs::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out) {
            std::cerr << "make_corpus: cannot write " << file << "\n";
            std::exit(1);
        }
    }
    // A section page: <dir>/index.md for icips-site, <dir>/_index.md for Hugo.
    void section(const std::string& dir, const std::string& front, const std::string& hugo_front,
                 const std::string& body) const {
        write(icips / dir / "index.md", "---\n" + front + "---\n" + body);
        write(hugo / dir / "_index.md", "---\n" + hugo_front + "---\n" + body);
    }
    void page(const std::string& file, const std::string& front, const std::string& hugo_front,
              const std::string& body) const {
        write(icips / file, "---\n" + front + "---\n" + body);
        write(hugo / file, "---\n" + hugo_front + "---\n" + body);
    }
};

std::string page_body(Random& rng, const Corpus& c, int i) {
    std::string b;
    b += paragraph(rng, c, i, 4, 1) + "\n";
    // Up the tree and along the sequence, as a real guide would.
    b += "This page belongs to [" + capitalised("part ") + std::to_string(Corpus::number_in_section(i / kPagesPerPart)) +
         "](" + Corpus::part_url(i / kPagesPerPart) + ") of [section " +
         std::to_string(Corpus::section_of_part(i / kPagesPerPart)) + "](" +
         Corpus::section_url(Corpus::section_of_part(i / kPagesPerPart)) + ")";
    if (i > 0) b += "; read [" + Corpus::page_title(i - 1) + "](" + Corpus::page_url(i - 1) + ") first";
    b += ".\n\n";

    const size_t first = rng.below(std::size(kHeadings));
    b += "## " + std::string(kHeadings[first]) + "\n\n" + paragraph(rng, c, i, 4, 1) + "\n";

    b += "## " + std::string(kHeadings[(first + 1) % std::size(kHeadings)]) + "\n\n";
    const int steps = 4 + static_cast<int>(rng.below(4));
    for (int s = 1; s <= steps; ++s) {
        std::string item = sentence(rng, 6, 14);
        if (s == 2) {
            item.pop_back();
            item += " (see " + link_to_page(rng, c, i) + ").";
        }
        b += std::to_string(s) + ". " + item + "\n";
    }
    b += "\n" + paragraph(rng, c, i, 2, 0) + "\n";

    b += "## " + std::string(kHeadings[(first + 2) % std::size(kHeadings)]) + "\n\n";
    b += "| Evidence | Grade | Weight | Notes |\n| --- | --- | ---: | --- |\n";
    const int rows = 4 + static_cast<int>(rng.below(3));
    for (int r = 0; r < rows; ++r) {
        std::string note = sentence(rng, 3, 7);
        note.pop_back();
        b += "| " + std::string(rng.pick(kEvidence)) + " | " + std::string(rng.pick(kGrades)) + " | " +
             std::to_string(1 + rng.below(20)) + " | " + note + " |\n";
    }
    b += "\n" + paragraph(rng, c, i, 3, 1) + "\n";

    b += "### " + std::string(kHeadings[(first + 3) % std::size(kHeadings)]) + "\n\n";
    b += paragraph(rng, c, i, 3 + static_cast<int>(rng.below(3)), 2);
    return b;
}

int usage() {
    std::cerr << "usage: make_corpus --pages N --out DIR\n"
                 "  writes DIR/icips/ (an icips-site content directory) and DIR/hugo/content/\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    int pages = 0;
    fs::path out;
    for (int a = 1; a + 1 < argc; a += 2) {
        const std::string flag = argv[a];
        if (flag == "--pages")
            pages = std::atoi(argv[a + 1]);
        else if (flag == "--out")
            out = argv[a + 1];
        else
            return usage();
    }
    if (argc % 2 == 0 || pages <= 0 || out.empty()) return usage();

    const Corpus c{pages};
    const Writer w{out / "icips", out / "hugo" / "content"};
    Random rng{0x1C1B5ull * 2654435761ull};

    // Home page.
    std::string home = paragraph(rng, c, -1, 3, 0) + "\n## Sections\n\n";
    for (int s = 1; s <= kSections; ++s)
        home += "- [Section " + std::to_string(s) + ": " + Corpus::topic(s - 1) + "](" + Corpus::section_url(s) + ")\n";
    const std::string home_front = "title: \"Synthetic standards\"\ndescription: \"A synthetic corpus of " +
                                   std::to_string(pages) + " pages for benchmarking.\"\n";
    w.section("", home_front, home_front, home);

    // Top-level sections (in the main menu), each listing its parts.
    for (int s = 1; s <= kSections; ++s) {
        std::string body = paragraph(rng, c, -1, 3, 1) + "\n## Parts\n\n";
        for (int p = s - 1; p < c.parts(); p += kSections)
            body += "- [Part " + std::to_string(Corpus::number_in_section(p)) + "](" + Corpus::part_url(p) + ")\n";
        const std::string title = "title: \"Section " + std::to_string(s) + ": " + Corpus::topic(s - 1) + "\"\n";
        const std::string description = "description: \"" + sentence(rng, 8, 14) + "\"\n";
        const std::string nav = "nav: \"" + Corpus::topic(s - 1) + "\"\n";
        w.section("section-" + std::to_string(s), title + description + nav + "order: " + std::to_string(s) + "\n",
                  title + description + "weight: " + std::to_string(s) + "\n", body);
    }

    // Parts, each listing its pages.
    for (int p = 0; p < c.parts(); ++p) {
        std::string body = paragraph(rng, c, -1, 2, 1) + "\n## Pages\n\n";
        for (int i = p * kPagesPerPart; i < std::min(pages, (p + 1) * kPagesPerPart); ++i)
            body += std::to_string(i - p * kPagesPerPart + 1) + ". [" + Corpus::page_title(i) + "](" +
                    Corpus::page_url(i) + ")\n";
        const std::string front = "title: \"Part " + std::to_string(Corpus::number_in_section(p)) + " of section " +
                                  std::to_string(Corpus::section_of_part(p)) + "\"\ndescription: \"" +
                                  sentence(rng, 8, 14) + "\"\n";
        w.section(Corpus::part_url(p).substr(1), front, front, body);
    }

    // The pages, in one sequence (`order` for icips-site, `weight` for Hugo).
    for (int i = 0; i < pages; ++i) {
        const std::string front = "title: \"" + Corpus::page_title(i) + "\"\ndescription: \"" + sentence(rng, 10, 18) + "\"\n";
        const std::string order = std::to_string(100 + i) + "\n";
        const std::string file = Corpus::page_url(i).substr(1);
        w.page(file.substr(0, file.size() - 1) + ".md", front + "order: " + order, front + "weight: " + order,
               page_body(rng, c, i));
    }
    std::cout << "make_corpus: " << pages << " pages, " << c.parts() << " parts in " << kSections
              << " sections, home: " << out.string() << "/{icips,hugo/content}\n";
    return 0;
}
