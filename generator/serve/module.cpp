// The module's side: hands the binary the entry points (everything else in it is hidden).
#include "serve/module.h"

extern "C" __attribute__((visibility("default"))) const icips::serve::ServerModule* icips_server_module() {
    static const icips::serve::ServerModule module{&icips::serve::run_serve, &icips::print::print_pdfs};
    return &module;
}
