#include "site/export.h"

namespace icips::site {

using nlohmann::ordered_json;

ordered_json notes_json(const std::vector<content::Note>& notes) {
    ordered_json list = ordered_json::array();
    for (const auto& n : notes) list.push_back(n.text);
    return list;
}

namespace {

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
