#include "content/urls.h"

namespace icips::content {

std::string grade_url(std::string_view grade) { return "/grades/" + std::string(grade) + "/"; }

std::string area_url(std::string_view area) { return "/areas/" + std::string(area) + "/"; }

std::string assignment_url(const Assignment& a) {
    return grade_url(a.grade) + a.area + "/" + std::to_string(a.number) + "/";
}

std::string item_anchor(std::string_view parents_anchor, std::string_view id) {
    return (parents_anchor.empty() ? std::string("item") : std::string(parents_anchor)) + "-" + std::string(id);
}

std::string note_anchor(std::string_view about) {
    std::string out = "note";
    for (char c : about) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
        else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if (out.back() != '-') out += '-';
    }
    if (out.back() == '-') out.pop_back();
    return out;
}

std::string note_url(std::string_view about) { return std::string(kEditorialNotesUrl) + "#" + note_anchor(about); }

std::string pack_url(std::string_view pack) { return "/packs/" + std::string(pack) + "/"; }

std::string worksheet_url(std::string_view pack, std::string_view worksheet) {
    return pack_url(pack) + std::string(worksheet) + "/";
}

std::string pack_print_url(std::string_view pack) { return pack_url(pack) + "print/"; }

std::string maturity_model_url(std::string_view model) { return std::string(kMaturityUrl) + std::string(model) + "/"; }

std::string maturity_dimension_url(std::string_view model, std::string_view dimension) {
    return maturity_model_url(model) + std::string(dimension) + "/";
}

std::string maturity_level_url(std::string_view model, int level) {
    return maturity_model_url(model) + "level-" + std::to_string(level) + "/";
}

std::string maturity_sheet_url(std::string_view model) { return maturity_model_url(model) + "sheet/"; }

std::string maturity_self_assessment_url(std::string_view model) {
    return maturity_model_url(model) + "self-assessment/";
}

std::string maturity_json_url(std::string_view model) { return "/api/maturity/" + std::string(model) + ".json"; }

std::string pack_json_url(std::string_view pack) { return "/api/packs/" + std::string(pack) + ".json"; }

std::string maturity_cell_anchor(std::string_view dimension, int level) {
    return std::string(dimension) + "-" + std::to_string(level);
}

std::string maturity_descriptor_anchor(std::string_view dimension, int level, std::string_view descriptor) {
    return maturity_cell_anchor(dimension, level) + "-" + std::string(descriptor);
}

std::string output_file_for(std::string_view url) {
    std::string file(url.substr(url.starts_with('/') ? 1 : 0));
    if (file.empty() || file.back() == '/') file += "index.html";
    return file;
}

}  // namespace icips::content
