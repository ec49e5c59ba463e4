// The pages the browser checks visit: one representative URL per page kind.
// kind -> site-absolute URL path. The kind names the screenshots (build/screenshots/<kind>-<width>.png).
// A URL whose file the build did not write is skipped with "skipped: not built", so kinds the
// generator does not make yet can be listed here and are checked as soon as they exist.
export default {
  'home': '/',
  'grades': '/grades/',
  'grade': '/grades/member/',
  'grade-to-start': '/grades/affiliate/',
  'area-comparison': '/areas/underpinning-knowledge/',
  'assignment': '/grades/member/underpinning-knowledge/4/',
  'prose': '/membership/',
  'editorial-notes': '/editorial-notes/',
  'not-found': '/404.html',
  'checklist': '/grades/member/checklist/',
  'pack': '/packs/csit-document-one/',
  'worksheet': '/packs/csit-document-one/leadership-discussion/',
  'pack-print': '/packs/csit-document-one/print/',
  'maturity-models': '/maturity/',
  'maturity': '/maturity/ci-sam/',
  'dimension': '/maturity/ci-sam/leadership/',
  'maturity-level': '/maturity/ci-sam/level-3/',
  'maturity-sheet': '/maturity/ci-sam/sheet/',
  'self-assessment': '/maturity/ci-sam/self-assessment/',
  'search': '/search/',
  'whats-changed': '/whats-changed/',
  // Only in a site built with serve --compare (run.sh --site on such an output checks it).
  'changes': '/changes/',
};
