#include "render/notes.h"

#include "content/urls.h"

#include <algorithm>
#include <utility>

namespace icips::render {

Data notes_data(const std::vector<content::Note>& notes) {
    DataList list;
    for (const auto& n : notes) list.push_back(markdown_inline(n.text));
    return list_of(std::move(list));
}

Data note_group(const std::string& heading, const std::vector<NoteEntry>& entries) {
    DataList list;
    std::vector<std::pair<std::string, DataList>> merged;
    for (const auto& e : entries) {
        auto it = std::find_if(merged.begin(), merged.end(), [&](const auto& m) { return m.first == e.about.url; });
        if (it == merged.end()) {
            merged.emplace_back(e.about.url, DataList{});
            it = merged.end() - 1;
            Data d = link_data(e.about);
            put(d, "anchor", content::note_anchor(e.about.url));
            list.push_back(std::move(d));
        }
        for (const auto& n : *e.notes) it->second.push_back(markdown_inline(n.text));
    }
    for (size_t i = 0; i < merged.size(); ++i) put(list[i], "notes", list_of(std::move(merged[i].second)));
    Data g;
    put(g, "heading", heading);
    put(g, "entries", list_of(std::move(list)));
    return g;
}

}  // namespace icips::render
