#include "content/yaml_tree.h"

#include "content/bytes.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <cstring>
#include <istream>
#include <streambuf>

namespace icips::content {

namespace {

const std::string& empty_text() {
    static const std::string empty;
    return empty;
}

// yaml-cpp reads from a stream; this one reads the caller's text where it is, without a copy.
class TextBuffer : public std::streambuf {
public:
    explicit TextBuffer(std::string_view text) {
        char* begin = const_cast<char*>(text.data());  // only ever read
        setg(begin, begin, begin + text.size());
    }
};

}  // namespace

// Builds a YamlDoc from yaml-cpp's parse events, the way yaml-cpp's own NodeBuilder builds its
// tree: an anchored node is registered when it starts, so an alias inside it refers to it (a loop
// that check_yaml_structure reports).
class YamlTreeBuilder : public YAML::EventHandler {
public:
    explicit YamlTreeBuilder(YamlDoc& doc) : doc_(doc) { anchors_.push_back(0); }  // anchors count from 1

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { add(YamlKind::null, mark, anchor); }
    void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override { attach(anchors_.at(anchor)); }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
        const std::uint32_t index = add(YamlKind::scalar, mark, anchor);
        doc_.nodes_[index].first = static_cast<std::uint32_t>(doc_.scalars_.size());
        doc_.scalars_.push_back(value);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(YamlKind::sequence, mark, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(YamlKind::map, mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    std::uint32_t add(YamlKind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
        const auto index = static_cast<std::uint32_t>(doc_.nodes_.size());
        doc_.nodes_.push_back({kind, mark, 0, 0});
        if (anchor) {
            if (anchors_.size() <= anchor) anchors_.resize(anchor + 1, 0);
            anchors_[anchor] = index;
        }
        attach(index);
        return index;
    }
    // The node becomes the next child of the open collection (the root when none is open).
    void attach(std::uint32_t index) {
        if (!open_.empty()) pending_.push_back(index);
    }
    void open(YamlKind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
        const std::uint32_t index = add(kind, mark, anchor);
        open_.push_back({index, pending_.size()});
    }
    // A collection's children are stored together once it ends; nested ones end first.
    void close() {
        const auto [index, from] = open_.back();
        open_.pop_back();
        auto& node = doc_.nodes_[index];
        node.first = static_cast<std::uint32_t>(doc_.children_.size());
        node.count = static_cast<std::uint32_t>(pending_.size() - from);
        doc_.children_.insert(doc_.children_.end(), pending_.begin() + static_cast<std::ptrdiff_t>(from), pending_.end());
        pending_.resize(from);
    }

    YamlDoc& doc_;
    std::vector<std::uint32_t> anchors_;  // anchor number -> node
    std::vector<std::pair<std::uint32_t, std::size_t>> open_;  // open collections: node, first pending child
    std::vector<std::uint32_t> pending_;  // children of the open collections, innermost last
};

std::shared_ptr<const YamlDoc> YamlDoc::parse(std::string_view text) {
    auto doc = std::make_shared<YamlDoc>();
    TextBuffer buffer(text);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    YamlTreeBuilder builder(*doc);
    parser.HandleNextDocument(builder);
    if (doc->nodes_.empty()) doc->nodes_.push_back({});  // no document: a null root, as yaml-cpp gives
    return doc;
}

YamlKind YamlNode::kind() const { return doc_->nodes_[index_].kind; }

YamlNode YamlNode::empty_sequence() {
    YamlNode node;
    node.empty_sequence_ = true;
    return node;
}

const std::string& YamlNode::Scalar() const {
    return IsScalar() ? doc_->scalars_[doc_->nodes_[index_].first] : empty_text();
}

YAML::Mark YamlNode::Mark() const { return doc_ ? doc_->nodes_[index_].mark : YAML::Mark::null_mark(); }

std::size_t YamlNode::size() const {
    if (!doc_) return 0;
    const auto& node = doc_->nodes_[index_];
    switch (node.kind) {
        case YamlKind::sequence: return node.count;
        case YamlKind::map: return node.count / 2;
        default: return 0;
    }
}

YamlNode YamlNode::operator[](std::string_view key) const {
    if (!IsMap()) return {};
    const auto& node = doc_->nodes_[index_];
    for (std::uint32_t at = node.first, end = node.first + node.count; at + 1 < end; at += 2) {
        const YamlNode k{doc_, doc_->children_[at]};
        if (k.IsScalar() && k.Scalar() == key) return {doc_, doc_->children_[at + 1]};
    }
    return {};
}

YamlNode YamlNode::operator[](std::size_t i) const {
    if (!doc_ || kind() != YamlKind::sequence || i >= doc_->nodes_[index_].count) return {};
    return {doc_, doc_->children_[doc_->nodes_[index_].first + i]};
}

YamlNode::iterator YamlNode::begin() const {
    if (!has_children()) return {nullptr, 0, false};
    return {doc_, doc_->nodes_[index_].first, IsMap()};
}

YamlNode::iterator YamlNode::end() const {
    if (!has_children()) return {nullptr, 0, false};
    const auto& node = doc_->nodes_[index_];
    return {doc_, node.first + node.count, IsMap()};
}

YamlNode::Entry YamlNode::iterator::operator*() const {
    Entry entry;
    if (map_) {
        entry.first = {doc_, doc_->children_[at_]};
        entry.second = {doc_, doc_->children_[at_ + 1]};
    } else {
        static_cast<YamlNode&>(entry) = {doc_, doc_->children_[at_]};
    }
    return entry;
}

// --- bytes ---
// Layout, little-endian as the machine stores it (the bytes never leave it): node, child and scalar
// counts; per node its kind, mark (pos, line, column), first and count; the child indexes; each
// scalar as its length and bytes.

void YamlDoc::append_bytes(std::string& out) const {
    bytes::put(out, static_cast<std::uint32_t>(nodes_.size()));
    bytes::put(out, static_cast<std::uint32_t>(children_.size()));
    bytes::put(out, static_cast<std::uint32_t>(scalars_.size()));
    for (const auto& node : nodes_) {
        bytes::put(out, static_cast<std::uint8_t>(node.kind));
        bytes::put(out, static_cast<std::int32_t>(node.mark.pos));
        bytes::put(out, static_cast<std::int32_t>(node.mark.line));
        bytes::put(out, static_cast<std::int32_t>(node.mark.column));
        bytes::put(out, node.first);
        bytes::put(out, node.count);
    }
    if (!children_.empty())
        out.append(reinterpret_cast<const char*>(children_.data()), children_.size() * sizeof(std::uint32_t));
    for (const auto& scalar : scalars_) bytes::put_sized(out, scalar);
}

std::shared_ptr<const YamlDoc> YamlDoc::from_bytes(std::string_view data) {
    bytes::Reader in{data};
    const auto node_count = in.get<std::uint32_t>();
    const auto child_count = in.get<std::uint32_t>();
    const auto scalar_count = in.get<std::uint32_t>();
    // Each node takes 21 bytes, each child 4 and each scalar at least 4: counts the bytes cannot
    // hold are refused before anything is allocated for them.
    if (!in.ok || node_count == 0 || node_count > in.bytes.size() / 21 || child_count > in.bytes.size() / 4 ||
        scalar_count > in.bytes.size() / 4)
        return nullptr;
    auto doc = std::make_shared<YamlDoc>();
    doc->nodes_.resize(node_count);
    for (auto& node : doc->nodes_) {
        const auto kind = in.get<std::uint8_t>();
        node.mark.pos = in.get<std::int32_t>();
        node.mark.line = in.get<std::int32_t>();
        node.mark.column = in.get<std::int32_t>();
        node.first = in.get<std::uint32_t>();
        node.count = in.get<std::uint32_t>();
        if (kind > static_cast<std::uint8_t>(YamlKind::map)) return nullptr;
        node.kind = static_cast<YamlKind>(kind);
        const bool collection = node.kind == YamlKind::sequence || node.kind == YamlKind::map;
        if (collection && (node.first > child_count || node.count > child_count - node.first)) return nullptr;
        if (node.kind == YamlKind::map && node.count % 2 != 0) return nullptr;
        if (node.kind == YamlKind::scalar && node.first >= scalar_count) return nullptr;
    }
    const auto children = in.take(std::size_t{child_count} * sizeof(std::uint32_t));
    if (!in.ok) return nullptr;
    doc->children_.resize(child_count);
    if (child_count > 0) std::memcpy(doc->children_.data(), children.data(), children.size());
    for (const auto child : doc->children_)
        if (child >= node_count) return nullptr;
    doc->scalars_.reserve(scalar_count);
    for (std::uint32_t i = 0; i < scalar_count; ++i) {
        const auto text = in.take_sized();
        if (!in.ok) return nullptr;
        doc->scalars_.emplace_back(text);
    }
    if (!in.bytes.empty()) return nullptr;
    return doc;
}

}  // namespace icips::content
