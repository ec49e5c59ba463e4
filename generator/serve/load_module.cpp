// The binary's side: dlopen the module beside the executable.
#include "serve/module.h"

#include <dlfcn.h>

#include <stdexcept>
#include <string>

namespace icips::serve {

const ServerModule& load_server_module(const std::filesystem::path& binary) {
    static const ServerModule* loaded = nullptr;
    if (loaded) return *loaded;
    const std::filesystem::path file = binary.parent_path() / kServerModuleFile;
    void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = ::dlerror();
        throw std::runtime_error("cannot load the preview server and PDF module " + file.string() + ": " +
                                 (why ? why : "unknown error") + " (it is built beside the binary by `make`)");
    }
    auto entry = reinterpret_cast<const ServerModule* (*)()>(::dlsym(handle, "icips_server_module"));
    if (!entry) throw std::runtime_error(file.string() + " is not icips-site's server module (no icips_server_module)");
    loaded = entry();
    return *loaded;
}

}  // namespace icips::serve
