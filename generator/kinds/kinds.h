// The kinds of content in one list (kinds.cpp), and each step of the build run over all of them,
// in the list's order.
#pragma once
#include "kinds/kind.h"

#include <filesystem>
#include <string>
#include <vector>

namespace icips::kinds {

// Standards, packs, maturity models, prose pages.
const std::vector<const Kind*>& all();

// Loads site.yaml and every kind (the kinds at the same time), and reports every error of every
// file at once, in the list's order whatever the timing. Then the menu, the pages' reading order
// and the sections (content::index_pages, sections).
content::SiteContent load_content(const std::filesystem::path& content_dir, std::vector<content::Diagnostic>& errors);

// Loads the kinds with a content folder (the YAML models) alone into `into`, and their sections:
// what serve reloads when one of their files changes (content::swap_models swaps them in).
void load_models(const std::filesystem::path& content_dir, content::SiteContent& into,
                 std::vector<content::Diagnostic>& errors);

// Whether `file` is a YAML file in a kind's content folder.
bool is_model_file(const std::filesystem::path& file, const std::filesystem::path& content_dir);

// Every template the pages use: the layout's and history pages' (render::template_names) and every
// kind's.
std::vector<std::string> template_names();

// The menu's and the search page's sections of every kind.
std::vector<content::SiteSection> sections(const content::SiteContent& site);

// Every kind's pages, in the list's order.
std::vector<site::PlannedPage> plan(const content::SiteContent& site, std::vector<content::Diagnostic>& errors);

// Every kind's JSON export files.
std::vector<JsonFile> json_files(const content::SiteContent& site);

// Every kind's search entries after the prose pages' (site/search_index.h).
void search_entries(const content::SiteContent& site, site::SearchIndexer& out);

// Every entry of the model for comparing versions (diff/diff.h), in site order.
std::vector<diff::Entry> diff_entries(const content::SiteContent& site);

// The groups of /editorial-notes/.
render::DataList note_groups(const content::SiteContent& site);

}  // namespace icips::kinds
