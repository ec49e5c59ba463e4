// The most any one content file may hold, in one place, so that no file can make a build take more
// than a few seconds or a few hundred MB. Each limit is reported at the file (and line) that passes
// it; docs/content.md ("Limits") lists them for authors.
#pragma once
#include <cstddef>

namespace icips::content {

// Bytes of one page (.md) or YAML file. The largest real file is about 36 KB.
inline constexpr std::size_t kMaxFileBytes = 2 * 1024 * 1024;

// Characters of an id, and of each folder or file name of a page (ids and names become URL parts).
inline constexpr std::size_t kMaxIdLength = 80;

// Characters of a label that many pages show: titles, menu labels, headings.
inline constexpr std::size_t kMaxLabelLength = 300;

// Characters of the site's footer (site.yaml), which every page shows.
inline constexpr std::size_t kMaxFooterLength = 2000;

// A GFM table in Markdown: columns, and cells (rows times columns). Checked before the Markdown is
// parsed (cmark-gfm's time grows much faster than a wide table).
inline constexpr std::size_t kMaxTableColumns = 100;
inline constexpr std::size_t kMaxTableCells = 50000;

// Emphasis and link marks (* _ ~ [ ]) in one Markdown paragraph: cmark-gfm's pairing of them grew
// much faster than the paragraph.
inline constexpr std::size_t kMaxInlineMarkers = 10000;

// Containers (block quotes and list items) nested in one another on one Markdown line.
inline constexpr std::size_t kMaxMarkdownNesting = 50;

}  // namespace icips::content
