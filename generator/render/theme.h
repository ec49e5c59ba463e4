// The only place that knows the template engine (kainjow mustache). A theme is a folder with
// templates/ (one <kind>.mustache per page kind, partials as templates/partials/<name>.mustache)
// and assets/ (copied to the output's /assets/). Several theme folders can be stacked: a file in
// an earlier folder overrides the file at the same relative path in a later one.
#pragma once
#include "content/diagnostics.h"

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace icips::render {

using Data = kainjow::mustache::data;

struct Asset {
    std::string relative;          // "site.css", "fonts/x.woff2"; published at /assets/<relative>
    std::filesystem::path source;  // the file that wins after overrides
};

class Theme {
public:
    // `dirs` in priority order (overrides first, the default theme last). Template syntax errors,
    // unknown partials and partial cycles are reported with the template's path.
    static Theme load(const std::vector<std::filesystem::path>& dirs, std::vector<content::Diagnostic>& errors);

    bool has(const std::string& name) const { return templates_.count(name) != 0; }
    // Renders template `name` ("grade", "layout"); the name must exist (checked by `require`).
    std::string render(const std::string& name, const Data& data) const;
    // Renders template `name` with `main` as its {{{main}}}. When that tag stands alone on a line
    // outside any section (as in the layout), the parts before and after it are rendered on their
    // own and `main` is copied once into the result (not through kainjow's line buffer); otherwise
    // `main` is put into `data` first.
    std::string render_around(const std::string& name, Data& data, std::string main) const;
    // Reports every name in `names` that no theme folder provides.
    void require(const std::vector<std::string>& names, std::vector<content::Diagnostic>& errors) const;

    const std::vector<Asset>& assets() const { return assets_; }
    // Every file the theme was read from (templates, partials, assets), for the preview's watcher.
    const std::vector<std::filesystem::path>& files() const { return files_; }
    // The partials template `name` includes, directly or through other partials.
    const std::set<std::string>& partials_of(const std::string& name) const;

    // While a Recording is alive, every template this thread renders is added to `used` (serve's
    // incremental rebuilds re-render after a template change only the pages that used it).
    class Recording {
    public:
        explicit Recording(std::set<std::string>& used);
        ~Recording();
        Recording(const Recording&) = delete;
        Recording& operator=(const Recording&) = delete;

    private:
        std::set<std::string>* previous_;
    };

private:
    struct AroundMain {
        kainjow::mustache::mustache before, after;
    };
    static std::optional<AroundMain> split_at_main(const std::string& text);

    std::map<std::string, kainjow::mustache::mustache> templates_;
    std::map<std::string, AroundMain> around_main_;  // templates split at a standalone {{{main}}} line
    std::map<std::string, std::filesystem::path> template_paths_;
    std::set<std::string> broken_;  // templates with a syntax error (reported by load)
    std::map<std::string, std::set<std::string>> partials_;  // template -> partials it inlines
    std::vector<Asset> assets_;
    std::vector<std::filesystem::path> files_;
};

// kainjow's set() and push_back() copy their argument, and so everything nested in it. These move
// the value in instead: the slot is made with an empty
// value and then move-assigned (the stored object is not const, so the const_cast is sound).
inline void put(Data& object, const std::string& key, Data value) {
    object.set(key, Data{false});
    const_cast<Data&>(*object.get(key)) = std::move(value);
}
inline void append(Data& list, Data value) {
    list.push_back(Data{false});
    const_cast<Data&>(list.list_value().back()) = std::move(value);
}

// A list of template data being built. kainjow's Data cannot throw when moved but does not say so
// (its move constructor is not noexcept), so a growing std::vector<Data> copies every element, and
// everything below it, each time it reallocates. The elements here sit in a wrapper that says so; list_of() moves them into kainjow's list.
class DataList {
public:
    DataList() = default;
    void push_back(Data value) { slots_.emplace_back(std::move(value)); }
    void reserve(size_t n) { slots_.reserve(n); }
    bool empty() const { return slots_.empty(); }
    size_t size() const { return slots_.size(); }
    Data& back() { return slots_.back().value; }
    Data& operator[](size_t i) { return slots_[i].value; }

    // The elements as one kainjow list (moved: this list is left empty).
    Data take();

private:
    struct Slot {
        Data value;
        explicit Slot(Data v) : value(std::move(v)) {}
        Slot(Slot&& other) noexcept : value(std::move(other.value)) {}
        Slot& operator=(Slot&& other) noexcept {
            value = std::move(other.value);
            return *this;
        }
    };
    std::vector<Slot> slots_;
};

// Markdown rendered to HTML, for a template's triple-brace {{{field}}}.
Data markdown_block(const std::string& markdown, bool allow_raw_html = false);
Data markdown_inline(const std::string& markdown);

}  // namespace icips::render
