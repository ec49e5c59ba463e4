// Serving the built site's files over HTTP, for the preview server and PDF printing: request
// targets made safe to look up, MIME types, and reading files strictly below the output root.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace icips::http {

// A request target made safe to look up below the output directory.
struct RequestPath {
    int status = 200;   // 200 when accepted; 400 for a malformed or hostile path; 404 for hidden files
    std::string path;   // canonical, when accepted: percent-decoded, starts with '/', no empty, "." or
                        // ".." segments, keeps a trailing '/': "/", "/grades/member/", "/assets/site.css"
    std::string query;  // what followed '?', kept for redirects
};

// Decodes and canonicalises the target of a request line. Refuses (400) anything that is not an
// absolute path or could name something outside the output root: "." and ".." segments (also
// percent-encoded), encoded '/' (%2f), backslashes (raw or %5c), NUL and other control bytes, bad
// percent escapes and invalid UTF-8. Segments starting with '.' (.icips-site, .git) are 404.
RequestPath canonical_request_path(std::string_view target);

// The Content-Type for a file name, by extension ("text/html; charset=utf-8", "font/woff2", ...);
// application/octet-stream for anything unknown.
std::string mime_type(std::string_view file_name);

// A file looked up below the output root, refusing symlinks that lead out of it.
struct SiteFile {
    enum class Kind { File, Directory, Missing, Refused } kind = Kind::Missing;
    std::string bytes;  // the whole file, for Kind::File
    std::string name;   // the file's own name ("index.html" for "/grades/"), for its MIME type
};

// Reads the file for a canonical path: "/x/" is "/x/index.html"; "/x" naming a directory is
// Kind::Directory (the caller redirects to "/x/"); devices, sockets and anything reached through a
// symlink out of `root` are Kind::Refused. Never lists a directory.
SiteFile read_site_file(const std::filesystem::path& root, const std::string& canonical_path);

}  // namespace icips::http
