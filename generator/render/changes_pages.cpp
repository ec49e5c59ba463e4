#include "render/changes_pages.h"

#include "diff/format.h"
#include "render/frame.h"

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
        d.set("first", out.empty());  // the runs are written one space apart
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

// What the change notes say (partial change-note): "Reworded since REV" and the words.
void put_note_words(Data& d, const Change& c, const std::string& revision) {
    put(d, "label", type_label(c));
    put(d, "revision", revision);
    const bool moved = c.type == Change::Type::moved;
    d.set("moved", moved);
    put(d, "was", moved ? diff::location(c.before) : "");
    const bool shows_text = c.type == Change::Type::added || c.type == Change::Type::removed;
    d.set("has_text", shows_text);
    put(d, "text", shows_text ? diff::one_line(c.current().text) : "");
    d.set("has_words", !c.words.empty());
    put(d, "words", words_data(c.words));
}

// The element id a change points at on its page ("" for the page itself); removed things have none.
std::string anchor_of(const Change& c) {
    const std::string& url = c.current().url;
    const auto hash = url.find('#');
    return hash == std::string::npos || c.type == Change::Type::removed ? std::string() : url.substr(hash + 1);
}

thread_local const ChangesOnPage* changes_on_page = nullptr;

}  // namespace

std::vector<HistoryPage> history_pages(const content::SiteContent& site, const SiteHistory& h) {
    std::vector<HistoryPage> pages;
    pages.push_back({std::string(kWhatsChangedUrl), [&site, &h](const Theme& t) { return render_whats_changed(t, site, h); }});
    if (!h.compare.empty())
        pages.push_back({std::string(kChangesUrl), [&site, &h](const Theme& t) { return render_changes(t, site, h); }});
    return pages;
}

ChangesOnPage::ChangesOnPage(const SiteHistory& h, const std::string& url) : history_(h), previous_(changes_on_page) {
    for (const auto& c : h.changes) {
        const std::string& at = c.current().url;
        if (at.compare(0, at.find('#'), url) == 0) here_.push_back(&c);
    }
    changes_on_page = this;
}

ChangesOnPage::~ChangesOnPage() { changes_on_page = previous_; }

bool put_changes_here(Data& data) {
    if (!changes_on_page || changes_on_page->here_.empty()) return false;
    const std::string& revision = changes_on_page->history_.compare;
    DataList box;
    for (const Change* c : changes_on_page->here_) {
        Data d;
        put(d, "name", c->current().name);
        const std::string anchor = anchor_of(*c);
        d.set("has_anchor", !anchor.empty());
        put(d, "anchor", anchor);
        put_note_words(d, *c, revision);
        box.push_back(std::move(d));
    }
    data.set("has_changes_here", true);
    put(data, "compare", revision);
    put(data, "changes_url", std::string(kChangesUrl));
    put(data, "changes_here", list_of(std::move(box)));
    return true;
}

void put_change(Data& d, const std::string& element_id) {
    if (!changes_on_page) return;
    const auto& here = changes_on_page->here_;
    const auto found = std::find_if(here.begin(), here.end(),
                                    [&](const Change* c) { return !element_id.empty() && anchor_of(*c) == element_id; });
    d.set("has_change", found != here.end());
    if (found == here.end()) return;
    put(d, "change_type", diff::to_string((*found)->type));
    Data note;
    put_note_words(note, **found, changes_on_page->history_.compare);
    put(d, "change", std::move(note));
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
