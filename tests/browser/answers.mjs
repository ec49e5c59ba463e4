// answers.mjs — fillable worksheets and checklists (themes/default/assets/answers.js), end to end in
// Debian's headless Chromium.
//
//   node answers.mjs --root DIR [--base /standards/]   (the base path the site was built for)
//
// For the first worksheet of every pack and for every grade's checklist in the built site DIR:
// type answers, reload and find them kept; see them on the pack's whole-pack print page (one store
// per pack); download them (JSON), clear, find the page blank after a reload, load the file back and
// find every answer again. Without JavaScript the page still shows a blank form and hides the
// buttons that need it. No request may leave the page's origin and no script error may occur.
// Exit 0 with one line per page; otherwise the failed step and exit 1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic, basePath } from './serve-static.mjs';

const CHROMIUM = process.env.ICIPS_CHROMIUM ?? '/usr/bin/chromium';

function args(argv) {
  const i = argv.indexOf('--root'), b = argv.indexOf('--base');
  if (i < 0 || !argv[i + 1]) throw new Error('--root DIR is required');
  return { root: path.resolve(argv[i + 1]), base: b < 0 ? '' : argv[b + 1] };
}

// Pages with a form to fill: the first worksheet of each pack (and its print page), each checklist;
// their addresses on the server, under the base path (the open data's URLs already are).
function fillablePages(root, base) {
  const pages = [];
  const packs = path.join(root, 'api', 'packs');
  if (fs.existsSync(packs))
    for (const file of fs.readdirSync(packs).filter((f) => f.endsWith('.json'))) {
      const pack = JSON.parse(fs.readFileSync(path.join(packs, file), 'utf8'));
      const worksheet = pack.sections.flatMap((s) => s.worksheets)[0];
      if (worksheet) pages.push({ url: worksheet.url, print: pack.url + 'print/' });
    }
  const grades = path.join(root, 'grades');
  if (fs.existsSync(grades))
    for (const g of fs.readdirSync(grades))
      if (fs.existsSync(path.join(grades, g, 'checklist', 'index.html'))) pages.push({ url: `${base}/grades/${g}/checklist/` });
  return pages;
}

// Fills one control of each kind the page has and returns what it typed, by field name.
async function fill(page) {
  return page.evaluate(() => {
    const typed = {};
    const form = document.querySelector('form.answers');
    const textarea = form.querySelector('textarea[name]');
    const text = form.querySelector('input[type=text][name]');
    const radio = form.querySelector('input[type=radio][name]');
    const check = form.querySelector('input[type=checkbox][name]');
    for (const el of [textarea, text]) if (el) typed[el.name] = `Answer for ${el.name} — «quoted» & <b>`;
    if (radio) typed[radio.name] = [...form.querySelectorAll(`input[type=radio][name="${radio.name}"]`)].at(-1).value;
    if (check) typed[check.name] = true;
    return typed;
  }).then(async (typed) => {
    for (const [name, value] of Object.entries(typed)) {
      const selector = `form.answers [name="${name}"]`;
      if (value === true) await page.check(selector);
      else if ((await page.getAttribute(selector, 'type')) === 'radio') await page.check(`${selector}[value="${value}"]`);
      else { await page.click(selector); await page.keyboard.type(value); }
    }
    await page.waitForTimeout(400);  // saving is debounced
    return typed;
  });
}

async function read(page, names) {
  return page.evaluate((names) => Object.fromEntries(names.map((name) => {
    const els = [...document.querySelectorAll(`form.answers [name="${name}"]`)];
    if (!els.length) return [name, undefined];
    if (els[0].type === 'radio') return [name, els.find((e) => e.checked)?.value ?? ''];
    if (els[0].type === 'checkbox') return [name, els[0].checked];
    return [name, els[0].value];
  })), names);
}

async function check(browser, origin, entry, work) {
  const problems = [];
  const context = await browser.newContext({ acceptDownloads: true, locale: 'en-GB' });
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    problems.push(`request left the site: ${u.href}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('dialog', (d) => d.accept());
  let step = 'open';
  try {
    await page.goto(origin + entry.url);
    assert.ok(await page.isVisible('[data-answer-tools]'), 'the answer buttons show when JavaScript runs');
    step = 'type answers';
    const typed = await fill(page);
    const names = Object.keys(typed);
    assert.ok(names.length > 0, 'the page has fields to fill');

    step = 'reload: the answers are kept';
    await page.reload();
    assert.deepEqual(await read(page, names), typed);

    if (entry.print) {
      step = 'the pack print page shows the same answers';
      await page.goto(origin + entry.print);
      assert.deepEqual(await read(page, names), typed);
      await page.goto(origin + entry.url);
    }

    step = 'download the answers';
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=download]')]);
    const file = path.join(work, download.suggestedFilename());
    await download.saveAs(file);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(saved.format, 'icips-answers');
    for (const name of names) assert.deepEqual(saved.answers[name], typed[name], name);

    step = 'clear: the page is blank, also after a reload';
    await page.click('[data-action=clear]');
    await page.waitForTimeout(100);
    const blank = Object.fromEntries(names.map((n) => [n, typed[n] === true ? false : '']));
    assert.deepEqual(await read(page, names), blank);
    await page.reload();
    assert.deepEqual(await read(page, names), blank);

    step = 'load the downloaded file: every answer is back';
    await page.setInputFiles('input[type=file][data-action=load]', file);
    await page.waitForFunction(() => document.querySelector('[data-answer-status]').textContent.includes('loaded'));
    assert.deepEqual(await read(page, names), typed);
    await page.reload();
    assert.deepEqual(await read(page, names), typed);

    step = 'without JavaScript: a blank form, no buttons that need it';
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noscript = await plain.newPage();
    await noscript.goto(origin + entry.url);
    assert.ok(!(await noscript.isVisible('[data-answer-tools]')), 'the buttons stay hidden');
    assert.ok(await noscript.isVisible(`form.answers [name="${names[0]}"]`), 'the form is shown');
    await plain.close();
    assert.deepEqual(problems, []);
    return null;
  } catch (e) {
    return `${entry.url}: ${step}: ${e.message}${problems.length ? `\n  ${problems.join('\n  ')}` : ''}`;
  } finally {
    await context.close();
  }
}

const opts = args(process.argv.slice(2));
const pages = fillablePages(opts.root, basePath(opts.base));
if (!pages.length) {
  console.error(`answers.mjs: no worksheet or checklist in ${opts.root}`);
  process.exit(1);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'icips-answers-'));
const server = await serveStatic(opts.root, 0, { base: opts.base });
const { origin } = new URL(server.url);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
         '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', '--proxy-server=http://127.0.0.1:9',
         '--proxy-bypass-list=127.0.0.1'],
});
const failures = [];
for (const entry of pages) {
  const failure = await check(browser, origin, entry, work);
  if (failure) failures.push(failure);
}
await browser.close();
await server.close();
fs.rmSync(work, { recursive: true, force: true });
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`answers: ${pages.length} fillable pages keep, print, download, clear and load their answers (tests/browser/answers.mjs)`);
