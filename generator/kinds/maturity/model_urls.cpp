#include "kinds/maturity/model.h"

#include <string>

namespace icips::content {

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

std::string maturity_cell_anchor(std::string_view dimension, int level) {
    return std::string(dimension) + "-" + std::to_string(level);
}

std::string maturity_descriptor_anchor(std::string_view dimension, int level, std::string_view descriptor) {
    return maturity_cell_anchor(dimension, level) + "-" + std::string(descriptor);
}

}  // namespace icips::content
