// a11y.mjs — accessibility, keyboard and screenshot checks of a built site in Debian's Chromium.
//
//   node a11y.mjs --root DIR [--screenshots DIR] [--pages FILE.mjs] [--page KIND=/path/ ...]
//
// Serves DIR on a loopback port (serve-static.mjs) and, for every page of pages.mjs (or the
// --page list) whose file exists in DIR, at desktop (1280x900) and phone (375x740) widths:
//   1. axe-core with the WCAG 2.0/2.1 A+AA and 2.2 AA rules: zero violations allowed;
//   2. a full-page PNG, <screenshots>/<kind>-<width>.png;
//   3. keyboard: presses Tab until focus wraps and requires that every visible focusable control
//      is reached, that each focused element shows a focus indicator (its computed outline or
//      box-shadow differs from its unfocused state) and is not entirely hidden (WCAG 2.4.11);
//   4. no request may leave loopback, no sub-resource may fail, no script error or console error.
// Pages whose file is missing print "skipped: not built". Exit 0 with one summary line when all
// passes; otherwise every failure is printed (page, width, rule, selector, help URL) and exit 1.
// Environment: ICIPS_CHROMIUM (default /usr/bin/chromium); ICIPS_A11Y_TIMING=1 prints the time
// each page view takes.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic, resolveRequest } from './serve-static.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900, isMobile: false },
  { name: 'phone', width: 375, height: 740, isMobile: true },
];
const CHROMIUM = process.env.ICIPS_CHROMIUM ?? '/usr/bin/chromium';
// Headless, no sandbox (CI runs as root), and nothing that talks to the network by itself.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--no-first-run', '--no-default-browser-check', '--no-pings',
  '--disable-background-networking', '--disable-component-update', '--disable-default-apps',
  '--disable-domain-reliability', '--disable-sync', '--disable-breakpad',
  '--disable-client-side-phishing-detection', '--metrics-recording-only',
  '--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions,AutofillServerCommunication',
  // The site is served on 127.0.0.1: every host name resolves to nothing, and every other address
  // goes to a dead proxy on loopback (the request router below also aborts them and reports them).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=127.0.0.1',
];
const MAX_NODES_SHOWN = 8;

function parseArgs(argv) {
  const opts = { root: null, screenshots: null, pagesFile: path.join(here, 'pages.mjs'), pages: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--root') opts.root = value();
    else if (a === '--screenshots') opts.screenshots = value();
    else if (a === '--pages') opts.pagesFile = path.resolve(value());
    else if (a === '--page') {
      const [kind, url] = value().split(/=(.*)/s);
      if (!kind || !url?.startsWith('/')) throw new Error(`--page wants KIND=/path/, not ${argv[i]}`);
      opts.pages.push([kind, url]);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.root) throw new Error('--root DIR is required');
  return opts;
}

// Runs in the page: marks every focusable candidate with data-kbd-idx and returns, for each,
// its description, whether it is visible, and its unfocused outline/box-shadow.
function collectFocusables() {
  const SELECTOR = 'a[href], area[href], button, input, textarea, select, summary, iframe, [tabindex], [contenteditable="true"], [contenteditable=""]';
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    else if (el.classList.length) s += '.' + [...el.classList].join('.');
    const href = el.getAttribute('href');
    if (href) s += `[href="${href}"]`;
    const name = el.getAttribute('name');
    if (name) s += `[name="${name}"]`;
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ');
    if (text) s += ` "${text.slice(0, 40)}${text.length > 40 ? '…' : ''}"`;
    return s;
  };
  const style = (el) => {
    const cs = getComputedStyle(el);
    return { outlineStyle: cs.outlineStyle, outlineWidth: cs.outlineWidth, outlineColor: cs.outlineColor,
             outlineOffset: cs.outlineOffset, boxShadow: cs.boxShadow };
  };
  const tabbable = (el) => {
    if (el.matches(':disabled') || el.closest('[inert]')) return false;
    if (el.matches('input[type="hidden"]')) return false;
    const ti = el.getAttribute('tabindex');
    if (ti !== null && ti.trim() !== '' && Number(ti) < 0) return false;
    if (el.tagName === 'SUMMARY') {
      const d = el.parentElement;
      if (!d || d.tagName !== 'DETAILS' || d.querySelector(':scope > summary') !== el) return false;
    }
    return true;
  };
  const visible = (el) => {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const out = [];
  document.querySelectorAll(SELECTOR).forEach((el) => {
    if (!tabbable(el)) return;
    el.dataset.kbdIdx = String(out.length);
    // Tab stops once in a group of radios (arrow keys move inside it): the group is one control.
    const group = el.matches('input[type="radio"][name]')
      ? `radio:${el.form ? [...document.forms].indexOf(el.form) : '-'}:${el.name}` : null;
    out.push({ idx: out.length, desc: describe(el), visible: visible(el), style: style(el), group });
  });
  return out;
}

// Runs in the page after a Tab press: what has focus, its focused styles, and whether any part of
// it is on screen and not covered by another element.
function inspectFocus() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const inset = (a, b) => (b - a > 4 ? [a + 2, (a + b) / 2, b - 2] : [(a + b) / 2]);
  let seen = false;
  for (const x of inset(r.left, r.right)) {
    for (const y of inset(r.top, r.bottom)) {
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === el || el.contains(hit) || hit.contains(el))) { seen = true; break; }
    }
    if (seen) break;
  }
  let desc = el.tagName.toLowerCase();
  if (el.id) desc += `#${el.id}`;
  else if (el.classList.length) desc += '.' + [...el.classList].join('.');
  const href = el.getAttribute('href');
  if (href) desc += `[href="${href}"]`;
  return {
    idx: el.dataset.kbdIdx ?? null, desc, seen,
    style: { outlineStyle: cs.outlineStyle, outlineWidth: cs.outlineWidth, outlineColor: cs.outlineColor,
             outlineOffset: cs.outlineOffset, boxShadow: cs.boxShadow },
  };
}

const transparent = (c) => /^(transparent|rgba\(.*,\s*0\))$/.test(c.trim());

// True when the focused style draws something the unfocused one does not.
export function showsFocus(before, after) {
  const outlineDrawn = after.outlineStyle !== 'none' && parseFloat(after.outlineWidth) > 0 &&
    !transparent(after.outlineColor);
  const outlineChanged = outlineDrawn && (before.outlineStyle === 'none' || parseFloat(before.outlineWidth) === 0 ||
    transparent(before.outlineColor) || before.outlineStyle !== after.outlineStyle ||
    before.outlineWidth !== after.outlineWidth || before.outlineColor !== after.outlineColor ||
    before.outlineOffset !== after.outlineOffset);
  const shadowChanged = after.boxShadow !== 'none' && after.boxShadow !== before.boxShadow;
  return outlineChanged || shadowChanged;
}

async function checkKeyboard(page, fail) {
  const focusables = await page.evaluate(collectFocusables);
  const byIdx = new Map(focusables.map((f) => [String(f.idx), f]));
  const reached = new Set();
  const limit = focusables.length + 10;
  let presses = 0, stops = 0;
  for (; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(inspectFocus);
    if (!f) { if (stops) break; continue; }                                // focus wrapped out of the page
    const key = f.idx ?? f.desc;
    if (reached.has(key)) break;                                          // wrapped to the start
    reached.add(key);
    stops++;
    const group = f.idx !== null ? byIdx.get(f.idx)?.group : null;
    if (group) reached.add(group);
    const before = f.idx !== null ? byIdx.get(f.idx)?.style : null;
    const label = f.idx !== null ? byIdx.get(f.idx).desc : f.desc;
    if (before && !showsFocus(before, f.style)) {
      fail('keyboard/focus-not-visible', label,
        `focused outline ${f.style.outlineStyle} ${f.style.outlineWidth} ${f.style.outlineColor}, box-shadow ${f.style.boxShadow} ` +
        `(unfocused: outline ${before.outlineStyle} ${before.outlineWidth} ${before.outlineColor}, box-shadow ${before.boxShadow})`);
    }
    if (!f.seen) fail('keyboard/focus-obscured', label, 'the focused element is off-screen or entirely covered (WCAG 2.4.11)');
  }
  const missed = focusables.filter((f) => f.visible && !reached.has(String(f.idx)) && !(f.group && reached.has(f.group)));
  for (const f of missed) fail('keyboard/not-reachable', f.desc, `not reached by Tab (${presses} presses)`);
  return { stops };
}

function fileExists(root, urlPath) {
  const hit = resolveRequest(root, urlPath.split(/[?#]/)[0]);
  return Boolean(hit?.file || hit?.redirect);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = fs.realpathSync(opts.root);
  let pages = opts.pages;
  if (!pages.length) pages = Object.entries((await import(pathToFileURL(opts.pagesFile).href)).default);
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (opts.screenshots) fs.mkdirSync(opts.screenshots, { recursive: true });

  const toCheck = [];
  for (const [kind, url] of pages) {
    if (fileExists(root, url)) toCheck.push([kind, url]);
    else console.log(`a11y: skipped: not built: ${kind} ${url}`);
  }
  if (!toCheck.length) {
    console.log(`a11y: FAILED: none of the ${pages.length} pages exists under ${root}`);
    return 1;
  }

  const server = await serveStatic(root);
  const origin = server.url;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const failures = [];
  let violations = 0, shots = 0, stops = 0;

  // One browser context per width; the two widths run side by side (the machines have 2 cores).
  const checkWidth = async (vp, vpIndex) => {
    const context = await browser.newContext({
      viewport: { width: vp.width, height: vp.height }, isMobile: vp.isMobile, deviceScaleFactor: 1,
      serviceWorkers: 'block', reducedMotion: 'reduce', locale: 'en-GB',
    });
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
      return route.abort('blockedbyclient');
    });
    for (const [pageIndex, [kind, url]] of toCheck.entries()) {
      const where = `${kind} ${url} @${vp.width}`;
      const order = pageIndex * WIDTHS.length + vpIndex;
      const fail = (rule, target, detail, help) => failures.push({ order, where, rule, target, detail, help });
      const page = await context.newPage();
      page.on('pageerror', (e) => fail('script-error', url, e.message));
      page.on('console', (m) => { if (m.type() === 'error') fail('console-error', url, m.text()); });
      page.on('requestfailed', (r) => fail('request-failed', r.url(), r.failure()?.errorText ?? 'failed'));
      page.on('response', (r) => {
        const expected404 = r.request().isNavigationRequest() && kind === 'not-found';
        if (r.status() >= 400 && !expected404) fail('http-error', r.url(), `HTTP ${r.status()}`);
      });
      try {
        const t0 = Date.now();
        const resp = await page.goto(origin + url, { waitUntil: 'load' });
        if (!resp) fail('navigation', url, 'no response');
        await page.evaluate(() => document.fonts?.ready);

        await page.evaluate(axeSource);
        const result = await page.evaluate((tags) => window.axe.run(document, {
          runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
        }), AXE_TAGS);
        for (const v of result.violations) {
          violations++;
          const nodes = v.nodes.map((n) => n.target.join(' '));
          const shown = nodes.slice(0, MAX_NODES_SHOWN).join('\n      ') +
            (nodes.length > MAX_NODES_SHOWN ? `\n      … and ${nodes.length - MAX_NODES_SHOWN} more` : '');
          const first = v.nodes[0]?.failureSummary?.split('\n').slice(0, 2).join(' ').trim();
          fail(`axe/${v.id}`, shown, `${v.help} [${v.impact}]${first ? `\n      ${first}` : ''}`, v.helpUrl);
        }

        const t1 = Date.now();
        if (opts.screenshots) {
          await page.screenshot({ path: path.join(opts.screenshots, `${kind}-${vp.width}.png`), fullPage: true });
          shots++;
        }

        const t2 = Date.now();
        const kb = await checkKeyboard(page, fail);
        stops += kb.stops;
        if (process.env.ICIPS_A11Y_TIMING) {
          console.log(`${where}: load+axe ${t1 - t0} ms, screenshot ${t2 - t1} ms, keyboard ${Date.now() - t2} ms (${kb.stops} stops)`);
        }
      } catch (e) {
        fail('error', url, e.message.split('\n')[0]);
      } finally {
        await page.close();
      }
    }
    await context.close();
  };
  try {
    await Promise.all(WIDTHS.map(checkWidth));
  } finally {
    await browser.close();
    await server.close();
  }

  const runs = toCheck.length * WIDTHS.length;
  const widths = WIDTHS.map((w) => w.width).join('+');
  if (!failures.length) {
    console.log(`a11y: ${toCheck.length} pages x ${widths}px, 0 axe violations (${AXE_TAGS.join(' ')}), ` +
      `${stops} Tab stops all with visible focus, ${shots} screenshots` +
      (opts.screenshots ? ` in ${path.relative(process.cwd(), opts.screenshots) || '.'}` : '') +
      (pages.length > toCheck.length ? `, ${pages.length - toCheck.length} of the listed page kinds not built yet` : ''));
    return 0;
  }
  failures.sort((a, b) => a.order - b.order);
  let last = '';
  for (const f of failures) {
    if (f.where !== last) { console.log(`\n${f.where}`); last = f.where; }
    console.log(`  ${f.rule}: ${f.detail}\n    target: ${f.target}${f.help ? `\n    help: ${f.help}` : ''}`);
  }
  console.log(`\na11y: FAILED: ${failures.length} failures (${violations} axe violations) on ${runs} page views`);
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then((code) => process.exit(code), (e) => {
    console.error(`a11y: ${e.message}`);
    process.exit(2);
  });
}
