// `icips-site pdf`: prints the print pages of a built site with Debian's headless Chromium, which
// honours the theme's print styles (@page size and margins, the running footer, page breaks):
//   /packs/<id>/print/          -> <out>/packs/<id>.pdf
//   /standards/print/           -> <out>/standards.pdf
//   /grades/<id>/checklist/     -> <out>/grades/<id>/checklist.pdf
// Each page is printed again until its contents' page numbers (read from the PDF's named
// destinations with poppler's pdfinfo) and its page breaks settle; the PDFs are tagged and have a
// document outline from the headings.
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
    int timeout_seconds = 120;                  // per pass of each PDF
};

struct PdfReport {
    std::vector<std::filesystem::path> written;
    std::string error;  // empty on success
};

PdfReport print_pdfs(const PdfOptions& options, std::ostream& log);

}  // namespace icips::print
