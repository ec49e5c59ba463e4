#include "kinds/packs/model.h"

#include <string>

namespace icips::content {

std::string pack_url(std::string_view pack) { return "/packs/" + std::string(pack) + "/"; }

std::string worksheet_url(std::string_view pack, std::string_view worksheet) {
    return pack_url(pack) + std::string(worksheet) + "/";
}

std::string pack_print_url(std::string_view pack) { return pack_url(pack) + "print/"; }

std::string pack_json_url(std::string_view pack) { return "/api/packs/" + std::string(pack) + ".json"; }

}  // namespace icips::content
