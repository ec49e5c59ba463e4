#include "render/changes_pages.h"

#include "content/urls.h"
#include "diff/format.h"
#include "render/frame.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <set>

namespace icips::render {
namespace {

using diff::Change;
using diff::WordRun;

constexpr Change::Type kTypes[] = {Change::Type::added, Change::Type::removed, Change::Type::moved,
                                   Change::Type::reworded};

std::string type_label(const Change& c) {
    switch (c.type) {
        case Change::Type::added: return "Added";
        case Change::Type::removed: return "Removed";
        case Change::Type::moved: return c.also_reworded ? "Moved and reworded" : "Moved";
        case Change::Type::reworded: return "Reworded";
    }
    return "";
}

std::string heading_of(Change::Type type) {
    switch (type) {
        case Change::Type::added: return "Added";
        case Change::Type::removed: return "Removed";
        case Change::Type::moved: return "Moved or renumbered";
        case Change::Type::reworded: return "Reworded";
    }
    return "";
}

// The words of a rewording, every key set in every run (a missing key would be looked up in the
// enclosing change).
Data words_data(const std::vector<WordRun>& runs) {
    DataList out;
    for (const auto& w : diff::excerpt(runs)) {
        Data d;
        d.set("keep", w.op == WordRun::Op::keep);
        d.set("insert", w.op == WordRun::Op::insert);
        d.set("remove", w.op == WordRun::Op::remove);
        put(d, "text", w.text);
        out.push_back(std::move(d));
    }
    return list_of(std::move(out));
}

// One change for the change-list partial. `linkable` are the URLs (with #fragment) the site has.
Data change_data(const Change& c, const std::set<std::string>& linkable) {
    const auto& e = c.current();
    Data d;
    put(d, "type", diff::to_string(c.type));
    put(d, "type_label", type_label(c));
    put(d, "kind", e.kind);
    put(d, "location", diff::location(e));
    put(d, "url", e.url);
    d.set("has_link", c.type != Change::Type::removed && linkable.count(e.url) != 0);
    const bool moved = c.type == Change::Type::moved;
    d.set("moved", moved);
    put(d, "was", moved ? diff::location(c.before) : "");
    const bool shows_text = c.type == Change::Type::added || c.type == Change::Type::removed;
    put(d, "text", shows_text ? diff::one_line(e.text) : "");
    d.set("has_text", shows_text && !e.text.empty());
    d.set("has_words", !c.words.empty());
    put(d, "words", words_data(c.words));
    return d;
}

// The changes grouped by type, for templates: groups[] { heading, count, changes[] }.
Data groups_data(const std::vector<Change>& changes, const std::set<std::string>& linkable, int level) {
    DataList groups;
    for (const Change::Type type : kTypes) {
        DataList list;
        for (const auto& c : changes)
            if (c.type == type) list.push_back(change_data(c, linkable));
        if (list.empty()) continue;
        Data g;
        put(g, "heading", heading_of(type));
        put(g, "count", std::to_string(list.size()));
        put(g, "level", std::to_string(level));
        put(g, "changes", list_of(std::move(list)));
        groups.push_back(std::move(g));
    }
    return list_of(std::move(groups));
}

// Every URL and item anchor the current site shows, so removed and moved-away things are not linked.
// Worked out only when there are changes to link (`needed`): it copies every text of the site.
std::set<std::string> linkable_urls(const content::SiteContent& site, const SiteHistory& h, bool needed) {
    if (!needed || !h.site_urls) return {};
    return h.site_urls(site);
}

std::string html_id(const std::string& text) {
    std::string id = "v-";
    for (char c : text) id += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '-';
    return id;
}

std::string long_date(const std::string& iso) {
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    if (iso.size() != 10) return iso;
    const int month = std::atoi(iso.substr(5, 2).c_str()), day = std::atoi(iso.substr(8, 2).c_str());
    if (month < 1 || month > 12 || day < 1) return iso;
    return std::to_string(day) + " " + months[month - 1] + " " + iso.substr(0, 4);
}

std::string render_whats_changed(const Theme& theme, const content::SiteContent& site, const SiteHistory& h) {
    Frame frame{"whats-changed", std::string(kWhatsChangedUrl), "What’s changed",
                "The changes to the standards in each published version.", {{"/", "Home"}}};
    const auto linkable = linkable_urls(site, h, std::any_of(h.versions.begin(), h.versions.end(),
                                                          [](const auto& v) { return !v.changes.empty(); }));
    DataList versions;
    for (const auto& v : h.versions) {
        Data d;
        put(d, "tag", v.tag);
        put(d, "id", html_id(v.tag));
        put(d, "date", long_date(v.date));
        put(d, "iso_date", v.date);
        d.set("has_previous", !v.previous_tag.empty());
        put(d, "previous", v.previous_tag);
        put(d, "error", v.error);
        d.set("has_error", !v.error.empty());
        put(d, "summary", diff::summary_line(diff::summarise(v.changes)));
        put(d, "groups", groups_data(v.changes, linkable, 3));
        versions.push_back(std::move(d));
    }
    Data data;
    data.set("in_git", h.in_git);
    data.set("has_versions", !versions.empty());
    put(data, "pattern", diff::kVersionTagPattern);
    put(data, "versions", list_of(std::move(versions)));
    return render_page(theme, site, frame, std::move(data));
}

std::string render_changes(const Theme& theme, const content::SiteContent& site, const SiteHistory& h) {
    Frame frame{"changes", std::string(kChangesUrl), "Changes since " + h.compare,
                "Every change to the content since " + h.compare + ".", {{"/", "Home"}}};
    Data data;
    put(data, "revision", h.compare);
    put(data, "commit", h.compare_commit.substr(0, 12));
    put(data, "summary", diff::summary_line(diff::summarise(h.changes)));
    data.set("has_changes", !h.changes.empty());
    put(data, "groups", groups_data(h.changes, linkable_urls(site, h, !h.changes.empty()), 2));
    return render_page(theme, site, frame, std::move(data));
}

// A small HTML builder for the marks injected into the pages (the page's own template is done).
std::string escaped(const std::string& text) { return kainjow::mustache::html_escape<std::string>(text); }

std::string words_html(const std::vector<WordRun>& runs) {
    std::string out;
    for (const auto& w : diff::excerpt(runs)) {
        if (!out.empty()) out += ' ';
        if (w.op == WordRun::Op::keep) out += escaped(w.text);
        else if (w.op == WordRun::Op::insert)
            out += "<ins><span class=\"visually-hidden\">inserted: </span>" + escaped(w.text) + "</ins>";
        else out += "<del><span class=\"visually-hidden\">deleted: </span>" + escaped(w.text) + "</del>";
    }
    return out;
}

std::string change_note(const Change& c, const std::string& revision) {
    std::string note = "<strong>" + escaped(type_label(c)) + " since " + escaped(revision) + "</strong>";
    if (c.type == Change::Type::moved) note += " (was " + escaped(diff::location(c.before)) + ")";
    if (c.type == Change::Type::added || c.type == Change::Type::removed) note += ": " + escaped(diff::one_line(c.current().text));
    if (!c.words.empty()) note += ": " + words_html(c.words);
    return note;
}

}  // namespace

std::vector<HistoryPage> history_pages(const content::SiteContent& site, const SiteHistory& h) {
    std::vector<HistoryPage> pages;
    pages.push_back({std::string(kWhatsChangedUrl), [&site, &h](const Theme& t) { return render_whats_changed(t, site, h); }});
    if (!h.compare.empty())
        pages.push_back({std::string(kChangesUrl), [&site, &h](const Theme& t) { return render_changes(t, site, h); }});
    return pages;
}

std::string mark_changes(std::string html, const std::string& url, const SiteHistory& h, const std::string& base) {
    if (h.compare.empty() || url == kChangesUrl) return html;
    std::vector<std::string> box;  // one <li> per change on this page
    for (const auto& c : h.changes) {
        const std::string& at = c.current().url;
        const auto hash = at.find('#');
        if (at.substr(0, hash) != url) continue;
        const std::string note = change_note(c, h.compare);
        if (hash == std::string::npos || c.type == Change::Type::removed) {
            box.push_back("<li>" + escaped(c.current().name) + " — " + note + "</li>");
            continue;
        }
        // At the changed thing itself: in a list item (an item, a descriptor) after its own text and
        // before its sub-list; in anything else (a question) as its first child.
        const std::string anchor = at.substr(hash + 1);
        const auto id_at = html.find(" id=\"" + anchor + "\"");
        const auto open_end = id_at == std::string::npos ? std::string::npos : html.find('>', id_at);
        if (open_end != std::string::npos) {
            size_t where = open_end + 1;
            if (const auto tag = html.rfind('<', id_at); tag != std::string::npos && html.compare(tag, 4, "<li ") == 0)
                where = std::min(html.find("<ol", where), html.find("</li>", where));
            if (where == std::string::npos) where = open_end + 1;
            html.insert(where, "<div class=\"change-note change-" + diff::to_string(c.type) + "\">" + note + "</div>");
        }
        box.push_back("<li><a href=\"#" + escaped(anchor) + "\">" + escaped(c.current().name) + "</a> — " +
                      escaped(type_label(c)) + "</li>");
    }
    if (box.empty()) return html;
    std::string aside = "<aside class=\"changes-here\" aria-labelledby=\"changes-here-title\"><h2 id=\"changes-here-title\">"
                        "Changed since " + escaped(h.compare) + "</h2><ul>";
    for (const auto& li : box) aside += li;
    aside += "</ul><p><a href=\"" + content::with_base(base, kChangesUrl) + "\">Every change since " + escaped(h.compare) + "</a></p></aside>";
    const auto main = html.find("<main");
    if (main == std::string::npos) return html;
    auto heading_end = html.find("</h1>", main);
    const auto at = heading_end != std::string::npos ? heading_end + 5 : html.find('>', main) + 1;
    html.insert(at, aside);
    if (const auto head = html.find("</head>"); head != std::string::npos)
        html.insert(head, "<link rel=\"stylesheet\" href=\"" + content::with_base(base, "/assets/changes.css") + "\">\n");
    return html;
}

void put_last_changed(Data& data, const content::SiteContent& site, const std::vector<std::string>& files) {
    std::string newest;
    for (const auto& f : files)
        if (auto it = site.last_changed.find(f); it != site.last_changed.end() && it->second > newest) newest = it->second;
    data.set("has_last_changed", !newest.empty());
    put(data, "last_changed", newest);
    put(data, "last_changed_text", long_date(newest));
}

}  // namespace icips::render
