// queries.mjs — the site search's ranking, measured: queries a candidate, a workshop facilitator or a
// manager would type, each with the result it must bring first or into the first three. Runs the
// search code the site publishes (assets/search-core.js over assets/vendor/minisearch.js and the
// stemmer) in Node.js against a built site's index; no browser.
//
//   node queries.mjs --root DIR
//
// Prints hits at 1 and at 3 over the whole set (the share of queries whose first result, or one of
// whose first three, is an expected one) and exits 1 when any query misses its own expectation.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

// `expect`: the acceptable results (a URL, with #anchor for an entry inside a page); `at`: 1 when
// one of them must come first, 3 when in the first three. `only`: every result must contain it.
const UK = '/grades/member/underpinning-knowledge';
const PRACTITIONER_UK = '/grades/practitioner/underpinning-knowledge';
const PACK = '/packs/csit-document-one';
const checklists = ['member', 'practitioner', 'ci-leader', 'fellow'].map((g) => `/grades/${g}/checklist/`);
export const QUERIES = [
  // A candidate finding their grade, its checklist and its requirements.
  { q: 'checklist', expect: checklists, at: 1 },
  { q: 'checklists', expect: checklists, at: 1 },
  { q: 'portfolio checklist', expect: checklists, at: 1 },
  { q: 'Practitioner', expect: ['/grades/practitioner/'], at: 1 },
  { q: 'PICiPS', expect: ['/grades/practitioner/'], at: 1 },
  { q: 'fellow', expect: ['/grades/fellow/'], at: 1 },
  { q: 'CI Leader', expect: ['/grades/ci-leader/'], at: 1 },
  { q: 'member', expect: ['/grades/member/'], at: 1 },
  { q: 'affiliate', expect: ['/grades/affiliate/'], at: 1 },
  { q: 'practitioner checklist', expect: ['/grades/practitioner/checklist/'], at: 1 },
  { q: 'fellow checklist', expect: ['/grades/fellow/checklist/'], at: 1 },
  { q: 'grades', expect: ['/grades/'], at: 1 },
  { q: 'behaviours', expect: ['/areas/behaviours/'], at: 1 },
  { q: 'underpinning knowledge', expect: ['/areas/underpinning-knowledge/'], at: 1 },
  { q: 'compare grades', expect: ['/areas/'], at: 1 },
  { q: 'fast track', expect: ['/fast-track/'], at: 1 },
  { q: 'evidence', expect: ['/evidence/'], at: 1 },
  { q: 'membership', expect: ['/membership/'], at: 3 },
  { q: 'development pathway', expect: ['/development-pathway/'], at: 1 },
  { q: 'how to start', expect: ['/starting-the-journey/'], at: 3 },
  // Requirements by their words: stems, prefixes, and a typo as a fallback only.
  { q: 'coaching', expect: [`${PRACTITIONER_UK}/4/`], at: 1 },
  { q: 'mentoring', expect: [`${PRACTITIONER_UK}/4/`, `${PRACTITIONER_UK}/4/#item-1`], at: 3 },
  { q: 'kotter', expect: [`${PRACTITIONER_UK}/1/#item-3`], at: 1, only: /kotter/i },
  { q: 'kottr', expect: [`${PRACTITIONER_UK}/1/#item-3`], at: 1 },
  { q: 'control charts', expect: ['/grades/ci-leader/underpinning-knowledge/5/#item-3'], at: 1 },
  { q: 'sample size', expect: [`${UK}/4/#item-5`], at: 1 },
  { q: 'sampel size', expect: [`${UK}/4/#item-5`], at: 3 },
  { q: 'situational awareness', expect: [`${UK}/3/#item-5`], at: 1 },
  { q: 'process maps', expect: [`${UK}/4/#item-8`, `${UK}/5/#item-2`], at: 3 },
  { q: 'six sigma', expect: [`${UK}/1/#item-1-b`, '/grades/ci-leader/underpinning-knowledge/1/#item-1-b'], at: 3 },
  // A facilitator looking for a worksheet.
  { q: 'worksheets', expect: ['/packs/'], at: 3 },
  { q: 'team template', expect: [`${PACK}/self-assessment-team-template/`], at: 1 },
  { q: 'scoping template', expect: [`${PACK}/scoping-template/`], at: 1 },
  { q: 'goal setting', expect: [`${PACK}/goal-setting-session/`], at: 1 },
  { q: 'discussion prompts', expect: [`${PACK}/leadership-discussion/`], at: 1 },
  { q: 'print the pack', expect: [`${PACK}/print/`], at: 3 },
  { q: 'influential people', expect: [`${PACK}/leadership-discussion/#leadership-discussion--l`], at: 1 },
  // A manager assessing their organisation.
  { q: 'self-assessment', expect: ['/maturity/ci-sam/self-assessment/'], at: 1 },
  { q: 'self assessment sheet', expect: ['/maturity/ci-sam/sheet/'], at: 1 },
  { q: 'maturity matrix', expect: ['/maturity/ci-sam/'], at: 1 },
  { q: 'maturity', expect: ['/maturity/', '/maturity/ci-sam/'], at: 3 },
  { q: 'leadership maturity', expect: ['/maturity/ci-sam/leadership/'], at: 3 },
  { q: 'blame culture', expect: ['/maturity/ci-sam/leadership/#leadership-1-8'], at: 1 },
  { q: 'level 3', expect: ['/maturity/ci-sam/level-3/'], at: 3 },
  // For editors: found, yet below the standards' own words for everyone else.
  { q: 'editorial notes', expect: ['/editorial-notes/'], at: 1 },
];

function args(argv) {
  const opts = { root: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') opts.root = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!opts.root) throw new Error('--root DIR is required');
  return opts;
}

// The published scripts, in the order /search/ loads them.
export function loadSearch(root) {
  for (const file of ['assets/vendor/minisearch.js', 'assets/vendor/porter2-stemmer.js', 'assets/search-core.js']) {
    const at = path.join(root, file);
    if (!fs.existsSync(at)) throw new Error(`${at} is missing: run 'make search-lib' and build the site`);
    vm.runInThisContext(fs.readFileSync(at, 'utf8'), { filename: at });
  }
  const core = globalThis.IcipsSearch;
  const index = core.newIndex();
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'search-index.json'), 'utf8'));
  for (const url of manifest.shards) core.addShard(index, JSON.parse(fs.readFileSync(path.join(root, url), 'utf8')));
  return { core, index };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = args(process.argv.slice(2));
  const { core, index } = loadSearch(opts.root);
  let at1 = 0, at3 = 0;
  const failures = [];
  for (const { q, expect, at, only } of QUERIES) {
    const { results } = core.search(index, q);
    const urls = results.map((r) => index.entries[r.id].url);
    const rank = urls.findIndex((u) => expect.includes(u));
    if (rank === 0) at1++;
    if (rank >= 0 && rank < 3) at3++;
    if (rank < 0 || rank >= at)
      failures.push(`"${q}": expected ${expect.join(' or ')} ${at === 1 ? 'first' : 'in the first 3'}, ` +
                    `got it ${rank < 0 ? 'nowhere' : 'at ' + (rank + 1)}; the first 3:\n    ` +
                    results.slice(0, 3).map((r) => `${index.entries[r.id].url}  ${index.entries[r.id].title} ${index.entries[r.id].text.slice(0, 50)}`).join('\n    '));
    if (only)
      for (const r of results) {
        const e = index.entries[r.id];
        if (!only.test(e.title + ' ' + e.text + ' ' + e.where.join(' ')))
          failures.push(`"${q}": ${e.url} does not contain ${only}: a loose match ("${e.text.slice(0, 60)}")`);
      }
  }
  const n = QUERIES.length;
  const pct = (k) => `${k}/${n} (${Math.round((100 * k) / n)}%)`;
  console.log(`search queries: hits at 1 ${pct(at1)}, hits at 3 ${pct(at3)}`);
  if (failures.length) {
    for (const f of failures) console.log('FAIL ' + f);
    process.exit(1);
  }
}
