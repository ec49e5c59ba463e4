#include "kinds/packs/model.h"
#include "content/content_files.h"

#include <algorithm>
#include <array>
#include <utility>

namespace fs = std::filesystem;

namespace icips::content {
namespace {

// A question, its follow-ups and theirs: the worksheet templates indent no deeper.
constexpr int kDefaultLines = 4;

constexpr std::array<std::pair<QuestionKind, std::string_view>, 5> kKinds{{
    {QuestionKind::text, "text"},
    {QuestionKind::scale, "scale"},
    {QuestionKind::boxes, "boxes"},
    {QuestionKind::table, "table"},
    {QuestionKind::none, "none"},
}};

// Keys that only a question of one kind may have.
constexpr std::array<std::pair<const char*, QuestionKind>, 5> kKindKeys{{
    {"lines", QuestionKind::text},
    {"scale", QuestionKind::scale},
    {"options", QuestionKind::scale},
    {"boxes", QuestionKind::boxes},
    {"table", QuestionKind::table},
}};

// An optional count such as `lines`: `fallback` when absent, reported unless a whole number >= 1.
int positive(Reader& r, const YamlNode& map, const char* key, int fallback) {
    if (!map[key]) return fallback;
    const size_t before = r.errors.size();
    const int value = r.integer(map, key);
    if (r.errors.size() != before) return fallback;
    if (value < 1) {
        r.error(map[key], std::string("'") + key + "' must be 1 or more");
        return fallback;
    }
    return value;
}

// The `options:` of a scale or a scale question: at least two distinct, non-empty choices.
std::vector<std::string> load_options(Reader& r, const YamlNode& map) {
    std::vector<std::string> options;
    for (const auto& n : r.list(map, "options")) {
        if (!n.IsScalar()) {
            r.error(n, "each option must be text");
        } else if (n.Scalar().find_first_not_of(" \t") == std::string::npos) {
            r.error(n, "an option must not be empty");
        } else if (std::find(options.begin(), options.end(), n.Scalar()) != options.end()) {
            r.error(n, "option '" + n.Scalar() + "' is listed twice");
        } else {
            options.push_back(n.Scalar());
        }
    }
    const YamlNode list = map["options"];
    if (list && (list.IsNull() || (list.IsSequence() && list.size() < 2)))
        r.error(list, "'options' must list at least two choices");
    return options;
}

std::vector<Scale> load_scales(Reader& r, const YamlNode& list) {
    std::vector<Scale> scales;
    IdScope ids("scale", "the pack");
    for (const auto& node : list) {
        if (!check_keys(node, r.source, {"id", "options", "notes"}, {"id", "options"}, r.errors)) continue;
        Scale s;
        s.id = required_id(r, node);
        ids.claim(s.id, node["id"], r);
        s.options = load_options(r, node);
        s.notes = r.notes(node);
        s.where = r.where(node);
        scales.push_back(std::move(s));
    }
    return scales;
}

std::optional<Diagram> load_diagram(Reader& r, const YamlNode& node) {
    if (!check_keys(node, r.source, {"title", "steps", "centre", "notes"}, {"steps"}, r.errors)) return std::nullopt;
    Diagram d;
    d.title = r.text(node, "title");
    d.centre = r.text(node, "centre");
    d.notes = r.notes(node);
    d.where = r.where(node);
    for (const auto& step : nonempty_list(r, node, "steps", "list the steps of the cycle in order")) {
        if (!check_keys(step, r.source, {"text", "optional", "notes"}, {"text"}, r.errors)) continue;
        d.steps.push_back({required_text(r, step, "text"), r.boolean(step, "optional", false), r.notes(step),
                           r.where(step)});
    }
    return d;
}

// Column or row headings of a table, unique within it.
std::vector<Heading> load_headings(Reader& r, const YamlNode& list, const std::string& what) {
    std::vector<Heading> headings;
    IdScope ids(what, "the table's " + what + "s");
    for (const auto& node : list) {
        if (!check_keys(node, r.source, {"id", "title", "notes"}, {"id", "title"}, r.errors)) continue;
        Heading h{required_id(r, node), required_text(r, node, "title"), r.notes(node), r.where(node)};
        ids.claim(h.id, node["id"], r);
        headings.push_back(std::move(h));
    }
    return headings;
}

Table load_table(Reader& r, const YamlNode& node) {
    Table t;
    t.where = r.where(node);
    if (!check_keys(node, r.source, {"corner", "columns", "rows", "count", "cell_lines", "notes"}, {"columns"},
                    r.errors))
        return t;
    t.corner = r.text(node, "corner");
    t.columns = load_headings(r, nonempty_list(r, node, "columns", "list the table's columns"), "column");
    t.rows = load_headings(r, nonempty_list(r, node, "rows", "list the row headings or give count: N for N blank rows"),
                           "row");
    t.count = positive(r, node, "count", 0);
    t.cell_lines = positive(r, node, "cell_lines", 1);
    t.notes = r.notes(node);
    if (!node["rows"] && !node["count"])
        r.error(node, "table has neither 'rows' nor 'count'; list row headings under rows: or give count: N for N blank rows");
    else if (node["rows"] && node["count"])
        r.error(key_of(node, "count"), "table has both 'rows' and 'count'; keep rows: for headed rows or count: for blank rows");
    return t;
}

std::vector<Box> load_boxes(Reader& r, const YamlNode& list) {
    std::vector<Box> boxes;
    IdScope ids("box", "the question");
    for (const auto& node : list) {
        if (!check_keys(node, r.source, {"id", "title", "text", "lines", "notes"}, {"id", "title"}, r.errors)) continue;
        Box b;
        b.id = required_id(r, node);
        ids.claim(b.id, node["id"], r);
        b.title = required_text(r, node, "title");
        b.text = r.text(node, "text");
        b.lines = positive(r, node, "lines", kDefaultLines);
        b.notes = r.notes(node);
        b.where = r.where(node);
        boxes.push_back(std::move(b));
    }
    return boxes;
}

std::vector<std::string> ids_of(const std::vector<Scale>& scales) {
    std::vector<std::string> ids;
    for (const auto& s : scales) ids.push_back(s.id);
    return ids;
}

// The answer part of a question: what its kind asks for, and no key another kind uses.
void load_answer(Reader& r, const YamlNode& node, const std::vector<Scale>& scales, Question& q) {
    for (const auto& [key, kind] : kKindKeys) {
        if (node[key] && kind != q.kind)
            r.error(key_of(node, key), std::string("'") + key + "' belongs to questions of kind " +
                                             std::string(to_string(kind)) + ", not " +
                                             std::string(to_string(q.kind)) + "; remove it or change the kind");
    }
    switch (q.kind) {
        case QuestionKind::text:
            q.lines = positive(r, node, "lines", kDefaultLines);
            break;
        case QuestionKind::scale:
            if (node["scale"] && node["options"]) {
                r.error(key_of(node, "options"), "scale question has both 'scale' and 'options'; keep one of them");
            } else if (node["scale"]) {
                q.scale_id = required_text(r, node, "scale");
                if (const Scale* scale = find_by_id(scales, q.scale_id))
                    q.options = scale->options;
                else if (!q.scale_id.empty())
                    r.error(node["scale"], unknown_name("unknown scale", q.scale_id, ids_of(scales)) +
                                               "; define it under scales: or use options:");
            } else if (node["options"]) {
                q.options = load_options(r, node);
            } else {
                r.error(node, "scale question has no choices; name a scale with scale: <id> or list them with options: [...]");
            }
            break;
        case QuestionKind::boxes:
            if (!node["boxes"]) r.error(node, "missing required key 'boxes' (questions of kind boxes list their boxes)");
            q.boxes = load_boxes(r, nonempty_list(r, node, "boxes", "list the boxes to fill in"));
            break;
        case QuestionKind::table:
            if (!node["table"]) r.error(node, "missing required key 'table' (questions of kind table describe it)");
            else q.table = load_table(r, node["table"]);
            break;
        case QuestionKind::none:
            break;
    }
}

std::vector<Question> load_questions(Reader& r, const YamlNode& list, const std::vector<Scale>& scales,
                                     IdScope& ids, int depth) {
    std::vector<Question> questions;
    if (depth > kMaxListNesting && list.size() > 0) {
        r.error(list, "follow-ups nest more than " + std::to_string(kMaxListNesting) + " levels deep; flatten them");
        return questions;
    }
    std::vector<std::string> kind_names;
    for (const auto& [kind, name] : kKinds) kind_names.emplace_back(name);
    for (const auto& node : list) {
        if (!check_keys(node, r.source,
                        {"id", "label", "text", "kind", "lines", "scale", "options", "boxes", "table", "follow_ups",
                         "notes"},
                        {"id", "kind"}, r.errors))
            continue;
        Question q;
        q.id = required_id(r, node);
        ids.claim(q.id, node["id"], r);
        q.label = r.text(node, "label");
        q.notes = r.notes(node);
        q.where = r.where(node);
        const YamlNode follow_ups = r.list(node, "follow_ups");

        const std::string kind = required_text(r, node, "kind");
        const auto known = std::find_if(kKinds.begin(), kKinds.end(), [&](const auto& k) { return k.second == kind; });
        if (known != kKinds.end()) q.kind = known->first;
        else if (!kind.empty())
            r.error(node["kind"], unknown_name("unknown kind", kind, kind_names) +
                                      "; use one of text, scale, boxes, table, none");

        // Only a question of kind none that groups follow-ups may go without text.
        const bool needs_text = !(q.kind == QuestionKind::none && follow_ups.size() > 0);
        if (needs_text && !node["text"])
            r.error(node, q.kind == QuestionKind::none
                              ? "missing required key 'text' (a question of kind none needs text or follow_ups)"
                              : "missing required key 'text'");
        q.text = needs_text ? required_text(r, node, "text") : r.text(node, "text");

        if (known != kKinds.end()) load_answer(r, node, scales, q);
        q.follow_ups = load_questions(r, follow_ups, scales, ids, depth + 1);
        questions.push_back(std::move(q));
    }
    return questions;
}

Section load_section(Reader& r, const YamlNode& node, const std::vector<Scale>& scales, IdScope& worksheet_ids) {
    Section s;
    s.id = required_id(r, node);
    s.title = required_text(r, node, "title");
    s.body = r.text(node, "body");
    s.notes = r.notes(node);
    s.where = r.where(node);
    if (node["diagram"]) s.diagram = load_diagram(r, node["diagram"]);
    for (const auto& ws : r.list(node, "worksheets")) {
        if (!check_keys(ws, r.source, {"id", "title", "intro", "questions", "notes"}, {"id", "title", "questions"},
                        r.errors))
            continue;
        Worksheet w;
        w.id = required_id(r, ws);
        worksheet_ids.claim(w.id, ws["id"], r);
        w.title = required_text(r, ws, "title");
        w.intro = r.text(ws, "intro");
        w.notes = r.notes(ws);
        w.where = r.where(ws);
        IdScope question_ids("question", "the worksheet, follow-ups included");
        w.questions = load_questions(r, nonempty_list(r, ws, "questions", "list the worksheet's questions"), scales,
                                     question_ids, 1);
        s.worksheets.push_back(std::move(w));
    }
    return s;
}

std::optional<Pack> load_pack(const IdFile& file, std::vector<Diagnostic>& errors) {
    Reader r{{file.path.string(), 0}, errors};
    const auto parsed = read_yaml_content(file.path, r);
    if (!parsed) return std::nullopt;
    const YamlNode doc = *parsed;
    if (!check_keys(doc, r.source, {"title", "subtitle", "source", "intro", "scales", "sections", "notes"},
                            {"title", "source", "sections"}, errors))
        return std::nullopt;
    Pack pack;
    pack.id = file.id;
    pack.where = {file.path.string(), 0};
    pack.title = required_text(r, doc, "title");
    pack.subtitle = r.text(doc, "subtitle");
    pack.source = required_text(r, doc, "source");
    pack.intro = r.text(doc, "intro");
    pack.notes = r.notes(doc);
    pack.scales = load_scales(r, r.list(doc, "scales"));
    IdScope section_ids("section", "the pack");
    IdScope worksheet_ids("worksheet", "the pack");
    for (const auto& node : nonempty_list(r, doc, "sections", "list the pack's sections in source order")) {
        if (!check_keys(node, r.source, {"id", "title", "body", "diagram", "worksheets", "notes"}, {"id", "title"},
                        errors))
            continue;
        pack.sections.push_back(load_section(r, node, pack.scales, worksheet_ids));
        section_ids.claim(pack.sections.back().id, node["id"], r);
    }
    return pack;
}

const Question* find_question(const std::vector<Question>& questions, const std::string& id) {
    for (const auto& q : questions) {
        if (q.id == id) return &q;
        if (const Question* found = find_question(q.follow_ups, id)) return found;
    }
    return nullptr;
}

}  // namespace

bool has_notes(const Question& q) {
    if (!q.notes.empty() || !q.table.notes.empty()) return true;
    for (const auto& b : q.boxes)
        if (!b.notes.empty()) return true;
    for (const auto* headings : {&q.table.columns, &q.table.rows})
        for (const auto& h : *headings)
            if (!h.notes.empty()) return true;
    return false;
}

std::string_view to_string(QuestionKind kind) {
    for (const auto& [k, name] : kKinds)
        if (k == kind) return name;
    return "text";
}

const Question* Worksheet::question(const std::string& id) const { return find_question(questions, id); }

const Scale* Pack::scale(const std::string& id) const { return find_by_id(scales, id); }
const Section* Pack::section(const std::string& id) const { return find_by_id(sections, id); }
const Worksheet* Pack::worksheet(const std::string& id) const {
    for (const auto& s : sections)
        if (const Worksheet* w = find_by_id(s.worksheets, id)) return w;
    return nullptr;
}
std::vector<const Worksheet*> Pack::worksheets() const {
    std::vector<const Worksheet*> out;
    for (const auto& s : sections)
        for (const auto& w : s.worksheets) out.push_back(&w);
    return out;
}

std::vector<Pack> load_packs(const fs::path& content_dir, std::vector<Diagnostic>& errors) {
    const fs::path dir = content_dir / kPacksFolder;
    if (is_link(dir)) return {};  // reported by load_pages
    return load_id_files(dir, "pack", errors, load_pack);
}

}  // namespace icips::content
