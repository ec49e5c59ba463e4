// A loaded YAML document as a compact, read-only tree. yaml-cpp parses the text and reports each
// node as an event; the tree keeps what the loaders read: the kind of each node, its scalar text,
// its children and its position. Aliases point at the node they name, as in yaml-cpp's own tree.
//
// Why not yaml-cpp's YAML::Node: that tree cannot be stored and read back with its positions, and
// a stored tree is what lets a rebuild skip yaml-cpp's scanner for files that did not change
// (YamlCache). Looking a key up here also allocates nothing.
#pragma once
#include <yaml-cpp/mark.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace icips::content {

enum class YamlKind : std::uint8_t { null, scalar, sequence, map };

class YamlDoc;

// A node of a YamlDoc, or an undefined node (a key that is absent). Cheap to copy; it does not own
// its document, which must outlive it. The member names follow YAML::Node's.
class YamlNode {
public:
    YamlNode() = default;  // undefined
    static YamlNode empty_sequence();

    bool IsDefined() const { return doc_ != nullptr || empty_sequence_; }
    explicit operator bool() const { return IsDefined(); }
    bool IsNull() const { return doc_ && kind() == YamlKind::null; }
    bool IsScalar() const { return doc_ && kind() == YamlKind::scalar; }
    bool IsSequence() const { return empty_sequence_ || (doc_ && kind() == YamlKind::sequence); }
    bool IsMap() const { return doc_ && kind() == YamlKind::map; }

    // The text of a scalar; "" for any other node.
    const std::string& Scalar() const;
    // 0-based line, column and byte offset, as yaml-cpp reports them; is_null() for an undefined node
    // and for the null root of an empty document.
    YAML::Mark Mark() const;
    // Children of a sequence, key-value pairs of a mapping; 0 otherwise.
    std::size_t size() const;
    // The value of the first key equal to `key` in a mapping; undefined when absent or not a mapping.
    YamlNode operator[](std::string_view key) const;
    // The element `i` of a sequence; undefined when out of range or not a sequence.
    YamlNode operator[](std::size_t i) const;
    // The same node of the same document (an alias and its anchor are the same node).
    bool is(const YamlNode& other) const { return doc_ == other.doc_ && index_ == other.index_ && IsDefined(); }

    // Iterating gives the elements of a sequence, or for a mapping entries whose `first` is the key
    // and `second` the value.
    struct Entry;
    class iterator;
    iterator begin() const;
    iterator end() const;

private:
    friend class YamlDoc;
    YamlNode(const YamlDoc* doc, std::uint32_t index) : doc_(doc), index_(index) {}
    YamlKind kind() const;
    bool has_children() const { return doc_ && (kind() == YamlKind::sequence || kind() == YamlKind::map); }

    const YamlDoc* doc_ = nullptr;
    std::uint32_t index_ = 0;
    bool empty_sequence_ = false;
};

struct YamlNode::Entry : YamlNode {
    YamlNode first, second;
};

class YamlNode::iterator {
public:
    Entry operator*() const;
    iterator& operator++() {
        at_ += map_ ? 2 : 1;
        return *this;
    }
    bool operator==(const iterator& other) const { return at_ == other.at_; }

private:
    friend class YamlNode;
    iterator(const YamlDoc* doc, std::uint32_t at, bool map) : doc_(doc), at_(at), map_(map) {}
    const YamlDoc* doc_ = nullptr;
    std::uint32_t at_ = 0;  // position in the document's child list
    bool map_ = false;
};

class YamlDoc {
public:
    // Parses `text` with yaml-cpp. Throws YAML::ParserException on a syntax error. A text without a
    // document gives a null root.
    static std::shared_ptr<const YamlDoc> parse(std::string_view text);

    YamlNode root() const { return {this, 0}; }

    // The tree as bytes, and back. from_bytes checks every count and index, and gives nullptr for
    // bytes that do not hold a whole, consistent tree.
    void append_bytes(std::string& out) const;
    static std::shared_ptr<const YamlDoc> from_bytes(std::string_view bytes);

private:
    friend class YamlNode;
    friend class YamlNode::iterator;
    friend class YamlTreeBuilder;

    struct Node {
        YamlKind kind = YamlKind::null;
        YAML::Mark mark = YAML::Mark::null_mark();
        std::uint32_t first = 0;  // scalar: index into scalars_; collection: into children_
        std::uint32_t count = 0;  // collection: children (a mapping's keys and values, alternating)
    };
    std::vector<Node> nodes_;  // nodes_[0] is the root
    std::vector<std::uint32_t> children_;
    std::vector<std::string> scalars_;
};

}  // namespace icips::content
