// self-assessment.mjs — the maturity self-assessment, end to end in Debian's headless Chromium.
//
//   node self-assessment.mjs --root DIR [--screenshots DIR] [--base /standards/]
//
// For every /maturity/<model>/self-assessment/ page of the built site in DIR (there must be one):
// choose a level per dimension (by mouse, and by keyboard for the first), see the result table,
// the profile chart and the next level's descriptors as the focus, hear the live region; reload and
// find the choices and evidence kept; download the answers (JSON) and the result (CSV); clear, then
// load the JSON back; load two people's files for the consensus and see each person's level and the
// spread; record an agreed level and find it kept after a reload; print the result and find it on
// one A4 page. No request may leave the page's origin and no script error may occur.
// Screenshots of the filled page: <screenshots>/self-assessment-filled-{1280,375}.png.
// Exit 0 with one line per model; otherwise the failed step and exit 1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve-static.mjs';

const CHROMIUM = process.env.ICIPS_CHROMIUM ?? '/usr/bin/chromium';

// --root DIR [--screenshots DIR] [--base /standards/]; orient.mjs takes the same.
export function parseArgs(argv) {
  const opts = { root: null, screenshots: null, base: '' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') opts.root = argv[++i];
    else if (argv[i] === '--base') opts.base = argv[++i];
    else if (argv[i] === '--screenshots') opts.screenshots = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!opts.root) throw new Error('--root DIR is required');
  return opts;
}

function assessmentPages(root) {
  const dir = path.join(root, 'maturity');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'self-assessment', 'index.html')))
    .map((e) => `/maturity/${e.name}/self-assessment/`);
}

// The model as the page presents it: dimensions with their levels and each level's descriptors.
function readModel() {
  return [...document.querySelectorAll('fieldset[data-dimension]')].map((fs) => ({
    id: fs.dataset.dimension,
    title: fs.dataset.title,
    levels: [...fs.querySelectorAll('input[type=radio]')].map((r) => ({
      number: Number(r.value),
      title: r.dataset.levelTitle,
      descriptors: [...document.getElementById(r.getAttribute('aria-describedby')).querySelectorAll('li')]
        .map((li) => li.textContent.trim()),
    })),
  }));
}

// What the result area shows, per dimension.
function readResult() {
  const dims = [...document.querySelectorAll('fieldset[data-dimension]')].map((fs) => fs.dataset.dimension);
  const svg = document.querySelector('[data-sa-chart] svg');
  return {
    visible: !document.querySelector('[data-sa-result]').hidden,
    table: Object.fromEntries(dims.map((d) => [d, document.querySelector(`[data-result-level="${d}"]`).textContent.trim()])),
    focus: Object.fromEntries(dims.map((d) => {
      const box = document.querySelector(`[data-focus="${d}"]`);
      return [d, { text: box.textContent.replace(/\s+/g, ' ').trim(), items: [...box.querySelectorAll('li')].map((li) => li.textContent.trim()) }];
    })),
    chart: svg && {
      role: svg.getAttribute('role'),
      labelledby: (svg.getAttribute('aria-labelledby') || '').split(' ').map((id) => document.getElementById(id)?.textContent ?? null),
      bars: svg.querySelectorAll('.sa-chart-bar').length,
      widths: [...svg.querySelectorAll('.sa-chart-bar')].map((r) => Number(r.getAttribute('width'))),
    },
    announced: document.querySelector('[data-sa-announce]').textContent.trim(),
  };
}

function readConsensus() {
  const table = document.querySelector('[data-consensus-table]');
  return {
    people: [...table.tHead.querySelectorAll('th.sa-person')].map((th) => th.textContent.trim()),
    rows: Object.fromEntries([...table.tBodies[0].rows].map((row) => [row.dataset.dimension, {
      levels: [...row.querySelectorAll('td.sa-person')].map((td) => td.textContent.trim()),
      spread: row.querySelector('[data-spread]').textContent.trim(),
      agreed: row.querySelector('select').value,
    }])),
    status: document.querySelector('[data-consensus-status]').textContent.trim(),
  };
}

// `site`: the home page's address without its final slash.
async function checkModel(browser, site, url, work, shots) {
  const { origin } = new URL(site);
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'en-GB' });
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    problems.push(`request left the site: ${u.href}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('request', (r) => {
    if (['xhr', 'fetch', 'websocket', 'eventsource', 'ping'].includes(r.resourceType()) || r.method() !== 'GET')
      problems.push(`the page sent something: ${r.method()} ${r.resourceType()} ${r.url()}`);
  });
  page.on('dialog', (d) => d.accept());
  let step = 'open the page';
  const steps = async () => {
    await page.goto(site + url);
    const model = await page.evaluate(readModel);
    assert.ok(model.length >= 2, 'the page needs at least two dimensions to test');
    const top = model[0].levels.length;
    let result = await page.evaluate(readResult);
    assert.ok(result.visible, 'the result area is shown when JavaScript runs');
    for (const d of model) assert.equal(result.table[d.id], 'Not chosen yet', d.id);

    step = 'choose a level per dimension';
    // The first dimension by keyboard: Tab to its first radio, Space, then the down arrow.
    const first = model[0];
    await page.focus(`#sa-${first.id}-1`);
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    // The others by clicking the label; at least one at the top level and one below it.
    const chosen = { [first.id]: 2 };
    model.slice(1).forEach((d, i) => { chosen[d.id] = i === 0 ? top : ((i + 2) % top) + 1; });
    for (const d of model.slice(1)) await page.click(`label[for="sa-${d.id}-${chosen[d.id]}"]`);
    await page.fill('#sa-assessor', 'Ann');
    await page.fill(`#sa-${first.id}-evidence`, 'Minutes of the March board.');
    await page.locator(`#sa-${first.id}-evidence`).blur();

    step = 'see the result, the chart and the focus';
    const expectResult = async (levels) => {
      const r = await page.evaluate(readResult);
      for (const d of model) {
        const n = levels[d.id];
        const level = d.levels.find((l) => l.number === n);
        assert.equal(r.table[d.id], `Level ${n}: ${level.title}`, `result table, ${d.id}`);
        const next = d.levels.find((l) => l.number === n + 1);
        if (next) {
          assert.deepEqual(r.focus[d.id].items, next.descriptors, `focus of ${d.id} is level ${n + 1}'s descriptors`);
          assert.match(r.focus[d.id].text, new RegExp(`Moving up to level ${n + 1}, ${next.title}`));
        } else {
          assert.equal(r.focus[d.id].items.length, 0, `${d.id} at the top level has no focus list`);
          assert.match(r.focus[d.id].text, /no level above it/);
        }
      }
      assert.equal(r.chart.role, 'img');
      assert.ok(r.chart.labelledby.every((t) => t), 'the chart is labelled by its title and desc');
      for (const d of model) assert.ok(r.chart.labelledby[1].includes(`${d.title}: level ${levels[d.id]} of ${top},`), `chart desc names ${d.id}`);
      assert.equal(r.chart.bars, model.length);
      // Bar lengths follow the levels.
      const widths = model.map((d, i) => [levels[d.id], r.chart.widths[i]]);
      for (const [a, wa] of widths) for (const [b, wb] of widths) if (a < b) assert.ok(wa < wb, 'a higher level draws a longer bar');
      return r;
    };
    result = await expectResult(chosen);
    const last = model[model.length - 1];
    assert.match(result.announced, new RegExp(`^${last.title}: level ${chosen[last.id]}`), 'the live region announces the choice');
    assert.match(result.announced, new RegExp(`${model.length} of ${model.length} dimensions assessed`));

    step = 'reload and find the answers kept';
    await page.reload();
    await expectResult(chosen);
    assert.equal(await page.inputValue(`#sa-${first.id}-evidence`), 'Minutes of the March board.');
    assert.equal(await page.inputValue('#sa-assessor'), 'Ann');

    step = 'download the answers as JSON';
    const save = async (click) => {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      const file = path.join(work, download.suggestedFilename());
      await download.saveAs(file);
      return file;
    };
    const annFile = await save(() => page.click('[data-answer-tools] [data-action=download]'));
    const exported = JSON.parse(fs.readFileSync(annFile, 'utf8'));
    assert.equal(exported.format, 'icips-answers');
    for (const d of model) assert.equal(exported.answers[`${d.id}.level`], String(chosen[d.id]), `exported level of ${d.id}`);
    assert.equal(exported.answers.assessor, 'Ann');

    step = 'download the result as CSV';
    const csvFile = await save(() => page.click('[data-sa-action=csv]'));
    assert.ok(csvFile.endsWith('.csv'));
    const lines = fs.readFileSync(csvFile, 'utf8').trim().split(/\r\n/);
    assert.equal(lines[0], '"model","assessor","dimension_id","dimension","level","level_title","evidence"');
    assert.equal(lines.length, model.length + 1);
    assert.ok(lines[1].includes(`"Ann","${first.id}","${first.title}","2","${first.levels[1].title}","Minutes of the March board."`), lines[1]);

    step = 'clear, then load the JSON back';
    await page.click('[data-answer-tools] [data-action=clear]');
    result = await page.evaluate(readResult);
    for (const d of model) assert.equal(result.table[d.id], 'Not chosen yet', `cleared ${d.id}`);
    await page.setInputFiles('[data-answer-tools] input[type=file]', annFile);
    await page.waitForFunction(() => document.querySelector('[data-answer-status]').textContent.includes('loaded'));
    await expectResult(chosen);
    assert.equal(await page.inputValue(`#sa-${first.id}-evidence`), 'Minutes of the March board.');

    step = 'load two people\'s answers for the consensus';
    const bob = structuredClone(exported);
    bob.answers.assessor = 'Bob';
    const bobLevels = { ...chosen, [first.id]: top };  // Bob puts the first dimension at the top
    for (const d of model) bob.answers[`${d.id}.level`] = String(bobLevels[d.id]);
    const bobFile = path.join(work, 'bob.json');
    fs.writeFileSync(bobFile, JSON.stringify(bob));
    const junkFile = path.join(work, 'junk.json');
    fs.writeFileSync(junkFile, '{"not": "answers"}');
    await page.setInputFiles('#consensus-files', [annFile, bobFile, junkFile]);
    await page.waitForFunction(() => document.querySelector('[data-consensus-status]').textContent.includes('Loaded'));
    const expectConsensus = async () => {
      const c = await page.evaluate(readConsensus);
      assert.deepEqual(c.people, ['Ann', 'Bob']);
      assert.deepEqual(c.rows[first.id].levels, ['2', String(top)]);
      assert.equal(c.rows[first.id].spread, `From level 2 to ${top} (${top - 2} levels apart)`);
      const same = model[1];
      assert.deepEqual(c.rows[same.id].levels, [String(chosen[same.id]), String(chosen[same.id])]);
      assert.equal(c.rows[same.id].spread, `All at level ${chosen[same.id]}`);
      return c;
    };
    const consensus = await expectConsensus();
    assert.match(consensus.status, /Loaded the answers of Ann, Bob/);
    assert.match(consensus.status, /junk\.json is not an answers file/);

    step = 'record an agreed level and find it and the loaded answers kept after a reload';
    await page.selectOption(`#agreed-${first.id}`, '3');
    await page.reload();
    await expectConsensus();
    assert.equal(await page.inputValue(`#agreed-${first.id}`), '3');
    const consensusCsv = await save(() => page.click('[data-consensus-action=csv]'));
    const firstRow = fs.readFileSync(consensusCsv, 'utf8').split(/\r\n/)[1];
    assert.ok(firstRow.includes(`"${first.id}","${first.title}","2","${top}","2","${top}","3"`), firstRow);

    if (shots) {
      await page.screenshot({ path: path.join(shots, 'self-assessment-filled-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 375, height: 740 });
      await page.screenshot({ path: path.join(shots, 'self-assessment-filled-375.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    step = 'print the result on one A4 page';
    // The longest focus: per dimension the level whose next level has the most descriptors.
    for (const d of model) {
      let best = 1, most = -1;
      d.levels.forEach((l, i) => {
        const next = d.levels[i + 1];
        if (next && next.descriptors.length > most) { most = next.descriptors.length; best = l.number; }
      });
      await page.click(`label[for="sa-${d.id}-${best}"]`);
    }
    await page.evaluate(() => { window.print = () => { window.printedWith = document.body.className; }; });
    await page.click('[data-sa-action=print]');
    assert.match(await page.evaluate(() => window.printedWith), /sa-printing-result/, 'Print the result prints the result only');
    await page.evaluate(() => document.body.classList.add('sa-printing-result'));
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const pages = (pdf.match(/\/Type\s*\/Page\b(?!s)/g) || []).length;
    assert.equal(pages, 1, `the printed result takes ${pages} pages`);
  };
  try {
    await steps();
  } catch (e) {
    problems.push(`${step}: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
  return problems;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = fs.realpathSync(opts.root);
  const pages = assessmentPages(root);
  if (!pages.length) {
    console.log(`self-assessment: FAILED: no /maturity/<model>/self-assessment/ page under ${root}`);
    return 1;
  }
  if (opts.screenshots) fs.mkdirSync(opts.screenshots, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'icips-sa-'));
  const server = await serveStatic(root, 0, { base: opts.base });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
                                          args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  let failed = 0;
  try {
    for (const url of pages) {
      const problems = await checkModel(browser, server.url, url, work, opts.screenshots);
      if (problems.length) {
        failed++;
        console.log(`self-assessment: FAILED: ${url}\n  ${problems.join('\n  ')}`);
      } else {
        console.log(`self-assessment: ${url}: choose, result, chart, focus, reload, JSON and CSV export, import, ` +
                    'consensus of two files, agreed level kept, result printed on one page');
      }
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then((code) => process.exit(code), (e) => {
    console.error(`self-assessment: ${e.message}`);
    process.exit(2);
  });
}
