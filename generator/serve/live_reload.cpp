// Live reload: the state of the last build, the event streams waiting for the next one, and what
// the server adds to the pages it serves (never to the files in the output directory).
#include "serve/serve.h"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <initializer_list>
#include <mutex>

using namespace std::chrono;

namespace icips::serve {

struct EventHub::Shared {
    mutable std::mutex mutex;
    std::condition_variable changed;
    SiteState state;
    bool css_only = false;  // the latest build changed nothing but stylesheets, after a good build
    bool closed = false;
    size_t clients = 0;
    size_t max_clients = 0;
};

EventHub::EventHub(size_t max_clients) : shared_(std::make_shared<Shared>()) {
    shared_->max_clients = max_clients;
    // Generations start from the clock, so a page left open across a restart of the server never
    // carries the number of the new server's current build and always catches up.
    shared_->state.generation = static_cast<uint64_t>(
        duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

void EventHub::publish(bool ok, std::string errors, bool css_only) {
    {
        std::lock_guard lock(shared_->mutex);
        shared_->css_only = ok && css_only && !shared_->state.failed;
        ++shared_->state.generation;
        shared_->state.failed = !ok;
        shared_->state.errors = ok ? std::string() : std::move(errors);
    }
    shared_->changed.notify_all();
}

SiteState EventHub::state() const {
    std::lock_guard lock(shared_->mutex);
    return shared_->state;
}

std::shared_ptr<void> EventHub::join() {
    std::lock_guard lock(shared_->mutex);
    if (shared_->closed || shared_->clients >= shared_->max_clients) return nullptr;
    ++shared_->clients;
    return std::shared_ptr<void>(shared_.get(), [keep = shared_](void*) {
        std::lock_guard lock(keep->mutex);
        --keep->clients;
    });
}

size_t EventHub::clients() const {
    std::lock_guard lock(shared_->mutex);
    return shared_->clients;
}

std::optional<std::string> EventHub::next_message(uint64_t& seen, milliseconds heartbeat) {
    std::unique_lock lock(shared_->mutex);
    const SiteState& state = shared_->state;
    const bool news =
        shared_->changed.wait_for(lock, heartbeat, [&] { return shared_->closed || state.generation != seen; });
    if (shared_->closed) return std::nullopt;
    if (!news) return std::string(":\n\n");
    // A stream that missed a build cannot swap stylesheets: the build it missed may have changed more.
    const bool css = shared_->css_only && state.generation == seen + 1;
    seen = state.generation;
    if (state.failed) return sse_message("error", seen, state.errors);
    return sse_message(css ? "css" : "reload", seen, std::to_string(seen));
}

void EventHub::close() {
    {
        std::lock_guard lock(shared_->mutex);
        shared_->closed = true;
    }
    shared_->changed.notify_all();
}

std::string sse_message(std::string_view event, uint64_t id, std::string_view data) {
    std::string out = "id: " + std::to_string(id) + "\nevent: " + std::string(event) + "\n";
    // A line ends at CR, LF or CRLF, as EventSource reads it: a lone CR left in the data would end
    // the data line there and let the rest read as a field of its own (event:, retry:).
    for (size_t start = 0;;) {
        const size_t end = data.find_first_of("\r\n", start);
        out.append("data: ").append(data.substr(start, end - start)).append("\n");
        if (end == std::string_view::npos) break;
        start = end + (data.substr(end, 2) == "\r\n" ? 2 : 1);
    }
    return out + "\n";
}

namespace {

// `text` with each character that has an entry in `table` replaced by it.
std::string escape(std::string_view text, std::initializer_list<std::pair<char, std::string_view>> table) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto* entry = std::find_if(table.begin(), table.end(), [c](const auto& e) { return e.first == c; });
        if (entry == table.end())
            out += c;
        else
            out += entry->second;
    }
    return out;
}

std::string html_escape(std::string_view text) {
    return escape(text, {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}});
}

// A JavaScript string literal that is also safe inside a <script> element.
std::string js_string(std::string_view text) {
    return "\"" +
           escape(text, {{'\\', "\\\\"}, {'"', "\\\""}, {'\n', "\\n"}, {'\r', "\\r"}, {'<', "\\u003c"},
                         {'>', "\\u003e"}, {'&', "\\u0026"}}) +
           "\"";
}

// The error overlay, in GOV.UK colours (near-black on white, 19:1; a red border): a dialog that
// names itself, its errors in a <pre>, and a Close button the script focuses. An opaque panel along
// the top, with no dimmed backdrop, so the last good page stays readable below it at full contrast.
std::string overlay_html(std::string_view escaped_errors) {
    return std::string(
               R"(<div id="icips-serve-overlay" role="alertdialog" aria-labelledby="icips-serve-overlay-title" )"
               R"(aria-describedby="icips-serve-overlay-errors" style="position:fixed;top:0;left:0;right:0;)"
               R"(z-index:2147483647;max-height:70vh;overflow:auto;box-sizing:border-box;padding:1.25rem 1rem;)"
               R"(background:#fff;color:#0b0c0c;border-bottom:5px solid #d4351c;box-shadow:0 2px 12px rgba(0,0,0,.4);)"
               R"(font:16px/1.5 system-ui,sans-serif;text-align:left"><div style="max-width:60rem;margin:0 auto">)"
               R"(<h2 id="icips-serve-overlay-title" style="margin:0 0 .5rem;font-size:1.5rem;color:#0b0c0c">)"
               R"(The site did not build</h2>)"
               R"(<p style="margin:0 0 1rem">The page below is the last version that built. Fix these errors and )"
               R"(save: the page reloads by itself.</p>)"
               R"(<pre id="icips-serve-overlay-errors" style="margin:0 0 1rem;padding:1rem;white-space:pre-wrap;)"
               R"(overflow-wrap:anywhere;background:#f3f2f1;color:#0b0c0c;font:15px/1.5 ui-monospace,monospace">)") +
           std::string(escaped_errors) +
           R"(</pre><button type="button" data-icips-serve-close style="font:inherit;font-weight:700;)"
           R"(min-height:44px;padding:.5rem 1rem;color:#fff;background:#0b0c0c;border:2px solid #0b0c0c;cursor:pointer">)"
           R"(Close</button></div></div>)";
}

// The client: follows /__events, reloads on `reload`, swaps same-origin stylesheets on `css`, shows
// the overlay on `error`. @OVERLAY@ and @GENERATION@ are filled in per page.
constexpr std::string_view kClient = R"JS(<script>
(function () {
  "use strict";
  var id = "icips-serve-overlay", template = @OVERLAY@;
  var focus = document.createElement("style");
  focus.textContent = "#" + id + " button:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}";
  (document.head || document.documentElement).appendChild(focus);
  function overlay() { return document.getElementById(id); }
  function hide() { var o = overlay(); if (o) o.remove(); }
  function show(text) {
    var o = overlay();
    if (!o) {
      var holder = document.createElement("div");
      holder.innerHTML = template;
      o = holder.firstElementChild;
      document.body.appendChild(o);
    }
    o.querySelector("pre").textContent = text;
    o.querySelector("button").focus();
  }
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-icips-serve-close]")) hide();
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  if (overlay()) overlay().querySelector("button").focus();
  if (!window.EventSource) return;
  var events = new EventSource("/__events?since=@GENERATION@");
  events.addEventListener("reload", function () { events.close(); location.reload(); });
  events.addEventListener("css", function (e) {
    document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("icips-serve", e.lastEventId);
      var next = link.cloneNode(false);
      next.href = url.href;
      next.onload = next.onerror = function () { link.remove(); };
      link.after(next);
    });
  });
  // The build's errors; a lost connection fires "error" too, without data, and EventSource retries.
  events.addEventListener("error", function (e) { if (typeof e.data === "string") show(e.data); });
})();
</script>
)JS";

std::string replace_once(std::string text, std::string_view placeholder, const std::string& value) {
    return text.replace(text.find(placeholder), placeholder.size(), value);
}

// Where the additions go: before the last </body>, in any letter case, else at the end.
size_t insertion_point(const std::string& html) {
    for (size_t at = html.rfind("</"); at != std::string::npos; at = at == 0 ? std::string::npos : html.rfind("</", at - 1)) {
        std::string tag = html.substr(at, 7);
        for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (tag == "</body>") return at;
    }
    return html.size();
}

}  // namespace

std::string with_live_reload(std::string html, const SiteState& state) {
    std::string addition = state.failed ? overlay_html(html_escape(state.errors)) : std::string();
    addition += replace_once(replace_once(std::string(kClient), "@OVERLAY@", js_string(overlay_html(""))), "@GENERATION@",
                             std::to_string(state.generation));
    html.insert(insertion_point(html), addition);
    return html;
}

}  // namespace icips::serve
