// The site's stable URL scheme: the URLs of the site's own pages and files, the base path, and the
// output file of a URL. Each kind of content's URLs are in its model header
// (generator/kinds/<kind>/model.h). Documented in docs/urls.md.
#pragma once

#include <string>
#include <string_view>

namespace icips::content {

// The editorial notes about a thing at `about` (its URL, with the anchor of an item, question or
// cell): "/grades/fellow/underpinning-knowledge/2/#item-6" -> "note-grades-fellow-underpinning-knowledge-2-item-6",
// the anchor of its entry on /editorial-notes/; note_url gives that entry's URL.
std::string note_anchor(std::string_view about);
std::string note_url(std::string_view about);
inline constexpr std::string_view kEditorialNotesUrl = "/editorial-notes/";
inline constexpr std::string_view kSearchUrl = "/search/";                 // results at /search/?q=...
inline constexpr std::string_view kSearchIndexUrl = "/search-index.json";  // what /search/ searches: the shards' list
inline constexpr std::string_view kSearchShardsUrl = "/search-index/";     // the index's shards, /search-index/<k>.json

// The base path: where under its host the site is published, taken from site.yaml's base_url (or
// --base-url). Every URL the site writes is base-absolute: the base path, then the site path of
// this file ("/standards" + "/grades/member/"). The base path has no trailing slash and is "" for a
// site at the root of its host, whose URLs are the site paths themselves.
// "https://example.org/standards/" -> "/standards"; "https://example.org/" and "" -> "".
std::string base_path_of(std::string_view base_url);
// Why `base_url` cannot be the address of the site ("" when it can): it must be an http:// or
// https:// URL with a host, and a path of plain segments (letters, digits, "-", "_", ".", "~" and
// %-escapes; no "." or ".." segment, no empty one but the last), without query or fragment.
std::string base_url_problem(std::string_view base_url);
// `base_url` with a trailing slash ("https://example.org/standards" -> "https://example.org/standards/").
std::string normalized_base_url(std::string_view base_url);
// A site path under the base path: with_base("/standards", "/grades/") -> "/standards/grades/".
inline std::string with_base(std::string_view base, std::string_view site_path) {
    return std::string(base) + std::string(site_path);
}

// "/grades/member/" -> "grades/member/index.html"; "/sitemap.xml" -> "sitemap.xml".
std::string output_file_for(std::string_view url);

}  // namespace icips::content
