// `icips-site diff` output: plain text for the terminal, Markdown to paste into a pull request, and
// JSON for tools. All three list the same changes in the same order.
#pragma once
#include "diff/diff.h"

#include <string>
#include <vector>

namespace icips::diff {

struct DiffReport {
    std::string from;         // the revision as given ("HEAD")
    std::string from_commit;  // its full commit id
    std::string to = "the working tree";
    std::string base_url;     // site.yaml's base_url: links become absolute when set
    std::vector<Change> changes;
};

std::string format_text(const DiffReport& report);
std::string format_markdown(const DiffReport& report);
std::string format_json(const DiffReport& report);

// Where a thing sits and what it is called: "Member › Behaviours › Assignment 2 › Item 1 (1.)".
std::string location(const Entry& e);
// The words of `text` on one line, separated by single spaces.
std::string one_line(const std::string& text);
// "1 added, 2 reworded" (or "no changes").
std::string summary_line(const Summary& s);
// The runs of a rewording with long unchanged stretches cut to `context` words either side of a
// change (the cut shown as "…"), so a one-word edit in a long page stays short.
std::vector<WordRun> excerpt(const std::vector<WordRun>& runs, size_t context = 8);

}  // namespace icips::diff
