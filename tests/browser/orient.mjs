// orient.mjs — does the site orient its visitors? Checked in Debian's headless Chromium.
//
//   node orient.mjs --root DIR [--screenshots DIR]
//
// On the built site in DIR:
//   - phone header (375x740): at most 120 px tall on every kind of page; a "Menu" button with
//     aria-expanded shows and hides the search box and the menu (by mouse and by keyboard); at
//     1280 px there is no button and the menu is shown; with JavaScript off the menu is shown;
//   - a worksheet links back to its pack in one line instead of breadcrumbs, and its heading is
//     on the first screen of a phone;
//   - home page: a sentence saying what the site is, with CI spelled out, then three ways in by
//     task that end above the fold at 1280x720;
//   - /grades/: an introduction and the grades as real text, in order, each step higher than the
//     one before at 1280 px; a grade without requirements leads on ("How to start"); the
//     comparison table's headings never break inside a word;
//   - the maturity self-assessment's result: a summary sentence (range, where to start), where to
//     focus next weakest first, the evidence typed in the printed result, the print buttons named
//     by what they print, "1 person compared".
// Screenshots: <screenshots>/orient-{home-1280x720,menu-open-375,worksheet-375,grades-1280}.png.
// Exit 0 with one line giving the measured figures; otherwise every failure and exit 1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve-static.mjs';
import { parseArgs } from './self-assessment.mjs';

const CHROMIUM = process.env.ICIPS_CHROMIUM ?? '/usr/bin/chromium';
const PHONE = { width: 375, height: 740 };
const MAX_PHONE_HEADER = 120;
const PHONE_PAGES = {
  home: '/',
  grade: '/grades/member/',
  checklist: '/grades/member/checklist/',
  worksheet: '/packs/csit-document-one/leadership-discussion/',
  'self-assessment': '/maturity/ci-sam/self-assessment/',
  search: '/search/',
};

const exists = (root, url) => fs.existsSync(path.join(root, url.replace(/\/$/, '/index.html')));
const shown = (page, selector) => page.locator(selector).first().isVisible();
// A browser context whose waits give up after 5 s: a missing element fails fast.
async function open(browser, options) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(5000);
  return context;
}
const headerHeight = (page) => page.evaluate(() => document.querySelector('.site-header').getBoundingClientRect().height);

async function checkPhoneHeader(browser, origin, root, shots, figures) {
  const context = await open(browser, { viewport: PHONE, isMobile: true });
  const page = await context.newPage();
  try {
    const heights = {};
    for (const [kind, url] of Object.entries(PHONE_PAGES)) {
      if (!exists(root, url)) continue;
      await page.goto(origin + url);
      heights[kind] = Math.round(await headerHeight(page));
      assert.ok(heights[kind] <= MAX_PHONE_HEADER, `${url}: the header is ${heights[kind]} px tall at 375 px (at most ${MAX_PHONE_HEADER})`);
    }
    figures.push(`phone header ${Math.max(...Object.values(heights))} px at most`);

    await page.goto(origin + '/');
    const button = page.getByRole('button', { name: 'Menu' });
    assert.ok(await button.isVisible(), 'a Menu button at 375 px');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.ok(!(await shown(page, '.site-nav')), 'the menu is folded away until the button is pressed');
    assert.ok(!(await shown(page, '.site-search')), 'so is the search box');
    for (const id of (await button.getAttribute('aria-controls')).split(' '))
      assert.ok(await page.locator(`#${id}`).count(), `aria-controls names #${id}, which exists`);
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    assert.ok(await shown(page, '.site-nav a[href="/grades/"]'), 'the menu is shown after pressing Menu');
    assert.ok(await shown(page, '.site-search input'), 'the search box is shown after pressing Menu');
    if (shots) await page.screenshot({ path: path.join(shots, 'orient-menu-open-375.png') });
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.ok(!(await shown(page, '.site-nav')), 'pressing Menu again folds the menu away');
    // By keyboard: the button is reached with Tab and works with Enter.
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true', 'Enter opens the menu');
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.activeElement.closest('.site-header') !== null),
      'Tab from the open Menu goes into the menu');

    // A worksheet: one short way back, and the heading on the first screen.
    const worksheet = PHONE_PAGES.worksheet;
    if (exists(root, worksheet)) {
      await page.goto(origin + worksheet);
      assert.equal(await page.locator('nav.crumbs').count(), 0, 'a worksheet has no breadcrumbs');
      const back = page.getByRole('link', { name: /^Back to the pack/ });
      assert.equal(await back.count(), 1, 'a worksheet links back to its pack');
      assert.match(await back.getAttribute('href'), /^\/packs\/csit-document-one\/(#.*)?$/);
      const top = await page.evaluate(() => document.querySelector('main h1').getBoundingClientRect().top);
      assert.ok(top < 200, `the worksheet's heading starts ${Math.round(top)} px down a phone screen (under 200)`);
      figures.push(`worksheet heading at ${Math.round(top)} px on a phone`);
      if (shots) await page.screenshot({ path: path.join(shots, 'orient-worksheet-375.png') });
    }
  } finally {
    await context.close();
  }
}

async function checkMenuWithoutScriptAndOnDesktop(browser, origin) {
  const noScript = await open(browser, { viewport: PHONE, javaScriptEnabled: false });
  try {
    const page = await noScript.newPage();
    await page.goto(origin + '/');
    assert.ok(await shown(page, '.site-nav a[href="/grades/"]'), 'without JavaScript the menu is shown');
    assert.ok(await shown(page, '.site-search input'), 'without JavaScript the search box is shown');
    assert.ok(!(await shown(page, '.menu-button')), 'without JavaScript there is no Menu button that would do nothing');
  } finally {
    await noScript.close();
  }
  const desktop = await open(browser, { viewport: { width: 1280, height: 720 } });
  try {
    const page = await desktop.newPage();
    await page.goto(origin + '/');
    assert.ok(!(await shown(page, '.menu-button')), 'no Menu button at 1280 px');
    assert.ok(await shown(page, '.site-nav a[href="/grades/"]'), 'the menu is shown at 1280 px');
  } finally {
    await desktop.close();
  }
}

async function checkHome(browser, origin, shots, figures) {
  const context = await open(browser, { viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.goto(origin + '/');
    const intro = (await page.locator('main h1 + *').textContent()).replace(/\s+/g, ' ');
    assert.match(intro, /continuous improvement \(CI\)/, 'the first sentence spells out CI');
    const ways = await page.evaluate(() => [...document.querySelectorAll('.way-in')].map((li) => ({
      heading: li.querySelector('h3').textContent.trim(),
      href: li.querySelector('h3 a').getAttribute('href'),
      bottom: li.getBoundingClientRect().bottom,
    })));
    assert.deepEqual(ways.map((w) => w.heading), ['Applying for a grade', 'Running a workshop', 'Assessing your organisation']);
    assert.deepEqual(ways.map((w) => w.href), ['/grades/', '/packs/', '/maturity/ci-sam/self-assessment/']);
    const bottom = Math.max(...ways.map((w) => w.bottom));
    assert.ok(bottom <= 720, `the three ways in end ${Math.round(bottom)} px down, below the fold of 720`);
    figures.push(`ways in end at ${Math.round(bottom)} px of 720`);
    const editors = await page.locator('main a[href="/editorial-notes/"]').count();
    assert.equal(editors, 0, 'notes for editors are not among the ways in');
    assert.equal(await page.locator('footer a[href="/editorial-notes/"]').count(), 1, 'the footer links the editorial notes');
    if (shots) await page.screenshot({ path: path.join(shots, 'orient-home-1280x720.png') });
  } finally {
    await context.close();
  }
}

async function checkGrades(browser, origin, shots) {
  for (const viewport of [{ width: 1280, height: 900 }, PHONE]) {
    const context = await open(browser, { viewport });
    try {
      const page = await context.newPage();
      await page.goto(origin + '/grades/');
      assert.match(await page.locator('main .lede').textContent(), /Professional membership has \d+ grades/);
      const steps = await page.evaluate(() => [...document.querySelectorAll('.progression-step')].map((li) => ({
        title: li.querySelector('h2 a').textContent.trim(),  // the grade's link (a note marker may follow)
        text: li.textContent.replace(/\s+/g, ' '),
        top: li.getBoundingClientRect().top,
      })));
      assert.equal(await page.locator('.progression img').count(), 0, 'the progression is text, not an image');
      assert.deepEqual(steps.map((s) => s.title.replace(/\s*\(.*\)$/, '')),
        ['Affiliate', 'Member', 'Practitioner', 'CI Leader', 'Fellow'], 'the grades in order');
      assert.match(steps[0].text, /Where you start/);
      for (const s of steps.slice(1)) assert.match(s.text, /\d+ assignments? to evidence/, `${s.title}: what it asks for`);
      if (viewport.width === 1280) {
        for (let i = 1; i < steps.length; i++)
          assert.ok(steps[i].top < steps[i - 1].top, `${steps[i].title} stands higher than ${steps[i - 1].title}`);
        if (shots) await page.screenshot({ path: path.join(shots, 'orient-grades-1280.png'), fullPage: true });
      }

      // Table headings break between words, never inside one.
      await page.goto(origin + '/areas/underpinning-knowledge/');
      const broken = await page.evaluate(() => [...document.querySelectorAll('table th')].flatMap((th) => {
        const out = [];
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const m of node.textContent.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (lines.size > 1) out.push(m[0]);
          }
        }
        return out;
      }));
      assert.deepEqual(broken, [], `words broken across lines in table headings at ${viewport.width} px`);
    } finally {
      await context.close();
    }
  }
  const context = await open(browser, { viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(origin + '/grades/affiliate/');
    assert.ok(await shown(page, 'h2:text("How to start")'), 'the Affiliate page says how to start');
    assert.ok(await page.locator('main a[href="/starting-the-journey/"]').count(), 'and links the page on joining');
    assert.ok(await page.locator('main a[href="/grades/member/checklist/"]').count(), "and the next grade's checklist");
  } finally {
    await context.close();
  }
}

async function checkMaturityResult(browser, origin) {
  const context = await open(browser, { viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    page.on('dialog', (d) => d.accept());
    await page.goto(origin + '/maturity/ci-sam/self-assessment/');
    const dims = await page.evaluate(() => [...document.querySelectorAll('fieldset[data-dimension]')]
      .map((f) => ({ id: f.dataset.dimension, title: f.dataset.title, top: f.querySelectorAll('input[type=radio]').length })));
    assert.ok(dims.length >= 4, 'the test needs four dimensions');
    const top = dims[0].top;
    const summary = () => page.locator('[data-sa-summary]').textContent();
    assert.match(await summary(), /Choose a level/);

    // Two dimensions at level 1, one at 3, one at the top; evidence typed for the last.
    const levels = [3, 1, top, 1];
    for (let i = 0; i < 4; i++) await page.click(`label[for="sa-${dims[i].id}-${levels[i]}"]`);
    await page.fill(`#sa-${dims[3].id}-evidence`, 'Board minutes, March.');
    await page.locator(`#sa-${dims[3].id}-evidence`).blur();
    const text = (await summary()).replace(/\s+/g, ' ');
    const weakest = `${dims[1].title} and ${dims[3].title}`;
    assert.match(text, new RegExp(`range from level 1 \\(\\w+\\) in ${weakest} to level ${top} \\([\\w-]+\\) in ${dims[2].title}`), text);
    assert.match(text, new RegExp(`Start with ${weakest}, your weakest dimensions\\.`), text);
    const announced = await page.locator('[data-sa-announce]').textContent();
    assert.ok(!text.includes(announced.trim()) || !announced.trim(), 'the summary is not the echo of the last choice');

    const order = await page.evaluate(() => [...document.querySelectorAll('[data-focus-section]')].map((s) => s.dataset.focusSection));
    assert.deepEqual(order, [dims[1].id, dims[3].id, dims[0].id, dims[2].id], 'where to focus next: weakest first');

    const print = page.getByRole('button', { name: 'Print your result' });
    assert.equal(await print.count(), 1, 'the result\'s print button says it prints your result');
    assert.equal(await page.getByRole('button', { name: 'Print this page' }).count(), 1, 'the other says it prints the page');
    assert.equal(await page.getByRole('button', { name: /^Print$/ }).count(), 0, 'no print button that does not say what it prints');
    await page.evaluate(() => { window.print = () => { window.printedWith = document.body.className; }; });
    await print.click();
    assert.match(await page.evaluate(() => window.printedWith), /sa-printing-result/);
    await page.evaluate(() => document.body.classList.add('sa-printing-result'));
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('.sa-result :text("Board minutes, March.")').isVisible(), 'the printed result has the evidence typed');
    assert.ok(await page.locator('[data-sa-summary]').isVisible(), 'and the summary');
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => document.body.classList.remove('sa-printing-result'));

    await page.click('[data-consensus-action=add-mine]');
    assert.match(await page.locator('[data-consensus-status]').textContent(), /\b1 person compared\./);
  } finally {
    await context.close();
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = fs.realpathSync(opts.root);
  if (opts.screenshots) fs.mkdirSync(opts.screenshots, { recursive: true });
  const server = await serveStatic(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
                                          args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const figures = [];
  const problems = [];
  const checks = {
    'phone header and worksheet': () => checkPhoneHeader(browser, server.url, root, opts.screenshots, figures),
    'menu without JavaScript and at 1280 px': () => checkMenuWithoutScriptAndOnDesktop(browser, server.url),
    'home page': () => checkHome(browser, server.url, opts.screenshots, figures),
    'grades': () => checkGrades(browser, server.url, opts.screenshots),
    'maturity result': () => checkMaturityResult(browser, server.url),
  };
  try {
    for (const [name, check] of Object.entries(checks)) {
      try {
        await check();
      } catch (e) {
        problems.push(`${name}: ${e.message.split('\n')[0]}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (problems.length) {
    console.log(`orient: FAILED\n  ${problems.join('\n  ')}`);
    return 1;
  }
  console.log(`orient: menu, header, ways in, grades, maturity result (${figures.join('; ')})`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then((code) => process.exit(code), (e) => {
    console.error(`orient: ${e.message}`);
    process.exit(2);
  });
}
