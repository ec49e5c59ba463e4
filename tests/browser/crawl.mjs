// crawl.mjs — every page of a built site, served where it is published, loads in Chromium with its
// stylesheet, and every internal link and asset answers 200.
//
//   node crawl.mjs --root DIR [--base /standards/] [--base-url https://example.org/standards/]
//
// Serves DIR under the base path (serve-static.mjs: everything outside it is a 404, as on a host
// that publishes the site in a folder) and
//   1. opens every HTML file of DIR in headless Chromium: the page and every request it makes (the
//      stylesheets, scripts, and on /search/ the search index and its shards) must answer 200 from
//      this server, and its first stylesheet must have loaded (its rules apply to the page);
//   2. requests every link, stylesheet, script, image and form action of those pages, every `url`
//      of the JSON files (the open data, the search index) and every location of sitemap.xml
//      (--base-url: the address the site was built for, mapped onto this server), each of which
//      must answer 200 under the base path.
// Exit 0 with one summary line, or every failure listed and exit 1.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic, basePath } from './serve-static.mjs';

const CHROMIUM = process.env.ICIPS_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=127.0.0.1',
];

function parseArgs(argv) {
  const opts = { root: null, base: '', baseUrl: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--root') opts.root = path.resolve(value());
    else if (a === '--base') opts.base = value();
    else if (a === '--base-url') opts.baseUrl = value();
    else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.root) throw new Error('--root DIR is required');
  return opts;
}

// Every file under `dir`, as site paths ("/grades/member/index.html").
function siteFiles(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...siteFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

// Every "url" value in a parsed JSON document, and for the search index's shards the first element
// of each place ([url, [where...]]) and the manifest's shard list.
function jsonUrls(value, out = []) {
  if (Array.isArray(value)) value.forEach((v) => jsonUrls(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'url' && typeof v === 'string') out.push(v);
      else if (key === 'shards' && Array.isArray(v)) out.push(...v.filter((s) => typeof s === 'string'));
      else if (key === 'p' && Array.isArray(v)) out.push(...v.map((place) => place[0]));
      else jsonUrls(v, out);
    }
  }
  return out;
}

const opts = parseArgs(process.argv.slice(2));
const base = basePath(opts.base);
const files = siteFiles(opts.root);
const pages = files.filter((f) => f.endsWith('.html')).map((f) => f.replace(/index\.html$/, '')).sort();
if (!pages.length) {
  console.error(`crawl: FAILED: no HTML page in ${opts.root}`);
  process.exit(1);
}

const server = await serveStatic(opts.root, 0, { base });
const { origin } = new URL(server.url);
const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);
const targets = new Map();  // absolute URL without fragment -> the first page that links to it
const note = (url, from) => {
  const u = new URL(url);
  u.hash = '';
  if (u.origin === origin && !targets.has(u.href)) targets.set(u.href, from);
};

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    fail(route.request().frame().url(), `requested ${u.href}, outside this server`);
    return route.abort('blockedbyclient');
  });
  // Two pages at a time (the machines have two cores).
  let next = 0;
  const worker = async () => {
    const page = await context.newPage();
    for (let i = next++; i < pages.length; i = next++) {
      const url = server.url + pages[i];
      const onResponse = (r) => {
        if (r.status() !== 200) fail(pages[i], `${r.request().resourceType()} ${r.url()} answered ${r.status()}`);
      };
      const onFailed = (r) => fail(pages[i], `${r.url()} failed: ${r.failure()?.errorText}`);
      page.on('response', onResponse);
      page.on('requestfailed', onFailed);
      try {
        // search.js fetches the index when /search/ loads; results show that it got every shard.
        const search = pages[i] === '/search/';
        await page.goto(search ? url + '?q=improvement' : url, { waitUntil: 'load' });
        if (search) {
          await page.waitForSelector('[data-search-results] li', { timeout: 20000 })
            .catch(() => fail(pages[i], 'a search for "improvement" showed no result'));
        }
        const found = await page.evaluate(() => {
          const sheet = document.styleSheets[0];
          let rules = 0;
          try { rules = sheet?.cssRules.length ?? 0; } catch { rules = -1; }
          const links = [];
          for (const el of document.querySelectorAll('a[href], link[href], area[href]')) links.push(el.href);
          for (const el of document.querySelectorAll('script[src], img[src], iframe[src], source[src]')) links.push(el.src);
          for (const el of document.querySelectorAll('form[action]')) links.push(el.action);
          for (const el of document.querySelectorAll('[data-index]')) links.push(new URL(el.dataset.index, location.href).href);
          return { sheet: sheet?.href ?? null, rules, links };
        });
        if (!found.sheet || found.rules <= 0) fail(pages[i], `the stylesheet did not load (${found.sheet ?? 'none'})`);
        for (const link of found.links) note(link, pages[i]);
      } catch (e) {
        fail(pages[i], e.message.split('\n')[0]);
      } finally {
        page.off('response', onResponse);
        page.off('requestfailed', onFailed);
      }
    }
    await page.close();
  };
  await Promise.all([worker(), worker()]);

  // The URLs the JSON files and the sitemap publish.
  for (const file of files.filter((f) => f.endsWith('.json'))) {
    const data = JSON.parse(fs.readFileSync(path.join(opts.root, file), 'utf8'));
    for (const url of jsonUrls(data)) {
      if (!url.startsWith('/')) fail(file, `url ${url} is not base-absolute`);
      else note(origin + url, file);
    }
  }
  const sitemap = path.join(opts.root, 'sitemap.xml');
  if (fs.existsSync(sitemap)) {
    for (const [, loc] of fs.readFileSync(sitemap, 'utf8').matchAll(/<loc>([^<]*)<\/loc>/g)) {
      const mapped = opts.baseUrl && loc.startsWith(opts.baseUrl)
        ? server.url + '/' + loc.slice(opts.baseUrl.length)
        : loc.startsWith('/') ? origin + loc : null;
      if (mapped) note(mapped, '/sitemap.xml');
      else fail('/sitemap.xml', `${loc} is not under ${opts.baseUrl ?? 'this site'}`);
    }
  }

  for (const [url, from] of targets) {
    const u = new URL(url);
    if (!(u.pathname + '/').startsWith(base + '/')) {
      fail(from, `links to ${u.pathname}, outside the base path ${base}/`);
      continue;
    }
    const res = await fetch(url, { redirect: 'manual' });
    await res.arrayBuffer();
    if (res.status !== 200) fail(from, `${u.pathname}${u.search} answered ${res.status}`);
  }
} finally {
  await browser.close();
  await server.close();
}

if (failures.length) {
  for (const f of [...new Set(failures)]) console.log(`crawl: ${f}`);
  console.log(`crawl: FAILED: ${failures.length} problems (site served at ${base || ''}/)`);
  process.exit(1);
}
console.log(`crawl: ${pages.length} pages load with their stylesheet at ${base || ''}/, ` +
  `${targets.size} internal links and assets answer 200`);
