// The preview server and PDF printing live in a module of their own, build/icips-site-server.so,
// which the binary loads only for `serve` and `pdf`. Both need cpp-httplib, and Debian's build of it
// pulls in OpenSSL, zlib and brotli: loading and relocating those took ~8 ms of every `build` and
// `check` before main() even ran, which was a sixth of the real site's whole build.
#pragma once
#include "print/pdf.h"
#include "serve/serve.h"

#include <filesystem>
#include <ostream>

namespace icips::serve {

struct ServerModule {
    int (*run_serve)(ServeOptions options, std::ostream& out, std::ostream& err);
    print::PdfReport (*print_pdfs)(const print::PdfOptions& options, std::ostream& log);
};

// The module's file name, looked for beside the binary.
inline constexpr const char* kServerModuleFile = "icips-site-server.so";

// Loads the module beside `binary` (once); throws std::runtime_error naming the file and why.
const ServerModule& load_server_module(const std::filesystem::path& binary);

}  // namespace icips::serve

// The module's one exported symbol.
extern "C" const icips::serve::ServerModule* icips_server_module();
