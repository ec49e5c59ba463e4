// checklist.mjs — the portfolio checklist as a tracker (themes/default/assets/checklist.js and
// checklist.css) and the grade page's inherited assignments, in Debian's headless Chromium.
//
//   node checklist.mjs --root DIR
//
// On the Practitioner checklist (it has inherited underpinning knowledge):
// 1. The count is shown, read out politely and stays in view while scrolling; every assignment
//    starts "Not started".
// 2. Ticking one requirement makes its assignment "In progress" (in the list and on the assignment)
//    and the count go up; ticking all of them makes it "Done". A ticked row says "Evidenced" and
//    has a bar, which an unticked row has not (no reliance on colour).
// 3. After a reload the ticks, the statuses and the count are as left.
// 4. "Show only what is left" hides the done assignment and the ticked rows, and shows the rest.
// 5. A link of the list of assignments lands on the assignment, below the count.
// 6. Without JavaScript: no count and no filter, every assignment and tick box there, a ticked row
//    still marked and, on a phone, its evidence reference opened.
// 7. The grade page: each inherited assignment opens in place to show its items, with its count,
//    and prints open.
// Prints the page heights at 1280 and 375 px. Exit 0 with one line; otherwise every failure, exit 1.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve-static.mjs';

const CHROMIUM = process.env.ICIPS_CHROMIUM ?? '/usr/bin/chromium';
const URL_PATH = '/grades/practitioner/checklist/';
const GRADE = '/grades/fellow/';

function args(argv) {
  const i = argv.indexOf('--root');
  if (i < 0 || !argv[i + 1]) throw new Error('--root DIR is required');
  return { root: path.resolve(argv[i + 1]) };
}

const opts = args(process.argv.slice(2));
if (!fs.existsSync(path.join(opts.root, URL_PATH.slice(1), 'index.html'))) {
  console.log(`checklist: skipped: ${URL_PATH} not built`);
  process.exit(0);
}
const server = await serveStatic(opts.root);
const origin = server.url;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const failures = [];
const expect = (ok, what) => { if (!ok) failures.push(what); };

async function open(context, url) {
  const page = await context.newPage();
  page.on('pageerror', (e) => failures.push(`script error on ${page.url()}: ${e.message}`));
  await page.goto(origin + url);
  return page;
}

const count = (page) => page.$eval('[data-checklist-count]', (el) => el.textContent);
const taskStatus = (page, id) => page.$eval(`[data-task="${id}"] [data-task-status]`, (el) => el.firstChild.textContent);
const fieldsetStatus = (page, id) => page.$eval(`#${id} [data-assignment-status]`, (el) => el.textContent);
// What marks a row as ticked, other than colour: the label's generated text and the bar.
const marked = (page, id) => page.$eval(`#${id}`, (box) => {
  const row = box.closest('.check');
  const after = getComputedStyle(row.querySelector('label'), '::after').content;
  const style = getComputedStyle(row);
  const bar = style.borderLeftStyle !== 'none' && parseFloat(style.borderLeftWidth) >= 2 &&
              !['rgba(0, 0, 0, 0)', 'transparent'].includes(style.borderLeftColor);
  return { word: after.includes('Evidenced'), bar };
});

const heights = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await open(context, URL_PATH);
  const first = await page.$eval('[data-assignment]', (el) => el.id);
  const boxes = await page.$$eval(`#${first} input[type=checkbox][name]`, (els) => els.map((el) => el.id));
  const total = await page.$$eval('form input[type=checkbox][name]', (els) => els.length);

  // 1.
  const shown = await count(page);
  expect(shown.startsWith(`0 of ${total} requirements evidenced`), `the count reads "${shown}"`);
  expect(await page.$eval('[data-checklist-count]', (el) => el.getAttribute('aria-live')) === 'polite', 'the count is not a polite live region');
  const statuses = await page.$$eval('[data-task-status]', (els) => els.map((el) => el.firstChild.textContent));
  expect(statuses.length > 5 && statuses.every((s) => s === 'Not started'), `the statuses at first: ${statuses.join(', ')}`);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
  const inView = await page.$eval('[data-checklist-count]', (el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; });
  expect(inView, 'the count scrolls out of view');

  // 2.
  expect(!(await marked(page, boxes[0])).word && !(await marked(page, boxes[0])).bar, 'an unticked row is marked as evidenced');
  await page.check(`#${boxes[0]}`);
  expect(await taskStatus(page, first) === 'In progress', `one tick: the list says "${await taskStatus(page, first)}"`);
  expect((await fieldsetStatus(page, first)).startsWith(`In progress: 1 of ${boxes.length}`), `one tick: the assignment says "${await fieldsetStatus(page, first)}"`);
  expect((await count(page)).startsWith(`1 of ${total} `), `one tick: the count reads "${await count(page)}"`);
  const m = await marked(page, boxes[0]);
  expect(m.word && m.bar, `a ticked row is not marked without colour (word ${m.word}, bar ${m.bar})`);
  for (const id of boxes) await page.check(`#${id}`);
  expect(await taskStatus(page, first) === 'Done', `all ticked: the list says "${await taskStatus(page, first)}"`);
  expect((await count(page)).startsWith(`${boxes.length} of ${total} `), `all ticked: the count reads "${await count(page)}"`);
  // And a second assignment half done, for the filter.
  const second = await page.$eval('[data-assignment] ~ [data-assignment], section ~ section [data-assignment]', (el) => el.id);
  const others = await page.$$eval(`#${second} input[type=checkbox][name]`, (els) => els.map((el) => el.id));
  await page.check(`#${others[0]}`);
  await page.waitForTimeout(400);  // answers.js saves on change

  // 3.
  await page.reload();
  expect(await page.isChecked(`#${boxes.at(-1)}`), 'a tick is lost on reload');
  expect(await taskStatus(page, first) === 'Done', `after a reload the list says "${await taskStatus(page, first)}"`);
  expect((await count(page)).startsWith(`${boxes.length + 1} of ${total} `), `after a reload the count reads "${await count(page)}"`);

  // 4.
  await page.check('[data-checklist-filter]');
  expect(await page.isHidden(`#${first}`), '"Show only what is left" still shows the done assignment');
  expect(await page.isHidden(`[data-task="${first}"]`), '"Show only what is left" still lists the done assignment');
  expect(await page.isHidden(`#${others[0]}`), '"Show only what is left" still shows a ticked row');
  expect(await page.isVisible(`#${others[1]}`), '"Show only what is left" hides a row still to do');
  const filtered = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.uncheck('[data-checklist-filter]');
  expect(await page.isVisible(`#${first}`), 'unticking the filter does not show everything again');

  // 5.
  await page.click(`[data-task="${second}"] a`);
  const landed = await page.evaluate((id) => {
    const bar = document.querySelector('[data-checklist-progress]').getBoundingClientRect();
    return document.getElementById(id).getBoundingClientRect().top >= bar.bottom - 1;
  }, second);
  expect(landed, 'a jump lands under the count that stays in view');

  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    heights.push(`${width} px: ${await page.evaluate(() => document.documentElement.scrollHeight)}`);
  }
  heights.push(`1280 px, ${boxes.length + 1} ticked and only what is left: ${filtered}`);
  await context.close();

  // 6.
  const nojs = await browser.newContext({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
  const plain = await open(nojs, URL_PATH);
  expect(await plain.isHidden('[data-checklist-progress]'), 'without JavaScript the count is shown (it could not count)');
  expect(await plain.$$eval('form input[type=checkbox][name]', (els) => els.length) === total, 'without JavaScript tick boxes are missing');
  expect(await plain.$$eval('[data-assignment]', (els) => els.every((el) => el.offsetParent !== null)), 'without JavaScript an assignment is hidden');
  // On a phone a requirement's evidence reference opens once it is ticked.
  const ref = (id) => plain.$eval(`#${id}`, (box) => box.closest('li, fieldset').querySelector('.ref input').id);
  const reference = await ref(boxes[0]);
  expect(await plain.isHidden(`#${reference}`), 'on a phone the evidence reference of an unticked requirement is open');
  await plain.check(`#${boxes[0]}`);
  expect((await marked(plain, boxes[0])).word, 'without JavaScript a ticked row is not marked');
  expect(await plain.isVisible(`#${reference}`), 'ticking a requirement does not open its evidence reference');
  await nojs.close();

  // 7.
  const gradeContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const grade = await open(gradeContext, GRADE);
  const inherited = grade.locator('details.inherited').first();
  const summary = await inherited.locator('summary').textContent();
  expect(/\(\d+ requirements?\)/.test(summary), `an inherited assignment's summary has no count: "${summary}"`);
  expect(!(await inherited.locator('ol li').first().isVisible()), 'an inherited assignment is open at first');
  // Printed, every inherited assignment shows its items (a closed one would print its summary only),
  // and the page is as the reader left it afterwards.
  const closed = await grade.locator('details.inherited:not([open])').count();
  await grade.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  expect(await grade.locator('details.inherited:not([open])').count() === 0, 'a closed inherited assignment prints its summary only');
  await grade.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  expect(await grade.locator('details.inherited:not([open])').count() === closed, 'printing leaves inherited assignments open');
  await inherited.locator('summary').click();
  expect(await inherited.locator('ol li').first().isVisible(), 'an inherited assignment does not open in place to show its items');
  await gradeContext.close();
} catch (e) {
  failures.push(`stopped: ${e.stack ?? e}`);
}
await browser.close();
server.close?.();
if (failures.length) {
  for (const f of failures) console.log('FAIL ' + f);
  console.log('checklist: FAILED');
  process.exit(1);
}
console.log(`checklist: statuses, count in view, reload, "only what is left", jump, no JavaScript and the grade page's inherited assignments behave; page heights ${heights.join('; ')} (tests/browser/checklist.mjs)`);
process.exit(0);
