// Comparing two versions of the content model by stable id: grades, areas, assignments, items, packs,
// sections, worksheets, questions, maturity models, levels, dimensions, descriptors and prose pages
// that were added, removed, moved (same thing at a new place or number) or reworded (with the words
// inserted and deleted). Reading a version from Git is in history.h; printing in format.h.
#pragma once
#include "content/site_content.h"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace icips::diff {

// One thing of the model that a reader can point at.
struct Entry {
    std::string kind;    // "grade", "area", "assignment", "item", "pack", "section", "worksheet",
                         // "question", "model", "level", "dimension", "descriptor", "page"
    std::string key;     // stable identity: kind + ids, e.g. "item member/behaviours/2/1-a"
    std::string group;   // what it sits in (the key of its parent), for pairing moved things
    std::string place;   // where it sits, for people: "Member › Behaviours › Assignment 2"
    std::string number;  // its number or label where it has one: "a)", "Assignment 2", "Level 3"
    std::string name;    // what it is called: "Item 1 a)", "Worksheet: Discussion prompts"
    std::string url;     // the page and anchor that show it: "/grades/member/behaviours/2/#item-1-a"
    std::string text;    // its words (Markdown), compared word by word
};

// Every entry of a model, in site order, is each kind's (kinds::diff_entries); these help make them.
// Between the parts of Entry::place: "Member › Behaviours".
inline constexpr std::string_view kPlaceSeparator = " › ";
// The fields of a thing as one text to compare, empty fields left out.
std::string fields_text(std::initializer_list<std::string> fields);

// A word-level difference: runs of words kept, inserted or deleted.
struct WordRun {
    enum class Op { keep, insert, remove } op = Op::keep;
    std::string text;  // the words of the run, separated by single spaces
};
// The shortest edit from `before` to `after` over whitespace-separated words (LCS).
std::vector<WordRun> word_diff(const std::string& before, const std::string& after);

struct Change {
    enum class Type { added, removed, moved, reworded };
    Type type = Type::added;
    bool also_reworded = false;  // moved and reworded at once
    Entry before;                // empty for added
    Entry after;                 // empty for removed
    std::vector<WordRun> words;  // reworded: before -> after
    const Entry& current() const { return type == Type::removed ? before : after; }
};
std::string to_string(Change::Type type);

// Changes from `before` to `after`, in the order of `after` (removed things where they used to be).
// Pairing: the same key with the same words is unchanged (moved when its place or number differs);
// then the same words under another key are a move (an item renumbered, a worksheet moved to
// another section); then the same key with other words is a rewording; the rest is added or removed.
std::vector<Change> compare(const std::vector<Entry>& before, const std::vector<Entry>& after);

struct Summary {
    size_t added = 0, removed = 0, moved = 0, reworded = 0;
};
Summary summarise(const std::vector<Change>& changes);

// Git tags that mark a published version of the standards.
inline constexpr const char* kVersionTagPattern = "standards-*";

// What changed in one published version, against the version before it.
struct Version {
    std::string tag, date, previous_tag;  // previous_tag "" for the first version
    std::vector<Change> changes;
    std::string error;  // the content could not be loaded at this tag
};

}  // namespace icips::diff
