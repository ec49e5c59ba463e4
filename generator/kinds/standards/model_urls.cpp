#include "kinds/standards/model.h"

#include <string>

namespace icips::content {

std::string grade_url(std::string_view grade) { return "/grades/" + std::string(grade) + "/"; }

std::string area_url(std::string_view area) { return "/areas/" + std::string(area) + "/"; }

std::string assignment_url(const Assignment& a) {
    return grade_url(a.grade) + a.area + "/" + std::to_string(a.number) + "/";
}

std::string item_anchor(std::string_view parents_anchor, std::string_view id) {
    return (parents_anchor.empty() ? std::string("item") : std::string(parents_anchor)) + "-" + std::string(id);
}

}  // namespace icips::content
