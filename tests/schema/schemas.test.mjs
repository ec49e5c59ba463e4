// The JSON Schemas of generator/schema/ against the loaders, which stay the authority: every real
// content file validates; every bad-content case that is a shape mistake (an unknown key, a wrong
// type, a missing required key, a value outside a closed set) fails its schema where the loader
// fails it; every other case is not claimed by the schemas (no schema error: the reader refuses
// the file, or it is a mistake no schema can see). With ICIPS_BINARY set, a site built by it
// publishes the schemas at /schema/<kind>.json. Run by run.sh.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { KINDS, checkFile, compileSchemas, kindOf, listFiles, modelineSchema, schemaFile } from "./validate.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const content = process.env.ICIPS_CONTENT ?? path.join(repo, "content");
const cases = path.join(repo, "tests", "bad-content");

// What the schemas must report for each shape mistake, exactly: `<file> <instance path> <keyword>
// <key>` (the key missing or not allowed, or the value refused).
const SHAPE = {
  "alias-bomb-front-matter": [
    "about.md /nav type", "about.md /description type", "about.md /raw_html type", "about.md /order type",
  ],
  "assignment-without-number": ["standards/underpinning-knowledge/member.yaml /assignments/0 required number"],
  "empty-yaml-file": ["standards/grades.yaml / type"],
  "grades-without-ids": ["standards/grades.yaml /grades/0 required id", "standards/grades.yaml /grades/1 required id"],
  "huge-yaml-line": ["site.yaml / additionalProperties titel", "site.yaml /footer maxLength"],
  "long-footer": ["site.yaml /footer maxLength"],
  "long-id": ["standards/grades.yaml /grades/0/id maxLength"],
  "long-title-page": ["about.md /title maxLength"],
  "long-title-yaml": ["standards/grades.yaml /grades/0/title maxLength"],
  "markdown-page-without-title": ["about.md / required title"],
  "missing-required-key": ["standards/grades.yaml /grades/0 required title"],
  "pack-unknown-question-kind": ["packs/improvement.yaml /sections/0/worksheets/0/questions/1/kind enum essay"],
  "site-bad-base-url": ["site.yaml /base_url pattern"],
  "site-base-url-bad-path": ["site.yaml /base_url pattern"],
  "unknown-key-did-you-mean": [
    "standards/underpinning-knowledge/member.yaml /assignments/0 additionalProperties titel",
    "standards/underpinning-knowledge/member.yaml /assignments/0 required title",
  ],
  "wrong-type-list-for-string": ["standards/areas.yaml /areas/0/title type"],
  "wrong-type-map-for-list": ["standards/grades.yaml /grades/0/underpinning_from type"],
  "wrong-type-string-for-number": ["standards/underpinning-knowledge/member.yaml /assignments/0/number type"],
};

// The other cases and why no schema claims them.
const TEXT = "the text is refused before any shape: the YAML reader refuses it as the loader does";
const MEANING = "right shape, wrong meaning: only the loader, which sees the whole site, can tell";
const NOT_YAML = "the mistake is not in YAML: a Markdown body, a link or a theme template";
const FILE = "the mistake is the file's name or kind (a link), not what it holds";
const LIMIT = "a limit of content/limits.h on Markdown's shape, which a schema cannot express";
const NOT_SHAPE = {
  "alias-bomb-items": TEXT,
  "alias-bomb-pack": TEXT,
  "alias-self-reference": TEXT,
  "alias-self-reference-items": TEXT,
  "assignment-unknown-area": MEANING,
  "assignment-unknown-grade": MEANING,
  "broken-fragment": NOT_YAML,
  "broken-internal-link": NOT_YAML,
  "control-character-markdown": NOT_YAML,
  "dangling-underpinning-from": MEANING,
  "deeply-nested-front-matter": TEXT,
  "deeply-nested-yaml": TEXT,
  "duplicate-assignment-number": MEANING,
  "duplicate-grade-id": MEANING,
  "duplicate-item-id": MEANING,
  "duplicate-page-url": MEANING,
  "empty-markdown-file": TEXT,
  "grades-yaml-broken-no-cascade": TEXT,
  "huge-markdown-page": NOT_YAML,
  "invalid-utf8-markdown": TEXT,
  "invalid-utf8-yaml": TEXT,
  "markdown-raw-script": NOT_YAML,
  "maturity-cells-out-of-order": MEANING,
  "maturity-levels-out-of-order": MEANING,
  "maturity-missing-level-cell": MEANING,
  "nul-byte-yaml": "a control character inside a text: only the loader checks characters",
  "pack-duplicate-question-id": MEANING,
  "pack-unknown-scale": MEANING,
  "page-at-generated-url": MEANING,
  "partial-syntax-error": NOT_YAML,
  "theme-template-syntax-error": NOT_YAML,
  "too-many-values": "right shape, but more values than the loader reads from one file",
  "unclosed-front-matter": TEXT,
  "yaml-duplicate-key": TEXT,
  "yaml-second-document": TEXT,
  "yaml-syntax-error": TEXT,
  "yaml-syntax-error-second-document": TEXT,
  "yaml-tab-indentation": TEXT,
  "lone-cr-line-ends": TEXT,
  "markdown-nested-too-deep": NOT_YAML,
  "markdown-paragraph-too-many-marks": NOT_YAML,
  "page-at-theme-asset": MEANING,
  "page-at-whats-changed": MEANING,
  "page-name-backslash": FILE,
  "page-name-dot-dot": FILE,
  "page-name-generated-file": FILE,
  "page-name-invalid-utf8": FILE,
  "raw-html-sanitized": NOT_YAML,
  "symlink-folder-outside": FILE,
  "symlink-page-outside": FILE,
  "symlink-theme-files": FILE,
  "table-too-many-cells": NOT_YAML,
  "table-too-wide": NOT_YAML,
  "yaml-markdown-table-too-wide": LIMIT,
};

const validators = compileSchemas(repo);

function describe(result, relative) {
  return result.errors.map((e) => `${relative} ${e.path} ${e.keyword}${e.key ? ` ${e.key}` : ""}`);
}

function contentFiles(dir) {
  return fs.existsSync(dir) ? listFiles(dir).filter((rel) => kindOf(rel)) : [];
}

// A copy of a case with its expect.txt `repeat:` lines carried out as the bad-content runner does,
// the counts capped at 20,000 (what a case says does not depend on a 50 MB line).
function caseContent(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icips-schema-case-"));
  fs.cpSync(path.join(cases, name), dir, { recursive: true });
  for (const line of fs.readFileSync(path.join(dir, "expect.txt"), "utf8").split("\n")) {
    const m = /^repeat:\s+(\S+)\s+(\S+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const text = m[4].startsWith('"') && m[4].endsWith('"') ? m[4].slice(1, -1) : m[4];
    const file = path.join(dir, m[1]);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").split(m[2]).join(text.repeat(Math.min(Number(m[3]), 20000))));
  }
  return dir;
}

test("there is one schema for each kind of content file, and each compiles in ajv's strict mode", () => {
  const files = fs.readdirSync(path.join(repo, "generator", "schema")).filter((f) => f.endsWith(".json")).sort();
  assert.deepEqual(files, KINDS.map((k) => `${k}.schema.json`).sort());
  assert.deepEqual(Object.keys(validators).sort(), [...KINDS].sort());
});

test("every content file validates against the schema of its kind", () => {
  const failures = [];
  const seen = new Set();
  for (const rel of contentFiles(content)) {
    const result = checkFile(validators, content, rel);
    seen.add(result.kind);
    if (result.refused) failures.push(`${rel}: not read: ${result.refused}`);
    else for (const e of result.errors) failures.push(`${rel}:${e.line}: ${e.message}`);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual([...seen].sort(), [...KINDS].sort(), "the content has files of every kind");
});

test("every YAML content file names its schema in its first line", () => {
  const wrong = [];
  for (const rel of contentFiles(content).filter((r) => r.endsWith(".yaml"))) {
    const named = modelineSchema(content, rel);
    const expected = schemaFile(repo, kindOf(rel));
    if (named !== expected)
      wrong.push(`${rel}: first line should be "# yaml-language-server: $schema=${path.relative(path.dirname(path.join(content, rel)), expected)}"`);
  }
  assert.deepEqual(wrong, []);
});

test("every bad-content case is listed as a shape mistake or not", () => {
  const listed = [...Object.keys(SHAPE), ...Object.keys(NOT_SHAPE)].sort();
  const present = fs.readdirSync(cases).filter((c) => fs.existsSync(path.join(cases, c, "expect.txt"))).sort();
  assert.deepEqual(present, listed, "a new case goes in SHAPE (with what the schema reports) or NOT_SHAPE (with why)");
  for (const name of Object.keys(SHAPE)) assert.ok(!(name in NOT_SHAPE), `${name} is listed twice`);
});

for (const [name, expected] of Object.entries(SHAPE)) {
  test(`shape mistake ${name} fails its schema where the loader fails it`, () => {
    const dir = caseContent(name);
    try {
      const found = [];
      for (const rel of contentFiles(path.join(dir, "content"))) {
        const result = checkFile(validators, path.join(dir, "content"), rel);
        assert.ok(!result.refused, `${rel} is read (${result.refused})`);
        found.push(...describe(result, rel));
      }
      assert.deepEqual(found.sort(), [...expected].sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

for (const [name, why] of Object.entries(NOT_SHAPE)) {
  test(`${name} is not claimed by the schemas (${why})`, () => {
    const dir = caseContent(name);
    try {
      const claimed = [];
      for (const rel of contentFiles(path.join(dir, "content"))) {
        const result = checkFile(validators, path.join(dir, "content"), rel);
        if (!result.refused) claimed.push(...describe(result, rel));
      }
      assert.deepEqual(claimed, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("a built site publishes each schema at /schema/<kind>.json, byte for byte", { skip: !process.env.ICIPS_BINARY }, () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "icips-schema-site-"));
  try {
    execFileSync(process.env.ICIPS_BINARY, ["build", "--content", content, "--out", path.join(out, "site")], { stdio: "pipe" });
    const published = fs.readdirSync(path.join(out, "site", "schema")).sort();
    assert.deepEqual(published, KINDS.map((k) => `${k}.json`).sort());
    for (const kind of KINDS)
      assert.ok(
        fs.readFileSync(path.join(out, "site", "schema", `${kind}.json`)).equals(fs.readFileSync(schemaFile(repo, kind))),
        `/schema/${kind}.json is generator/schema/${kind}.schema.json`,
      );
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
