#include "diff/format.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace icips::diff {
namespace {

using nlohmann::ordered_json;

std::string short_commit(const std::string& commit) { return commit.substr(0, 12); }

std::string link_of(const DiffReport& r, const std::string& url) {
    if (r.base_url.empty() || !url.starts_with('/')) return url;
    std::string base = r.base_url;
    if (base.ends_with('/')) base.pop_back();
    return base + url;
}

// Markdown text that shows as written: every character Markdown could read as syntax is escaped.
std::string md_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (std::string_view("\\`*_[]<>|~").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::vector<const Change*> of_type(const std::vector<Change>& changes, Change::Type type) {
    std::vector<const Change*> out;
    for (const auto& c : changes)
        if (c.type == type) out.push_back(&c);
    return out;
}

constexpr Change::Type kTypes[] = {Change::Type::added, Change::Type::removed, Change::Type::moved,
                                   Change::Type::reworded};

std::string capitalised(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

ordered_json entry_json(const DiffReport& r, const Entry& e) {
    return {{"place", e.place}, {"number", e.number}, {"name", e.name}, {"url", link_of(r, e.url)}, {"text", e.text}};
}

}  // namespace

std::string one_line(const std::string& text) {
    std::istringstream in(text);
    std::string out;
    for (std::string w; in >> w;) out += (out.empty() ? "" : " ") + w;
    return out;
}

std::string location(const Entry& e) {
    std::string out = e.place.empty() ? e.name : e.place + " › " + e.name;
    if (!e.number.empty() && e.name.find(e.number) == std::string::npos) out += " (" + e.number + ")";
    return out;
}

std::string summary_line(const Summary& s) {
    std::string out;
    auto add = [&out](size_t n, const char* what) {
        if (n == 0) return;
        out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + what;
    };
    add(s.added, "added");
    add(s.removed, "removed");
    add(s.moved, "moved");
    add(s.reworded, "reworded");
    return out.empty() ? "no changes" : out;
}

std::vector<WordRun> excerpt(const std::vector<WordRun>& runs, size_t context) {
    std::vector<WordRun> out;
    for (size_t i = 0; i < runs.size(); ++i) {
        if (runs[i].op != WordRun::Op::keep) {
            out.push_back(runs[i]);
            continue;
        }
        std::vector<std::string> words;
        std::istringstream in(runs[i].text);
        for (std::string w; in >> w;) words.push_back(w);
        const bool first = i == 0, last = i + 1 == runs.size();
        const size_t keep_head = first ? 0 : context, keep_tail = last ? 0 : context;
        if (words.size() <= keep_head + keep_tail + 1) {
            out.push_back(runs[i]);
            continue;
        }
        std::string text;
        for (size_t k = 0; k < keep_head; ++k) text += words[k] + " ";
        text += "…";
        for (size_t k = words.size() - keep_tail; k < words.size(); ++k) text += " " + words[k];
        out.push_back({WordRun::Op::keep, text});
    }
    return out;
}

std::string format_text(const DiffReport& r) {
    std::ostringstream out;
    out << "Changes from " << r.from << " (" << short_commit(r.from_commit) << ") to " << r.to << ": "
        << summary_line(summarise(r.changes)) << "\n";
    for (const auto& c : r.changes) {
        const Entry& e = c.current();
        std::string type = to_string(c.type);
        if (c.also_reworded) type += ", reworded";
        out << "\n" << type << ": " << e.kind << " " << location(e) << "\n";
        if (c.type == Change::Type::moved)
            out << "  was: " << location(c.before) << "  " << link_of(r, c.before.url) << "\n  now: " << location(c.after)
                << "  " << link_of(r, c.after.url) << "\n";
        else
            out << "  " << link_of(r, e.url) << "\n";
        if (c.type == Change::Type::added || c.type == Change::Type::removed) {
            out << "  " << (c.type == Change::Type::added ? "+ " : "- ") << one_line(e.text) << "\n";
        } else if (!c.words.empty()) {
            out << "  ";
            bool first = true;
            for (const auto& w : excerpt(c.words)) {
                out << (first ? "" : " ");
                first = false;
                if (w.op == WordRun::Op::keep) out << w.text;
                else if (w.op == WordRun::Op::insert) out << "{+" << w.text << "+}";
                else out << "[-" << w.text << "-]";
            }
            out << "\n";
        }
    }
    return out.str();
}

std::string format_markdown(const DiffReport& r) {
    std::ostringstream out;
    out << "## Content changes since `" << r.from << "` (" << short_commit(r.from_commit) << ")\n\n"
        << capitalised(summary_line(summarise(r.changes))) << ", compared with " << r.to << ".\n";
    const bool any_words = std::any_of(r.changes.begin(), r.changes.end(), [](const Change& c) { return !c.words.empty(); });
    if (any_words) out << "\nIn rewordings, deleted words are ~~struck through~~ and inserted words **bold**.\n";
    for (const Change::Type type : kTypes) {
        const auto list = of_type(r.changes, type);
        if (list.empty()) continue;
        out << "\n### " << capitalised(to_string(type)) << " (" << list.size() << ")\n\n";
        for (const Change* c : list) {
            const Entry& e = c->current();
            const std::string link = type == Change::Type::removed ? md_escape(location(e))
                                                                   : "[" + md_escape(location(e)) + "](" + link_of(r, e.url) + ")";
            out << "- " << link;
            if (type == Change::Type::moved) {
                out << ", was " << md_escape(location(c->before)) << " (" << link_of(r, c->before.url) << ")";
                if (c->also_reworded) out << ", and reworded";
            }
            if (type == Change::Type::removed) out << " (was " << link_of(r, e.url) << ")";
            out << "\n";
            if (type == Change::Type::added || type == Change::Type::removed) {
                if (!one_line(e.text).empty()) out << "  > " << md_escape(one_line(e.text)) << "\n";
            } else if (!c->words.empty()) {
                out << "  > ";
                bool first = true;
                for (const auto& w : excerpt(c->words)) {
                    out << (first ? "" : " ");
                    first = false;
                    if (w.op == WordRun::Op::keep) out << md_escape(w.text);
                    else if (w.op == WordRun::Op::insert) out << "**" << md_escape(w.text) << "**";
                    else out << "~~" << md_escape(w.text) << "~~";
                }
                out << "\n";
            }
        }
    }
    return out.str();
}

std::string format_json(const DiffReport& r) {
    const Summary s = summarise(r.changes);
    ordered_json changes = ordered_json::array();
    for (const auto& c : r.changes) {
        ordered_json j = {{"change", to_string(c.type)}, {"reworded", c.type == Change::Type::reworded || c.also_reworded},
                          {"kind", c.current().kind}, {"id", c.current().key}};
        j["before"] = c.type == Change::Type::added ? ordered_json(nullptr) : entry_json(r, c.before);
        j["after"] = c.type == Change::Type::removed ? ordered_json(nullptr) : entry_json(r, c.after);
        ordered_json words = ordered_json::array();
        for (const auto& w : c.words)
            words.push_back({{"op", w.op == WordRun::Op::keep ? "keep" : w.op == WordRun::Op::insert ? "insert" : "delete"},
                             {"text", w.text}});
        j["words"] = words;
        changes.push_back(std::move(j));
    }
    ordered_json doc = {{"from", {{"revision", r.from}, {"commit", r.from_commit}}},
                        {"to", r.to},
                        {"summary", {{"added", s.added}, {"removed", s.removed}, {"moved", s.moved}, {"reworded", s.reworded}}},
                        {"changes", changes}};
    return doc.dump(2) + "\n";
}

}  // namespace icips::diff
