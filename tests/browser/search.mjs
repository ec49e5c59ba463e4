// search.mjs — the site search (/search/, themes/default/assets/search.js with MiniSearch over
// the index's shards, listed by /search-index.json) end to end in Debian's headless Chromium, on
// the real site.
//
//   node search.mjs --root DIR [--screenshots DIR] [--base /standards/]
//
// 1. Each query of QUERIES, opened as /search/?q=..., puts the expected page and anchor FIRST, and
//    that first result says what it is and where it sits ("Requirement — Member › ..."), never
//    begins with a bare item number; its link lands on an element with that id.
// 2. Typing three queries into the box shows results within BUDGET_MS of a key: from the key press to
//    the results list being replaced at the median and 90th percentile, and to the next paint
//    (the browser's Event Timing) at the median; best of 3 rounds. The query follows in the URL,
//    and the count is read out in a polite live region once typing pauses.
// 3. Keyboard: ArrowDown/ArrowUp move between the box and the results, Enter follows a result and
//    Back returns to the query; the header's search box on another page submits to /search/?q=...
//    and shows the results there; "Show all N results" shows the rest past the first 20.
// 4. A query nothing matches says so, and a word found as typed has no typo matches; axe-core (WCAG 2.2 AA) finds nothing on the results page at
//    1280 and 375 px, screenshots search-results-<width>.png.
// 5. The index in shards: the page fetches the manifest and every shard it lists, once each, all
//    requested at once; while a shard is still on its way there are no results (never a partial
//    index), and a shard that fails to load makes the page say that search could not load its
//    index, with the pages to browse, as a failed index always did.
// Exit 0 with a summary line (timings included); otherwise every failure and exit 1.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serveStatic, basePath } from './serve-static.mjs';
import { AXE_TAGS, WIDTHS } from './a11y.mjs';

const require = createRequire(import.meta.url);
const CHROMIUM = process.env.ICIPS_CHROMIUM ?? '/usr/bin/chromium';
const BUDGET_MS = 50;

// query -> the entry that must come first (checked against content/: see the comments).
const QUERIES = [
  // content/standards/underpinning-knowledge/ci-leader.yaml: "Use of control charts to understand performance."
  { q: 'control charts', first: '/grades/ci-leader/underpinning-knowledge/5/#item-3',
    where: ['CI Leader', 'Underpinning knowledge', 'Assignment 5'] },
  // member.yaml, assignment 4, item 5: "Calculating sample size." (Practitioner has "sample sizes")
  { q: 'sample size', first: '/grades/member/underpinning-knowledge/4/#item-5',
    where: ['Member', 'Underpinning knowledge', 'Assignment 4'] },
  // a typo, forgiven because the word as typed finds nothing: "Change management models including Kotter, ..."
  { q: 'kottr', first: '/grades/practitioner/underpinning-knowledge/1/#item-3',
    kind: 'Requirement', where: ['Practitioner', 'Underpinning knowledge', 'Assignment 1', '› , 3'] },
  // pages and tools by their titles, before any requirement that mentions the words
  { q: 'practitioner checklist', first: '/grades/practitioner/checklist/', kind: 'Tool', where: ['Practitioner'] },
  { q: 'self-assessment', first: '/maturity/ci-sam/self-assessment/', kind: 'Tool', where: ['CI SAM'] },
  { q: 'fellow', first: '/grades/fellow/', kind: 'Page', where: ['Grades'] },
  // a stem: "Acting as trainer, coach & mentor"
  { q: 'coaching', first: '/grades/practitioner/underpinning-knowledge/4/', kind: 'Assignment' },
  // content/maturity/ci-sam.yaml, Leadership, level 1: "A blame culture exists." (CI Leader's
  // behaviours have "blame free ... culture": the exact phrase comes first)
  { q: 'blame culture', first: '/maturity/ci-sam/leadership/#leadership-1-8',
    where: ['CI SAM', 'Leadership', 'Level 1: Marginal'] },
  // a maturity descriptor by a hyphenated word: "... regularly floor-walking and listening to staff."
  { q: 'floor walking', first: '/maturity/ci-sam/leadership/#leadership-5-2',
    where: ['CI SAM', 'Leadership', 'Level 5'] },
  // content/packs/csit-document-one.yaml, a worksheet question: "Which influential people do we need to influence?"
  { q: 'influential people', first: '/packs/csit-document-one/leadership-discussion/#leadership-discussion--l',
    where: ['Culture and Sport Improvement Toolkit', 'Discussion prompts'] },
  // a question of another worksheet: "Which critical documents will be useful during the Self-Assessment sessions?"
  { q: 'critical documents', first: '/packs/csit-document-one/inform-self-assessment/#inform-self-assessment--e' },
  // word prefixes: "The relevance of situational awareness to CI." (member, assignment 3, item 5)
  { q: 'situational aware', first: '/grades/member/underpinning-knowledge/3/#item-5' },
  // a prose page by its title: content/fast-track.md
  { q: 'fast track entry', first: '/fast-track/' },
];

function args(argv) {
  const opts = { root: null, screenshots: null, base: '' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') opts.root = path.resolve(argv[++i]);
    else if (argv[i] === '--base') opts.base = argv[++i];
    else if (argv[i] === '--screenshots') opts.screenshots = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!opts.root) throw new Error('--root DIR is required');
  return opts;
}

const searchUrl = (q) => `/search/?q=${encodeURIComponent(q)}`;

async function results(page) {
  await page.waitForSelector('[data-search-ready]', { state: 'attached', timeout: 10000 });
  const list = await page.$$eval('.search-result', (items) => items.map((li) => ({
    href: li.querySelector('a').getAttribute('href'),
    text: li.querySelector('a').textContent,
    where: li.querySelector('.search-result-where')?.textContent ?? '',
  })));
  return list.map((r) => ({ ...r, href: unbased(r.href) }));  // site paths, as QUERIES lists them
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const opts = args(process.argv.slice(2));
if (!fs.existsSync(path.join(opts.root, 'assets/vendor/minisearch.js'))) {
  console.error(`search.mjs: ${opts.root} was built without the search library (assets/vendor/minisearch.js): run 'make search-lib'`);
  process.exit(1);
}
if (opts.screenshots) fs.mkdirSync(opts.screenshots, { recursive: true });
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// The site is served under the base path it was built for (--base; the root by default). `site`
// is its home page's address without the final slash; links in the pages start with `base`.
const server = await serveStatic(opts.root, 0, { base: opts.base });
const site = server.url;
const { origin } = new URL(site);
const base = basePath(opts.base);
const unbased = (href) => (base && href?.startsWith(base + '/') ? href.slice(base.length) : href);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
         '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', '--proxy-server=http://127.0.0.1:9',
         '--proxy-bypass-list=127.0.0.1'],
});
const failures = [];
const fail = (what) => failures.push(what);

async function newPage(context) {
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(`script error on ${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    // The site has no favicon; the browser asking for one is not a search problem.
    if (m.type() === 'error' && !m.location()?.url?.endsWith('/favicon.ico')) fail(`console error on ${page.url()}: ${m.text()}`);
  });
  // A request cut short because the test moved on to another page (ERR_ABORTED) is no fault of the site.
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED') fail(`request failed: ${r.url()} ${why}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) fail(`HTTP ${r.status()}: ${r.url()}`); });
  return page;
}

const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
await context.route('**/*', (route) => {
  const u = new URL(route.request().url());
  if (u.origin === origin || u.protocol === 'data:') return route.continue();
  fail(`request left the site: ${u.href}`);
  return route.abort('blockedbyclient');
});

// 1. The query table.
const table = [];
const readyMs = [], buildMs = [];  // navigation start to a searchable index; fetched index to searchable
{
  const page = await newPage(context);
  for (const { q, first, where, kind } of QUERIES) {
    await page.goto(site + searchUrl(q));
    const list = await results(page);
    const marks = await page.evaluate(() => ['search:fetched', 'search:indexed'].map((n) => performance.getEntriesByName(n)[0]?.startTime));
    readyMs.push(marks[1]);
    buildMs.push(marks[1] - marks[0]);
    const got = list[0]?.href ?? '(no result)';
    table.push({ q, got, count: list.length });
    if (got !== first) {
      fail(`"${q}": first result ${got}, expected ${first}; the first five:\n    ` +
        list.slice(0, 5).map((r) => `${r.href}  ${r.text.slice(0, 70)}`).join('\n    '));
      continue;
    }
    for (const part of where ?? [])
      if (!list[0].where.includes(part)) fail(`"${q}": the first result's where "${list[0].where}" lacks "${part}"`);
    // What it is, first: "Requirement — Member › ...", never a bare item number.
    if (kind && !list[0].where.startsWith(kind)) fail(`"${q}": the first result says "${list[0].where}", not "${kind} — …"`);
    if (/^\s*\d+\.(\s|$)/.test(list[0].text)) fail(`"${q}": the first result begins with a bare number: "${list[0].text}"`);
    if (await page.inputValue('#search-q') !== q) fail(`"${q}": the box does not show the query from the URL`);
    // The link lands on the item itself.
    await page.click('.search-result-link >> nth=0');
    await page.waitForURL(site + first);
    const id = decodeURIComponent(new URL(first, origin).hash.slice(1));
    if (id && !(await page.evaluate((id) => document.getElementById(id) !== null && document.querySelector(':target')?.id === id, id)))
      fail(`"${q}": ${first} has no element with id ${id} as :target`);
  }
  await page.close();
}

// 2. Results as you type, the URL, the live region. The timing is taken in up to ROUNDS rounds
// of the three queries and the first round within budget counts (best of n, as benchmarks do: the
// machine is shared, 2 cores, and a round slowed by another process is not a slow search).
const TYPED = ['control charts', 'sample size', 'blame culture'];
const ROUNDS = 3;
let keyMs = [], frameMs = [], rounds = 0;
const timingProblems = [];
{
  const page = await newPage(context);
  await page.goto(site + '/search/');
  await page.waitForSelector('[data-search-ready]', { state: 'attached' });
  await page.evaluate(() => {
    // shown: from the key press (its event time) to the results list being replaced;
    // painted: the browser's own input-to-next-paint time of the key (Event Timing API; it reports
    // only events of 16 ms or more, so a key it does not report took less).
    const list = document.querySelector('[data-search-results]');
    window.__timing = { shown: [], painted: new Map(), typed: new Set() };
    let pressed = 0;
    document.addEventListener('keydown', (e) => {
      if (e.key.length !== 1) return;  // typed characters only (not the Delete that clears the box)
      pressed = e.timeStamp;
      window.__timing.typed.add(Math.round(e.timeStamp));
    }, true);
    new MutationObserver(() => {
      if (!pressed) return;
      window.__timing.shown.push(performance.now() - pressed);
      pressed = 0;
    }).observe(list, { childList: true });
    new PerformanceObserver((entries) => {
      for (const e of entries.getEntries())
        if (e.name === 'keydown' && e.interactionId && window.__timing.typed.has(Math.round(e.startTime)))
          window.__timing.painted.set(e.interactionId, Math.max(e.duration, window.__timing.painted.get(e.interactionId) ?? 0));
    }).observe({ type: 'event', durationThreshold: 16 });
  });
  await page.click('#search-q');
  await page.waitForTimeout(300);  // a reader starts typing a moment after clicking
  const p = (values, q) => percentile(values, q).toFixed(1);
  while (rounds < ROUNDS) {
    rounds++;
    await page.evaluate(() => { window.__timing.shown = []; window.__timing.painted.clear(); window.__timing.typed.clear(); });
    for (const q of TYPED) {
      await page.fill('#search-q', '');
      await page.keyboard.type(q, { delay: 60 });
      await page.waitForTimeout(900);  // the count is announced once typing pauses
      if (rounds > 1) continue;
      const first = unbased(await page.$eval('.search-result-link', (a) => a.getAttribute('href')).catch(() => null));
      const expected = QUERIES.find((x) => x.q === q).first;
      if (first !== expected) fail(`typing "${q}": first result ${first}, expected ${expected}`);
      const url = new URL(page.url());
      if (url.searchParams.get('q') !== q) fail(`typing "${q}": the URL is ${url.pathname}${url.search}, not ?q=${q}`);
      const status = await page.$eval('[role=status]', (el) => el.textContent);
      if (!/^\d+ results? for “.*”/.test(status) || !status.includes(q)) fail(`typing "${q}": the live region says "${status}"`);
      const live = await page.$eval('[role=status]', (el) => getComputedStyle(el).display !== 'none' && !el.closest('[hidden],[aria-hidden=true]'));
      if (!live) fail('the live region is hidden from assistive technology');
    }
    const timing = await page.evaluate(() => ({ shown: window.__timing.shown, painted: [...window.__timing.painted.values()] }));
    const typed = TYPED.join('').length;
    keyMs = timing.shown;
    frameMs = [...timing.painted, ...Array(Math.max(0, typed - timing.painted.length)).fill(16)];
    if (keyMs.length !== typed) fail(`${keyMs.length} of ${typed} keystrokes changed the results`);
    // Our part (search and the new list) within budget at the median and at nine keys in ten; the
    // paint that follows (which waits for the next frame) at the median.
    const problems = [];
    if (percentile(keyMs, 0.5) > BUDGET_MS || percentile(keyMs, 0.9) > BUDGET_MS)
      problems.push(`results shown later than ${BUDGET_MS} ms after a key: median ${p(keyMs, 0.5)} ms, 90th percentile ` +
        `${p(keyMs, 0.9)} ms; all: ${keyMs.map((t) => t.toFixed(0)).join(' ')}`);
    if (percentile(frameMs, 0.5) > BUDGET_MS)
      problems.push(`results painted later than ${BUDGET_MS} ms after a key: median ${p(frameMs, 0.5)} ms; all: ${frameMs.join(' ')}`);
    if (!problems.length) break;
    timingProblems.push(...problems.map((x) => `round ${rounds}: ${x}`));
    if (rounds === ROUNDS) timingProblems.forEach(fail);
  }

  // 3. Keyboard: from the box down into the results and back, Enter follows a link.
  await page.focus('#search-q');
  await page.keyboard.press('ArrowDown');
  const firstHref = await page.evaluate(() => document.activeElement.getAttribute('href'));
  await page.keyboard.press('ArrowDown');
  const secondHref = await page.evaluate(() => document.activeElement.getAttribute('href'));
  const hrefs = await page.$$eval('.search-result-link', (as) => as.map((a) => a.getAttribute('href')));
  if (firstHref !== hrefs[0] || secondHref !== hrefs[1]) fail(`ArrowDown moved focus to ${firstHref}, ${secondHref}, not the first two results`);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  if (await page.evaluate(() => document.activeElement.id) !== 'search-q') fail('ArrowUp from the first result does not return to the box');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => unbased(u.pathname) !== '/search/');
  if (new URL(page.url()).pathname + new URL(page.url()).hash !== hrefs[0]) fail(`Enter on the first result went to ${page.url()}, not ${hrefs[0]}`);
  await page.goBack();
  await page.waitForSelector('[data-search-ready]', { state: 'attached' });
  if (await page.inputValue('#search-q') !== 'blame culture') fail('back from a result does not show the query again');

  // The header's search box on another page: Tab to it, type, Enter.
  await page.goto(site + '/grades/member/');
  await page.keyboard.press('Tab');  // the skip link
  await page.keyboard.press('Tab');  // the site title
  await page.keyboard.press('Tab');
  if (await page.evaluate(() => document.activeElement.id) !== 'site-search-q') fail('the header search box is not the third Tab stop');
  await page.keyboard.type('sample size');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => unbased(u.pathname) === '/search/');
  const fromHeader = await results(page);
  if (new URL(page.url()).searchParams.get('q') !== 'sample size' || fromHeader[0]?.href !== '/grades/member/underpinning-knowledge/4/#item-5')
    fail(`the header search went to ${page.url()} with first result ${fromHeader[0]?.href}`);

  // More than a screenful: the first 20, and a button that shows the rest and moves focus to them.
  await page.goto(site + searchUrl('improvement'));
  await page.waitForSelector('[data-search-ready]', { state: 'attached' });
  const total = Number((await page.$eval('[data-search-count]', (el) => el.textContent)).match(/^(\d+) results/)?.[1]);
  const before = (await page.$$('.search-result')).length;
  if (!(total > 20) || before !== 20) fail(`"improvement": ${before} results shown of ${total}, expected the first 20 of more`);
  else {
    await page.focus('[data-search-more]');
    await page.keyboard.press('Enter');
    const after = (await page.$$('.search-result')).length;
    const focused = await page.evaluate(() => [...document.querySelectorAll('.search-result-link')].indexOf(document.activeElement));
    if (after !== total || focused !== 20 || !(await page.isHidden('[data-search-more]')))
      fail(`"Show all": ${after} of ${total} results shown, focus on result ${focused + 1}, the button still visible`);
  }

  // 4. Nothing found.
  await page.goto(site + searchUrl('zzqxj'));
  await page.waitForSelector('[data-search-ready]', { state: 'attached' });
  const none = await page.$eval('[data-search-count]', (el) => el.textContent);
  if (!none.startsWith('No results for') || (await page.$$('.search-result')).length) fail(`an unmatched query shows "${none}"`);
  // A word found as typed is not also matched loosely: "kotter" is not "matter", "foster" or "other".
  const kotter = await results(await page.goto(site + searchUrl('kotter')).then(() => page));
  if (kotter.length !== 1) fail(`"kotter" shows ${kotter.length} results: ${kotter.map((r) => r.text.slice(0, 40)).join(' | ')}`);
  await page.close();
}

// 5. The shards. A slow shard 0: the others are requested meanwhile, and nothing is shown until it
// is in. Then a shard that fails (the last): the failure, said as for any index that did not load.
let shardCount = 0;
{
  const manifest = JSON.parse(fs.readFileSync(path.join(opts.root, 'search-index.json'), 'utf8'));
  const shards = manifest.shards ?? [];
  shardCount = shards.length;
  if (manifest.v !== 3 || !shards.length) fail(`the manifest is ${JSON.stringify(manifest)}`);
  const page = await newPage(context);
  const requested = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (unbased(u.pathname).startsWith('/search-index')) requested.push(u.pathname);
  });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(origin + shards[0], async (route) => { await held; await route.continue(); });
  await page.goto(site + searchUrl('sample size'));
  await page.waitForFunction((n) => performance.getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname.includes('/search-index/')).length >= n - 1, shards.length);
  await page.waitForTimeout(200);
  const waiting = await page.evaluate(() => ({
    ready: document.querySelector('[data-search-ready]') !== null,
    count: document.querySelector('[data-search-count]').textContent,
    results: document.querySelectorAll('.search-result').length,
  }));
  if (waiting.ready || waiting.results || waiting.count !== 'Searching…')
    fail(`with shard 0 on its way the page is ready: ${waiting.ready}, shows ${waiting.results} results, says "${waiting.count}"`);
  release();
  const list = await results(page);
  if (list[0]?.href !== '/grades/member/underpinning-knowledge/4/#item-5') fail(`with every shard in, "sample size" first shows ${list[0]?.href}`);
  const want = [base + '/search-index.json', ...shards].sort();
  if (JSON.stringify([...requested].sort()) !== JSON.stringify(want))
    fail(`the page fetched ${requested.join(' ')}, not the manifest and its shards ${shards.join(' ')} once each`);
  await page.close();

  // The failing shard answers 404: the console error and the 404 are expected here, script errors not.
  const ctx = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  await ctx.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort('blockedbyclient')));
  await ctx.route(origin + shards[shards.length - 1], (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone' }));
  const broken = await ctx.newPage();
  broken.on('pageerror', (e) => fail(`script error with a failing shard: ${e.message}`));
  await broken.goto(site + searchUrl('sample size'));
  await broken.waitForSelector('[data-search-unavailable]', { state: 'visible', timeout: 10000 });
  const said = await broken.evaluate(() => ({
    error: document.querySelector('[data-search-error]').textContent,
    status: document.querySelector('[role=status]').textContent,
    ready: document.querySelector('[data-search-ready]') !== null,
    browse: document.querySelectorAll('[data-search-unavailable] a').length,
  }));
  if (said.status !== 'Search could not load its index (HTTP 404).' || said.error !== said.status + ' Browse instead:' ||
      said.ready || !said.browse)
    fail(`with a failing shard the page says "${said.status}" / "${said.error}" (ready: ${said.ready}, ${said.browse} links to browse)`);
  await broken.fill('#search-q', 'control charts');
  await broken.waitForTimeout(300);
  if ((await broken.$$('.search-result')).length) fail('with a failing shard, typing shows results from a partial index');
  await ctx.close();
}

// 4. axe on the results page, and screenshots, at both widths.
for (const vp of WIDTHS) {
  const ctx = await browser.newContext({ locale: 'en-GB', viewport: { width: vp.width, height: vp.height }, isMobile: vp.isMobile });
  const page = await newPage(ctx);
  await page.goto(site + searchUrl('sample size'));
  await results(page);
  await page.evaluate(axeSource);
  const axe = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), AXE_TAGS);
  for (const v of axe.violations) fail(`axe @${vp.width}: ${v.id} ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  if (opts.screenshots) await page.screenshot({ path: path.join(opts.screenshots, `search-results-${vp.width}.png`), fullPage: true });
  await ctx.close();
}

await context.close();
await browser.close();
await server.close();

const ms = (v) => `${v.toFixed(1)} ms`;
if (process.env.ICIPS_SEARCH_TABLE)
  for (const row of table) console.log(`  ${row.q.padEnd(20)} -> ${row.got} (${row.count} shown)`);
if (failures.length) {
  console.error(failures.join('\n'));
  console.error(`search: FAILED: ${failures.length} failures`);
  process.exit(1);
}
console.log(`search: ${QUERIES.length} queries put the expected entry first; results within ${BUDGET_MS} ms of a key ` +
  `(${keyMs.length} keys, shown: median ${ms(percentile(keyMs, 0.5))}, 90% ${ms(percentile(keyMs, 0.9))}, max ` +
  `${ms(Math.max(...keyMs))}; painted: median ${ms(percentile(frameMs, 0.5))}, 90% ${ms(percentile(frameMs, 0.9))}, max ` +
  `${ms(Math.max(...frameMs))}, Event Timing; round ${rounds} of ${ROUNDS}); opening /search/?q=: searchable after ${ms(percentile(readyMs, 0.5))} ` +
  `(median; index of ${shardCount} shards built in ${ms(percentile(buildMs, 0.5))} after the last arrived); ` +
  `shards fetched at once, no partial index, a failing shard said; ` +
  `live region, keyboard, header box and axe pass (tests/browser/search.mjs)`);
