// The open data is complete: every text the site shows from the real content is in its JSON
// export (api/standards.json, api/packs/<id>.json, api/maturity/<id>.json), notes included.
#include "content/site_content.h"
#include "content/urls.h"
#include "kinds/kinds.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

using namespace icips::content;
using nlohmann::json;

namespace {

const SiteContent& site() {
    static const SiteContent content = [] {
        std::vector<Diagnostic> errors;
        SiteContent c = icips::kinds::load_content(ICIPS_CONTENT_DIR, errors);
        EXPECT_TRUE(errors.empty());
        return c;
    }();
    return content;
}

// The JSON file the site publishes at `url`.
std::string json_at(const std::string& url) {
    for (const auto& file : icips::kinds::json_files(site()))
        if (file.url == url) return file.bytes();
    ADD_FAILURE() << "no JSON file at " << url;
    return "{}";
}

// Every string value anywhere in the document.
void strings_of(const json& j, std::set<std::string>& out) {
    if (j.is_string()) out.insert(j.get<std::string>());
    else if (j.is_structured())
        for (const auto& v : j) strings_of(v, out);
}

struct Texts {
    std::set<std::string> in_json;
    std::vector<std::string> missing;
    size_t checked = 0;
    explicit Texts(const std::string& document) { strings_of(json::parse(document), in_json); }
    void need(const std::string& text) {
        if (text.empty()) return;
        ++checked;
        if (!in_json.count(text)) missing.push_back(text);
    }
    void need(const std::vector<Note>& notes) {
        for (const auto& n : notes) need(n.text);
    }
};

void need_items(Texts& t, const std::vector<Item>& items) {
    for (const auto& item : items) {
        t.need(item.label);
        t.need(item.text);
        t.need(item.notes);
        need_items(t, item.items);
    }
}

void need_question(Texts& t, const Question& q) {
    t.need(q.label);
    t.need(q.text);
    t.need(q.notes);
    for (const auto& o : q.options) t.need(o);
    for (const auto& b : q.boxes) {
        t.need(b.title);
        t.need(b.text);
        t.need(b.notes);
    }
    t.need(q.table.corner);
    t.need(q.table.notes);
    for (const auto* headings : {&q.table.columns, &q.table.rows})
        for (const auto& h : *headings) {
            t.need(h.title);
            t.need(h.notes);
        }
    for (const auto& f : q.follow_ups) need_question(t, f);
}

std::string missing(const Texts& t) {
    std::string out;
    for (const auto& m : t.missing) out += "\n  " + m.substr(0, 100);
    return out;
}

}  // namespace

TEST(Export, StandardsJsonHoldsEveryTextOfTheStandards) {
    const auto& s = site().standards;
    Texts t(json_at("/api/standards.json"));
    t.need(s.source);
    for (const auto& g : s.grades) {
        t.need(g.title);
        t.need(g.post_nominal);
        t.need(g.summary);
        t.need(g.notes);
    }
    for (const auto& a : s.areas) {
        t.need(a.title);
        t.need(a.summary);
        t.need(a.intro);
        t.need(a.rule);
        t.need(a.expectation);
        t.need(a.notes);
    }
    for (const auto& a : s.assignments) {
        t.need(a.title);
        t.need(a.text);
        t.need(a.notes);
        need_items(t, a.items);
    }
    EXPECT_GT(t.checked, 300u);
    EXPECT_TRUE(t.missing.empty()) << t.missing.size() << " texts missing:" << missing(t);
    // The cut-off requirement travels with its note.
    EXPECT_NE(json_at("/api/standards.json").find("Practice of data management and\",\n"), std::string::npos);
}

TEST(Export, PackJsonHoldsEveryTextOfThePack) {
    ASSERT_FALSE(site().packs.empty());
    for (const auto& pack : site().packs) {
        Texts t(json_at(pack_json_url(pack.id)));
        for (const auto* text : {&pack.title, &pack.subtitle, &pack.source, &pack.intro}) t.need(*text);
        t.need(pack.notes);
        for (const auto& sc : pack.scales) {
            for (const auto& o : sc.options) t.need(o);
            t.need(sc.notes);
        }
        for (const auto& s : pack.sections) {
            t.need(s.title);
            t.need(s.body);
            t.need(s.notes);
            if (s.diagram) {
                t.need(s.diagram->title);
                t.need(s.diagram->centre);
                t.need(s.diagram->notes);
                for (const auto& step : s.diagram->steps) {
                    t.need(step.text);
                    t.need(step.notes);
                }
            }
            for (const auto& w : s.worksheets) {
                t.need(w.title);
                t.need(w.intro);
                t.need(w.notes);
                for (const auto& q : w.questions) need_question(t, q);
            }
        }
        EXPECT_GT(t.checked, 100u);
        EXPECT_TRUE(t.missing.empty()) << pack.id << ": " << t.missing.size() << " texts missing:" << missing(t);
    }
}

TEST(Export, MaturityJsonHoldsEveryTextOfTheModel) {
    ASSERT_FALSE(site().models.empty());
    for (const auto& m : site().models) {
        Texts t(json_at(maturity_json_url(m.id)));
        for (const auto* text : {&m.title, &m.short_title, &m.source, &m.licence, &m.intro}) t.need(*text);
        t.need(m.notes);
        for (const auto& l : m.levels) {
            t.need(l.title);
            t.need(l.summary);
            t.need(l.notes);
        }
        for (const auto& d : m.dimensions) {
            t.need(d.title);
            t.need(d.summary);
            t.need(d.notes);
            for (const auto& c : d.cells) {
                t.need(c.notes);
                for (const auto& descriptor : c.descriptors) t.need(descriptor.text);
            }
        }
        EXPECT_GT(t.checked, 100u);
        EXPECT_TRUE(t.missing.empty()) << m.id << ": " << t.missing.size() << " texts missing:" << missing(t);
    }
}
