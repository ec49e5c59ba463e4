// `icips-site pdf`: prints each worksheet pack's whole-pack page (/packs/<id>/print/) to
// <out>/packs/<id>.pdf with Debian's headless Chromium, which honours the theme's print styles
// (@page size and margins, the running footer with the pack title and page numbers).
#pragma once
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace icips::print {

struct PdfOptions {
    std::filesystem::path out_dir = "output";   // a site written by `icips-site build`
    std::string base_path;                      // its base path ("/standards"; "" at the root): served under it
    std::filesystem::path chromium;             // empty: $CHROMIUM, else /usr/bin/chromium
    int timeout_seconds = 120;                  // per pack
};

struct PdfReport {
    std::vector<std::filesystem::path> written;
    std::string error;  // empty on success
};

PdfReport print_packs(const PdfOptions& options, std::ostream& log);

}  // namespace icips::print
