// The theme's templates render exactly as kainjow renders the same text on its own: Theme::load
// joins the text pieces kainjow's parser splits at every space and tab (render/theme.cpp), which
// must not change a byte of any page.
#include "render/frame.h"
#include "render/theme.h"

#include "content_tree.h"

#include <gtest/gtest.h>

#include <random>

using icips::render::Data;
using icips::render::Theme;

namespace {

Data sample_data() {
    Data data;
    data.set("name", "Ada & Bo");
    data.set("value", "<b>42</b>");
    data.set("html", "<em>raw</em>");
    data.set("flag", true);
    data.set("off", false);
    data.set("empty", Data::type::list);
    Data list = Data::type::list;
    for (const char* n : {"one", "two", "three"}) {
        Data item;
        item.set("name", n);
        item.set("flag", std::string(n) != "two");
        list.push_back(item);
    }
    data.set("list", list);
    return data;
}

// Each template through a theme folder and through kainjow alone.
void expect_same(const std::vector<std::string>& templates) {
    ContentTree tree;
    for (size_t i = 0; i < templates.size(); ++i)
        tree.write("theme/templates/t" + std::to_string(i) + ".mustache", templates[i]);
    std::vector<icips::content::Diagnostic> errors;
    const Theme theme = Theme::load({tree.root / "theme"}, errors);
    const Data data = sample_data();
    for (size_t i = 0; i < templates.size(); ++i) {
        kainjow::mustache::mustache alone{templates[i]};
        ASSERT_TRUE(alone.is_valid()) << templates[i];
        EXPECT_EQ(theme.render("t" + std::to_string(i), data), alone.render(data)) << "template: " << templates[i];
    }
    EXPECT_TRUE(errors.empty());
}

}  // namespace

TEST(Theme, JoinedTextRendersAsKainjowRendersIt) {
    expect_same({
        "  {{#list}}\n  <li class=\"a b\">{{name}} and {{value}}</li>\n  {{/list}}\n",
        "a {{#flag}} b {{/flag}} c\n",
        "x\t{{#flag}}\r\n\ty\r\n{{/flag}}\r\nz",
        "   {{^empty}}   \n  text  \n {{/empty}} \n",
        "  {{! a comment }}\nline with  two  spaces\n",
        "{{=<% %>=}}\n<% name %> <%#flag%> yes <%/flag%>\n  <%={{ }}=%>  \n{{name}}\n",
        "{{{html}}} & {{html}} &amp; {{&html}}\n",
        "<ul>\n{{#list}}\n  {{#flag}}\n    <li>{{name}}</li>\n  {{/flag}}\n  {{^flag}}  <li>not {{name}}</li>\n{{/flag}}\n{{/list}}\n</ul>",
        "no line break at the end {{#off}}x{{/off}}   ",
        "\n\n  \n\t\n",
    });
}

// Random templates from pieces kainjow treats differently: words, spaces, tabs, line breaks (LF and
// CRLF), variables, and sections (normal and inverted, nested, standalone or inline).
TEST(Theme, RandomTemplatesRenderAsKainjowRendersThem) {
    std::mt19937 random(2026);
    const std::vector<std::string> pieces = {"word", "a", " ", "  ", "\t", "\n", "\r\n", "{{name}}", "{{{html}}}",
                                             "{{value}}", "{{! note }}", "<p class=\"x y\">", "</p>"};
    const std::vector<std::string> sections = {"list", "flag", "off", "empty"};
    std::vector<std::string> templates;
    for (int t = 0; t < 300; ++t) {
        std::string text;
        std::vector<std::string> open;
        const int length = 5 + static_cast<int>(random() % 40);
        for (int i = 0; i < length; ++i) {
            const unsigned roll = random() % 10;
            if (roll == 0 && open.size() < 3) {
                open.push_back(sections[random() % sections.size()]);
                text += std::string(random() % 2 ? "{{#" : "{{^") + open.back() + "}}";
            } else if (roll == 1 && !open.empty()) {
                text += "{{/" + open.back() + "}}";
                open.pop_back();
            } else {
                text += pieces[random() % pieces.size()];
            }
        }
        while (!open.empty()) {
            text += (random() % 2 ? "\n" : "") + std::string("{{/") + open.back() + "}}";
            open.pop_back();
        }
        templates.push_back(text);
    }
    expect_same(templates);
}

// The running title printed at the foot of each page reaches the layout's CSS as a string literal:
// quotes and markup cannot end it, and a title outside ASCII prints as written (one escape per
// character, not per byte of UTF-8).
TEST(Theme, RunningTitleIsACssStringOfItsCharacters) {
    using icips::render::css_string;
    EXPECT_EQ(css_string("Document One"), "\"Document One\"");
    EXPECT_EQ(css_string("A \"B\" </style>"), "\"A \\22 B\\22  \\3C \\2F style\\3E \"");
    EXPECT_EQ(css_string("One \u2013 Two"), "\"One \\2013  Two\"");
    EXPECT_EQ(css_string("Caf\u00e9 \U0001F600"), "\"Caf\\E9  \\1F600 \"");
}
