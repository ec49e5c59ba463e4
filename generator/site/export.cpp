#include "site/export.h"

#include "content/urls.h"

#include <nlohmann/json.hpp>

namespace icips::site {

using nlohmann::ordered_json;

namespace {

ordered_json items_json(const std::vector<content::Item>& items, const std::string& url, const std::string& parent) {
    ordered_json list = ordered_json::array();
    for (const auto& item : items) {
        const std::string anchor = content::item_anchor(parent, item.id);
        ordered_json j;
        j["id"] = item.id;
        j["label"] = item.label;
        j["text"] = item.text;
        j["url"] = url + "#" + anchor;
        j["items"] = items_json(item.items, url, anchor);
        list.push_back(std::move(j));
    }
    return list;
}

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

std::string standards_json(const content::SiteContent& site) {
    const auto& standards = site.standards;
    ordered_json grades = ordered_json::array();
    for (const auto& g : standards.grades) {
        ordered_json grade;
        grade["id"] = g.id;
        grade["title"] = g.title;
        grade["post_nominal"] = g.post_nominal.empty() ? ordered_json(nullptr) : ordered_json(g.post_nominal);
        grade["order"] = g.order;
        grade["professional"] = g.professional;
        grade["summary"] = g.summary;
        grade["url"] = content::grade_url(g.id);
        grade["underpinning_from"] = g.underpinning_from;
        ordered_json areas = ordered_json::array();
        for (const auto& a : standards.areas) {
            ordered_json assignments = ordered_json::array();
            for (const auto* as : standards.assignments_of(g.id, a.id)) {
                const std::string url = content::assignment_url(*as);
                ordered_json j;
                j["number"] = as->number;
                j["title"] = as->title;
                j["url"] = url;
                if (!as->text.empty()) j["text"] = as->text;
                j["items"] = items_json(as->items, url, "");
                assignments.push_back(std::move(j));
            }
            areas.push_back({{"id", a.id}, {"title", a.title}, {"url", content::area_url(a.id)},
                             {"assignments", std::move(assignments)}});
        }
        grade["areas"] = std::move(areas);
        grades.push_back(std::move(grade));
    }
    ordered_json root;
    root["title"] = site.config.title;
    root["grades"] = std::move(grades);
    return root.dump(2) + "\n";
}

std::string sitemap_xml(const content::SiteContent& site, const std::vector<std::string>& urls) {
    std::string base = site.config.base_url;
    if (!base.empty() && base.back() == '/') base.pop_back();
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const auto& url : urls) xml += "  <url><loc>" + xml_escape(base + url) + "</loc></url>\n";
    xml += "</urlset>\n";
    return xml;
}

}  // namespace icips::site
