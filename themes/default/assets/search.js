// /search/: searches the site's index as you type, with search-core.js (the index, the ranking and
// what a result is; MiniSearch and its stemmer under it). The query lives in the URL
// (/search/?q=...), so results can be linked and the back button works. Every shard is requested
// at once; search starts when all of them are in, and a shard that fails to load makes search
// unavailable (never a partial index).
(function () {
  "use strict";
  const root = document.querySelector("[data-search]");
  const form = document.querySelector("[data-search-form]");
  if (!root || !form) return;
  const input = form.querySelector("[data-search-input]");
  const count = root.querySelector("[data-search-count]");
  const status = root.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const unavailable = document.querySelector("[data-search-unavailable]");
  const more = root.querySelector("[data-search-more]");
  const SHOWN = 20;             // results shown at first; a button shows the rest
  const SNIPPET = 220;          // characters of a long text shown around its first match
  const ANNOUNCE_AFTER = 600;   // ms of no typing before the count is read out
  const baseTitle = document.title;

  const core = window.IcipsSearch;
  let index = null;             // search-core's index, once every shard is in it
  let announceTimer = 0;
  let current = null;           // the results on screen: {query, results, all}

  function fail(message) {
    count.textContent = "";
    list.replaceChildren();
    more.hidden = true;
    if (unavailable) {
      unavailable.querySelector("[data-search-error]").textContent = message + " Browse instead:";
      unavailable.hidden = false;
    }
    status.textContent = message;
  }

  // Whether a word of the text is one the query matched (any of its forms: stem, word, prefix, typo).
  function marks(word, matched) {
    return core.forms(word).some((f) => matched.has(f));
  }

  // `text` as nodes, the matched words in <mark>.
  function highlighted(text, matched) {
    const out = document.createDocumentFragment();
    let last = 0;
    for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (!marks(m[0], matched)) continue;
      if (m.index > last) out.append(text.slice(last, m.index));
      const mark = document.createElement("mark");
      mark.textContent = m[0];
      out.append(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) out.append(text.slice(last));
    return out;
  }

  // A long text is cut to a window around its first match.
  function snippet(text, matched) {
    if (text.length <= SNIPPET) return text;
    let at = 0;
    for (const m of text.matchAll(/[\p{L}\p{N}]+/gu))
      if (marks(m[0], matched)) { at = m.index; break; }
    let start = Math.max(0, at - 60);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    let end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function separator() {
    const sep = document.createElement("span");
    sep.className = "search-where-sep";
    sep.setAttribute("aria-hidden", "true");
    sep.textContent = " › ";
    const said = document.createElement("span");
    said.className = "visually-hidden";
    said.textContent = ", ";
    return [sep, said];
  }

  // A result: its title (pages, tools, assignments) and text, then what it is and where it sits.
  function resultItem(entry, matched) {
    const li = document.createElement("li");
    li.className = "search-result search-result-" + entry.kind;
    const a = document.createElement("a");
    a.className = "search-result-link";
    a.href = entry.url;
    const titled = core.showsTitle(entry) && entry.title;
    if (titled) {
      const title = document.createElement("span");
      title.className = "search-result-title";
      title.append(highlighted(entry.title, matched));
      a.append(title);
    }
    if (entry.text) {
      const text = document.createElement("span");
      text.className = "search-result-text";
      text.append(highlighted(snippet(entry.text, matched), matched));
      if (titled) a.append(" ");
      a.append(text);
    }
    li.append(a);
    if (entry.note) {
      // Its words are in doubt: the marker the pages show, linking to the editorial note.
      const note = document.createElement("a");
      note.className = "note-marker";
      note.href = entry.note;
      note.textContent = "editorial note";
      li.append(" ", note);
    }
    const { kind, where } = core.describe(entry);
    const line = document.createElement("p");
    line.className = "search-result-where";
    const label = document.createElement("span");
    label.className = "search-result-kind";
    label.textContent = kind;
    line.append(label);
    if (where.length) {
      line.append(" — ");
      where.forEach((part, i) => {
        if (i > 0) line.append(...separator());
        line.append(part);
      });
    }
    li.append(line);
    return li;
  }

  function summary(query, shown, total, all) {
    if (!total) return "No results for “" + query + "”.";
    const n = total === 1 ? "1 result" : total + " results";
    let s = n + " for “" + query + "”";
    if (!all) s += " (none has every word; these have some of them)";
    if (shown < total) s += ", the first " + shown + " shown";
    return s + ".";
  }

  // The index's words the shown results matched (stems, words begun, typos).
  function matchedOf(results) {
    const words = new Set();
    results.forEach((r) => Object.keys(r.match).forEach((t) => words.add(t)));
    return words;
  }

  function render(limit) {
    const { query, results, all } = current;
    const shown = results.slice(0, limit);
    const matched = matchedOf(shown);
    list.replaceChildren(...shown.map((r) => resultItem(index.entries[r.id], matched)));
    more.hidden = shown.length >= results.length;
    more.textContent = "Show all " + results.length + " results";
    const text = summary(query, shown.length, results.length, all);
    count.textContent = text;
    return text;
  }

  function show(query, announceNow) {
    query = query.trim();
    clearTimeout(announceTimer);
    if (!query) {
      current = null;
      list.replaceChildren();
      more.hidden = true;
      count.textContent = "";
      status.textContent = "";
      document.title = baseTitle;
      return;
    }
    current = { query, ...core.search(index, query) };
    const text = render(SHOWN);
    document.title = "“" + query + "” – " + baseTitle;
    // Read the count out once typing pauses, not at every key.
    if (announceNow) status.textContent = text;
    else announceTimer = setTimeout(() => { status.textContent = text; }, ANNOUNCE_AFTER);
  }

  function queryOfUrl() {
    return new URLSearchParams(location.search).get("q") || "";
  }

  function urlOf(query) {
    return query.trim() ? "?q=" + encodeURIComponent(query.trim()) : location.pathname;
  }

  function fetchJson(url) {
    return fetch(url).then((r) => {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    });
  }

  // The manifest, then every shard in parallel. Each shard is indexed as soon as it and those before
  // it have arrived: entries keep the site's order, so results that score the same come in the same
  // order however the network delivers. Resolves with the index once every shard is in it.
  function load(manifestUrl) {
    return fetchJson(manifestUrl).then((manifest) => {
      if (!Array.isArray(manifest.shards)) throw new Error("the index lists no shards");
      const building = core.newIndex();
      const shards = manifest.shards.map(fetchJson);
      const fetched = Promise.all(shards).then(() => performance.mark("search:fetched"));  // fails at the first failure
      let added = Promise.resolve();
      for (const shard of shards) added = added.then(() => shard).then((data) => core.addShard(building, data));
      return Promise.all([fetched, added]).then(() => building);
    });
  }

  input.value = queryOfUrl();
  if (typeof MiniSearch !== "function" || !core) {
    fail("Search could not start: its library did not load.");
    return;
  }
  if (input.value.trim()) count.textContent = "Searching…";

  load(root.getAttribute("data-index"))
    .then((built) => {
      index = built;
      core.search(index, "warm up");  // the first search compiles the code paths: not at the reader's first key
      performance.mark("search:indexed");
      show(input.value, true);
      root.setAttribute("data-search-ready", "");
    })
    .catch((e) => fail("Search could not load its index (" + e.message + ")."));

  // Results as you type; the URL follows without adding a history entry per key.
  input.addEventListener("input", () => {
    if (!index) return;
    show(input.value, false);
    history.replaceState(null, "", urlOf(input.value));
  });
  // Enter: the same results, read out at once, and a history entry to come back to.
  form.addEventListener("submit", (event) => {
    if (!index) return;  // before the index is loaded the browser submits the form (same page, ?q=)
    event.preventDefault();
    show(input.value, true);
    if (urlOf(input.value) !== location.search) history.pushState(null, "", urlOf(input.value));
  });
  window.addEventListener("popstate", () => {
    input.value = queryOfUrl();
    if (index) show(input.value, true);
  });

  // The rest of the results; focus stays in the list, on the first of the new ones.
  more.addEventListener("click", () => {
    if (!current) return;
    const before = list.children.length;
    status.textContent = render(current.results.length);
    const next = list.children[before] && list.children[before].querySelector("a");
    if (next) next.focus();
  });

  // Arrow keys move between the box and the result links (Tab and Shift+Tab work as everywhere).
  function links() {
    return [...list.querySelectorAll(".search-result-link")];
  }
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === "ArrowDown" && at + 1 < all.length) all[at + 1].focus();
    else if (event.key === "ArrowUp") (at > 0 ? all[at - 1] : input).focus();
  });
})();
