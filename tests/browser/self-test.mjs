// The gates must be able to fail: each check is run on tiny fixtures, one that every gate
// accepts and ones with known faults, and must say exactly what is wrong with them.
//   node --test self-test.mjs        (run.sh runs it before checking the real site)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './serve-static.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => path.join(here, 'fixtures', name);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: here, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('serve-static: index files, directory redirects, 404 page, MIME types, no escape from the root', async () => {
  const server = await serveStatic(fixture('good'));
  try {
    const get = (p) => fetch(server.url + p, { redirect: 'manual' });
    let r = await get('/');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(await r.text(), /A page every gate accepts/);
    r = await get('/other/');
    assert.match(await r.text(), /<title>Other page/);
    r = await get('/other');
    assert.equal(r.status, 301);
    assert.equal(r.headers.get('location'), '/other/');
    r = await get('/style.css');
    assert.equal(r.headers.get('content-type'), 'text/css; charset=utf-8');
    r = await get('/no/such/page/');
    assert.equal(r.status, 404);
    assert.match(await r.text(), /Page not found/);
    for (const p of ['/../bad-html/index.html', '/%2e%2e/bad-html/index.html', '/..%2fbad-html%2findex.html']) {
      r = await get(p);
      assert.equal(r.status, 404, p);
      assert.doesNotMatch(await r.text(), /Invalid HTML fixture/, p);
    }
  } finally {
    await server.close();
  }
});

test('html-check passes valid pages', () => {
  const r = run('./html-check.sh', [fixture('good')]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /html-check: 3 pages, 0 errors/);
});

test('html-check fails an invalid page and names the file, line and error', () => {
  const r = run('./html-check.sh', [fixture('bad-html')]);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /^index\.html:8\.1-8\.24: error: An "img" element must have an "alt" attribute/m);
  assert.match(r.out, /^index\.html:7\.\d+-7\.\d+: error: .*"span"/m);
  assert.match(r.out, /html-check: FAILED: \d+ errors in 1 of 1 pages/);
});

test('a11y passes an accessible page and skips a page that was not built', () => {
  const r = run('node', ['a11y.mjs', '--root', fixture('good'), '--page', 'home=/', '--page', 'not-found=/404.html',
    '--page', 'missing=/not-built/']);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /a11y: skipped: not built: missing \/not-built\//);
  assert.match(r.out, /a11y: 2 pages x 1280\+375px, 0 axe violations/);
});

test('a11y fails on unlabelled input, low contrast, hidden focus and a control Tab never reaches', () => {
  const r = run('node', ['a11y.mjs', '--root', fixture('bad-a11y'), '--page', 'bad=/']);
  assert.equal(r.status, 1, r.out);
  for (const width of [1280, 375]) {
    const block = r.out.split(/\n(?=bad \/ @)/).find((b) => b.startsWith(`bad / @${width}`)) ?? '';
    assert.match(block, /axe\/label: .*\n.*\n\s+target: input\n\s+help: https:\/\/dequeuniversity\.com\/rules\/axe\/[\d.]+\/label/, block);
    assert.match(block, /axe\/color-contrast: .*\n.*\n\s+target: \.faint/, block);
    assert.match(block, /keyboard\/focus-not-visible: .*\n\s+target: a\[href="\/"\]/, block);
    assert.match(block, /keyboard\/not-reachable: .*\n\s+target: button#skipped/, block);
  }
  assert.match(r.out, /a11y: FAILED: \d+ failures \(4 axe violations\) on 2 page views/);
});
