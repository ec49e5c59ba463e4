// Editorial notes as the pages list them: /editorial-notes/ (one group per part of the content, each
// kind adding its own with Kind::notes), the standards booklet and an assignment's own notes.
#pragma once
#include "render/frame.h"

#include <string>
#include <vector>

namespace icips::render {

// Notes about one thing, and the link to it.
struct NoteEntry {
    Link about;
    const std::vector<content::Note>* notes;
};


// The notes as Markdown made inline HTML, one list entry each.
Data notes_data(const std::vector<content::Note>& notes);

// A group of /editorial-notes/ under `heading`: one entry per thing noted, anchored so that its
// markers elsewhere can link to it (content::note_anchor); entries about one URL are merged (the
// notes of a question's boxes and table headings join the question's entry).
Data note_group(const std::string& heading, const std::vector<NoteEntry>& entries);

}  // namespace icips::render
