// One fuzz input as content, shared by the libFuzzer target (content_fuzzer.cpp) and the replay of
// its crashing inputs in `make test` (fuzz_regressions_test.cpp).
//
// The first byte picks which file of a small, valid content tree the remaining bytes replace: site.yaml,
// grades.yaml, areas.yaml, an assignment file, a worksheet pack, a maturity model or a Markdown page
// (front matter + body). The tree is loaded with load_content, every diagnostic is formatted, the
// file is put back, and the same bytes are rendered as Markdown (block and inline, with and without
// raw HTML).
#pragma once
#include "content/site_content.h"
#include "kinds/kinds.h"
#include "markdown/markdown.h"

#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace icips::fuzz {

struct FuzzFile {
    const char* path;  // relative to the content folder
    const char* text;  // its valid contents
};

inline constexpr std::array<FuzzFile, 7> kFuzzFiles{{
    {"site.yaml", "title: Standards\nbase_url: https://example.org/\n"},
    {"standards/grades.yaml",
     "grades:\n  - id: member\n    title: Member\n    order: 1\n    underpinning_from: [member]\n"
     "  - id: fellow\n    title: Fellow\n    order: 2\n    underpinning_from: [member, fellow]\n"},
    {"standards/areas.yaml", "areas:\n  - id: underpinning-knowledge\n    number: 1\n    title: Underpinning knowledge\n"},
    {"standards/underpinning-knowledge/member.yaml",
     "assignments:\n  - number: 1\n    title: History\n    items:\n      - label: \"1.\"\n        text: One\n"
     "        items:\n          - label: \"a)\"\n            text: Sub\n"},
    {"packs/pack.yaml",
     "title: Pack\nsource: Publisher\nscales:\n  - id: ynp\n    options: [\"Yes\", \"No\"]\nsections:\n"
     "  - id: intro\n    title: Introduction\n    worksheets:\n      - id: ws\n        title: Worksheet\n"
     "        questions:\n          - id: a\n            text: Why?\n            kind: scale\n            scale: ynp\n"},
    {"maturity/model.yaml",
     "title: Matrix\nsource: Publisher\nlicence: Licence\nlevels:\n  - number: 1\n    title: Low\n"
     "  - number: 2\n    title: High\ndimensions:\n  - id: lead\n    title: Leadership\n    cells:\n"
     "      - level: 1\n        descriptors: [\"Low.\"]\n      - level: 2\n        descriptors: [\"High.\"]\n"},
    {"about.md", "---\ntitle: About\nnav: About\norder: 1\n---\nBody with a [link](/grades/member/).\n"},
}};

inline void write_file(const std::filesystem::path& file, std::string_view text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary | std::ios::trunc).write(text.data(), static_cast<std::streamsize>(text.size()));
}

// The valid tree, made once per process in a folder of its own (in memory when /dev/shm exists) and
// removed when the process exits.
inline const std::filesystem::path& fuzz_tree() {
    struct Tree {
        std::filesystem::path dir;
        Tree() {
            const std::filesystem::path base = std::filesystem::is_directory("/dev/shm")
                                                   ? std::filesystem::path("/dev/shm")
                                                   : std::filesystem::temp_directory_path();
            dir = base / ("icips-fuzz-" + std::to_string(::getpid()));
            std::filesystem::remove_all(dir);
            for (const auto& f : kFuzzFiles) write_file(dir / f.path, f.text);
        }
        ~Tree() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    };
    static const Tree tree;
    return tree.dir;
}

inline void load_as_content(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return;
    const FuzzFile& target = kFuzzFiles[data[0] % kFuzzFiles.size()];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const std::filesystem::path file = fuzz_tree() / target.path;
    write_file(file, text);
    std::vector<content::Diagnostic> errors;
    const content::SiteContent site = kinds::load_content(fuzz_tree(), errors);
    std::size_t length = 0;
    for (const auto& d : errors) length += format(d).size();
    write_file(file, target.text);

    length += markdown::to_html(text).size() + markdown::to_inline_html(text).size();
    markdown::Options raw;
    raw.allow_raw_html = true;
    length += markdown::to_html(text, raw).size();
    (void)site;
    (void)length;
}

}  // namespace icips::fuzz
