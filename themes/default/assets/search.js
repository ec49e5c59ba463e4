// /search/: searches the site's index with MiniSearch (assets/vendor/minisearch.js, installed by
// `make` from npm) as you type. The query lives in the URL (/search/?q=...), so results can be
// linked and the back button works. Ranking is MiniSearch's (BM25 with prefix and fuzzy matches);
// the one thing added is a document boost for entries that contain the whole query as a phrase.
// Index format: the manifest /search-index.json, {"v": 2, "shards": [url, ...]}, lists the shards,
// each {"p": [[url, [where...]], ...], "e": [[place in this shard, anchor, title, text, note?], ...]}
// (note: the URL of the entry's editorial notes, only when it has some).
// Every shard is requested at once; search starts when all of them are in, and a shard that fails
// to load makes search unavailable (never a partial index).
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
  const PHRASE_BOOST = 4;       // entries containing the whole query, words in order, rank first
  const ANNOUNCE_AFTER = 600;   // ms of no typing before the count is read out
  const baseTitle = document.title;

  let engine = null;            // the MiniSearch index, once every shard is in it
  let entries = [];             // [{url, title, text, where: [..], phrase}]
  let announceTimer = 0;
  let current = null;           // the results on screen: {query, results, all, pattern}

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

  // Lower case, every run of characters that are not letters or digits made one space.
  function normalise(s) {
    return " " + s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " ";
  }

  // A typo is forgiven: one wrong letter in words of 4 or 5 letters, two in longer ones ("sampel").
  function fuzziness(term) {
    return term.length < 4 ? 0 : term.length < 6 ? 1 : 2;
  }

  function run(query, combineWith, phrase) {
    return engine.search(query, {
      prefix: true,
      fuzzy: fuzziness,
      combineWith: combineWith,
      boost: { title: 2, text: 1, where: 0.5 },
      boostDocument: phrase ? (id) => (entries[id].phrase.includes(phrase) ? PHRASE_BOOST : 1) : undefined,
    });
  }

  // Every word of the query (AND); when no entry has them all, any of them (OR).
  function search(query) {
    const phrase = normalise(query).trim().length ? normalise(query).slice(0, -1) : "";
    let results = run(query, "AND", phrase);
    let all = true;
    if (!results.length) {
      results = run(query, "OR", phrase);
      all = false;
    }
    return { results, all };
  }

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // `text` as nodes, the matched words in <mark>.
  function highlighted(text, pattern) {
    const out = document.createDocumentFragment();
    if (!pattern) {
      out.append(text);
      return out;
    }
    let last = 0;
    for (const m of text.matchAll(pattern)) {
      const start = m.index + m[1].length;
      if (start > last) out.append(text.slice(last, start));
      const mark = document.createElement("mark");
      mark.textContent = m[2];
      out.append(mark);
      last = start + m[2].length;
    }
    if (last < text.length) out.append(text.slice(last));
    return out;
  }

  // A long text is cut to a window around its first match.
  function snippet(text, pattern) {
    if (text.length <= SNIPPET) return text;
    const at = pattern ? Math.max(0, text.search(pattern)) : 0;  // search() leaves the pattern's lastIndex alone
    let start = Math.max(0, at - 60);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    let end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function resultItem(entry, pattern) {
    const li = document.createElement("li");
    li.className = "search-result";
    const a = document.createElement("a");
    a.className = "search-result-link";
    a.href = entry.url;
    if (entry.title) {
      const title = document.createElement("span");
      title.className = "search-result-title";
      title.append(highlighted(entry.title, pattern));
      a.append(title);
    }
    if (entry.text) {
      if (entry.title) a.append(" ");
      a.append(highlighted(snippet(entry.text, pattern), pattern));
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
    if (entry.where.length) {
      const where = document.createElement("p");
      where.className = "search-result-where";
      const lead = document.createElement("span");
      lead.className = "visually-hidden";
      lead.textContent = "In: ";
      where.append(lead);
      entry.where.forEach((part, i) => {
        if (i > 0) {
          const sep = document.createElement("span");
          sep.className = "search-where-sep";
          sep.setAttribute("aria-hidden", "true");
          sep.textContent = " › ";
          const said = document.createElement("span");
          said.className = "visually-hidden";
          said.textContent = ", ";
          where.append(sep, said);
        }
        where.append(part);
      });
      li.append(where);
    }
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

  // The words to mark in the shown results: those MiniSearch matched (prefix and typo matches included).
  function patternOf(results) {
    const words = new Set();
    results.forEach((r) => r.terms.forEach((t) => words.add(t)));
    if (!words.size) return null;
    const alternatives = [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");
    return new RegExp("(^|[^\\p{L}\\p{N}])(" + alternatives + ")(?![\\p{L}\\p{N}])", "giu");
  }

  function render(limit) {
    const { query, results, all } = current;
    const shown = results.slice(0, limit);
    const pattern = patternOf(shown);
    list.replaceChildren(...shown.map((r) => resultItem(entries[r.id], pattern)));
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
    current = { query, ...search(query) };
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

  // Adds a shard's entries to `building`; an entry's id is its index in `entries`.
  function add(building, shard) {
    const places = shard.p;
    const first = entries.length;
    for (const e of shard.e) {
      const [url, where] = places[e[0]];
      entries.push({ url: e[1] ? url + "#" + e[1] : url, title: e[2], text: e[3], where: where,
                     note: e[4] || "", phrase: normalise(e[2] + " " + e[3]) });
    }
    building.addAll(entries.slice(first).map((e, i) => ({ id: first + i, title: e.title, text: e.text,
                                                          where: e.where.join(" ") })));
  }

  // The manifest, then every shard in parallel. Each shard is indexed as soon as it and those before
  // it have arrived: entries keep the site's order, so results that score the same come in the same
  // order however the network delivers. Resolves with the index once every shard is in it.
  function load(manifestUrl) {
    return fetchJson(manifestUrl).then((manifest) => {
      if (!Array.isArray(manifest.shards)) throw new Error("the index lists no shards");
      const building = new MiniSearch({ fields: ["title", "text", "where"], storeFields: [] });
      const shards = manifest.shards.map(fetchJson);
      const fetched = Promise.all(shards).then(() => performance.mark("search:fetched"));  // fails at the first failure
      let added = Promise.resolve();
      for (const shard of shards) added = added.then(() => shard).then((data) => add(building, data));
      return Promise.all([fetched, added]).then(() => building);
    });
  }

  input.value = queryOfUrl();
  if (typeof MiniSearch !== "function") {
    fail("Search could not start: its library did not load.");
    return;
  }
  if (input.value.trim()) count.textContent = "Searching…";

  load(root.getAttribute("data-index"))
    .then((built) => {
      engine = built;
      search("warm up");  // the first search compiles the code paths: not at the reader's first key
      performance.mark("search:indexed");
      show(input.value, true);
      root.setAttribute("data-search-ready", "");
    })
    .catch((e) => fail("Search could not load its index (" + e.message + ")."));

  // Results as you type; the URL follows without adding a history entry per key.
  input.addEventListener("input", () => {
    if (!engine) return;
    show(input.value, false);
    history.replaceState(null, "", urlOf(input.value));
  });
  // Enter: the same results, read out at once, and a history entry to come back to.
  form.addEventListener("submit", (event) => {
    if (!engine) return;  // before the index is loaded the browser submits the form (same page, ?q=)
    event.preventDefault();
    show(input.value, true);
    if (urlOf(input.value) !== location.search) history.pushState(null, "", urlOf(input.value));
  });
  window.addEventListener("popstate", () => {
    input.value = queryOfUrl();
    if (engine) show(input.value, true);
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
