#include "diff/diff.h"

#include "content/urls.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace icips::diff {
namespace {

using namespace icips::content;

std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::istringstream in(text);
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

std::string normalised(const std::string& text) {
    std::string out;
    for (const auto& w : words_of(text)) out += (out.empty() ? "" : " ") + w;
    return out;
}

}  // namespace

std::string fields_text(std::initializer_list<std::string> fields) {
    std::string out;
    for (const auto& f : fields) {
        if (f.empty()) continue;
        if (!out.empty()) out += "\n\n";
        out += f;
    }
    return out;
}

std::vector<WordRun> word_diff(const std::string& before, const std::string& after) {
    const auto a = words_of(before), b = words_of(after);
    std::vector<WordRun> runs;
    auto push = [&runs](WordRun::Op op, const std::string& word) {
        if (!runs.empty() && runs.back().op == op) runs.back().text += " " + word;
        else runs.push_back({op, word});
    };
    // The common head and tail first: most edits touch a few words of a long text.
    size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
    for (size_t i = 0; i < head; ++i) push(WordRun::Op::keep, a[i]);
    const size_t n = a.size() - head - tail, m = b.size() - head - tail;
    if (n * m > 4'000'000) {  // too big to align word by word: the whole middle was replaced
        for (size_t i = 0; i < n; ++i) push(WordRun::Op::remove, a[head + i]);
        for (size_t j = 0; j < m; ++j) push(WordRun::Op::insert, b[head + j]);
    } else {
        // lcs[i][j]: the longest common subsequence of a[head+i..] and b[head+j..].
        std::vector<unsigned> lcs((n + 1) * (m + 1), 0);
        auto at = [&](size_t i, size_t j) -> unsigned& { return lcs[i * (m + 1) + j]; };
        for (size_t i = n; i-- > 0;)
            for (size_t j = m; j-- > 0;)
                at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[head + i] == b[head + j]) {
                push(WordRun::Op::keep, a[head + i]);
                ++i, ++j;
            } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
                push(WordRun::Op::remove, a[head + i++]);
            } else {
                push(WordRun::Op::insert, b[head + j++]);
            }
        }
    }
    for (size_t i = a.size() - tail; i < a.size(); ++i) push(WordRun::Op::keep, a[i]);
    return runs;
}

std::string to_string(Change::Type type) {
    switch (type) {
        case Change::Type::added: return "added";
        case Change::Type::removed: return "removed";
        case Change::Type::moved: return "moved";
        case Change::Type::reworded: return "reworded";
    }
    return "";
}

std::vector<Change> compare(const std::vector<Entry>& before, const std::vector<Entry>& after) {
    constexpr size_t none = static_cast<size_t>(-1);
    std::vector<size_t> match_of_before(before.size(), none), match_of_after(after.size(), none);
    std::vector<std::string> before_text(before.size()), after_text(after.size());
    for (size_t i = 0; i < before.size(); ++i) before_text[i] = normalised(before[i].text);
    for (size_t j = 0; j < after.size(); ++j) after_text[j] = normalised(after[j].text);
    std::map<std::string, size_t> before_by_key;
    for (size_t i = 0; i < before.size(); ++i) before_by_key.emplace(before[i].key, i);
    auto pair = [&](size_t i, size_t j) {
        match_of_before[i] = j;
        match_of_after[j] = i;
    };

    // 1. Same key, same words.
    for (size_t j = 0; j < after.size(); ++j)
        if (auto it = before_by_key.find(after[j].key); it != before_by_key.end() && before_text[it->second] == after_text[j])
            pair(it->second, j);
    // 2. Same kind and words under another key: moved (preferring the same group, then the nearest).
    std::map<std::pair<std::string, std::string>, std::vector<size_t>> unpaired_before;  // (kind, words) -> indexes
    for (size_t i = 0; i < before.size(); ++i)
        if (match_of_before[i] == none && !before_text[i].empty())
            unpaired_before[{before[i].kind, before_text[i]}].push_back(i);
    for (size_t j = 0; j < after.size(); ++j) {
        if (match_of_after[j] != none || after_text[j].empty()) continue;
        auto it = unpaired_before.find({after[j].kind, after_text[j]});
        if (it == unpaired_before.end() || it->second.empty()) continue;
        auto& candidates = it->second;
        auto best = std::find_if(candidates.begin(), candidates.end(),
                                 [&](size_t i) { return before[i].group == after[j].group; });
        if (best == candidates.end()) best = candidates.begin();
        pair(*best, j);
        candidates.erase(best);
    }
    // 3. Same key, other words: reworded.
    for (size_t j = 0; j < after.size(); ++j)
        if (match_of_after[j] == none)
            if (auto it = before_by_key.find(after[j].key); it != before_by_key.end() && match_of_before[it->second] == none)
                pair(it->second, j);

    // In the order of `after`; a removed thing follows what preceded it before.
    std::vector<std::pair<std::pair<long, long>, Change>> ordered;
    for (size_t j = 0; j < after.size(); ++j) {
        const size_t i = match_of_after[j];
        Change c;
        c.after = after[j];
        if (i == none) {
            c.type = Change::Type::added;
        } else {
            c.before = before[i];
            const bool moved = before[i].key != after[j].key || before[i].place != after[j].place ||
                               before[i].number != after[j].number;
            const bool reworded = before_text[i] != after_text[j];
            if (!moved && !reworded) continue;
            c.type = moved ? Change::Type::moved : Change::Type::reworded;
            c.also_reworded = moved && reworded;
            if (reworded) c.words = word_diff(before[i].text, after[j].text);
        }
        ordered.push_back({{static_cast<long>(j), -1}, std::move(c)});
    }
    long anchor = -1;
    for (size_t i = 0; i < before.size(); ++i) {
        if (match_of_before[i] != none) {
            anchor = static_cast<long>(match_of_before[i]);
            continue;
        }
        Change c;
        c.type = Change::Type::removed;
        c.before = before[i];
        ordered.push_back({{anchor, static_cast<long>(i)}, std::move(c)});
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<Change> changes;
    for (auto& [order, c] : ordered) changes.push_back(std::move(c));
    return changes;
}

Summary summarise(const std::vector<Change>& changes) {
    Summary s;
    for (const auto& c : changes) {
        switch (c.type) {
            case Change::Type::added: ++s.added; break;
            case Change::Type::removed: ++s.removed; break;
            case Change::Type::moved: ++s.moved; break;
            case Change::Type::reworded: ++s.reworded; break;
        }
    }
    return s;
}

}  // namespace icips::diff
