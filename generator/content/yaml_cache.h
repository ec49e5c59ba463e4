// YAML documents parsed by an earlier build, kept in a file and looked up by their exact text, so
// that a rebuild skips yaml-cpp for every file that did not change. yaml-cpp's scanner is most of a
// build of the real site (88 of 235 million instructions); a tree read back costs a few percent of
// that.
//
// A document is kept only when it parsed without any error, and found only when its whole text is
// the same byte for byte, so everything a loader reports or reads is what a fresh parse gives. The
// file belongs to one build of the program (it names the binary's GNU build ID): any other build
// starts afresh. A file that is missing, cut short or altered is ignored.
#pragma once
#include "content/yaml_tree.h"
#include "support/files.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace icips::content {

class YamlCache {
public:
    // Reads `file` when it is there and was written by this build of the program.
    explicit YamlCache(std::filesystem::path file);
    // The file for `content_dir` in `folder`: one per content folder, so that two content folders of
    // one repository do not drop each other's documents.
    static std::filesystem::path file_for(const std::filesystem::path& folder, const std::filesystem::path& content_dir);

    // The document whose text is `text`, when the file held it; nullptr otherwise. Thread-safe.
    std::shared_ptr<const YamlDoc> find(std::string_view text);
    // Remembers `doc`, parsed from `text` without errors. Thread-safe.
    void add(std::string_view text, std::shared_ptr<const YamlDoc> doc);

    // When something was added: writes the documents found or added since the cache was read (the
    // others are dropped), replacing the file in one step. Best effort: a folder that cannot be
    // written to only means a slower next build.
    void save();

    // How many documents find() returned and add() took.
    std::size_t hits() const;
    std::size_t additions() const;

    // The build ID of the code that parses (hex); empty when the binary has none, and then nothing
    // is read or written.
    static const std::string& program_id();

private:
    struct Stored {
        std::string_view text, tree;  // in file_
        bool used = false;
    };
    struct Added {
        std::string text;
        std::shared_ptr<const YamlDoc> doc;
    };
    std::filesystem::path path_;
    std::optional<support::MappedFile> file_;  // what an earlier build wrote
    std::unordered_multimap<std::uint64_t, Stored> stored_;  // by hash of the text
    std::vector<Added> added_;
    std::size_t hits_ = 0;
    mutable std::mutex mutex_;
};

}  // namespace icips::content
