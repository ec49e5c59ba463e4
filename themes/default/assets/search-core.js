// The search of /search/ without the page: the index built from the shards, the ranking, and what a
// result says it is. search.js shows it; tests/search/queries.mjs runs the same code in Node.js
// against a built site. Needs MiniSearch (assets/vendor/minisearch.js) and, for English stemming,
// the Porter2 stemmer (assets/vendor/porter2-stemmer.js, the global stemPorter2); both come from
// npm through `make`. Without the stemmer, words are matched as typed.
//
// Index format: the manifest /search-index.json, {"v": 3, "shards": [url, ...]}, lists the shards,
// each {"p": [[url, [where...]], ...], "e": [[place in this shard, anchor, title, text, kind, note?], ...]}
// (note: the URL of the entry's editorial notes, only when it has some).
//
// Ranking, in order:
//  1. A page's or tool's title that has every word of the query (stemmed, the last letters may be
//     missing); among those, titles with fewer other words first.
//  2. An assignment's title that has every word.
//  3. Everything else by MiniSearch's BM25 score: title 3×, text 1×, where it sits ½×; an entry
//     that holds the whole query as a phrase 4× (2× with its last word begun); editorial notes (for
//     editors) ¼×. Words like "how", "to" and "the" are left out of a query that has others.
// Every word must match (AND); when no entry has them all, any of them (OR). A word matches its
// stem and every word it begins; typos are forgiven only as a fallback, for a word of 5 letters or
// more that matches nothing as typed: one letter for 5 to 7 letters, two for longer words.
(function (root) {
  "use strict";

  const FIELD_BOOST = { title: 3, text: 1, where: 0.5 };
  const PHRASE_BOOST = 4;
  const NOTE_WEIGHT = 0.25;
  const FUZZY_FROM = 5;       // letters a word needs before a typo in it is forgiven
  // Words that say how a question is asked, not what it is about: left out of a query that has
  // other words ("how to start" looks for "start").
  const STOP = new Set(["a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from", "how", "i",
                        "in", "is", "it", "me", "my", "of", "on", "or", "the", "to", "what", "where", "which",
                        "who", "with", "when", "why", "we", "you", "your"]);
  const KINDS = {
    p: "Page", t: "Tool", a: "Assignment", r: "Requirement", q: "Question", d: "Descriptor",
    n: "Editorial notes",
  };
  const TITLED = new Set(["p", "t", "n"]);  // kinds whose title names a whole page

  // A word as the index holds it: its stem and, when that differs, the word itself (so that a word
  // typed in part, "assessm", still finds "assessment").
  function forms(word) {
    const lower = word.toLowerCase();
    const stem = typeof root.stemPorter2 === "function" ? root.stemPorter2(lower) : lower;
    return stem === lower ? [lower] : [stem, lower];
  }

  function tokenize(text) {
    return text.split(/[\n\r\p{Z}\p{P}\p{S}]+/u).filter(Boolean);
  }

  // Lower case, every run of characters that are not letters or digits made one space.
  function normalise(s) {
    return " " + s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " ";
  }

  // An entry of the shards, as the page keeps it.
  function entryOf(places, e) {
    const [url, where] = places[e[0]];
    const title = e[2], kind = KINDS[e[4]] ? e[4] : "p";
    const stems = tokenize(title).map((w) => forms(w)[0]);
    return { url: e[1] ? url + "#" + e[1] : url, title, text: e[3], where, kind, note: e[5] || "",
             phrase: normalise(title + " " + e[3]), titleStems: stems };
  }

  function newIndex() {
    return {
      engine: new root.MiniSearch({ fields: ["title", "text", "where"], storeFields: [], tokenize,
                                    processTerm: (term) => forms(term) }),
      entries: [],
    };
  }

  // Adds a shard's entries to the index; an entry's id is its index in `entries`.
  function addShard(index, shard) {
    const first = index.entries.length;
    for (const e of shard.e) index.entries.push(entryOf(shard.p, e));
    index.engine.addAll(index.entries.slice(first).map((e, i) => ({
      id: first + i, title: e.title, text: e.text, where: e.where.join(" ") })));
  }

  // Does any entry hold this form of a word, whole or as the start of a longer one?
  function found(index, form) {
    return index.engine.search(form, { prefix: true, fuzzy: 0, processTerm: (t) => t }).length > 0;
  }

  // The query as MiniSearch queries: each word one OR of its forms, the words combined by
  // `combineWith`; `fuzzy` the forms a typo is forgiven in, and how many letters.
  function spec(words, combineWith) {
    return { combineWith, queries: words.map((w) => ({ combineWith: "OR", queries: forms(w) })) };
  }

  function run(index, words, combineWith, fuzzy, phrase) {
    const entries = index.entries;
    return index.engine.search(spec(words, combineWith), {
      prefix: true,
      fuzzy: (term) => fuzzy.get(term) || 0,
      processTerm: (t) => t,
      boost: FIELD_BOOST,
      boostDocument: (id) => (entries[id].kind === "n" ? NOTE_WEIGHT : 1) * phraseBoost(entries[id], phrase),
    });
  }

  // An entry that holds the whole query, words in order, ranks first; one that holds it with its
  // last word begun ("sample si") next.
  function phraseBoost(entry, phrase) {
    if (!phrase) return 1;
    if (entry.phrase.includes(phrase)) return PHRASE_BOOST;
    return entry.phrase.includes(phrase.slice(0, -1)) ? PHRASE_BOOST / 2 : 1;
  }

  // How well an entry's title answers the query: 2 for a page or tool whose title has every word,
  // 1 for such an assignment, 0 otherwise; and the share of the title's words that are the query's.
  function titleMatch(entry, stems) {
    if (!entry.titleStems.length || !(TITLED.has(entry.kind) || entry.kind === "a")) return { tier: 0, cover: 0 };
    const hit = (q) => entry.titleStems.some((s) => s.startsWith(q));
    if (!stems.every((alternatives) => alternatives.some(hit))) return { tier: 0, cover: 0 };
    const used = entry.titleStems.filter((s) => stems.some((alternatives) => alternatives.some((q) => s.startsWith(q))));
    return { tier: TITLED.has(entry.kind) ? 2 : 1, cover: used.length / entry.titleStems.length };
  }

  // {results: [{id, score, terms, match, ...}], all: every word matched, words: the query's words}.
  function search(index, query) {
    const typed = tokenize(query);
    const words = typed.some((w) => !STOP.has(w.toLowerCase())) ? typed.filter((w) => !STOP.has(w.toLowerCase())) : typed;
    if (!words.length) return { results: [], all: true, words };
    // Typos only where a word finds nothing as typed.
    const fuzzy = new Map();
    for (const w of words) {
      if (w.length < FUZZY_FROM) continue;
      const f = forms(w);
      if (!f.some((form) => found(index, form))) f.forEach((form) => fuzzy.set(form, w.length >= 8 ? 2 : 1));
    }
    const phrase = normalise(query).trim() ? normalise(query) : "";
    let results = run(index, words, "AND", fuzzy, phrase);
    let all = true;
    if (!results.length && words.length > 1) {
      results = run(index, words, "OR", fuzzy, phrase);
      all = false;
    }
    const stems = words.map(forms);
    const ranked = results.map((r, at) => ({ r, at, ...titleMatch(index.entries[r.id], stems) }));
    ranked.sort((a, b) => b.tier - a.tier || (a.tier ? b.cover - a.cover : 0) || b.r.score - a.r.score || a.at - b.at);
    return { results: ranked.map((x) => x.r), all, words };
  }

  // What a result is and where it sits, as one line: "Requirement — Member › Underpinning knowledge
  // › Assignment 4: … › 5"; a page that sits nowhere is just "Page".
  function describe(entry) {
    const where = entry.where.slice();
    if (!TITLED.has(entry.kind) && entry.kind !== "a" && entry.title) where.push(entry.title.replace(/\.$/, ""));
    return { kind: KINDS[entry.kind], where };
  }

  // Whether a result shows its title (pages, tools, assignments) or only its text (an item's label
  // alone, "3.", reads like a rank).
  function showsTitle(entry) {
    return TITLED.has(entry.kind) || entry.kind === "a";
  }

  const api = { newIndex, addShard, search, describe, showsTitle, forms, tokenize };
  root.IcipsSearch = api;
})(typeof globalThis !== "undefined" ? globalThis : self);
